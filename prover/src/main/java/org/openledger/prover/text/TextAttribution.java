package org.openledger.prover.text;

import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openledger.precompiles.Address;

/**
 * How spans pay (docs/text-attribution.md §5). Each output token is credited at most once, to the
 * leftmost rare span covering it; a span's credited tokens are shared equally among the chunks it
 * occurs in, and a chunk's share goes to its owner. Weights are integers: a token is worth
 * {@link #TOKEN_UNITS} = lcm(1..16) units, so dividing among up to {@link SpanFinder#MAX_CHUNKS}
 * chunks is always exact.
 */
public final class TextAttribution {
  /** lcm(1, 2, …, 16): every share {@code credited · TOKEN_UNITS / n} with n ≤ 16 is an integer. */
  public static final long TOKEN_UNITS = 720_720L;

  private TextAttribution() {}

  /** Each contributor's weight in units, ascending by address; contributors without a span are absent. */
  public static Map<Address, Long> weights(List<Span> spans, TextCorpus corpus) {
    TreeMap<Address, Long> w = new TreeMap<>();
    int covered = 0; // output tokens before this index are credited already
    for (Span s : spans) {
      if (s.common()) continue;
      if (s.startToken() < covered && s.endToken() <= covered) throw new IllegalArgumentException("span inside an earlier one: spans must be maximal, by ascending start");
      int credited = s.endToken() - Math.max(s.startToken(), covered);
      covered = s.endToken();
      long perChunk = credited * (TOKEN_UNITS / s.occurrences().size());
      for (Occurrence o : s.occurrences()) w.merge(corpus.chunk(o.leaf()).contributor(), perChunk, Long::sum);
    }
    return Collections.unmodifiableMap(w);
  }

  /** A pool split by weight: {@code shares} plus {@code remainder} equals the pool, to the wei. */
  public record Split(Map<Address, BigInteger> shares, BigInteger remainder) {
    public BigInteger total() {
      return shares.values().stream().reduce(remainder, BigInteger::add);
    }
  }

  /**
   * {@code share_c = ⌊pool · w_c / Σ w⌋}; the rounding dust is the {@code remainder}, which the
   * caller routes to its sink (the treasury, DESIGN §4). With no weight at all, the whole pool is
   * the remainder.
   */
  public static Split split(BigInteger pool, Map<Address, Long> weights) {
    if (pool.signum() < 0) throw new IllegalArgumentException("negative pool " + pool);
    BigInteger total = BigInteger.ZERO;
    for (long v : weights.values()) {
      if (v <= 0) throw new IllegalArgumentException("weights are positive, not " + v);
      total = total.add(BigInteger.valueOf(v));
    }
    TreeMap<Address, BigInteger> shares = new TreeMap<>();
    BigInteger paid = BigInteger.ZERO;
    if (total.signum() > 0) {
      for (Map.Entry<Address, Long> e : new TreeMap<>(weights).entrySet()) {
        BigInteger share = pool.multiply(BigInteger.valueOf(e.getValue())).divide(total);
        shares.put(e.getKey(), share);
        paid = paid.add(share);
      }
    }
    return new Split(Collections.unmodifiableMap(shares), pool.subtract(paid));
  }
}
