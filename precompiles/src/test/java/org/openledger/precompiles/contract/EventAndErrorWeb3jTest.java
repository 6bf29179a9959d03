package org.openledger.precompiles.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Positive;
import net.jqwik.api.constraints.StringLength;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.example.Guestbook;
import org.openledger.precompiles.host.Log;
import org.web3j.abi.CustomErrorEncoder;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.CustomError;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

/** Events and custom errors as web3j (and so any Ethereum tool) reads them. */
class EventAndErrorWeb3jTest {
  static final Address AUTHOR = Address.fromHex("0x1111111111111111111111111111111111111111");

  @Test
  void eventTopicZeroIsKeccakOfTheSoliditySignature() {
    Event signed = new Event("Signed", List.of(
        new TypeReference<org.web3j.abi.datatypes.Address>(true) {},
        new TypeReference<org.web3j.abi.datatypes.generated.Bytes32>(true) {},
        new TypeReference<Utf8String>(false) {}));
    assertThat(Guestbook.SIGNED.topic0().toHexString()).isEqualTo(EventEncoder.encode(signed));
  }

  @Test
  void everyDeclaredEventsTopicZeroMatchesWeb3jsEncoding() {
    for (EventSpec e : KitchenSink.SPEC.events()) {
      assertThat(e.topic0().toHexString())
          .isEqualTo(EventEncoder.buildEventSignature(e.signature()));
    }
  }

  @Property(tries = 200)
  void indexedValuesAreTopicsAndTheRestIsAbiEncodedData(@ForAll byte[] keySeed, @ForAll @StringLength(max = 80) String message) {
    byte[] key = new byte[32];
    System.arraycopy(keySeed, 0, key, 0, Math.min(32, keySeed.length));
    Log log = Guestbook.SIGNED.toLog(Guestbook.ADDRESS, AUTHOR, Bytes.wrap(key), message);
    assertThat(log.topics()).containsExactly(Guestbook.SIGNED.topic0(), Bytes32.leftPad(AUTHOR.toBytes()), Bytes32.wrap(key));
    @SuppressWarnings("rawtypes")
    List<Type> data = FunctionReturnDecoder.decode(log.data().toHexString(), List.of(new TypeReference<Utf8String>() {}).stream().map(t -> (TypeReference<Type>) (TypeReference) t).toList());
    assertThat(data.get(0).getValue()).isEqualTo(message);
  }

  @Test
  void anIndexedStringIsTheKeccakOfItsBytes() {
    Log log = KitchenSink.STORED.toLog(Address.ZERO, AUTHOR, Bytes32.ZERO, "label",
        List.of(BigInteger.ONE, Bytes32.ZERO, List.of(), List.of(List.of(BigInteger.ONE, BigInteger.TWO), List.of(BigInteger.ZERO, BigInteger.ZERO)), "x"),
        Bytes.EMPTY);
    assertThat(log.topics().get(3)).isEqualTo(Bytes32.wrap(Keccak.hash("label".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void customErrorSelectorsMatchWeb3j() {
    CustomError alreadySigned = new CustomError("AlreadySigned", List.of(
        new TypeReference<org.web3j.abi.datatypes.generated.Bytes32>() {}, new TypeReference<org.web3j.abi.datatypes.Address>() {}));
    assertThat(Bytes.wrap(Guestbook.ALREADY_SIGNED.selector()).toHexString()).isEqualTo(CustomErrorEncoder.encode(alreadySigned).substring(0, 10));
    for (ErrorSpec e : Guestbook.SPEC.errors()) {
      assertThat(Bytes.wrap(e.selector()).toHexString()).isEqualTo(CustomErrorEncoder.calculateSignatureHash(e.signature()).substring(0, 10));
    }
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  @Property(tries = 200)
  void customErrorArgumentsDecodeWithWeb3j(@ForAll @Positive BigInteger sent, @ForAll @Positive BigInteger minimum) {
    sent = sent.mod(BigInteger.ONE.shiftLeft(256));
    Bytes revert = Guestbook.TIP_TOO_SMALL.encode(sent, minimum);
    List<Type> decoded = FunctionReturnDecoder.decode(revert.slice(4).toHexString(),
        (List<TypeReference<Type>>) (List) List.of(new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}));
    assertThat(decoded.get(0).getValue()).isEqualTo(sent);
    assertThat(decoded.get(1).getValue()).isEqualTo(minimum);
    assertThat(Guestbook.SPEC.describeRevert(revert)).isEqualTo("TipTooSmall(" + sent + ", " + minimum + ")");
  }
}
