package org.openledger.prover.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Protocol;
import org.openledger.contracts.attribution.AttributionProof;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.attribution.IndexProofVerifier;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.prover.Provers;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.host.CallResult;
import org.openledger.prover.attribution.kfac.MlpQueryBuilder;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Pooling;
import org.openledger.prover.factory.MlpVersionFixture;
import org.openledger.prover.proof.ProofEngine.Outcome;
import static org.openledger.prover.proof.RequestFixture.source;
import org.openledger.prover.proof.RequestFixture.Setup;

/**
 * An MLP version delivered by the factory on real data ({@link MlpVersionFixture}), deployed on the
 * real Models, Inference and Provers contracts: the daemon's engine proves its requests and the
 * real verifier accepts and settles the proofs; a host's wrong output is reported, never proven;
 * the auditor finds a tampered proof with evidence the chain's one-step challenge accepts.
 */
class MlpProofEngineTest {
  static VersionArtifacts artifacts;
  static Map<Bytes32, byte[]> store;
  static ProofEngine.Version version;
  static LabelledImages test;
  static final Address CHALLENGER = Address.of(0xc4a1);

  @BeforeAll
  static void deliver() {
    artifacts = MlpVersionFixture.built().artifacts();
    store = new HashMap<>();
    for (byte[] blob : artifacts.blobs()) store.put(Bytes32.wrap(Keccak.hash(blob)), blob);
    version = new ProofEngine.Version(artifacts.weightsRoot(), artifacts.basisRoot(), artifacts.indexRoot(), artifacts.rank(),
        CommittedProofEngine.OUTPUT_MARGIN);
    test = Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TEST));
  }


  /** A Protocol whose deployed version registers the MLP's three roots, with a request on test image {@code image} resulted as class {@code output}. */
  static Setup request(int image, int output, Map<Bytes32, byte[]> content) {
    Protocol p = new Protocol(new IndexProofVerifier());
    BigInteger model = p.deployedModel(Protocol.open("1"), artifacts.weightsRoot(), artifacts.basisRoot(), artifacts.indexRoot(), artifacts.rank());
    p.chain.host.setBalance(CHALLENGER, Protocol.open("100"));
    return RequestFixture.request(p, model, pixels(image), FraudChecks.classOutput(output), content);
  }

  static byte[] pixels(int image) {
    int size = test.images().size();
    return java.util.Arrays.copyOfRange(test.images().pixels(), image * size, (image + 1) * size);
  }

  static int predicted(int image) {
    return artifacts.model().predict(pixels(image));
  }

  static Bytes submit(Setup s, Bytes proof) {
    s.p().chain.ok(s.p().prover, Addresses.PROVERS, Provers.CLAIM, s.request());
    CallResult r = s.p().chain.send(s.p().prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, s.request(), proof);
    assertThat(r.isSuccess()).as(s.p().chain.describe(Addresses.PROVERS, r)).isTrue();
    return proof;
  }

  /** The honest proof of test image {@code image} with ψ changed and the top {@code dropTop} leaves left out. */
  static AttributionProof tampered(Setup s, int image, UnaryOperator<short[]> psiChange, int dropTop) {
    var q = new MlpQueryBuilder(artifacts.mlp(), artifacts.mlpRows()).query(pixels(image));
    short[] psi = psiChange.apply(q.psi());
    AttributionProof full = AttributionProof.build(s.binding().hash(), q.shift(), psi, artifacts.leaves(), artifacts.tree(), AttributionProof.MAX_LEAVES);
    List<AttributionProof.ProvenLeaf> kept = full.leaves().subList(Math.min(dropTop, full.leaves().size()), full.leaves().size());
    int[] indices = kept.stream().mapToInt(l -> (int) l.index()).sorted().toArray();
    return new AttributionProof(full.binding(), full.psiShift(), psi, full.leafCount(), kept, artifacts.tree().multiproof(indices));
  }

  static int claimState(Setup s) {
    return ((BigInteger) ((List<?>) s.p().chain.view(Addresses.PROVERS, Provers.CLAIM_OF, s.request())).get(3)).intValueExact();
  }

  @Test
  void theEnginesProofOfAnMlpInferenceIsAcceptedOnChainAndSettlesToItsContributors() {
    Map<Bytes32, byte[]> content = new HashMap<>(store);
    Setup s = request(17, predicted(17), content);
    Outcome outcome = new ProofEngines(source(content)).prove(s.binding(), version);
    assertThat(outcome).isInstanceOf(Outcome.Proof.class);
    Outcome.Proof proof = (Outcome.Proof) outcome;
    AttributionProof decoded = AttributionProof.decode(proof.bytes());
    assertThat(decoded.leaves()).hasSize(proof.contributors()).isNotEmpty();
    submit(s, proof.bytes());

    Map<Address, BigInteger> before = new HashMap<>();
    for (var leaf : decoded.leaves()) before.put(leaf.leaf().contributor(), s.p().chain.balance(leaf.leaf().contributor()));
    s.p().chain.advance(Provers.CHALLENGE_WINDOW.defaultValue().longValueExact() + 1);
    s.p().chain.ok(s.p().user, Addresses.INFERENCE, Inference.SETTLE, s.request());
    for (var leaf : decoded.leaves()) {
      assertThat(s.p().chain.balance(leaf.leaf().contributor()).subtract(before.get(leaf.leaf().contributor())).signum())
          .as("every proven contributor is paid").isPositive();
    }
  }

  @Test
  void theDaemonPicksTheMlpEngineFromTheWeightsTag() throws Exception {
    assertThat(FixedMlp.isMlp(store.get(version.weightsRoot()))).isTrue();
    assertThat(new ProofEngines(source(store)).engineFor(version)).isInstanceOf(MlpProofEngine.class);
  }

  @Test
  void theLogisticEngineDoesNotProveAnMlpVersion() {
    Map<Bytes32, byte[]> content = new HashMap<>(store);
    Setup s = request(17, predicted(17), content);
    assertThat(new LogisticProofEngine(source(content)).prove(s.binding(), version)).isInstanceOfSatisfying(Outcome.NotProvable.class,
        n -> assertThat(n.reason()).contains("not logistic-regression weights"));
  }

  @Test
  void aHostOutputOtherThanTheCommittedMlpsIsReportedAndNotProven() {
    Map<Bytes32, byte[]> content = new HashMap<>(store);
    Setup s = request(17, (predicted(17) + 1) % 10, content);
    assertThat(new ProofEngines(source(content)).prove(s.binding(), version)).isInstanceOfSatisfying(Outcome.WrongOutput.class,
        w -> assertThat(w.detail()).contains("give class " + predicted(17)));
  }

  @Test
  void anHonestMlpProofAuditsSound() {
    Map<Bytes32, byte[]> content = new HashMap<>(store);
    Setup s = request(17, predicted(17), content);
    Outcome.Proof proof = (Outcome.Proof) new ProofEngines(source(content)).prove(s.binding(), version);
    assertThat(new ProofEngines(source(content)).audit(s.binding(), version, proof.bytes())).isInstanceOf(ProofAuditor.Finding.Sound.class);
  }

  @Test
  void aTamperedPsiCoordinateIsFoundAndItsChallengeWinsOnChain() {
    Map<Bytes32, byte[]> content = new HashMap<>(store);
    Setup s = request(21, predicted(21), content);
    Bytes proof = submit(s, tampered(s, 21, psi -> {
      psi[5] += 3;
      return psi;
    }, 0).encode());
    var finding = new ProofEngines(source(content)).audit(s.binding(), version, proof);
    assertThat(finding).isInstanceOf(ProofAuditor.Finding.WrongPsi.class);
    var w = (ProofAuditor.Finding.WrongPsi) finding;
    assertThat(w.coordinate()).isEqualTo(5);
    assertThat(w.declared() - w.recomputed()).isEqualTo(3);

    CallResult r = s.p().chain.send(CHALLENGER, Addresses.PROVERS, Provers.CHALLENGER_BOND.defaultValue(), Provers.CHALLENGE_PSI, s.request(),
        proof, BigInteger.valueOf(w.coordinate()), Bytes.wrap(w.weights()), Bytes.wrap(w.input()), Bytes.wrap(w.basisRow()), w.basisProof());
    assertThat(r.isSuccess()).as(s.p().chain.describe(Addresses.PROVERS, r)).isTrue();
    assertThat(claimState(s)).as("the fraud is proven: the request reopens").isEqualTo(Provers.NONE);
  }

  @Test
  void aTamperedProofWithoutItsTopLeafIsFoundAndItsOmissionChallengeWinsOnChain() {
    Map<Bytes32, byte[]> content = new HashMap<>(store);
    Setup s = request(23, predicted(23), content);
    AttributionProof honest = tampered(s, 23, psi -> psi, 0);
    Bytes proof = submit(s, tampered(s, 23, psi -> psi, 1).encode());
    var finding = new ProofEngines(source(content)).audit(s.binding(), version, proof);
    assertThat(finding).isInstanceOf(ProofAuditor.Finding.Omitted.class);
    var o = (ProofAuditor.Finding.Omitted) finding;
    assertThat(o.leafIndex()).isEqualTo(honest.leaves().get(0).index());

    CallResult r = s.p().chain.send(CHALLENGER, Addresses.PROVERS, Provers.CHALLENGER_BOND.defaultValue(), Provers.CHALLENGE_OMISSION, s.request(),
        proof, BigInteger.valueOf(o.leafIndex()), Bytes.wrap(o.leaf()), o.leafProof());
    assertThat(r.isSuccess()).as(s.p().chain.describe(Addresses.PROVERS, r)).isTrue();
    assertThat(claimState(s)).as("the fraud is proven: the request reopens").isEqualTo(Provers.NONE);
  }

  @Test
  void anMlpVersionRoundTripsThroughTheContentStore() throws Exception {
    VersionArtifacts back = VersionArtifacts.load(source(store), version);
    assertThat(back.model()).isEqualTo(artifacts.model());
    assertThat(back.rows()).isEqualTo(artifacts.rows());
    assertThat(back.leaves()).isEqualTo(artifacts.leaves());
    assertThat(back.basisRoot()).isEqualTo(artifacts.basisRoot());
  }

  @Test
  void anMlpVersionWhoseBasisDoesNotHashToItsRootIsUnavailable() {
    var other = new ProofEngine.Version(version.weightsRoot(), Protocol.root("another basis"), version.indexRoot(), version.basisRank(),
        version.outputFunction());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> VersionArtifacts.load(source(store), other))
        .isInstanceOf(ContentSource.Unavailable.class);
  }
}
