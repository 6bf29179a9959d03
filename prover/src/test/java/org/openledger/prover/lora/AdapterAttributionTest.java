package org.openledger.prover.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openledger.compute.cpu.CpuBackend;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Protocol;
import org.openledger.contracts.attribution.AttributionProof;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.IndexProofVerifier;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.prover.Provers;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.host.CallResult;
import org.openledger.prover.attribution.Dense;
import org.openledger.prover.attribution.adapter.AdapterBasisRow;
import org.openledger.prover.attribution.adapter.AdapterQueryBuilder;
import org.openledger.prover.attribution.index.Query;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Pooling;
import org.openledger.prover.eval.Progress;
import org.openledger.prover.factory.LogisticFactory;
import org.openledger.prover.factory.TrainingSet;
import org.openledger.prover.proof.ProofAuditor;
import org.openledger.prover.proof.ProofEngine;
import org.openledger.prover.proof.ProofEngines;
import static org.openledger.prover.proof.RequestFixture.source;
import org.openledger.prover.proof.RequestFixture;
import org.openledger.prover.proof.RequestFixture.Setup;
import org.openledger.prover.factory.FiveContributors;

/**
 * Attribution over an adapter's parameters on real data: a committed logistic-regression base
 * trained on one Fashion-MNIST datanet, a rank-8 adapter fine-tuned on another whose five
 * contributors each own two classes; its K-FAC basis and index are published to a content store,
 * and the daemon's engine proves its requests with the v1 proof the real Provers contract verifies
 * and settles.
 */
class AdapterAttributionTest {
  static CpuBackend backend;
  static LabelledImages test;
  static LogisticFactory.Built baseVersion;
  static FixedLogistic fixedBase;
  static BaseMlp base;
  static TrainingSet set;
  static AdapterFactory.Built built;
  static AdapterArtifacts artifacts;
  static Map<Bytes32, byte[]> store;
  static ProofEngine.Version version;
  /** The same fine-tuning quantized to OLA2 (docs/openlora.md §8), its basis and index in the chain's integers. */
  static AdapterFactory.Built integerBuilt;
  static AdapterArtifacts integer;
  static ProofEngine.Version integerVersion;
  static final Address CHALLENGER = Address.of(0xc4a1);

  static Address contributor(int i) {
    return Address.of(0x2000 + i);
  }

  /** Contributor i gets examples {@code [from, from + perClass)} of classes 2i and 2i+1. */
  static TrainingSet fiveContributors(LabelledImages data, int from, int perClass) {
    return FiveContributors.of(data, from, perClass, AdapterAttributionTest::contributor);
  }

  @BeforeAll
  static void deliver() {
    backend = new CpuBackend();
    LabelledImages train = Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TRAIN));
    test = Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TEST));
    baseVersion = LogisticFactory.build(fiveContributors(train, 0, 20), test.first(200), 10, LogisticFactory.Config.defaults(),
        backend, Dense.load(), Progress.NONE);
    fixedBase = baseVersion.artifacts().logistic();
    base = BaseMlp.of(fixedBase);
    set = fiveContributors(train, 20, 50);
    built = AdapterFactory.build(base, fixedBase.weightsRoot(), set, AdapterFactory.Config.defaults(), backend);
    artifacts = built.artifacts();
    store = new HashMap<>();
    for (byte[] blob : built.blobs()) store.put(Bytes32.wrap(Keccak.hash(blob)), blob);
    store.put(fixedBase.weightsRoot(), fixedBase.weightsBytes());
    version = new ProofEngine.Version(artifacts.weightsRoot(), artifacts.basisRoot(), artifacts.indexRoot(), artifacts.rank(), Models.OUTPUT_CLASSIFIER_MARGIN);
    integerBuilt = AdapterFactory.build(fixedBase, set, AdapterFactory.Config.defaults(), backend);
    integer = integerBuilt.artifacts();
    for (byte[] blob : integerBuilt.blobs()) store.put(Bytes32.wrap(Keccak.hash(blob)), blob);
    integerVersion = new ProofEngine.Version(integer.weightsRoot(), integer.basisRoot(), integer.indexRoot(), integer.rank(), Models.OUTPUT_CLASSIFIER_MARGIN);
  }

  @AfterAll
  static void close() {
    backend.close();
  }


  static byte[] pixels(int image) {
    int size = test.images().size();
    return Arrays.copyOfRange(test.images().pixels(), image * size, (image + 1) * size);
  }

  static double accuracy(LoraAdapter adapter, LabelledImages data) {
    LoraGradient g = new LoraGradient(base, adapter);
    int right = 0, size = data.images().size();
    for (int i = 0; i < data.size(); i++) {
      double[] z = g.logits(BaseMlp.pixels(Arrays.copyOfRange(data.images().pixels(), i * size, (i + 1) * size)));
      int best = 0;
      for (int c = 1; c < z.length; c++) if (z[c] > z[best]) best = c;
      if (best == data.label(i)) right++;
    }
    return right / (double) data.size();
  }

  static LoraAdapter zeroAdapter() {
    List<LoraLayer> layers = new ArrayList<>();
    for (DenseLayer d : base.layers()) layers.add(new LoraLayer(8, d.in(), d.out(), 2, new float[8 * d.in()], new float[d.out() * 8]));
    return new LoraAdapter(layers);
  }

  @Test
  void fineTuningOnTheDatanetRaisesTheAccuracyOfTheFrozenBaseOnItsExamples() {
    double before = accuracy(zeroAdapter(), set.examples()), after = accuracy(artifacts.adapter(), set.examples());
    System.out.printf("adapter fine-tuning: training accuracy %.3f → %.3f, test (%d) %.3f → %.3f%n", before, after, test.size(),
        accuracy(zeroAdapter(), test), accuracy(artifacts.adapter(), test));
    assertThat(after).isGreaterThan(before);
  }

  @Test
  void theIndexHasOneLeafPerContributorOverTheAdaptersKroneckerRows() {
    assertThat(artifacts.leaves()).extracting(IndexLeaf::contributor).containsExactly(contributor(0), contributor(1), contributor(2), contributor(3),
        contributor(4));
    assertThat(artifacts.rank()).isEqualTo(32);
    assertThat(artifacts.rows()).allSatisfy(r -> assertThat(r.baseWeightsRoot()).isEqualTo(fixedBase.weightsRoot()));
    assertThat(artifacts.rows()).extracting(AdapterBasisRow::block).contains(AdapterBasisRow.A, AdapterBasisRow.B);
  }

  @Test
  void theTopContributorOfAQueryIsMostOftenTheOneOwningTheReturnedClass() {
    int n = 300, agree = topContributorOwnsTheClass(artifacts, n);
    System.out.printf("adapter attribution: the top contributor owns the returned class for %d of %d test queries (chance 1 in 5)%n", agree, n);
    assertThat(agree).isGreaterThan(n * 7 / 10);
  }

  @Test
  void theTopContributorOfAnIntegerQueryIsMostOftenTheOneOwningTheReturnedClass() {
    int n = 300, agree = topContributorOwnsTheClass(integer, n);
    System.out.printf("integer (OLA2) adapter attribution: the top contributor owns the returned class for %d of %d test queries (chance 1 in 5)%n", agree, n);
    assertThat(agree).isGreaterThan(n * 7 / 10);
  }

  /** How many of the first n test queries' top-scoring leaf is the contributor owning the returned class. */
  static int topContributorOwnsTheClass(AdapterArtifacts a, int n) {
    int agree = 0;
    for (int i = 0; i < n; i++) {
      Query q = a.query(pixels(i));
      int top = 0;
      long best = Long.MIN_VALUE;
      for (int c = 0; c < a.leaves().size(); c++) {
        long s = a.leaves().get(c).score(q.psi());
        if (s > best) {
          best = s;
          top = c;
        }
      }
      if (a.leaves().get(top).contributor().equals(contributor(q.predicted() / 2))) agree++;
    }
    return agree;
  }

  @Test
  void rebuildingTheBasisAndIndexGivesTheSameRoots() {
    AdapterFactory.Built again = AdapterFactory.index(base, fixedBase.weightsRoot(), artifacts.adapter(), set, AdapterFactory.Config.defaults().basis(), backend);
    assertThat(again.artifacts().basisRoot()).isEqualTo(artifacts.basisRoot());
    assertThat(again.artifacts().indexRoot()).isEqualTo(artifacts.indexRoot());
  }

  @Test
  void anAdapterVersionRoundTripsThroughTheContentStoreFindingItsBaseFromTheBasis() throws Exception {
    AdapterArtifacts back = AdapterArtifacts.load(source(store), version);
    assertThat(back.adapter().weightsRoot()).isEqualTo(artifacts.weightsRoot());
    assertThat(back.base().weightsBytes()).isEqualTo(base.weightsBytes());
    assertThat(back.rows()).isEqualTo(artifacts.rows());
    assertThat(back.leaves()).isEqualTo(artifacts.leaves());
  }

  @Test
  void anAdapterVersionWhoseBaseIsNotInTheStoreIsUnavailable() {
    Map<Bytes32, byte[]> partial = new HashMap<>(store);
    partial.remove(fixedBase.weightsRoot());
    assertThat(new ProofEngines(source(partial)).prove(null, version)).isInstanceOf(ProofEngine.Outcome.NotProvable.class);
  }

  @Test
  void theDaemonsEnginesProveAnAdapterRequestAndTheChainVerifiesAndSettlesIt() {
    Map<Bytes32, byte[]> content = new HashMap<>(store);
    Setup s = request(17, new AdapterQueryBuilder(base, artifacts.adapter(), artifacts.rows()).predict(pixels(17)), content);
    ProofEngine.Outcome outcome = new ProofEngines(source(content)).prove(s.binding(), version);
    assertThat(outcome).isInstanceOf(ProofEngine.Outcome.Proof.class);
    ProofEngine.Outcome.Proof proof = (ProofEngine.Outcome.Proof) outcome;
    AttributionProof decoded = AttributionProof.decode(proof.bytes());
    assertThat(decoded.leaves()).hasSize(proof.contributors()).isNotEmpty();
    long gas = submit(s, proof.bytes()).gasUsed();
    System.out.printf("adapter proof: %d bytes, k = %d, %d leaves, submitProof gas %d%n", proof.bytes().size(), decoded.k(), decoded.leaves().size(), gas);

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
  void aHostOutputOtherThanTheAdaptersIsReportedAndNotProven() {
    Map<Bytes32, byte[]> content = new HashMap<>(store);
    int right = new AdapterQueryBuilder(base, artifacts.adapter(), artifacts.rows()).predict(pixels(5));
    Setup s = request(5, (right + 1) % 10, content);
    assertThat(new ProofEngines(source(content)).prove(s.binding(), version)).isInstanceOf(ProofEngine.Outcome.WrongOutput.class);
  }

  @Test
  void anHonestAdapterProofAuditsSound() {
    Map<Bytes32, byte[]> content = new HashMap<>(store);
    Setup s = request(9, new AdapterQueryBuilder(base, artifacts.adapter(), artifacts.rows()).predict(pixels(9)), content);
    Bytes proof = ((ProofEngine.Outcome.Proof) new ProofEngines(source(content)).prove(s.binding(), version)).bytes();
    submit(s, proof);
    assertThat(new ProofEngines(source(content)).audit(s.binding(), version, proof)).isInstanceOf(ProofAuditor.Finding.Sound.class);
  }

  @Test
  void anAdapterProofWithoutItsTopLeafIsFoundAndItsOmissionChallengeWinsOnChain() {
    Map<Bytes32, byte[]> content = new HashMap<>(store);
    Setup s = request(23, new AdapterQueryBuilder(base, artifacts.adapter(), artifacts.rows()).predict(pixels(23)), content);
    Query q = new AdapterQueryBuilder(base, artifacts.adapter(), artifacts.rows()).query(pixels(23));
    AttributionProof full = AttributionProof.build(s.binding().hash(), q.shift(), q.psi(), artifacts.leaves(), artifacts.tree(), AttributionProof.MAX_LEAVES);
    assertThat(full.leaves()).isNotEmpty();
    List<AttributionProof.ProvenLeaf> kept = full.leaves().subList(1, full.leaves().size());
    int[] indices = kept.stream().mapToInt(l -> (int) l.index()).sorted().toArray();
    Bytes proof = new AttributionProof(full.binding(), full.psiShift(), q.psi(), full.leafCount(), kept, artifacts.tree().multiproof(indices)).encode();
    submit(s, proof);
    var finding = new ProofEngines(source(content)).audit(s.binding(), version, proof);
    assertThat(finding).isInstanceOf(ProofAuditor.Finding.Omitted.class);
    var o = (ProofAuditor.Finding.Omitted) finding;
    assertThat(o.leafIndex()).isEqualTo(full.leaves().get(0).index());
    CallResult r = s.p().chain.send(CHALLENGER, Addresses.PROVERS, Provers.CHALLENGER_BOND.defaultValue(), Provers.CHALLENGE_OMISSION, s.request(),
        proof, BigInteger.valueOf(o.leafIndex()), Bytes.wrap(o.leaf()), o.leafProof());
    assertThat(r.isSuccess()).as(s.p().chain.describe(Addresses.PROVERS, r)).isTrue();
  }

  @Test
  void anAdapterRowThatDoesNotFitTheAdapterIsRefusedNamingTheShape() {
    AdapterBasisRow row = artifacts.rows().get(0);
    byte[] leaf = row.leafBytes();
    byte[] truncated = Arrays.copyOf(leaf, leaf.length - 2);
    assertThatThrownBy(() -> AdapterBasisRow.decode(truncated, 0, artifacts.adapter())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 0");
  }

  static int claimState(Setup s) {
    return ((BigInteger) ((List<?>) s.p().chain.view(Addresses.PROVERS, Provers.CLAIM_OF, s.request())).get(3)).intValueExact();
  }

  /** An honestly proven request on the adapter version, inside its challenge window. */
  static Setup proven(int image) {
    Map<Bytes32, byte[]> content = new HashMap<>(store);
    Setup s = request(image, new AdapterQueryBuilder(base, artifacts.adapter(), artifacts.rows()).predict(pixels(image)), content);
    submit(s, ((ProofEngine.Outcome.Proof) new ProofEngines(source(content)).prove(s.binding(), version)).bytes());
    return s;
  }

  @Test
  void anOutputChallengeAgainstAnAdapterVersionIsRefusedWithAdapterNotChallengeableNotMisreadAsLogisticWeights() {
    Setup s = proven(31);
    CallResult r = s.p().chain.send(CHALLENGER, Addresses.PROVERS, Provers.CHALLENGER_BOND.defaultValue(), Provers.CHALLENGE_OUTPUT, s.request(),
        Bytes.wrap(artifacts.adapter().weightsBytes()), Bytes.wrap(pixels(31)));
    assertThat(r.isSuccess()).isFalse();
    assertThat(s.p().chain.describe(Addresses.PROVERS, r)).contains("AdapterNotChallengeable");
    assertThat(claimState(s)).as("nothing changes").isEqualTo(Provers.PROVEN);
  }

  @Test
  void aPsiChallengeAgainstAnAdapterVersionIsRefusedWithAdapterNotChallengeable() {
    Setup s = proven(33);
    Query q = new AdapterQueryBuilder(base, artifacts.adapter(), artifacts.rows()).query(pixels(33));
    AttributionProof full = AttributionProof.build(s.binding().hash(), q.shift(), q.psi(), artifacts.leaves(), artifacts.tree(), AttributionProof.MAX_LEAVES);
    CallResult r = s.p().chain.send(CHALLENGER, Addresses.PROVERS, Provers.CHALLENGER_BOND.defaultValue(), Provers.CHALLENGE_PSI, s.request(),
        full.encode(), BigInteger.ZERO, Bytes.wrap(artifacts.adapter().weightsBytes()), Bytes.wrap(pixels(33)), Bytes.wrap(artifacts.rows().get(0).leafBytes()),
        artifacts.basisTree().multiproof(new int[] {0}));
    assertThat(r.isSuccess()).isFalse();
    assertThat(s.p().chain.describe(Addresses.PROVERS, r)).contains("AdapterNotChallengeable");
    assertThat(claimState(s)).as("nothing changes").isEqualTo(Provers.PROVEN);
  }

  @Test
  void aLeafChallengeAgainstAnAdapterModelsVersionIsRefusedAtOpeningWithAdapterNotChallengeable() {
    Protocol p = new Protocol(new IndexProofVerifier());
    BigInteger baseModel = p.deployedModel(Protocol.open("1"), fixedBase.weightsRoot(), Protocol.root("basis"), Protocol.root("index"), 4);
    BigInteger id = (BigInteger) p.chain.ok(p.owner, Addresses.MODELS, Models.PROPOSE, baseModel, List.of(BigInteger.ONE), "lora", "ipfs://lora");
    p.chain.ok(Addresses.TIMELOCK, Addresses.MODELS, Models.APPROVE, id);
    p.chain.ok(Addresses.SERVICES, Addresses.MODELS, Models.MARK_TRAINING, id);
    List<Object> spec = List.of(artifacts.weightsRoot(), artifacts.basisRoot(), artifacts.indexRoot(), BigInteger.valueOf(100), BigInteger.valueOf(1 << 10),
        BigInteger.ZERO, BigInteger.ZERO, BigInteger.valueOf(196), BigInteger.ONE, p.owner, Protocol.open("1"), Protocol.open("1"),
        BigInteger.valueOf(artifacts.rank()));
    BigInteger v = (BigInteger) p.chain.ok(p.owner, Addresses.MODELS, Models.REGISTER_VERSION, id, spec);
    p.chain.host.setBalance(CHALLENGER, Protocol.open("100"));
    IndexLeaf leaf = artifacts.leaves().get(0);
    CallResult r = p.chain.send(CHALLENGER, Addresses.PROVERS, Provers.LEAF_CHALLENGER_BOND.defaultValue(), Provers.OPEN_LEAF_CHALLENGE, id, v,
        BigInteger.valueOf(artifacts.leaves().size()), BigInteger.ZERO, BigInteger.ZERO, Bytes.wrap(leaf.leafBytes()), artifacts.tree().multiproof(new int[] {0}),
        Bytes.wrap(new byte[65]), List.of(BigInteger.ZERO));
    assertThat(r.isSuccess()).isFalse();
    assertThat(p.chain.describe(Addresses.PROVERS, r)).contains("AdapterNotChallengeable");
  }

  /** A Protocol whose deployed version registers the adapter's three roots, with a request on test image {@code image} resulted as class {@code output}. */
  static Setup request(int image, int output, Map<Bytes32, byte[]> content) {
    return request(artifacts, image, output, content);
  }

  /** {@link #request(int, int, Map)} on a version registering {@code a}'s roots. */
  static Setup request(AdapterArtifacts a, int image, int output, Map<Bytes32, byte[]> content) {
    Protocol p = new Protocol(new IndexProofVerifier());
    BigInteger model = p.deployedModel(Protocol.open("1"), a.weightsRoot(), a.basisRoot(), a.indexRoot(), a.rank());
    p.chain.host.setBalance(CHALLENGER, Protocol.open("100"));
    return RequestFixture.request(p, model, pixels(image), FraudChecks.classOutput(output), content);
  }

  static CallResult submit(Setup s, Bytes proof) {
    s.p().chain.ok(s.p().prover, Addresses.PROVERS, Provers.CLAIM, s.request());
    CallResult r = s.p().chain.send(s.p().prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, s.request(), proof);
    assertThat(r.isSuccess()).as(s.p().chain.describe(Addresses.PROVERS, r)).isTrue();
    return r;
  }

  @Test
  void theBaseVersionsOwnProofInTheSameRunForComparison() {
    var a = baseVersion.artifacts();
    Map<Bytes32, byte[]> content = new HashMap<>();
    for (byte[] blob : baseVersion.blobs()) content.put(Bytes32.wrap(Keccak.hash(blob)), blob);
    Protocol p = new Protocol(new IndexProofVerifier());
    BigInteger model = p.deployedModel(Protocol.open("1"), a.weightsRoot(), a.basisRoot(), a.indexRoot(), a.rank());
    byte[] px = pixels(17);
    Bytes32 inputHash = Bytes32.wrap(Keccak.hash(px));
    content.put(inputHash, px);
    BigInteger id = (BigInteger) p.chain.ok(p.user, Addresses.INFERENCE, Protocol.open("1.14"), Inference.REQUEST_FN, model, BigInteger.ONE,
        inputHash, BigInteger.valueOf(400), BigInteger.valueOf(240));
    Bytes32 outputHash = Bytes32.wrap(Keccak.hash(FraudChecks.classOutput(fixedBase.predict(px))));
    p.chain.ok(p.owner, Addresses.INFERENCE, Inference.SUBMIT_RESULT, id, outputHash, BigInteger.valueOf(240));
    var binding = new AttributionVerifier.Binding(p.chain.host.block().chainId(), Addresses.PROVERS, id, model, BigInteger.ONE, inputHash, outputHash, p.prover);
    var v = new ProofEngine.Version(a.weightsRoot(), a.basisRoot(), a.indexRoot(), a.rank(), Models.OUTPUT_CLASSIFIER_MARGIN);
    var proof = (ProofEngine.Outcome.Proof) new ProofEngines(source(content)).prove(binding, v);
    long gas = submit(new Setup(p, model, id, binding), proof.bytes()).gasUsed();
    System.out.printf("base (logistic) proof: %d bytes, k = %d, %d leaves, submitProof gas %d%n", proof.bytes().size(), a.rank(), proof.contributors(), gas);
    assertThat(proof.contributors()).isPositive();
  }
}
