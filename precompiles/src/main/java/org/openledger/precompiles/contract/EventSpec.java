package org.openledger.precompiles.contract;

import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.abi.AbiCodec;
import org.openledger.precompiles.abi.AbiType;
import org.openledger.precompiles.host.Log;

/**
 * A Solidity event. Topic 0 is {@code keccak256(signature)}; each indexed value-type parameter is
 * a topic holding its 32-byte ABI word, an indexed {@code bytes} or {@code string} the keccak of
 * its contents; the other parameters are ABI-encoded in the data.
 */
public record EventSpec(String name, List<Param> params, String doc, String signature, Bytes32 topic0, AbiType.Tuple dataTypes) {

  static EventSpec of(String name, List<Param> params, String doc) {
    List<Param> data = new ArrayList<>();
    int indexed = 0;
    for (Param p : params) {
      if (p.indexed()) {
        indexed++;
        if (p.type() instanceof AbiType.Array || p.type() instanceof AbiType.Tuple) {
          throw new IllegalArgumentException("event " + name + ": indexed arrays and structs are not supported (" + p.name() + ")");
        }
      } else {
        data.add(p);
      }
    }
    if (indexed > 3) throw new IllegalArgumentException("event " + name + " has more than 3 indexed parameters");
    String signature = name + Declarations.tupleOf(params, null).canonical();
    Bytes32 topic0 = Bytes32.wrap(Keccak.hash(signature.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    return new EventSpec(name, List.copyOf(params), doc, signature, topic0, Declarations.tupleOf(data, null));
  }

  /** The log this event emits from {@code emitter} with {@code args} in declaration order. */
  public Log toLog(Address emitter, Object... args) {
    if (args.length != params.size()) {
      throw new IllegalArgumentException("event " + signature + " takes " + params.size() + " arguments, got " + args.length);
    }
    List<Bytes32> topics = new ArrayList<>(4);
    topics.add(topic0);
    List<Object> data = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      Param p = params.get(i);
      if (!p.indexed()) {
        data.add(args[i]);
      } else if (p.type().isDynamic()) {
        byte[] enc = AbiCodec.encodeSingle(p.type(), args[i]);
        // bytes/string: the topic is keccak of the contents, without length or padding
        int length = new java.math.BigInteger(1, java.util.Arrays.copyOfRange(enc, 32, 64)).intValueExact();
        topics.add(Bytes32.wrap(Keccak.hash(java.util.Arrays.copyOfRange(enc, 64, 64 + length))));
      } else {
        topics.add(Bytes32.wrap(AbiCodec.encodeSingle(p.type(), args[i])));
      }
    }
    return new Log(emitter, topics, Bytes.wrap(AbiCodec.encode(dataTypes, data)));
  }

  /** Gas of one emission with {@code dataBytes} bytes of data. */
  public long gas(org.openledger.precompiles.gas.GasSchedule schedule, long dataBytes) {
    long topics = 1 + params.stream().filter(Param::indexed).count();
    return schedule.log((int) topics, dataBytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventSpec e && e.signature.equals(signature);
  }

  @Override
  public int hashCode() {
    return signature.hashCode();
  }

  @Override
  public String toString() {
    return "event " + signature;
  }
}
