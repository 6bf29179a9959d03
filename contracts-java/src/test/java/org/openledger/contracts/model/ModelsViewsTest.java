package org.openledger.contracts.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.model.ModelsFixture.ADAPTER_OWNER;
import static org.openledger.contracts.model.ModelsFixture.ATTESTER;
import static org.openledger.contracts.model.ModelsFixture.ATTESTER_2;
import static org.openledger.contracts.model.ModelsFixture.HOST;
import static org.openledger.contracts.model.ModelsFixture.OPEN;
import static org.openledger.contracts.model.ModelsFixture.OWNER;
import static org.openledger.contracts.model.ModelsFixture.big;
import static org.openledger.contracts.model.ModelsFixture.ids;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.model.Models.State;
import org.openledger.contracts.model.ModelsFixture.Spec;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.host.CallResult;

/** The views, the events, the storage layout and the declared gas of the largest calls. */
class ModelsViewsTest {
  final ModelsFixture f = new ModelsFixture();

  @Test
  void aProposalIsReadBackAsProposed() {
    f.chain.advance(41);
    BigInteger id = f.propose(OWNER);
    assertThat(id).isEqualTo(BigInteger.ONE);
    assertThat(f.model(id)).isEqualTo(ModelsFixture.normalize(List.of(OWNER, 0, "mnist-classifier", "ipfs://model-card", State.PROPOSED, 0, 0, 42)));
    assertThat(f.view(Models.DATANETS_OF, id)).isEqualTo(ids(1, 2));
    assertThat(f.view(Models.MODEL_COUNT_VIEW)).isEqualTo(BigInteger.ONE);
  }

  @Test
  void modelIdsCountFromOne() {
    assertThat(f.view(Models.MODEL_COUNT_VIEW)).isEqualTo(BigInteger.ZERO);
    assertThat(f.propose(OWNER)).isEqualTo(big(1));
    assertThat(f.propose(ADAPTER_OWNER)).isEqualTo(big(2));
    assertThat(f.view(Models.MODEL_COUNT_VIEW)).isEqualTo(big(2));
  }

  @Test
  void theProposalEventCarriesEverythingProposed() {
    BigInteger base = f.modelIn(State.DEPLOYED);
    BigInteger adapter = f.proposeAdapter(ADAPTER_OWNER, base);
    assertThat(f.chain.host.logs()).endsWith(
        Models.MODEL_PROPOSED.toLog(Addresses.MODELS, adapter, ADAPTER_OWNER, base, ids(3), "mnist-lora", "ipfs://adapter-card"));
    assertThat(f.model(adapter).get(1)).isEqualTo(base);
  }

  @Test
  void datanetsAreKeptInProposalOrder() {
    BigInteger id = (BigInteger) f.ok(OWNER, Models.PROPOSE, BigInteger.ZERO, ids(9, 3, 7), "m", "");
    assertThat(f.view(Models.DATANETS_OF, id)).isEqualTo(ids(9, 3, 7));
  }

  @Test
  void aVersionIsReadBackWithItsEffectiveHostAttestationsAndBlock() {
    BigInteger id = f.modelIn(State.APPROVED);
    f.chain.advance(10);
    long block = f.chain.blockNumber();
    Spec spec = Spec.valid().withHost(Address.ZERO);
    BigInteger v = f.register(id, OWNER, spec);
    List<Object> stored = ModelsFixture.normalize(spec.withHost(OWNER).list());
    assertThat(f.chain.host.logs()).endsWith(Models.VERSION_REGISTERED.toLog(Addresses.MODELS, id, v, spec.withHost(OWNER).list()));
    f.attest(id, v, ATTESTER);
    f.attest(id, v, ATTESTER_2);
    assertThat(ModelsFixture.normalize((List<?>) f.view(Models.VERSION_VIEW, id, v))).isEqualTo(List.of(stored, big(2), big(block)));
    assertThat(f.view(Models.ATTESTATIONS, id, v)).isEqualTo(big(2));
  }

  @Test
  void registeringAVersionLeavesEarlierVersionsAsTheyWere() {
    BigInteger id = f.modelIn(State.EVALUATION);
    Object v1 = f.view(Models.VERSION_VIEW, id, BigInteger.ONE);
    f.register(id, OWNER, Spec.text().withRates(BigInteger.ZERO, BigInteger.ZERO));
    assertThat(f.view(Models.VERSION_VIEW, id, BigInteger.ONE)).isEqualTo(v1);
  }

  @Test
  void attestationsAreCountedPerVersionAndAttester() {
    BigInteger id = f.modelIn(State.EVALUATION); // ATTESTER attested v1
    assertThat(f.view(Models.HAS_ATTESTED, id, BigInteger.ONE, ATTESTER)).isEqualTo(true);
    assertThat(f.view(Models.HAS_ATTESTED, id, BigInteger.ONE, ATTESTER_2)).isEqualTo(false);
    f.attest(id, BigInteger.ONE, ATTESTER_2);
    assertThat(f.chain.host.logs()).endsWith(Models.ATTESTATION_RECORDED.toLog(Addresses.MODELS, id, BigInteger.ONE, ATTESTER_2, big(2)));
    BigInteger v2 = f.register(id, OWNER, Spec.valid());
    assertThat(f.view(Models.ATTESTATIONS, id, v2)).isEqualTo(BigInteger.ZERO);
    assertThat(f.view(Models.HAS_ATTESTED, id, v2, ATTESTER)).isEqualTo(false);
  }

  @Test
  void parametersReadAsTheirDefaultsUntilGovernanceSetsThem() {
    BigInteger tenOpen = OPEN.multiply(BigInteger.TEN);
    assertThat(f.view(Models.PARAMETERS)).isEqualTo(List.of(tenOpen, tenOpen, big(1), big(16)));
    f.ok(Addresses.TIMELOCK, Models.SET_MAX_RATES, big(7), big(8));
    f.ok(Addresses.TIMELOCK, Models.SET_REQUIRED_ATTESTATIONS, big(3));
    f.ok(Addresses.TIMELOCK, Models.SET_MAX_DATANETS_PER_MODEL, big(4));
    assertThat(f.view(Models.PARAMETERS)).isEqualTo(List.of(big(7), big(8), big(3), big(4)));
    assertThat(f.chain.host.logs().stream().filter(l -> l.address().equals(Addresses.MODELS)).toList()).containsExactly(
        Models.PARAMETER_SET.toLog(Addresses.MODELS, Models.MAX_IN_RATE.label(), big(7)),
        Models.PARAMETER_SET.toLog(Addresses.MODELS, Models.MAX_OUT_RATE.label(), big(8)),
        Models.PARAMETER_SET.toLog(Addresses.MODELS, Models.REQUIRED_ATTESTATIONS.label(), big(3)),
        Models.PARAMETER_SET.toLog(Addresses.MODELS, Models.MAX_DATANETS_PER_MODEL.label(), big(4)));
  }

  @Test
  void governanceCanSetAZeroRateBound() {
    f.ok(Addresses.TIMELOCK, Models.SET_MAX_RATES, BigInteger.ZERO, BigInteger.ZERO);
    BigInteger id = f.modelIn(State.APPROVED);
    f.register(id, OWNER, Spec.valid().withRates(BigInteger.ZERO, BigInteger.ZERO));
    assertThat(f.view(Models.PARAMETERS)).isEqualTo(List.of(BigInteger.ZERO, BigInteger.ZERO, big(1), big(16)));
  }

  @Test
  void storageIsReadableAtSoliditysSlots() {
    String longName = "a-model-name-longer-than-one-storage-word";
    BigInteger id = (BigInteger) f.ok(OWNER, Models.PROPOSE, BigInteger.ZERO, ids(5), longName, "ipfs://x");
    Bytes32 record = Models.modelSlot(id).key();
    assertThat(word(Bytes32.ZERO)).isEqualTo(Bytes32.leftPad(Bytes.of(1))); // modelCount
    // model record: owner at its first word, name at word 6 (a long string: 2·length + 1, data at keccak(slot))
    assertThat(word(record)).isEqualTo(Bytes32.leftPad(OWNER.toBytes()));
    Bytes32 nameSlot = plus(record, 6);
    assertThat(word(nameSlot).toUnsignedBigInteger()).isEqualTo(big(2L * longName.length() + 1));
    Bytes32 data = Bytes32.wrap(org.openledger.precompiles.Keccak.hash(nameSlot.toArrayUnsafe()));
    assertThat(word(data)).isEqualTo(Bytes32.wrap(longName.substring(0, 32).getBytes(StandardCharsets.UTF_8)));
    // a short string sits in its slot with 2·length in the lowest byte
    Bytes32 uri = word(plus(record, 7));
    assertThat(uri.slice(0, 8)).isEqualTo(Bytes.wrap("ipfs://x".getBytes(StandardCharsets.UTF_8)));
    assertThat(uri.get(31)).isEqualTo((byte) 16);
    // datanetIds: length at word 8, elements from keccak(slot)
    Bytes32 idsSlot = plus(record, 8);
    assertThat(word(idsSlot).toUnsignedBigInteger()).isEqualTo(BigInteger.ONE);
    assertThat(word(Bytes32.wrap(org.openledger.precompiles.Keccak.hash(idsSlot.toArrayUnsafe()))).toUnsignedBigInteger()).isEqualTo(big(5));
  }

  @Test
  void theLargestProposalAndItsViewsFitTheGasTheyDeclare() {
    f.ok(Addresses.TIMELOCK, Models.SET_MAX_DATANETS_PER_MODEL, big(Models.MAX_DATANETS_LIMIT));
    BigInteger base = f.modelIn(State.DEPLOYED);
    List<BigInteger> datanets = new ArrayList<>();
    for (int i = 1; i <= Models.MAX_DATANETS_LIMIT; i++) datanets.add(big(i)); // every id a full word anyway
    String name = "n".repeat(Models.MAX_NAME_BYTES);
    String uri = "u".repeat(Models.MAX_METADATA_URI_BYTES);
    CallResult r = f.send(ADAPTER_OWNER, Models.PROPOSE, base, datanets, name, uri);
    assertThat(r.isSuccess()).as(f.describe(r)).isTrue();
    BigInteger id = (BigInteger) Models.PROPOSE.decodeOutput(r.output());
    assertThat(f.model(id).subList(2, 4)).containsExactly(name, uri);
    assertThat(f.view(Models.DATANETS_OF, id)).isEqualTo(datanets);
  }

  @Test
  void everyLifecycleStepFitsTheGasItDeclaresWithParametersSet() {
    // set parameters cost a second read each: run the whole adapter lifecycle with every parameter set
    f.ok(Addresses.TIMELOCK, Models.SET_MAX_RATES, OPEN.multiply(BigInteger.TEN), OPEN.multiply(BigInteger.TEN));
    f.ok(Addresses.TIMELOCK, Models.SET_REQUIRED_ATTESTATIONS, big(1));
    f.ok(Addresses.TIMELOCK, Models.SET_MAX_DATANETS_PER_MODEL, big(16));
    BigInteger[] pair = f.deployedBaseAndAdapter();
    f.ok(ADAPTER_OWNER, Models.SET_RATES, pair[1], BigInteger.ONE, OPEN, OPEN);
    f.ok(ADAPTER_OWNER, Models.SET_HOST, pair[1], BigInteger.ONE, HOST);
    f.ok(Addresses.TIMELOCK, Models.DEPLOY, pair[1], big(2));
    f.ok(Addresses.TIMELOCK, Models.DEPRECATE, pair[1]);
    assertThat(f.state(pair[1])).isEqualTo(State.DEPRECATED);
  }

  private Bytes32 word(Bytes32 slot) {
    return f.chain.host.storage(Addresses.MODELS, slot);
  }

  private static Bytes32 plus(Bytes32 slot, long n) {
    return Bytes32.leftPad(Bytes.wrap(slot.toUnsignedBigInteger().add(big(n)).toByteArray()).trimLeadingZeros());
  }
}
