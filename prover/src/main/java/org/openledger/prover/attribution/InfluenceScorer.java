package org.openledger.prover.attribution;

/**
 * One way of predicting each group's influence on each test output, under the sign convention of
 * docs/attribution.md §1 (positive: the group pushed the model towards this output). The LDS
 * harness ranks these predictions against retraining; the chain's exact integer scorer plugs in
 * here too.
 */
public interface InfluenceScorer {
  /** A short label for tables, e.g. {@code exact} or {@code basis k=512 int16}. */
  String name();

  /** The basis rank, or 0 when the scorer uses none. */
  default int rank() {
    return 0;
  }

  /** Quantization of the scores' operands. */
  default Quantization quantization() {
    return Quantization.FLOAT;
  }

  /** {@code τ[t · groups.count() + g]}: influence of group {@code g} on test output {@code t}. */
  double[] influence(Groups groups);
}
