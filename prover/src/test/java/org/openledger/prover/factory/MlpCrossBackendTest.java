package org.openledger.prover.factory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openledger.compute.BackendSelection;
import org.openledger.compute.BackendUnavailableException;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.ComputeBackends;
import org.openledger.compute.cpu.CpuBackend;
import org.openledger.compute.hash.MessageBatch;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.IndexTree;
import org.openledger.contracts.attribution.MlpBasisRow;
import org.openledger.prover.attribution.index.AttributionIndex;
import org.openledger.prover.attribution.index.LeafScorer;
import org.openledger.prover.attribution.kfac.MlpIndexBuilder;
import org.openledger.prover.attribution.kfac.MlpQueryBuilder;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Progress;
import org.openledger.prover.model.MlpQuantizer;
import org.openledger.prover.proof.VersionArtifacts;

/**
 * An MLP version's chain-checked values are the same bytes on the OpenCL backend (PoCL here and in
 * CI) as on the CPU backend: ψ, the contributor leaves and the index root are integer arithmetic
 * over the committed model and basis, and the integer scores and Keccak hashes a backend computes
 * equal the chain's definitions ({@link IndexLeaf#score}, {@code Keccak}). The float K-FAC basis is
 * the one stage that may round a borderline coordinate the other way on another backend; an
 * attester on either backend accepts the other's build (one quantization step, DESIGN §6).
 */
class MlpCrossBackendTest {
  static ComputeBackend cpu;
  static ComputeBackend openCl;

  @BeforeAll
  static void openBothBackends() {
    cpu = new CpuBackend();
    openCl = openClOrFail();
  }

  /** The best OpenCL device; PoCL is installed here and in CI (.ci/run), so its absence fails rather than skips. */
  static ComputeBackend openClOrFail() {
    try {
      return ComputeBackends.open(BackendSelection.openCl(-1));
    } catch (BackendUnavailableException e) {
      throw new AssertionError("this test needs an OpenCL device (PoCL: apt-get install pocl-opencl-icd): " + e.getMessage(), e);
    }
  }

  @AfterAll
  static void close() {
    cpu.close();
    if (openCl != null) openCl.close();
  }

  // ------------------------------------------------------------------ a real MLP version

  @Test
  void aRealMlpVersionsLeavesScoresAndIndexRootAreTheSameBytesOnOpenClAsOnTheCpu() {
    VersionArtifacts published = MlpVersionFixture.built().artifacts();
    // what a prover on either backend derives from the committed model and basis
    AttributionIndex rebuilt = new MlpIndexBuilder(published.mlp(), published.mlpRows())
        .build(MlpVersionFixture.set().examples(), MlpVersionFixture.set().owners());
    assertThat(rebuilt.leaves()).containsExactlyElementsOf(published.leaves());
    assertThat(IndexTree.ofLeaves(rebuilt.leaves()).indexRoot()).isEqualTo(published.indexRoot());
    List<short[]> psis = new ArrayList<>();
    MlpQueryBuilder queries = new MlpQueryBuilder(published.mlp(), published.mlpRows());
    LabelledImages test = MlpVersionFixture.evaluation();
    for (int i = 0; i < 50; i++) psis.add(queries.query(MlpQuantizer.pixels(test.images(), i)).psi());
    assertSameOnBothBackends(published.leaves(), psis);
  }

  @Test
  void aRealMlpVersionBuiltOnOpenClIsAttestedByACpuRebuildAndViceVersa() {
    VersionArtifacts onCpu = MlpVersionFixture.built().artifacts();
    VersionArtifacts onOpenCl = MlpVersionFixture.CONFIG.build(MlpVersionFixture.set(), MlpVersionFixture.evaluation(), FashionMnist.CLASSES,
        openCl, Progress.NONE, Checkpoints.NONE).artifacts();
    // training and quantization never touch a backend: the committed model is the same bytes
    assertThat(onOpenCl.weightsRoot()).isEqualTo(onCpu.weightsRoot());
    assertThat(Attestation.compare(onCpu, onOpenCl, MlpVersionFixture.set())).isEmpty();
    assertThat(Attestation.compare(onOpenCl, onCpu, MlpVersionFixture.set())).isEmpty();
    System.out.printf("MLP version on OpenCL vs CPU: basis %s, index %s; %d of %d basis coordinates differ by one step%n",
        onOpenCl.basisRoot().equals(onCpu.basisRoot()) ? "identical" : "differs", onOpenCl.indexRoot().equals(onCpu.indexRoot()) ? "identical" : "differs",
        differingCoordinates(onCpu.mlpRows(), onOpenCl.mlpRows()), coordinates(onCpu.mlpRows()));
  }

  private static void assertSameOnBothBackends(List<IndexLeaf> leaves, List<short[]> psis) {
    assertSameOn(List.of(cpu, openCl), leaves, psis);
  }

  /** Scores of every ψ against every leaf, the top leaf, and the leaf hashes are the chain's on each backend. */
  static void assertSameOn(List<ComputeBackend> backends, List<IndexLeaf> leaves, List<short[]> psis) {
    List<byte[]> leafBytes = leaves.stream().map(IndexLeaf::leafBytes).toList();
    byte[] javaHashes = new byte[32 * leaves.size()];
    for (int n = 0; n < leaves.size(); n++) System.arraycopy(leaves.get(n).hash().toArrayUnsafe(), 0, javaHashes, 32 * n, 32);
    for (ComputeBackend backend : backends) {
      assertThat(backend.keccak256(MessageBatch.of(leafBytes))).as(backend.description()).isEqualTo(javaHashes);
      try (LeafScorer scorer = new LeafScorer(backend, leaves)) {
        for (short[] psi : psis) {
          long[] reference = LeafScorer.referenceScores(psi, leaves);
          assertThat(scorer.scores(psi)).as(backend.description()).containsExactly(reference);
          var top = scorer.top(psi, 1);
          assertThat(top.score(0, 0)).isEqualTo(java.util.Arrays.stream(reference).max().orElseThrow());
        }
      }
    }
  }

  private static int differingCoordinates(List<MlpBasisRow> a, List<MlpBasisRow> b) {
    int n = 0;
    for (int j = 0; j < a.size(); j++) {
      for (int i = 0; i < a.get(j).a().length; i++) if (a.get(j).a()[i] != b.get(j).a()[i]) n++;
      for (int i = 0; i < a.get(j).b().length; i++) if (a.get(j).b()[i] != b.get(j).b()[i]) n++;
    }
    return n;
  }

  private static int coordinates(List<MlpBasisRow> rows) {
    return rows.stream().mapToInt(r -> r.a().length + r.b().length).sum();
  }
}
