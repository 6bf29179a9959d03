package org.openledger.prover.attribution.kfac;

/**
 * How the K-FAC attribution basis is built.
 *
 * @param rank k, the number of basis rows kept over all layers ({@link #ALL_PAIRS} keeps every
 *     Kronecker pair: the exact EK-FAC influence, for reference only — its rows span all d
 *     parameters)
 * @param damping λ added to every corrected eigenvalue: the inverse is {@code (Λ + λ)^{-1}} in the
 *     Kronecker eigenbasis, exactly the inverse of {@code GGN_EKFAC + λI}; the training loss's L2
 *     coefficient makes this the regularised objective's own Hessian term
 * @param chunk examples per pass through the backend (bounds memory, not results)
 */
public record KfacConfig(int rank, double damping, int chunk) {

  public static final int ALL_PAIRS = Integer.MAX_VALUE;

  public KfacConfig {
    if (rank <= 0 || !(damping > 0) || chunk <= 0) {
      throw new IllegalArgumentException("invalid K-FAC config " + this);
    }
  }

  public KfacConfig(int rank, double damping) {
    this(rank, damping, 512);
  }

  public KfacConfig withRank(int newRank) {
    return new KfacConfig(newRank, damping, chunk);
  }
}
