package org.openledger.besu.rpc;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.abi.AbiType;

/**
 * Decoded ABI values as JSON values with the contracts' own names: a struct becomes an object
 * whose keys are its field names. Integers up to 32 bits are JSON numbers; wider ones (wei, ids,
 * block numbers) are decimal strings, exact in every JSON client. Addresses and bytes are 0x hex.
 */
public final class AbiValues {
  private AbiValues() {}

  public static Object toJson(AbiType type, Object value) {
    return switch (type) {
      case AbiType.Uint u -> integer(u.bits(), (BigInteger) value);
      case AbiType.Int i -> integer(i.bits(), (BigInteger) value);
      case AbiType.AddressType a -> ((Address) value).toHexString();
      case AbiType.Bool b -> value;
      case AbiType.FixedBytes f -> bytes(value);
      case AbiType.DynamicBytes d -> bytes(value);
      case AbiType.Str s -> value;
      case AbiType.Array a -> {
        List<Object> out = new ArrayList<>();
        for (Object element : (List<?>) value) out.add(toJson(a.element(), element));
        yield out;
      }
      case AbiType.Tuple t -> object(t, (List<?>) value);
    };
  }

  /** A tuple as an object keyed by its component names. */
  public static Map<String, Object> object(AbiType.Tuple tuple, List<?> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < tuple.size(); i++) {
      String name = tuple.names().get(i);
      out.put(name == null || name.isEmpty() ? "field" + i : name, toJson(tuple.components().get(i), values.get(i)));
    }
    return out;
  }

  private static Object integer(int bits, BigInteger value) {
    return bits <= 32 ? (Object) value.longValueExact() : value.toString();
  }

  private static String bytes(Object value) {
    return value instanceof Bytes b ? b.toHexString() : Bytes.wrap((byte[]) value).toHexString();
  }
}
