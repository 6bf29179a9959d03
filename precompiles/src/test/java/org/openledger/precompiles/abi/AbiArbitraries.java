package org.openledger.precompiles.abi;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.precompiles.Address;

/**
 * Generators of ABI type trees and of Java values of those types, shared by the property tests.
 *
 * <p>Type trees are bounded: nesting depth at most {@link #MAX_DEPTH}, dynamic arrays of 0..3
 * elements, fixed arrays of 1..3, tuples of 1..4 components, parameter lists of 0..4. That keeps one
 * try well under a millisecond while still covering every head/tail combination the codec has.
 */
final class AbiArbitraries {
  static final int MAX_DEPTH = 3;

  private AbiArbitraries() {}

  /** A type and a value of it. */
  record Typed(AbiType type, Object value) {}

  /** A parameter list and its values: what {@link AbiCodec#encode} takes. */
  record Params(AbiType.Tuple types, List<Object> values) {
    @Override public String toString() {
      return types.canonical() + " " + values;
    }
  }

  // ------------------------------------------------------------------ types

  /** uintN and intN for every N in 8..256 step 8, address, bool, bytes1..32, bytes, string. */
  static Arbitrary<AbiType> elementaryTypes() {
    Arbitrary<Integer> bits = Arbitraries.integers().between(1, 32).map(n -> 8 * n);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, bits.map(AbiType.Uint::new)),
        net.jqwik.api.Tuple.of(4, bits.map(AbiType.Int::new)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(new AbiType.AddressType())),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(new AbiType.Bool())),
        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 32).map(AbiType.FixedBytes::new)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(new AbiType.DynamicBytes())),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(new AbiType.Str())));
  }

  /** Any type tree of depth at most {@code depth} (0: elementary only). */
  static Arbitrary<AbiType> types(int depth) {
    return types(depth, t -> true);
  }

  /**
   * Type trees of depth at most {@code depth} whose every composite node passes {@code allowed}
   * (used to keep the web3j properties inside what web3j handles).
   */
  static Arbitrary<AbiType> types(int depth, Predicate<AbiType> allowed) {
    if (depth == 0) return elementaryTypes();
    Arbitrary<AbiType> inner = types(depth - 1, allowed);
    Arbitrary<AbiType> dynamicArray = inner.map(t -> (AbiType) new AbiType.Array(t, AbiType.Array.DYNAMIC));
    Arbitrary<AbiType> fixedArray =
        Combinators.combine(inner, Arbitraries.integers().between(1, 3)).as((t, n) -> (AbiType) new AbiType.Array(t, n));
    Arbitrary<AbiType> tuple = inner.list().ofMinSize(1).ofMaxSize(4).map(cs -> (AbiType) new AbiType.Tuple(cs));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, elementaryTypes()),
        net.jqwik.api.Tuple.of(1, dynamicArray.filter(allowed::test)),
        net.jqwik.api.Tuple.of(1, fixedArray.filter(allowed::test)),
        net.jqwik.api.Tuple.of(1, tuple.filter(allowed::test)));
  }

  static Arbitrary<AbiType.Tuple> parameterLists(Arbitrary<AbiType> types) {
    return types.list().ofMinSize(0).ofMaxSize(4).map(AbiType.Tuple::new);
  }

  // ------------------------------------------------------------------ values

  /** Values of {@code type}, in the Java representation {@link AbiCodec#decode} returns. */
  static Arbitrary<Object> values(AbiType type) {
    return values(type, false);
  }

  /**
   * Values of {@code type}; with {@code asciiInStringArrays} the elements of {@code string[]} arrays
   * are ASCII (web3j 5.0.1 computes their offsets from the UTF-16 length).
   */
  static Arbitrary<Object> values(AbiType type, boolean asciiInStringArrays) {
    return switch (type) {
      case AbiType.Uint u -> Arbitraries.bigIntegers()
          .between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(u.bits()).subtract(BigInteger.ONE))
          .map(v -> (Object) v);
      case AbiType.Int i -> Arbitraries.bigIntegers()
          .between(BigInteger.ONE.shiftLeft(i.bits() - 1).negate(), BigInteger.ONE.shiftLeft(i.bits() - 1).subtract(BigInteger.ONE))
          .map(v -> (Object) v);
      case AbiType.AddressType a -> byteArrays(20, 20).map(b -> (Object) Address.wrap(b));
      case AbiType.Bool b -> Arbitraries.of(true, false).map(v -> (Object) v);
      case AbiType.FixedBytes f -> byteArrays(f.length(), f.length()).map(b -> (Object) Bytes.wrap(b));
      // lengths around one and two 32-byte words, where padding changes
      case AbiType.DynamicBytes d -> byteArrays(0, 70).map(b -> (Object) Bytes.wrap(b));
      case AbiType.Str s -> strings().map(v -> (Object) v);
      case AbiType.Array a -> {
        Arbitrary<Object> element = asciiInStringArrays && !a.isFixed() && a.element() instanceof AbiType.Str
            ? asciiStrings().map(v -> (Object) v)
            : values(a.element(), asciiInStringArrays);
        Arbitrary<List<Object>> list = a.isFixed() ? element.list().ofSize(a.length()) : element.list().ofMaxSize(3);
        yield list.map(l -> (Object) l);
      }
      case AbiType.Tuple t -> {
        List<Arbitrary<Object>> parts = new ArrayList<>();
        for (AbiType c : t.components()) parts.add(values(c, asciiInStringArrays));
        // Combinators.combine(List) needs at least one arbitrary
        yield parts.isEmpty()
            ? Arbitraries.just((Object) List.of())
            : Combinators.combine(parts).as(l -> (Object) List.copyOf(l));
      }
    };
  }

  static Arbitrary<Typed> typedValues(Arbitrary<AbiType> types) {
    return types.flatMap(t -> values(t).map(v -> new Typed(t, v)));
  }

  static Arbitrary<Params> params(Arbitrary<AbiType> types) {
    return params(types, false);
  }

  static Arbitrary<Params> params(Arbitrary<AbiType> types, boolean asciiInStringArrays) {
    return parameterLists(types).flatMap(t -> values(t, asciiInStringArrays).map(v -> {
      @SuppressWarnings("unchecked")
      List<Object> list = (List<Object>) v;
      return new Params(t, list);
    }));
  }

  static Arbitrary<byte[]> byteArrays(int min, int max) {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
  }

  static Arbitrary<String> asciiStrings() {
    return Arbitraries.strings().ascii().ofMaxLength(70);
  }

  /** Valid Unicode strings: ASCII, and any code point outside the surrogate range (1 to 4 UTF-8 bytes). */
  static Arbitrary<String> strings() {
    Arbitrary<String> ascii = asciiStrings();
    Arbitrary<String> unicode = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
        .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
        .list().ofMaxSize(20)
        .map(cps -> {
          StringBuilder sb = new StringBuilder();
          cps.forEach(sb::appendCodePoint);
          return sb.toString();
        });
    return Arbitraries.oneOf(ascii, unicode);
  }
}
