package org.openledger.contracts.datanet;

import java.math.BigInteger;

/**
 * The life of a contribution, as the {@code uint8 status} of {@link Datanets}' {@code
 * Contribution} struct encodes it (the ordinal is the on-chain code):
 *
 * <pre>
 *   (none) --submit--&gt; PENDING --accept (curator)--&gt; ACCEPTED --slash (Timelock)--&gt; SLASHED
 *                          \--reject (curator)--&gt; REJECTED
 * </pre>
 *
 * Only {@link #ACCEPTED} contributions count and earn access fees. {@link #NONE} is what an id that
 * was never issued reads as.
 */
public enum ContributionStatus {
  /** Never submitted (the zero word). */
  NONE,
  /** Submitted with its deposit, awaiting the curator. */
  PENDING,
  /** Accepted by the curator: deposit returned, counts, earns access fees. */
  ACCEPTED,
  /** Rejected by the curator: deposit slashed to the treasury, never earned. */
  REJECTED,
  /** Accepted, then slashed by governance: keeps what it earned until then, earns nothing after. */
  SLASHED;

  /** The on-chain code ({@code uint8}). */
  public BigInteger code() {
    return BigInteger.valueOf(ordinal());
  }

  /** The status a stored or returned code stands for. */
  public static ContributionStatus of(BigInteger code) {
    if (code.signum() < 0 || code.compareTo(BigInteger.valueOf(values().length)) >= 0) {
      throw new IllegalArgumentException("no contribution status " + code);
    }
    return values()[code.intValueExact()];
  }
}
