package org.openledger.prover.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Protocol;
import org.openledger.contracts.attribution.AttributionProof;
import org.openledger.contracts.attribution.BasisRows;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.IndexProofVerifier;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.prover.Provers;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.host.CallResult;
import org.openledger.prover.attribution.index.ExampleOwner;
import org.openledger.prover.attribution.index.IndexBuilder;
import org.openledger.prover.attribution.index.QueryBuilder;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.model.FixedPointClassifier;
import org.openledger.prover.model.LogisticRegression;
import org.openledger.prover.model.TrainingConfig;
import org.openledger.prover.proof.ProofEngine.Outcome;
import static org.openledger.prover.proof.RequestFixture.source;
import org.openledger.prover.proof.RequestFixture.Setup;

/**
 * The engine on a real trained model: its proofs are accepted by the real Provers contract and
 * settle through the real Inference contract. The basis here is a fixed pseudo-random int16 one
 * (k = 24): what is tested is the engine's mechanics; attribution quality is the LDS tests'.
 */
class LogisticProofEngineTest {
  static final int K = 24, CONTRIBUTORS = 20;
  static LabelledImages train, test;
  static VersionArtifacts artifacts;
  static Map<Bytes32, byte[]> store;
  static ProofEngine.Version version;

  @BeforeAll
  static void trainAndIndex() {
    train = FashionMnist.shipped(FashionMnist.Split.TRAIN).first(600);
    test = FashionMnist.shipped(FashionMnist.Split.TEST);
    LogisticRegression lr = LogisticRegression.train(train, FashionMnist.CLASSES, new TrainingConfig(7, 5, 32, 0.05, 1e-3));
    var model = FixedPointClassifier.quantize(lr).committed();
    SplittableRandom r = new SplittableRandom(11);
    short[] rows = new short[K * model.parameters()];
    for (int i = 0; i < rows.length; i++) rows[i] = (short) (r.nextInt(2001) - 1000);
    BasisRows basis = new BasisRows(K, model.parameters(), rows, 0);
    List<ExampleOwner> owners = new ArrayList<>();
    for (int i = 0; i < train.size(); i++) {
      owners.add(new ExampleOwner(Address.of(0x5000 + i % CONTRIBUTORS), 1, Protocol.root("contributions " + i % CONTRIBUTORS)));
    }
    List<IndexLeaf> leaves = new IndexBuilder(model, basis).build(train, owners).leaves();
    artifacts = VersionArtifacts.of(model, basis, leaves);
    store = new HashMap<>();
    for (byte[] blob : artifacts.blobs()) store.put(Bytes32.wrap(Keccak.hash(blob)), blob);
    version = new ProofEngine.Version(artifacts.weightsRoot(), artifacts.basisRoot(), artifacts.indexRoot(), K, LogisticProofEngine.OUTPUT_MARGIN);
  }


  /** A Protocol whose deployed version registers this index, with a request on test image {@code i} resulted as {@code output}. */
  static Setup request(int image, byte[] output, Map<Bytes32, byte[]> content) {
    return request(image, output, content, artifacts.indexRoot());
  }

  static Setup request(int image, byte[] output, Map<Bytes32, byte[]> content, Bytes32 indexRoot) {
    Protocol p = new Protocol(new IndexProofVerifier());
    return RequestFixture.request(p, p.deployedModel(Protocol.open("1"), indexRoot, K), pixels(image), output, content);
  }

  static byte[] pixels(int image) {
    int size = test.images().size();
    return java.util.Arrays.copyOfRange(test.images().pixels(), image * size, (image + 1) * size);
  }

  static int predicted(int image) {
    return artifacts.model().predict(pixels(image));
  }

  @Test
  void aProofOfTheCorrectOutputIsAcceptedOnChainAndSettlesToItsContributors() {
    Map<Bytes32, byte[]> content = new HashMap<>(store);
    Setup s = request(17, FraudChecks.classOutput(predicted(17)), content);
    Outcome outcome = new LogisticProofEngine(source(content)).prove(s.binding(), version);
    assertThat(outcome).isInstanceOf(Outcome.Proof.class);
    Outcome.Proof proof = (Outcome.Proof) outcome;
    AttributionProof decoded = AttributionProof.decode(proof.bytes());
    assertThat(decoded.leaves()).hasSize(proof.contributors()).isNotEmpty();

    s.p().chain.ok(s.p().prover, Addresses.PROVERS, Provers.CLAIM, s.request());
    CallResult submitted = s.p().chain.send(s.p().prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, s.request(), proof.bytes());
    assertThat(submitted.isSuccess()).as("the real verifier accepts the engine's proof").isTrue();

    Map<Address, BigInteger> before = new HashMap<>();
    for (var leaf : decoded.leaves()) before.put(leaf.leaf().contributor(), s.p().chain.balance(leaf.leaf().contributor()));
    s.p().chain.advance(Provers.CHALLENGE_WINDOW.defaultValue().longValueExact() + 1);
    s.p().chain.ok(s.p().user, Addresses.INFERENCE, Inference.SETTLE, s.request());
    BigInteger topGain = null;
    for (var leaf : decoded.leaves()) {
      BigInteger gain = s.p().chain.balance(leaf.leaf().contributor()).subtract(before.get(leaf.leaf().contributor()));
      assertThat(gain.signum()).as("every proven contributor is paid").isPositive();
      if (topGain != null) assertThat(gain).as("in score order").isLessThanOrEqualTo(topGain);
      topGain = gain;
    }
  }

  @Test
  void aQueryNoContributorSupportsIsProvenEmptyAndSettlesThePoolToTheTreasury() {
    short[] psi = new QueryBuilder(artifacts.logistic(), artifacts.denseBasis()).query(pixels(17)).psi();
    List<IndexLeaf> opposed = new ArrayList<>();
    for (IndexLeaf l : artifacts.leaves()) {
      short[] u = l.u().clone();
      for (int j = 0; j < K; j++) u[j] = (short) (-Integer.signum(psi[j]) * Math.max(1, Math.abs(u[j])));
      opposed.add(new IndexLeaf(l.contributor(), l.datanetId(), l.contributionsRoot(), u));
    }
    VersionArtifacts against = VersionArtifacts.of(artifacts.logistic(), artifacts.denseBasis(), opposed);
    Map<Bytes32, byte[]> content = new HashMap<>();
    for (byte[] blob : against.blobs()) content.put(Bytes32.wrap(Keccak.hash(blob)), blob);
    var v = new ProofEngine.Version(against.weightsRoot(), against.basisRoot(), against.indexRoot(), K, LogisticProofEngine.OUTPUT_MARGIN);
    Setup s = request(17, FraudChecks.classOutput(predicted(17)), content, against.indexRoot());

    Outcome outcome = new LogisticProofEngine(source(content)).prove(s.binding(), v);
    assertThat(outcome).isInstanceOf(Outcome.Proof.class);
    assertThat(((Outcome.Proof) outcome).contributors()).isZero();
    s.p().chain.ok(s.p().prover, Addresses.PROVERS, Provers.CLAIM, s.request());
    s.p().chain.ok(s.p().prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, s.request(), ((Outcome.Proof) outcome).bytes());
    s.p().chain.advance(Provers.CHALLENGE_WINDOW.defaultValue().longValueExact() + 1);
    BigInteger treasury = s.p().chain.balance(Addresses.TREASURY);
    s.p().chain.ok(s.p().user, Addresses.INFERENCE, Inference.SETTLE, s.request());
    // fee 1.14: half the 0.50 platform fee, the stakers' 0.064 (no stake) and the whole 0.128 pool
    assertThat(s.p().chain.balance(Addresses.TREASURY).subtract(treasury)).isEqualTo(Protocol.open("0.442"));
  }

  // ------------------------------------------------------------------ auditing another prover's proof

  /** The engine's honest proof for test image 17, rebuilt with {@code psi} and {@code leaves} changed by the caller. */
  static AttributionProof tampered(Setup s, java.util.function.UnaryOperator<short[]> psiChange, int dropTop) {
    var q = new QueryBuilder(artifacts.logistic(), artifacts.denseBasis()).query(pixels(17));
    short[] psi = psiChange.apply(q.psi());
    AttributionProof full = AttributionProof.build(s.binding().hash(), q.shift(), psi, artifacts.leaves(), artifacts.tree(), AttributionProof.MAX_LEAVES);
    List<AttributionProof.ProvenLeaf> kept = full.leaves().subList(Math.min(dropTop, full.leaves().size()), full.leaves().size());
    int[] indices = kept.stream().mapToInt(l -> (int) l.index()).sorted().toArray();
    return new AttributionProof(full.binding(), full.psiShift(), psi, full.leafCount(), kept, artifacts.tree().multiproof(indices));
  }

  static ProofAuditor.Finding audit(Setup s, AttributionProof proof, Map<Bytes32, byte[]> content) {
    return new LogisticProofEngine(source(content)).audit(s.binding(), version, proof.encode());
  }

  @Test
  void anHonestProofAuditsSound() {
    Map<Bytes32, byte[]> content = new HashMap<>(store);
    Setup s = request(17, FraudChecks.classOutput(predicted(17)), content);
    Outcome.Proof proof = (Outcome.Proof) new LogisticProofEngine(source(content)).prove(s.binding(), version);
    assertThat(new LogisticProofEngine(source(content)).audit(s.binding(), version, proof.bytes())).isInstanceOf(ProofAuditor.Finding.Sound.class);
  }

  @Test
  void anAlteredPsiCoordinateIsFoundWithTheRowThatProvesIt() {
    Map<Bytes32, byte[]> content = new HashMap<>(store);
    Setup s = request(17, FraudChecks.classOutput(predicted(17)), content);
    AttributionProof proof = tampered(s, psi -> {
      psi[5] += 2;
      return psi;
    }, 0);
    var finding = audit(s, proof, content);
    assertThat(finding).isInstanceOfSatisfying(ProofAuditor.Finding.WrongPsi.class, w -> {
      assertThat(w.coordinate()).isEqualTo(5);
      assertThat(w.declared() - w.recomputed()).isEqualTo(2);
      assertThat(w.basisRow()).isEqualTo(artifacts.denseBasis().rowLeafBytes(5));
    });
  }

  @Test
  void aProofWithoutItsTopLeafIsFoundWithThatLeaf() {
    Map<Bytes32, byte[]> content = new HashMap<>(store);
    Setup s = request(17, FraudChecks.classOutput(predicted(17)), content);
    AttributionProof honest = tampered(s, psi -> psi, 0);
    AttributionProof proof = tampered(s, psi -> psi, 1);
    assertThat(audit(s, proof, content)).isInstanceOfSatisfying(ProofAuditor.Finding.Omitted.class,
        o -> assertThat(o.leafIndex()).isEqualTo(honest.leaves().get(0).index()));
  }

  @Test
  void anEmptyProofWhenSomeLeafScoresAboveZeroIsFoundWithTheBestLeaf() {
    Map<Bytes32, byte[]> content = new HashMap<>(store);
    Setup s = request(17, FraudChecks.classOutput(predicted(17)), content);
    AttributionProof honest = tampered(s, psi -> psi, 0);
    AttributionProof empty = tampered(s, psi -> psi, AttributionProof.MAX_LEAVES);
    assertThat(empty.leaves()).isEmpty();
    assertThat(audit(s, empty, content)).isInstanceOfSatisfying(ProofAuditor.Finding.Omitted.class,
        o -> assertThat(o.leafIndex()).isEqualTo(honest.leaves().get(0).index()));
  }

  @Test
  void aProofOfAWrongOutputIsFoundWithTheWeightsAndInput() {
    Map<Bytes32, byte[]> content = new HashMap<>(store);
    int wrong = (predicted(17) + 1) % 10;
    Setup s = request(17, FraudChecks.classOutput(wrong), content);
    assertThat(audit(s, tampered(s, psi -> psi, 0), content)).isInstanceOfSatisfying(ProofAuditor.Finding.WrongOutput.class, w -> {
      assertThat(w.predicted()).isEqualTo(predicted(17));
      assertThat(w.weights()).isEqualTo(artifacts.model().weightsBytes());
    });
  }

  @Test
  void aProofWhoseInputWasWithheldIsUncheckable() {
    Setup s = request(17, FraudChecks.classOutput(predicted(17)), new HashMap<>());
    assertThat(audit(s, tampered(s, psi -> psi, 0), store)).isInstanceOf(ProofAuditor.Finding.Uncheckable.class);
  }

  @Test
  void aHostOutputOtherThanTheCommittedModelsIsReportedAndNotProven() {
    Map<Bytes32, byte[]> content = new HashMap<>(store);
    int wrong = (predicted(17) + 1) % 10;
    Setup s = request(17, FraudChecks.classOutput(wrong), content);
    Outcome outcome = new LogisticProofEngine(source(content)).prove(s.binding(), version);
    assertThat(outcome).isInstanceOf(Outcome.WrongOutput.class);
    assertThat(((Outcome.WrongOutput) outcome).detail()).contains("give class " + predicted(17));
  }

  @Test
  void anInputMissingFromTheContentStoreIsNotProvable() {
    Setup s = request(17, FraudChecks.classOutput(predicted(17)), new HashMap<>());
    Outcome outcome = new LogisticProofEngine(source(store)).prove(s.binding(), version);
    assertThat(outcome).isInstanceOf(Outcome.NotProvable.class);
    assertThat(((Outcome.NotProvable) outcome).reason()).contains("no content");
  }

  @Test
  void artifactsThatDoNotMatchTheRegisteredRootsAreNotProvable() {
    var other = new ProofEngine.Version(version.weightsRoot(), version.basisRoot(), Protocol.root("another index"), K, version.outputFunction());
    Map<Bytes32, byte[]> content = new HashMap<>(store);
    Setup s = request(3, FraudChecks.classOutput(predicted(3)), content);
    assertThat(new LogisticProofEngine(source(content)).prove(s.binding(), other)).isInstanceOf(Outcome.NotProvable.class);
  }

  @Test
  void aVersionOfAnotherOutputFunctionIsNotProvable() {
    var text = new ProofEngine.Version(version.weightsRoot(), version.basisRoot(), version.indexRoot(), K,
        org.openledger.contracts.model.Models.OUTPUT_TEXT_LOG_PROB);
    Setup s = request(3, FraudChecks.classOutput(predicted(3)), new HashMap<>(store));
    assertThat(new LogisticProofEngine(source(store)).prove(s.binding(), text)).isInstanceOf(Outcome.NotProvable.class);
  }

  @Test
  void artifactsRoundTripThroughTheContentStore() throws Exception {
    VersionArtifacts back = VersionArtifacts.load(source(store), version);
    assertThat(back.weightsRoot()).isEqualTo(artifacts.weightsRoot());
    assertThat(back.leaves()).isEqualTo(artifacts.leaves());
    assertThat(back.denseBasis().rows()).isEqualTo(artifacts.denseBasis().rows());
  }
}
