package org.openledger.precompiles.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.openledger.precompiles.Keccak;

/**
 * Encoding then decoding gives back the value, for any type tree (every uintN/intN, address, bool,
 * bytes1..32, bytes, string, dynamic and fixed arrays, nested tuples, to depth 3) and any value of it.
 */
class AbiCodecRoundTripTest {

  @Property(tries = 1000)
  void decodingAnEncodedParameterListGivesBackTheValues(@ForAll("params") AbiArbitraries.Params p) {
    byte[] encoded = AbiCodec.encode(p.types(), p.values());

    assertThat(AbiCodec.decode(p.types(), encoded)).isEqualTo(p.values());
  }

  @Property(tries = 500)
  void encodeSingleIsTheOneParameterList(@ForAll("typed") AbiArbitraries.Typed v) {
    byte[] single = AbiCodec.encodeSingle(v.type(), v.value());

    assertThat(single).isEqualTo(AbiCodec.encode(AbiType.Tuple.of(v.type()), List.of(v.value())));
    assertThat(AbiCodec.decode(AbiType.Tuple.of(v.type()), single)).containsExactly(v.value());
  }

  @Property(tries = 500)
  void sizeIsTheLengthOfTheEncoding(@ForAll("params") AbiArbitraries.Params p) {
    assertThat(AbiCodec.size(p.types(), p.values())).isEqualTo(AbiCodec.encode(p.types(), p.values()).length);
  }

  @Property(tries = 500)
  void encodingIsWholeWords(@ForAll("params") AbiArbitraries.Params p) {
    assertThat(AbiCodec.encode(p.types(), p.values()).length % 32).isZero();
  }

  @Property(tries = 300)
  void callDataIsTheSelectorThenTheArgumentsAndDecodesFromOffsetFour(@ForAll("params") AbiArbitraries.Params p) {
    byte[] selector = Keccak.selector("f" + p.types().canonical());

    byte[] call = AbiCodec.encodeCall(selector, p.types(), p.values());

    byte[] args = AbiCodec.encode(p.types(), p.values());
    assertThat(call).startsWith(selector).endsWith(args).hasSize(4 + args.length);
    assertThat(AbiCodec.decode(p.types(), call, 4, call.length - 4)).isEqualTo(p.values());
  }

  @Property(tries = 300)
  void trailingBytesAfterTheEncodingDoNotChangeTheDecodedValues(
      @ForAll("params") AbiArbitraries.Params p, @ForAll @IntRange(min = 1, max = 64) int extra) {
    byte[] encoded = AbiCodec.encode(p.types(), p.values());
    byte[] longer = Arrays.copyOf(encoded, encoded.length + extra);
    Arrays.fill(longer, encoded.length, longer.length, (byte) 0xa5);

    assertThat(AbiCodec.decode(p.types(), longer)).isEqualTo(p.values());
  }

  @Property(tries = 300)
  void everyProperPrefixOfAStaticEncodingIsRefused(@ForAll("params") AbiArbitraries.Params p) {
    // for a static parameter list the decoder must read every byte of the encoding
    Assume.that(!p.types().isDynamic() && p.types().size() > 0);
    byte[] encoded = AbiCodec.encode(p.types(), p.values());

    for (int cut = 0; cut < encoded.length; cut++) {
      byte[] prefix = Arrays.copyOf(encoded, cut);
      assertThatThrownBy(() -> AbiCodec.decode(p.types(), prefix))
          .isInstanceOf(MalformedAbiException.class);
    }
  }

  @Property(tries = 1000)
  void canonicalNamesParseBackToTheSameType(@ForAll("types") AbiType type) {
    assertThat(AbiType.parse(type.canonical())).isEqualTo(type);
  }

  @Provide
  Arbitrary<AbiArbitraries.Params> params() {
    return AbiArbitraries.params(AbiArbitraries.types(AbiArbitraries.MAX_DEPTH));
  }

  @Provide
  Arbitrary<AbiArbitraries.Typed> typed() {
    return AbiArbitraries.typedValues(AbiArbitraries.types(AbiArbitraries.MAX_DEPTH));
  }

  @Provide
  Arbitrary<AbiType> types() {
    return AbiArbitraries.types(AbiArbitraries.MAX_DEPTH);
  }
}
