package org.openledger.prover.attribution.kfac;

import java.util.List;

import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.contracts.attribution.MlpBasisRow;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.prover.attribution.index.Query;

/**
 * ψ for an input of a committed MLP (docs/attribution.md §2b, §3b): the margin gradient of the
 * returned class, exact, projected onto each committed Kronecker row and rounded to int16 with the
 * smallest shift that fits — the integers {@code challengePsi} recomputes.
 */
public final class MlpQueryBuilder {
  private final FixedMlp model;
  private final List<MlpBasisRow> rows;

  public MlpQueryBuilder(FixedMlp model, List<MlpBasisRow> rows) {
    this.model = model;
    this.rows = List.copyOf(rows);
  }

  /**
   * @throws ArithmeticException if a row's raw_j leaves int64 (the request cannot be proven; it refunds)
   */
  public Query query(byte[] pixels) {
    FixedMlp.Gradient g = model.outputGradient(pixels);
    long[] raw = new long[rows.size()];
    for (int j = 0; j < raw.length; j++) raw[j] = rows.get(j).raw(g);
    int shift = Rounding.int16Shift(raw);
    return new Query(model.predict(pixels), shift, Rounding.toInt16(raw, shift), raw);
  }
}
