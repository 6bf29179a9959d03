package org.openledger.prover.attribution.index;

/**
 * The query of one inference (docs/attribution.md §3): the returned class, the exact projection
 * {@code raw_j(∇f(x))} of its margin gradient, and {@code ψ = rs(raw, e_ψ)} in int16 with the
 * smallest shift {@code e_ψ} that fits.
 */
public record Query(int predicted, int shift, short[] psi, long[] raw) {

  public Query {
    if (psi.length != raw.length) {
      throw new IllegalArgumentException("ψ has " + psi.length + " coordinates, raw " + raw.length);
    }
    psi = psi.clone();
    raw = raw.clone();
  }

  @Override
  public short[] psi() {
    return psi.clone();
  }

  @Override
  public long[] raw() {
    return raw.clone();
  }
}
