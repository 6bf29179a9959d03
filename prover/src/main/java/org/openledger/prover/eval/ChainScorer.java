package org.openledger.prover.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openledger.contracts.attribution.BasisRows;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.precompiles.Address;
import org.openledger.prover.attribution.AttributionProblem;
import org.openledger.prover.attribution.Groups;
import org.openledger.prover.attribution.InfluenceScorer;
import org.openledger.prover.attribution.Quantization;
import org.openledger.prover.attribution.WhitenedPcaBasis;
import org.openledger.prover.attribution.index.ExampleOwner;
import org.openledger.prover.attribution.index.IndexBuilder;
import org.openledger.prover.model.FixedPointClassifier;

/**
 * The scores the chain pays on (docs/attribution.md §2–§3), as an LDS scorer: the int16 model, its
 * integer gradients, the committed int16 basis rows, leaves rounded with one e_U over the whole
 * index, ψ rounded with its own e_ψ, exact int64 dot products. Each group is one leaf (a
 * contributor in one datanet). ψ explains the class the float model predicts, as the other
 * scorers do; the int16 model returns the same class for all but a few images.
 */
public final class ChainScorer implements InfluenceScorer {
  private final AttributionProblem problem;
  private final FixedLogistic model;
  private final BasisRows basis;

  public ChainScorer(AttributionProblem problem, WhitenedPcaBasis basis) {
    this.problem = problem;
    this.model = FixedPointClassifier.quantize(problem.model()).committed();
    this.basis = basis.quantize();
  }

  /** For {@link LdsEvaluation#run}'s extra scorers. */
  public static LdsEvaluation.BasisScorerFactory factory() {
    return ChainScorer::new;
  }

  @Override
  public String name() {
    return "chain (exact integer)";
  }

  @Override
  public int rank() {
    return basis.k();
  }

  @Override
  public Quantization quantization() {
    return Quantization.INT16;
  }

  @Override
  public double[] influence(Groups groups) {
    List<ExampleOwner> owners = new ArrayList<>(groups.examples());
    for (int i = 0; i < groups.examples(); i++) {
      // addresses ascending with the group number, so leaf g is group g
      owners.add(new ExampleOwner(Address.of(1L + groups.groupOf()[i]), 1, org.apache.tuweni.bytes.Bytes32.ZERO));
    }
    List<IndexLeaf> leaves = new IndexBuilder(model, basis).build(problem.train(), owners).leaves();
    if (leaves.size() != groups.count()) throw new IllegalStateException("every group needs at least one example");
    int size = problem.test().size();
    double[] out = new double[problem.tests() * groups.count()];
    for (int t = 0; t < problem.tests(); t++) {
      byte[] pixels = Arrays.copyOfRange(problem.test().pixels(), t * size, (t + 1) * size);
      long[] delta = FixedLogistic.outputDelta(model.exponentials(pixels), problem.classes()[t]);
      long[] raw = basis.project(model.gradient(pixels, delta));
      short[] psi = Rounding.toInt16(raw, Rounding.int16Shift(raw));
      for (int g = 0; g < groups.count(); g++) out[t * groups.count() + g] = leaves.get(g).score(psi);
    }
    return out;
  }
}
