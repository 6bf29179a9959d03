package org.openledger.contracts.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.model.ModelsFixture.ADAPTER_OWNER;
import static org.openledger.contracts.model.ModelsFixture.ATTESTER;
import static org.openledger.contracts.model.ModelsFixture.ATTESTER_2;
import static org.openledger.contracts.model.ModelsFixture.OPEN;
import static org.openledger.contracts.model.ModelsFixture.OWNER;
import static org.openledger.contracts.model.ModelsFixture.big;
import static org.openledger.contracts.model.ModelsFixture.ids;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.model.Models.State;
import org.openledger.contracts.model.ModelsFixture.Spec;
import org.openledger.precompiles.Address;

/** Every bad argument is a custom error and changes nothing. */
class ModelsBadInputTest {
  static final BigInteger TEN_OPEN = OPEN.multiply(BigInteger.TEN);
  static final Bytes32 ROOT = Bytes32.fromHexString("0x01");

  final ModelsFixture f = new ModelsFixture();

  // ------------------------------------------------------------------ unknown ids

  @Test
  void unknownModelIdsRevertEverywhere() {
    BigInteger id = f.modelIn(State.EVALUATION);
    for (BigInteger unknown : List.of(BigInteger.ZERO, id.add(BigInteger.ONE), BigInteger.TWO.pow(256).subtract(BigInteger.ONE))) {
      f.assertRevertsAndChangesNothing(() -> f.send(Addresses.TIMELOCK, Models.APPROVE, unknown), Models.UNKNOWN_MODEL, unknown);
      f.assertRevertsAndChangesNothing(() -> f.send(Addresses.SERVICES, Models.MARK_TRAINING, unknown), Models.UNKNOWN_MODEL, unknown);
      f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.REGISTER_VERSION, unknown, Spec.valid().list()), Models.UNKNOWN_MODEL, unknown);
      f.assertRevertsAndChangesNothing(() -> f.send(Addresses.TIMELOCK, Models.DEPLOY, unknown, BigInteger.ONE), Models.UNKNOWN_MODEL, unknown);
      f.assertRevertsAndChangesNothing(() -> f.send(Addresses.PROVERS, Models.RECORD_ATTESTATION, unknown, BigInteger.ONE, ATTESTER_2),
          Models.UNKNOWN_MODEL, unknown);
      f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.SET_RATES, unknown, BigInteger.ONE, OPEN, OPEN), Models.UNKNOWN_MODEL, unknown);
      if (unknown.signum() != 0) { // base model id 0 proposes a base model
        f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.PROPOSE, unknown, ids(1), "lora", ""), Models.UNKNOWN_MODEL, unknown);
      }
      f.assertReverted(f.staticCall(Models.INFERENCE_TERMS, unknown, BigInteger.ONE), Models.UNKNOWN_MODEL, unknown);
      f.assertReverted(f.staticCall(Models.MODEL_VIEW, unknown), Models.UNKNOWN_MODEL, unknown);
      f.assertReverted(f.staticCall(Models.DATANETS_OF, unknown), Models.UNKNOWN_MODEL, unknown);
      f.assertReverted(f.staticCall(Models.VERSION_VIEW, unknown, BigInteger.ONE), Models.UNKNOWN_MODEL, unknown);
    }
  }

  @Test
  void unknownVersionsRevertEverywhere() {
    BigInteger id = f.modelIn(State.EVALUATION); // version 1 exists
    for (BigInteger v : List.of(BigInteger.ZERO, big(2))) {
      f.assertRevertsAndChangesNothing(() -> f.send(Addresses.TIMELOCK, Models.DEPLOY, id, v), Models.UNKNOWN_VERSION, id, v);
      f.assertRevertsAndChangesNothing(() -> f.send(Addresses.PROVERS, Models.RECORD_ATTESTATION, id, v, ATTESTER_2), Models.UNKNOWN_VERSION, id, v);
      f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.SET_RATES, id, v, OPEN, OPEN), Models.UNKNOWN_VERSION, id, v);
      f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.SET_HOST, id, v, ATTESTER), Models.UNKNOWN_VERSION, id, v);
      f.assertReverted(f.staticCall(Models.INFERENCE_TERMS, id, v), Models.UNKNOWN_VERSION, id, v);
      f.assertReverted(f.staticCall(Models.VERSION_VIEW, id, v), Models.UNKNOWN_VERSION, id, v);
      f.assertReverted(f.staticCall(Models.ATTESTATIONS, id, v), Models.UNKNOWN_VERSION, id, v);
      f.assertReverted(f.staticCall(Models.HAS_ATTESTED, id, v, ATTESTER), Models.UNKNOWN_VERSION, id, v);
    }
  }

  @Test
  void aModelWithoutVersionsHasNoTerms() {
    BigInteger id = f.modelIn(State.PROPOSED);
    f.assertReverted(f.staticCall(Models.INFERENCE_TERMS, id, BigInteger.ONE), Models.UNKNOWN_VERSION, id, BigInteger.ONE);
  }

  // ------------------------------------------------------------------ rates

  @Test
  void ratesAboveTheBoundsAreRefusedAtRegistration() {
    BigInteger id = f.modelIn(State.APPROVED);
    BigInteger over = TEN_OPEN.add(BigInteger.ONE);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.REGISTER_VERSION, id, Spec.valid().withRates(over, OPEN).list()),
        Models.RATE_OUT_OF_BOUNDS, over, OPEN, TEN_OPEN, TEN_OPEN);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.REGISTER_VERSION, id, Spec.valid().withRates(OPEN, over).list()),
        Models.RATE_OUT_OF_BOUNDS, OPEN, over, TEN_OPEN, TEN_OPEN);
  }

  @Test
  void ratesExactlyAtTheBoundsAndZeroRatesAreAccepted() {
    BigInteger id = f.modelIn(State.APPROVED);
    f.register(id, OWNER, Spec.valid().withRates(TEN_OPEN, TEN_OPEN));
    f.register(id, OWNER, Spec.valid().withRates(BigInteger.ZERO, BigInteger.ZERO));
    assertThat(f.versionCount(id)).isEqualTo(big(2));
  }

  @Test
  void ratesAboveTheBoundsAreRefusedBySetRates() {
    BigInteger id = f.modelIn(State.EVALUATION);
    BigInteger over = TEN_OPEN.add(BigInteger.ONE);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.SET_RATES, id, BigInteger.ONE, over, BigInteger.ZERO),
        Models.RATE_OUT_OF_BOUNDS, over, BigInteger.ZERO, TEN_OPEN, TEN_OPEN);
  }

  @Test
  void ratesFollowTheBoundsGovernanceSet() {
    BigInteger id = f.modelIn(State.EVALUATION);
    f.ok(Addresses.TIMELOCK, Models.SET_MAX_RATES, OPEN, OPEN.shiftLeft(1));
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.SET_RATES, id, BigInteger.ONE, OPEN.add(BigInteger.ONE), OPEN),
        Models.RATE_OUT_OF_BOUNDS, OPEN.add(BigInteger.ONE), OPEN, OPEN, OPEN.shiftLeft(1));
    f.ok(OWNER, Models.SET_RATES, id, BigInteger.ONE, OPEN, OPEN.shiftLeft(1));
  }

  // ------------------------------------------------------------------ adapters

  @Test
  void anAdapterOfAnAdapterIsRefused() {
    BigInteger[] pair = f.deployedBaseAndAdapter();
    f.assertRevertsAndChangesNothing(() -> f.send(ADAPTER_OWNER, Models.PROPOSE, pair[1], ids(1), "lora-of-lora", ""),
        Models.BASE_IS_ADAPTER, pair[1]);
  }

  @Test
  void anAdapterOfABaseThatIsNotDeployedIsRefused() {
    for (State s : List.of(State.PROPOSED, State.APPROVED, State.REJECTED, State.TRAINING, State.EVALUATION, State.DEPRECATED)) {
      BigInteger base = f.modelIn(s);
      f.assertRevertsAndChangesNothing(() -> f.send(ADAPTER_OWNER, Models.PROPOSE, base, ids(1), "lora", ""),
          Models.BASE_NOT_DEPLOYED, base, s);
    }
  }

  @Test
  void anAdapterCannotBeDeployedOnceItsBaseIsDeprecated() {
    BigInteger base = f.modelIn(State.DEPLOYED);
    BigInteger adapter = f.modelIn(State.EVALUATION, ADAPTER_OWNER, base);
    f.ok(Addresses.TIMELOCK, Models.DEPRECATE, base);
    f.assertRevertsAndChangesNothing(() -> f.send(Addresses.TIMELOCK, Models.DEPLOY, adapter, BigInteger.ONE),
        Models.BASE_NOT_DEPLOYED, base, State.DEPRECATED);
  }

  // ------------------------------------------------------------------ datanets, name, URI

  @Test
  void anEmptyDatanetListIsRefused() {
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.PROPOSE, BigInteger.ZERO, List.of(), "m", ""), Models.EMPTY_DATANETS);
  }

  @Test
  void aDatanetListLongerThanTheParameterIsRefused() {
    List<BigInteger> seventeen = range(17);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.PROPOSE, BigInteger.ZERO, seventeen, "m", ""),
        Models.TOO_MANY_DATANETS, 17, 16);
    f.ok(OWNER, Models.PROPOSE, BigInteger.ZERO, range(16), "m", "");
    f.ok(Addresses.TIMELOCK, Models.SET_MAX_DATANETS_PER_MODEL, big(Models.MAX_DATANETS_LIMIT));
    f.ok(OWNER, Models.PROPOSE, BigInteger.ZERO, seventeen, "m", "");
  }

  @Test
  void aZeroOrDuplicateDatanetIdIsRefused() {
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.PROPOSE, BigInteger.ZERO, ids(1, 0), "m", ""), Models.INVALID_DATANET_ID, 0);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.PROPOSE, BigInteger.ZERO, ids(4, 2, 4), "m", ""), Models.DUPLICATE_DATANET, 4);
  }

  @Test
  void anEmptyOrOverlongNameIsRefused() {
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.PROPOSE, BigInteger.ZERO, ids(1), "", ""), Models.INVALID_NAME, 0, 64);
    // 22 three-byte characters are 66 bytes of UTF-8: the cap counts bytes, not characters
    String name = "\u20ac".repeat(22);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.PROPOSE, BigInteger.ZERO, ids(1), name, ""), Models.INVALID_NAME, 66, 64);
  }

  @Test
  void anOverlongMetadataUriIsRefused() {
    String uri = "x".repeat(Models.MAX_METADATA_URI_BYTES + 1);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.PROPOSE, BigInteger.ZERO, ids(1), "m", uri),
        Models.METADATA_URI_TOO_LONG, 257, 256);
  }

  // ------------------------------------------------------------------ attestations and deployment

  @Test
  void anAttesterAttestsAVersionOnlyOnce() {
    BigInteger id = f.modelIn(State.EVALUATION); // ATTESTER attested version 1
    f.assertRevertsAndChangesNothing(() -> f.send(Addresses.PROVERS, Models.RECORD_ATTESTATION, id, BigInteger.ONE, ATTESTER),
        Models.ALREADY_ATTESTED, id, BigInteger.ONE, ATTESTER);
  }

  @Test
  void theZeroAddressCannotAttest() {
    BigInteger id = f.modelIn(State.EVALUATION);
    f.assertRevertsAndChangesNothing(() -> f.send(Addresses.PROVERS, Models.RECORD_ATTESTATION, id, BigInteger.ONE, Address.ZERO),
        Models.ZERO_ATTESTER);
  }

  @Test
  void aVersionWithoutAttestationCannotBeDeployed() {
    BigInteger id = f.modelIn(State.APPROVED);
    f.register(id, OWNER, Spec.valid());
    f.assertRevertsAndChangesNothing(() -> f.send(Addresses.TIMELOCK, Models.DEPLOY, id, BigInteger.ONE),
        Models.INSUFFICIENT_ATTESTATIONS, id, 1, 0, 1);
  }

  @Test
  void deploymentWaitsForAsManyAttestationsAsGovernanceRequires() {
    f.ok(Addresses.TIMELOCK, Models.SET_REQUIRED_ATTESTATIONS, big(2));
    BigInteger id = f.modelIn(State.EVALUATION); // one attestation
    f.assertRevertsAndChangesNothing(() -> f.send(Addresses.TIMELOCK, Models.DEPLOY, id, BigInteger.ONE),
        Models.INSUFFICIENT_ATTESTATIONS, id, 1, 1, 2);
    f.attest(id, BigInteger.ONE, ATTESTER_2);
    f.ok(Addresses.TIMELOCK, Models.DEPLOY, id, BigInteger.ONE);
  }

  @Test
  void deployingTheVersionAlreadyServedIsRefused() {
    BigInteger id = f.modelIn(State.DEPLOYED);
    f.assertRevertsAndChangesNothing(() -> f.send(Addresses.TIMELOCK, Models.DEPLOY, id, BigInteger.ONE),
        Models.VERSION_ALREADY_DEPLOYED, id, BigInteger.ONE);
  }

  // ------------------------------------------------------------------ version spec

  @Test
  void everyRootMustBeCommitted() {
    BigInteger id = f.modelIn(State.APPROVED);
    for (Spec s : List.of(Spec.valid().withRoots(Bytes32.ZERO, ROOT, ROOT), Spec.valid().withRoots(ROOT, Bytes32.ZERO, ROOT),
        Spec.valid().withRoots(ROOT, ROOT, Bytes32.ZERO))) {
      f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.REGISTER_VERSION, id, s.list()), Models.EMPTY_ROOT);
    }
  }

  @Test
  void aZeroScaleOrBasisRankIsRefused() {
    BigInteger id = f.modelIn(State.APPROVED);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.REGISTER_VERSION, id, Spec.valid().withScale(BigInteger.ZERO).list()),
        Models.ZERO_SCALE);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.REGISTER_VERSION, id, Spec.valid().withBasisRank(0).list()),
        Models.ZERO_BASIS_RANK);
  }

  @Test
  void aTextSpansVersionMustCommitTheOlBytesV1TokenizerAndCountTextTokens() {
    BigInteger id = f.modelIn(State.APPROVED);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.REGISTER_VERSION, id, Spec.valid().withOutputFunction(2).list()),
        Models.UNSUPPORTED_TOKENIZER, Spec.valid().list().get(1));
    Spec spans = Spec.valid().withOutputFunction(2).withRoots(ROOT, org.openledger.contracts.attribution.TextTokenizer.COMMITMENT, ROOT);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.REGISTER_VERSION, id, spans.list()), Models.INVALID_TOKEN_MODE, 0);
    f.register(id, OWNER, spans.withTokenMode(1).withFixed(BigInteger.ZERO, BigInteger.ZERO));
  }

  @Test
  void anUnknownOutputFunctionOrTokenModeIsRefused() {
    BigInteger id = f.modelIn(State.APPROVED);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.REGISTER_VERSION, id, Spec.valid().withOutputFunction(3).list()),
        Models.INVALID_OUTPUT_FUNCTION, 3);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.REGISTER_VERSION, id, Spec.valid().withTokenMode(2).list()),
        Models.INVALID_TOKEN_MODE, 2);
  }

  @Test
  void tokenCountsMustFitTheirMode() {
    BigInteger id = f.modelIn(State.APPROVED);
    BigInteger tooMany = Models.MAX_FIXED_TOKENS.add(BigInteger.ONE);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.REGISTER_VERSION, id, Spec.valid().withFixed(tooMany, BigInteger.ONE).list()),
        Models.INVALID_TOKEN_COUNTS, 0, tooMany, 1);
    f.assertRevertsAndChangesNothing(() -> f.send(OWNER, Models.REGISTER_VERSION, id, Spec.text().withFixed(BigInteger.ONE, BigInteger.ZERO).list()),
        Models.INVALID_TOKEN_COUNTS, 1, 1, 0);
    f.register(id, OWNER, Spec.text());
    f.register(id, OWNER, Spec.valid().withFixed(Models.MAX_FIXED_TOKENS, Models.MAX_FIXED_TOKENS));
  }

  // ------------------------------------------------------------------ parameters

  @Test
  void parametersOutsideTheirRangeAreRefused() {
    BigInteger tooHigh = Models.MAX_RATE_LIMIT.add(BigInteger.ONE);
    f.assertRevertsAndChangesNothing(() -> f.send(Addresses.TIMELOCK, Models.SET_MAX_RATES, tooHigh, OPEN), Models.PARAMETER_OUT_OF_RANGE,
        Models.MAX_IN_RATE.label(), tooHigh, 0, Models.MAX_RATE_LIMIT);
    f.assertRevertsAndChangesNothing(() -> f.send(Addresses.TIMELOCK, Models.SET_MAX_RATES, OPEN, tooHigh), Models.PARAMETER_OUT_OF_RANGE,
        Models.MAX_OUT_RATE.label(), tooHigh, 0, Models.MAX_RATE_LIMIT);
    for (long bad : new long[] {0, Models.MAX_REQUIRED_ATTESTATIONS + 1}) {
      f.assertRevertsAndChangesNothing(() -> f.send(Addresses.TIMELOCK, Models.SET_REQUIRED_ATTESTATIONS, big(bad)), Models.PARAMETER_OUT_OF_RANGE,
          Models.REQUIRED_ATTESTATIONS.label(), bad, 1, Models.MAX_REQUIRED_ATTESTATIONS);
    }
    for (long bad : new long[] {0, Models.MAX_DATANETS_LIMIT + 1}) {
      f.assertRevertsAndChangesNothing(() -> f.send(Addresses.TIMELOCK, Models.SET_MAX_DATANETS_PER_MODEL, big(bad)),
          Models.PARAMETER_OUT_OF_RANGE, Models.MAX_DATANETS_PER_MODEL.label(), bad, 1, Models.MAX_DATANETS_LIMIT);
    }
  }

  static List<BigInteger> range(int n) {
    List<BigInteger> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) out.add(big(i));
    return out;
  }
}
