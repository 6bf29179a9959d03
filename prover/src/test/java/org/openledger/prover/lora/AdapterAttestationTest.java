package org.openledger.prover.lora;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FixedLora;
import org.openledger.compute.cpu.CpuBackend;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.prover.attribution.adapter.AdapterBasis;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.eval.Pooling;
import org.openledger.prover.factory.Attestation;
import org.openledger.prover.factory.TrainingSet;

/**
 * What an attester accepts of an adapter version ({@link Attestation#compare(AdapterArtifacts,
 * AdapterArtifacts, TrainingSet)}): its own rebuild with the same settings on the same base, LoRA
 * factors within one int16 quantization step at their matrix's scale, and exactly the index the
 * published adapter and basis give. Small sizes: a random 196→10 base, 100 examples, rank 2, k = 6.
 */
class AdapterAttestationTest {
  static final AdapterFactory.Config CONFIG = new AdapterFactory.Config(new AdapterTrainer.Config(2, 4, 2, 16, 0.05, 3), new AdapterBasis.Config(6, 0.1));
  static CpuBackend backend;
  static BaseMlp base;
  static TrainingSet set;
  static AdapterArtifacts published;

  @BeforeAll
  static void publish() {
    backend = new CpuBackend();
    base = BaseMlp.random(1, 196, 10);
    set = AdapterAttributionTest.fiveContributors(Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TRAIN)), 0, 10);
    published = build(base, CONFIG);
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  static AdapterArtifacts build(BaseMlp on, AdapterFactory.Config config) {
    return AdapterFactory.build(on, org.apache.tuweni.bytes.Bytes32.wrap(org.openledger.precompiles.Keccak.hash(on.weightsBytes())), set, config, backend).artifacts();
  }

  /** {@code a} with layer 0's first A entry moved by {@code steps} quantization steps of that matrix. */
  static AdapterArtifacts movedBy(AdapterArtifacts a, int steps) {
    LoraLayer l = a.adapter().layers().get(0);
    float max = 0;
    for (float x : l.a()) max = Math.max(max, Math.abs(x));
    float[] moved = l.a().clone();
    moved[0] += (float) (steps * Math.scalb(1.0, Math.getExponent(max) + 1 - 15));
    List<LoraLayer> layers = new ArrayList<>(a.adapter().layers());
    layers.set(0, new LoraLayer(l.rank(), l.in(), l.out(), l.scale(), moved, l.b()));
    return AdapterArtifacts.of(a.base(), new LoraAdapter(layers), a.rows(), a.leaves());
  }

  /** A committed logistic base of the same shape, and the OLA2 version the factory builds on it (docs/openlora.md §8). */
  static FixedLogistic logistic() {
    java.util.Random r = new java.util.Random(4);
    short[] w = new short[10 * 196];
    for (int i = 0; i < w.length; i++) w[i] = (short) (r.nextInt(601) - 300);
    int[] b = new int[10];
    for (int c = 0; c < b.length; c++) b[c] = r.nextInt(1 << 20) - (1 << 19);
    return new FixedLogistic(10, 196, 12, w, b);
  }

  static AdapterArtifacts integer(AdapterFactory.Config config) {
    return AdapterFactory.build(logistic(), set, config, backend).artifacts();
  }

  /** {@code a} (OLA2) with its first A entry moved by {@code steps} int16 steps, rows and leaves kept. */
  static AdapterArtifacts integerMovedBy(AdapterArtifacts a, int steps) {
    FixedLora m = a.integer();
    short[] moved = m.a();
    moved[0] += (short) (moved[0] > 0 ? -steps : steps);
    return AdapterArtifacts.ofInteger(new FixedLora(m.base(), m.rank(), m.shiftA(), m.shiftB(), m.shiftH(), moved, m.b()), a.rows(), a.leaves());
  }

  @Test
  void anOla2RebuildWithTheSameSettingsOnTheSameBaseIsAttested() {
    AdapterArtifacts published = integer(CONFIG);
    assertThat(published.isInteger()).isTrue();
    assertThat(Attestation.compare(published, integer(CONFIG), set)).isEmpty();
  }

  @Test
  void anOla2AdapterWithAnotherAlphaIsRefusedNamingItsIntegers() {
    AdapterTrainer.Config t = CONFIG.training();
    AdapterFactory.Config other = new AdapterFactory.Config(new AdapterTrainer.Config(t.rank(), 8, t.epochs(), t.batchSize(), t.learningRate(), t.seed()),
        CONFIG.basis());
    // α/r is folded into B's integers: another α shows as another shift or other B entries
    assertThat(Attestation.compare(integer(other), integer(CONFIG), set))
        .hasValueSatisfying(d -> assertThat(d).containsAnyOf("adapter shifts", "adapter layer 0 B entry"));
  }

  @Test
  void anOla2FactorOneStepFromTheRebuildIsAttestedAndTwoStepsAreRefused() {
    AdapterArtifacts rebuilt = integer(CONFIG);
    assertThat(Attestation.compare(integerMovedBy(rebuilt, 1), rebuilt, set)).isEmpty();
    assertThat(Attestation.compare(integerMovedBy(rebuilt, 2), rebuilt, set)).hasValueSatisfying(d -> assertThat(d).startsWith("adapter layer 0 A entry"));
  }

  @Test
  void anOla1VersionIsNotAttestedAgainstAnOla2RebuildOfTheSameBase() {
    FixedLogistic l = logistic();
    AdapterArtifacts ola1 = AdapterFactory.build(BaseMlp.of(l), l.weightsRoot(), set, CONFIG, backend).artifacts();
    assertThat(Attestation.compare(ola1, integer(CONFIG), set)).hasValue("the adapter is OLA1 published, OLA2 rebuilt");
  }

  @Test
  void aRebuildWithTheSameSettingsOnTheSameBaseIsAttested() {
    assertThat(Attestation.compare(published, build(base, CONFIG), set)).isEmpty();
  }

  @Test
  void anAdapterTrainedForFewerEpochsThanItsSettingsIsRefusedNamingTheFactor() {
    AdapterTrainer.Config t = CONFIG.training();
    AdapterFactory.Config fewer = new AdapterFactory.Config(new AdapterTrainer.Config(t.rank(), t.alpha(), 1, t.batchSize(), t.learningRate(), t.seed()),
        CONFIG.basis());
    assertThat(Attestation.compare(build(base, fewer), build(base, CONFIG), set)).hasValueSatisfying(d -> assertThat(d).startsWith("adapter layer 0 A entry"));
  }

  @Test
  void anAdapterWithAnotherAlphaIsRefusedNamingTheScale() {
    AdapterTrainer.Config t = CONFIG.training();
    AdapterFactory.Config other = new AdapterFactory.Config(new AdapterTrainer.Config(t.rank(), 8, t.epochs(), t.batchSize(), t.learningRate(), t.seed()),
        CONFIG.basis());
    assertThat(Attestation.compare(build(base, other), build(base, CONFIG), set)).hasValueSatisfying(d -> assertThat(d).contains("scale α/r is 4.0 published, 2.0 rebuilt"));
  }

  @Test
  void aLoraFactorOneQuantizationStepFromTheRebuildIsAttested() {
    assertThat(Attestation.compare(published, movedBy(build(base, CONFIG), 1), set)).isEmpty();
  }

  @Test
  void aLoraFactorTwoQuantizationStepsFromTheRebuildIsRefused() {
    assertThat(Attestation.compare(published, movedBy(build(base, CONFIG), 2), set)).hasValueSatisfying(d -> assertThat(d).startsWith("adapter layer 0 A entry 0"));
  }

  @Test
  void anAdapterFineTunedOnAnotherBaseIsRefusedNamingTheBaseWeights() {
    assertThat(Attestation.compare(build(BaseMlp.random(2, 196, 10), CONFIG), published, set)).hasValueSatisfying(d -> assertThat(d).contains("names base weights"));
  }

  @Test
  void anIndexLeafThatIsNotWhatThePublishedAdapterAndBasisGiveIsRefused() {
    List<IndexLeaf> leaves = new ArrayList<>(published.leaves());
    IndexLeaf first = leaves.get(0);
    short[] u = first.u().clone();
    u[0]++;
    leaves.set(0, new IndexLeaf(first.contributor(), first.datanetId(), first.contributionsRoot(), u));
    AdapterArtifacts tampered = AdapterArtifacts.of(published.base(), published.adapter(), published.rows(), leaves);
    assertThat(Attestation.compare(tampered, build(base, CONFIG), set)).hasValueSatisfying(d -> assertThat(d).startsWith("leaf 0 coordinate 0 is"));
  }
}
