package org.openledger.precompiles.bench;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.abi.AbiCodec;
import org.openledger.precompiles.abi.AbiType;
import org.openledger.precompiles.example.Guestbook;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.reflection.Parameterized;
import org.web3j.utils.Numeric;

/**
 * Our {@link AbiCodec} against web3j 5.0.1's encoder and decoder, on two payloads:
 *
 * <ul>
 *   <li><b>sign</b>: the Guestbook's {@code sign(bytes32 key, string message)} calldata, a 40
 *       character message (164 bytes of calldata);
 *   <li><b>list</b>: {@code submit((address,uint256[],bytes)[])} with 16 elements, each with 4
 *       {@code uint256}s and 64 bytes of {@code bytes} (6,212 bytes of calldata).
 * </ul>
 *
 * <p>Each case is encoded (selector + arguments) and decoded (the arguments after the selector),
 * three ways:
 *
 * <ul>
 *   <li>{@code ours*}: {@link AbiCodec#encodeCall} from the framework's Java values to {@code
 *       byte[]}; {@link AbiCodec#decode} from {@code byte[]} to Java values, with its strict
 *       (Solidity ABI coder v2) checks.
 *   <li>{@code web3j*}: what the framework would pay to use web3j at the same boundary. Encode:
 *       wrap the Java values in web3j types, {@link FunctionEncoder#encode(String, List)} with a
 *       precomputed selector, hex to {@code byte[]}. Decode: {@code byte[]} to hex, {@link
 *       FunctionReturnDecoder#decode} to web3j types (not converted back to our values, which
 *       favours web3j).
 *   <li>{@code web3jHex*}: web3j's own API alone, the most favourable case for it: typed values
 *       built once, hex {@code String} out; a prebuilt hex {@code String} in.
 * </ul>
 *
 * <p>Setup checks that web3j and our codec produce the same bytes for both payloads, and that
 * web3j decodes them back, so every variant does the same work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AbiCodecBenchmark {
  static final int LIST_ELEMENTS = 16;
  static final int UINTS_PER_ELEMENT = 4;
  static final int BYTES_PER_ELEMENT = 64;

  /** The list case's element as a web3j struct: web3j decodes structs through this constructor. */
  public static final class Entry extends DynamicStruct {
    public Entry(
        org.web3j.abi.datatypes.Address account,
        @Parameterized(type = Uint256.class) DynamicArray<Uint256> amounts,
        DynamicBytes data) {
      super(account, amounts, data);
    }
  }

  // ---------------------------------------------------------------- sign(bytes32,string)
  private AbiType.Tuple signTypes;
  private byte[] signSelector;
  private String signMethodId;
  private Bytes32 signKey;
  private String signMessage;
  private List<Object> signValues;
  private List<Type> signWeb3jValues;
  private byte[] signCalldata;
  private String signArgsHex;
  private List<TypeReference<Type>> signWeb3jTypes;

  // ---------------------------------------------------------------- submit((address,uint256[],bytes)[])
  private AbiType.Tuple listTypes;
  private byte[] listSelector;
  private String listMethodId;
  private List<Object> listValues;
  private List<Type> listWeb3jValues;
  private byte[] listCalldata;
  private String listArgsHex;
  private List<TypeReference<Type>> listWeb3jTypes;

  @Setup
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void setUp() {
    signTypes = Guestbook.SIGN.inputTypes();
    signSelector = Guestbook.SIGN.selector();
    signMethodId = Numeric.toHexString(signSelector);
    signKey = Bytes32.wrap(Keccak.hash("guestbook key".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    signMessage = TypicalCallBenchmark.MESSAGE;
    signValues = List.of(signKey, signMessage);
    signWeb3jValues = web3jSign();
    signCalldata = AbiCodec.encodeCall(signSelector, signTypes, signValues);
    signArgsHex = Numeric.toHexStringNoPrefix(Arrays.copyOfRange(signCalldata, 4, signCalldata.length));
    signWeb3jTypes = List.of(
        (TypeReference) new TypeReference<org.web3j.abi.datatypes.generated.Bytes32>() {},
        (TypeReference) new TypeReference<Utf8String>() {});

    AbiType.Tuple element = AbiType.Tuple.of(
        new AbiType.AddressType(), new AbiType.Array(new AbiType.Uint(256), AbiType.Array.DYNAMIC), new AbiType.DynamicBytes());
    listTypes = AbiType.Tuple.of(new AbiType.Array(element, AbiType.Array.DYNAMIC));
    listSelector = Keccak.selector("submit" + listTypes.canonical());
    listMethodId = Numeric.toHexString(listSelector);
    List<Object> entries = new ArrayList<>();
    for (int i = 0; i < LIST_ELEMENTS; i++) {
      List<BigInteger> amounts = new ArrayList<>();
      for (int j = 0; j < UINTS_PER_ELEMENT; j++) {
        amounts.add(BigInteger.TWO.pow(8 * (i + j + 1)).subtract(BigInteger.valueOf(i * 31L + j)));
      }
      byte[] data = new byte[BYTES_PER_ELEMENT];
      for (int k = 0; k < data.length; k++) data[k] = (byte) (i * 7 + k);
      entries.add(List.of(Address.of(0x1000L + i * 0x10001L), List.copyOf(amounts), Bytes.wrap(data)));
    }
    listValues = List.of(List.copyOf(entries));
    listWeb3jValues = web3jList();
    listCalldata = AbiCodec.encodeCall(listSelector, listTypes, listValues);
    listArgsHex = Numeric.toHexStringNoPrefix(Arrays.copyOfRange(listCalldata, 4, listCalldata.length));
    listWeb3jTypes = List.of((TypeReference) new TypeReference<DynamicArray<Entry>>() {});

    // Same bytes from both encoders, and both decoders accept them: every variant does the same work.
    check("sign encode", Arrays.equals(signCalldata, web3jEncodeSign()));
    check("list encode", Arrays.equals(listCalldata, web3jEncodeList()));
    check("sign decode", AbiCodec.decode(signTypes, signCalldata, 4, signCalldata.length - 4).equals(signValues)
        && ((Utf8String) web3jDecodeSign().get(1)).getValue().equals(signMessage));
    check("list decode", oursDecodeList().equals(listValues)
        && ((DynamicArray<?>) web3jDecodeList().get(0)).getValue().size() == LIST_ELEMENTS
        && web3jDecodeList().get(0).equals(listWeb3jValues.get(0)));
  }

  private static void check(String what, boolean ok) {
    if (!ok) throw new IllegalStateException(what + ": web3j and AbiCodec disagree");
  }

  /** The sign arguments as web3j types, from the framework's Java values. */
  private List<Type> web3jSign() {
    return List.of(new org.web3j.abi.datatypes.generated.Bytes32(signKey.toArrayUnsafe()), new Utf8String(signMessage));
  }

  /** The list argument as web3j types, from the framework's Java values. */
  @SuppressWarnings("unchecked")
  private List<Type> web3jList() {
    List<?> entries = (List<?>) listValues.get(0);
    List<Entry> out = new ArrayList<>(entries.size());
    for (Object e : entries) {
      List<?> fields = (List<?>) e;
      List<?> amounts = (List<?>) fields.get(1);
      List<Uint256> uints = new ArrayList<>(amounts.size());
      for (Object a : amounts) uints.add(new Uint256((BigInteger) a));
      out.add(new Entry(
          new org.web3j.abi.datatypes.Address(((Address) fields.get(0)).toBigInteger()),
          new DynamicArray<>(Uint256.class, uints),
          new DynamicBytes(((Bytes) fields.get(2)).toArrayUnsafe())));
    }
    return List.of(new DynamicArray<>(Entry.class, out));
  }

  // ---------------------------------------------------------------- sign

  @Benchmark
  public byte[] oursEncodeSign() {
    return AbiCodec.encodeCall(signSelector, signTypes, signValues);
  }

  @Benchmark
  public byte[] web3jEncodeSign() {
    return Numeric.hexStringToByteArray(FunctionEncoder.encode(signMethodId, web3jSign()));
  }

  @Benchmark
  public String web3jHexEncodeSign() {
    return FunctionEncoder.encode(signMethodId, signWeb3jValues);
  }

  @Benchmark
  public List<Object> oursDecodeSign() {
    return AbiCodec.decode(signTypes, signCalldata, 4, signCalldata.length - 4);
  }

  @Benchmark
  public List<Type> web3jDecodeSign() {
    return FunctionReturnDecoder.decode(Numeric.toHexString(signCalldata, 4, signCalldata.length - 4, false), signWeb3jTypes);
  }

  @Benchmark
  public List<Type> web3jHexDecodeSign() {
    return FunctionReturnDecoder.decode(signArgsHex, signWeb3jTypes);
  }

  // ---------------------------------------------------------------- list

  @Benchmark
  public byte[] oursEncodeList() {
    return AbiCodec.encodeCall(listSelector, listTypes, listValues);
  }

  @Benchmark
  public byte[] web3jEncodeList() {
    return Numeric.hexStringToByteArray(FunctionEncoder.encode(listMethodId, web3jList()));
  }

  @Benchmark
  public String web3jHexEncodeList() {
    return FunctionEncoder.encode(listMethodId, listWeb3jValues);
  }

  @Benchmark
  public List<Object> oursDecodeList() {
    return AbiCodec.decode(listTypes, listCalldata, 4, listCalldata.length - 4);
  }

  @Benchmark
  public List<Type> web3jDecodeList() {
    return FunctionReturnDecoder.decode(Numeric.toHexString(listCalldata, 4, listCalldata.length - 4, false), listWeb3jTypes);
  }

  @Benchmark
  public List<Type> web3jHexDecodeList() {
    return FunctionReturnDecoder.decode(listArgsHex, listWeb3jTypes);
  }
}
