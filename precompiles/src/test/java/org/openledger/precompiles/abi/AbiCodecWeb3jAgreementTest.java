package org.openledger.precompiles.abi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.openledger.precompiles.Keccak;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.utils.Numeric;

/**
 * Our codec and web3j 5.0.1 (the reference the codec is measured against) agree.
 *
 * <p>web3j is not right everywhere, so each property runs on the types where web3j is; every
 * restriction below is a web3j 5.0.1 bug or gap found by these properties (and checked against the
 * ABI specification), not a limitation of our codec, whose own round trip is checked on all types in
 * {@link AbiCodecRoundTripTest}:
 *
 * <ul>
 *   <li>{@code TypeEncoder.isDynamic} calls a {@code StaticArray} dynamic only when its elements are
 *       {@code DynamicStruct}s, so {@code string[2]}, {@code bytes[1]}, {@code uint8[][2]} are written
 *       in place, without an offset.
 *   <li>A {@code DynamicArray} gets element offsets only when its elements are bytes, strings,
 *       dynamic arrays or dynamic structs, so {@code (bytes)[2][]} has none.
 *   <li>The element offsets of a {@code string[]} are computed from {@code String.length()} (UTF-16
 *       units), not the UTF-8 length: the encoding properties use ASCII inside {@code string[]}.
 *   <li>{@code DefaultFunctionEncoder.getLength} (used by {@code encodeConstructor} and {@code
 *       encode(Function)}) counts a static array of static structs as zero head words; see {@link
 *       #web3jCountsHead}. The tuple-encoding properties avoid it by encoding the parameter list as a
 *       {@code DynamicStruct}, whose encoding is the parameter list encoding.
 *   <li>{@code FunctionReturnDecoder}: see {@link #web3jDecodes}.
 * </ul>
 */
class AbiCodecWeb3jAgreementTest {

  /** A parameter list encodes like web3j's encoding of the same values as one (tuple) struct. */
  @Property(tries = 1000)
  void encodingEqualsWeb3jTupleEncoding(@ForAll("web3jEncodable") AbiArbitraries.Params p) {
    String web3j = TypeEncoder.encode(new DynamicStruct(Web3jTypes.toWeb3j(p.types(), p.values())));

    assertThat(hex(AbiCodec.encode(p.types(), p.values()))).isEqualTo(web3j);
  }

  /** A parameter list encodes like web3j's {@code FunctionEncoder.encodeConstructor} of the same values. */
  @Property(tries = 1000)
  void encodingEqualsWeb3jConstructorEncoding(@ForAll("web3jEncodableParameterList") AbiArbitraries.Params p) {
    String web3j = FunctionEncoder.encodeConstructor(Web3jTypes.toWeb3j(p.types(), p.values()));

    assertThat(hex(AbiCodec.encode(p.types(), p.values()))).isEqualTo(web3j);
  }

  /** Our strict decoder accepts web3j's encodings and reads back the values web3j encoded. */
  @Property(tries = 1000)
  void decodingWeb3jEncodingGivesTheValues(@ForAll("web3jEncodable") AbiArbitraries.Params p) {
    byte[] web3j = Numeric.hexStringToByteArray(TypeEncoder.encode(new DynamicStruct(Web3jTypes.toWeb3j(p.types(), p.values()))));

    assertThat(AbiCodec.decode(p.types(), web3j)).isEqualTo(p.values());
  }

  /** web3j's {@code FunctionReturnDecoder} reads our encodings back to the values we encoded. */
  @Property(tries = 1000)
  void web3jDecodesOurEncodingToTheValues(@ForAll("web3jDecodable") AbiArbitraries.Params p) {
    String ours = Numeric.toHexString(AbiCodec.encode(p.types(), p.values()));

    List<Type> decoded = FunctionReturnDecoder.decode(
        ours, p.types().components().stream().map(Web3jTypes::typeReference).toList());

    assertThat(decoded).hasSize(p.types().size());
    for (int i = 0; i < p.types().size(); i++) {
      assertThat(Web3jTypes.fromWeb3j(p.types().components().get(i), decoded.get(i)))
          .as("parameter %d", i)
          .isEqualTo(p.values().get(i));
    }
  }

  /** {@link Keccak#selector} is web3j's method id (first four bytes of keccak256) of any signature. */
  @Property(tries = 500)
  void selectorEqualsWeb3jMethodId(@ForAll("signatures") String signature) {
    assertThat(Numeric.toHexString(Keccak.selector(signature))).isEqualTo(MethodId.of(signature));
  }

  /** Any parameter list web3j's {@code TypeEncoder} encodes right (no tuple or array restriction but these). */
  @Provide
  Arbitrary<AbiArbitraries.Params> web3jEncodable() {
    return AbiArbitraries.params(AbiArbitraries.types(AbiArbitraries.MAX_DEPTH, AbiCodecWeb3jAgreementTest::web3jEncodes), true);
  }

  /** No fixed array of dynamic non-tuple elements; no dynamic array of dynamic fixed arrays. */
  static boolean web3jEncodes(AbiType t) {
    if (!(t instanceof AbiType.Array a)) return true;
    AbiType e = a.element();
    if (a.isFixed()) {
      return !e.isDynamic() || e instanceof AbiType.Tuple;
    }
    return !(e instanceof AbiType.Array ea && ea.isFixed() && ea.isDynamic());
  }

  @Provide
  Arbitrary<AbiArbitraries.Params> web3jEncodableParameterList() {
    return web3jEncodable().filter(p -> p.types().components().stream().allMatch(AbiCodecWeb3jAgreementTest::web3jCountsHead));
  }

  /**
   * Whether web3j's {@code DefaultFunctionEncoder.getLength} counts the head of a parameter right.
   * It counts one word per parameter, except that it recurses into a {@code StaticArray} (a
   * {@code StaticStruct} is one) and counts a {@code StaticArray} of {@code StaticStruct}s as the
   * public fields of the struct class: none for the generic {@code StaticStruct}.
   */
  static boolean web3jCountsHead(AbiType t) {
    return 32 * web3jHeadWords(t) == t.headSize();
  }

  private static int web3jHeadWords(AbiType t) {
    if (t instanceof AbiType.Array a && a.isFixed()) {
      if (a.element() instanceof AbiType.Tuple e) return e.isDynamic() ? 1 : 0;
      return a.length() * web3jHeadWords(a.element());
    }
    if (t instanceof AbiType.Tuple tuple && !tuple.isDynamic()) {
      return tuple.components().stream().mapToInt(AbiCodecWeb3jAgreementTest::web3jHeadWords).sum();
    }
    return 1;
  }

  private static String hex(byte[] b) {
    return Numeric.toHexStringNoPrefix(b);
  }

  @Provide
  Arbitrary<AbiArbitraries.Params> web3jDecodable() {
    return AbiArbitraries.params(AbiArbitraries.types(2).filter(AbiCodecWeb3jAgreementTest::web3jDecodes));
  }

  /**
   * The parameter types web3j's {@code FunctionReturnDecoder} decodes right from a type reference
   * made from the canonical name: elementary types, {@code T[]}, {@code T[k]} of static {@code T},
   * and {@code T[][]}. It cannot decode tuples without a generated struct class, throws on {@code
   * T[][k]}, {@code T[k][m]} and three levels of arrays, returns wrong values for {@code bytes[k]} /
   * {@code string[k]} when there is another parameter, and misreads {@code T[k][]} depending on the
   * data (e.g. {@code uint8[1][]} holding {@code [[32], [0]]}).
   */
  static boolean web3jDecodes(AbiType t) {
    if (t instanceof AbiType.Tuple) return false;
    if (!(t instanceof AbiType.Array a)) return true;
    AbiType e = a.element();
    if (e instanceof AbiType.Tuple) return false;
    if (!(e instanceof AbiType.Array inner)) return !a.isFixed() || !e.isDynamic();
    return !a.isFixed() && !inner.isFixed() && !(inner.element() instanceof AbiType.Array) && !(inner.element() instanceof AbiType.Tuple);
  }

  /** Solidity-like function signatures: an identifier and a parameter list of any canonical types. */
  @Provide
  Arbitrary<String> signatures() {
    Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
        .withChars('_', '$').ofMinLength(1).ofMaxLength(1)
        .flatMap(first -> Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
            .withCharRange('0', '9').withChars('_', '$').ofMaxLength(20).map(rest -> first + rest));
    return Combinators.combine(name, AbiArbitraries.parameterLists(AbiArbitraries.types(2)))
        .as((n, params) -> n + params.canonical());
  }

  /** {@code FunctionEncoder.buildMethodId} is protected; a subclass may call it. */
  private abstract static class MethodId extends FunctionEncoder {
    static String of(String signature) {
      return buildMethodId(signature);
    }
  }
}
