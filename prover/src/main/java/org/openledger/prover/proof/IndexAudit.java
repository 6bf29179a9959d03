package org.openledger.prover.proof;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FixedLora;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.prover.attribution.index.AttributionIndex;
import org.openledger.prover.attribution.index.IndexBuilder;
import org.openledger.prover.attribution.kfac.MlpIndexBuilder;
import org.openledger.prover.factory.TrainingSet;

/**
 * A registered index checked against the one its own published model and basis give on the
 * training data (docs/attribution.md §8–§9). Leaves are integer arithmetic over committed values,
 * so any coordinate that differs is wrong, and provably so: its exact sum {@code Σ raw_j} does not
 * round to it ({@code FraudChecks.leafCoordinateDiffers}), which is what the leaf-coordinate game
 * shows on-chain. The attester refuses such a version ({@code Attestation}); the prover daemon
 * challenges it.
 */
public final class IndexAudit {
  private IndexAudit() {}

  /**
   * Coordinate {@code coordinate} of leaf {@code leafIndex} is registered as {@code registered}; the
   * exact sum of its examples' {@code raw_j} is {@code exactSum}, which rounds to {@code expected}.
   */
  public record WrongCoordinate(int leafIndex, int coordinate, short registered, long expected, long exactSum) {
    /** How many quantization steps the registered value is off: the challenger's measure of how convincing it is. */
    public long steps() {
      return Math.abs(expected - registered);
    }
  }

  /**
   * The index the published model and basis give on {@code set}, with each leaf's exact sums.
   *
   * @throws ArithmeticException when a leaf's sum leaves int64
   * @throws IllegalArgumentException when the data do not fit the model
   */
  public static AttributionIndex expected(VersionArtifacts published, TrainingSet set) {
    return switch (published.model()) {
      case FixedLogistic m -> new IndexBuilder(m, published.denseBasis()).build(set.examples(), set.owners());
      case FixedMlp m -> new MlpIndexBuilder(m, published.mlpRows()).build(set.examples(), set.owners());
      case FixedLora m -> throw new IllegalArgumentException("an OLA2 adapter is audited as an adapter version");
    };
  }

  /**
   * Every registered coordinate whose exact sum over {@code set} does not round (at the registered
   * scale {@code 2^leafShift}) to it, the most steps off first (then by leaf and coordinate).
   * Only leaves that name the same contributor, datanet and contributions as the rebuild are
   * compared: another leaf list is no coordinate's fault, and the game cannot show it.
   */
  public static List<WrongCoordinate> wrongCoordinates(VersionArtifacts published, TrainingSet set, int leafShift) {
    AttributionIndex expected = expected(published, set);
    List<WrongCoordinate> out = new ArrayList<>();
    int n = Math.min(published.leaves().size(), expected.leaves().size());
    for (int i = 0; i < n; i++) {
      IndexLeaf p = published.leaves().get(i), q = expected.leaves().get(i);
      if (!p.contributor().equals(q.contributor()) || p.datanetId() != q.datanetId() || !p.contributionsRoot().equals(q.contributionsRoot())) continue;
      long[] raw = expected.raw().get(i);
      for (int j = 0; j < p.u().length && j < raw.length; j++) {
        long rounded = Rounding.shift(raw[j], leafShift);
        if (rounded != p.u()[j]) out.add(new WrongCoordinate(i, j, p.u()[j], rounded, raw[j]));
      }
    }
    out.sort(Comparator.comparingLong(WrongCoordinate::steps).reversed().thenComparingInt(WrongCoordinate::leafIndex)
        .thenComparingInt(WrongCoordinate::coordinate));
    return List.copyOf(out);
  }
}
