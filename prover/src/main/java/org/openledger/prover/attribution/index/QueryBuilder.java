package org.openledger.prover.attribution.index;

import org.openledger.contracts.attribution.BasisRows;
import org.openledger.contracts.attribution.FixedExp;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.Rounding;

/**
 * ψ for an input (docs/attribution.md §3): the margin gradient of the returned class on the
 * committed weights, projected exactly onto the committed basis and rounded to int16 with the
 * smallest shift that fits. O(C·F + k·d) per query.
 */
public final class QueryBuilder {
  private final FixedLogistic model;
  private final ExactProjector projector;

  public QueryBuilder(FixedLogistic model, BasisRows basis) {
    if (basis.d() != model.parameters()) {
      throw new IllegalArgumentException("basis rows have " + basis.d() + " entries, the model " + model.parameters() + " parameters");
    }
    this.model = model;
    this.projector = new ExactProjector(basis);
  }

  /** The query of the committed model's output on {@code pixels} (raw bytes, one per feature). */
  public Query query(byte[] pixels) {
    long[] logits = model.logits(pixels);
    int predicted = FixedLogistic.argmax(logits);
    long[] delta = FixedLogistic.outputDelta(FixedExp.exponentials(logits, model.shift()), predicted);
    long[] raw = projector.project(model.gradient(pixels, delta)); // each below 2^52: exact
    int shift = Rounding.int16Shift(raw);
    return new Query(predicted, shift, Rounding.toInt16(raw, shift), raw);
  }
}
