package org.openledger.prover.attribution.adapter;

import java.util.List;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.prover.attribution.index.Query;
import org.openledger.prover.lora.BaseMlp;
import org.openledger.prover.lora.LoraAdapter;
import org.openledger.prover.lora.LoraGradient;

/**
 * ψ for a request on an adapter version: the margin gradient of the returned class over the
 * adapter's parameters (double precision, in one fixed order: the same bits on every JVM),
 * projected on each committed row and rounded to int16 with the smallest shift that fits.
 */
public final class AdapterQueryBuilder {
  private final LoraGradient gradient;
  private final List<AdapterBasisRow> rows;

  public AdapterQueryBuilder(BaseMlp base, LoraAdapter adapter, List<AdapterBasisRow> rows) {
    this.gradient = new LoraGradient(base, adapter);
    this.rows = List.copyOf(rows);
  }

  /** The adapted model's class for a pixel image (double precision: the reference the served float class agrees with off near ties). */
  public int predict(byte[] pixels) {
    return gradient.marginFactors(BaseMlp.pixels(pixels)).predicted();
  }

  /**
   * @throws ArithmeticException if a row's raw_j leaves ±2^62 (the request cannot be proven; it refunds)
   */
  public Query query(byte[] pixels) {
    LoraGradient.Factored g = gradient.marginFactors(BaseMlp.pixels(pixels));
    long[] raw = new long[rows.size()];
    for (int j = 0; j < raw.length; j++) raw[j] = rows.get(j).raw(g);
    int shift = Rounding.int16Shift(raw);
    return new Query(g.predicted(), shift, Rounding.toInt16(raw, shift), raw);
  }
}
