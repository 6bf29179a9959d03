package org.openledger.contracts.settlement;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openledger.precompiles.Address;

/**
 * How a settled inference fee is divided (DESIGN §4). All parameters are basis points.
 *
 * <ol>
 *   <li>The platform fee goes to the treasury, except {@code proverBp} of it, which pays the
 *       prover whose proof settled the request.
 *   <li>The net fee (fee − platform fee) goes {@code ownerBp} to the model owner, {@code stakersBp}
 *       to the model's stakers and {@code contributorsBp} to the contributor pool
 *       (defaults 7000/1000/2000; they must sum to 10,000).
 *   <li>For an adapter, the owner part is shared with the base model's owner: {@code baseOwnerBp}
 *       to the base owner (default 2000), the rest to the adapter's owner.
 *   <li>The contributor pool is split by verified positive influence, {@code pool × s_c / Σ s};
 *       with no positive influence, it goes to the treasury. A model with no active stake sends
 *       the stakers' part to the treasury.
 * </ol>
 *
 * <p>Every share is rounded down, and every remainder has one named sink: the treasury. So the
 * parts always sum to the fee, to the wei, and no party is ever paid more than its exact share.
 */
public record FeeSplit(int ownerBp, int stakersBp, int contributorsBp, int proverBp, int baseOwnerBp) {

  /** Reproduces the worked example reported from OpenLedger's whitepaper; the prover gets half the platform fee. */
  public static final FeeSplit DEFAULT = new FeeSplit(7000, 1000, 2000, 5000, 2000);

  public FeeSplit {
    BasisPoints.check(ownerBp);
    BasisPoints.check(stakersBp);
    BasisPoints.check(contributorsBp);
    BasisPoints.check(proverBp);
    BasisPoints.check(baseOwnerBp);
    if (ownerBp + stakersBp + contributorsBp != BasisPoints.WHOLE) {
      throw new IllegalArgumentException("owner, stakers and contributors shares must sum to 10000 bp, got "
          + (ownerBp + stakersBp + contributorsBp));
    }
  }

  /** A contributor's verified influence score (integer, as the proof carries it). */
  public record Score(Address contributor, BigInteger score) {}

  /** What one contributor receives. */
  public record ContributorPayout(Address contributor, BigInteger score, BigInteger amount) {}

  /**
   * Every recipient's part of one settled fee.
   *
   * @param treasury the platform fee less the prover's part, plus every remainder and unpaid part
   * @param owner the model owner (for an adapter: the adapter's owner)
   * @param baseOwner the base model's owner (adapters only; zero otherwise)
   */
  public record Payout(
      BigInteger fee,
      BigInteger treasury,
      BigInteger prover,
      BigInteger owner,
      BigInteger baseOwner,
      BigInteger stakers,
      BigInteger contributorPool,
      List<ContributorPayout> contributors) {

    public Payout {
      contributors = List.copyOf(contributors);
    }

    /** The sum of every part: always equal to {@link #fee()}. */
    public BigInteger total() {
      BigInteger sum = treasury.add(prover).add(owner).add(baseOwner).add(stakers);
      for (ContributorPayout c : contributors) sum = sum.add(c.amount());
      return sum;
    }
  }

  /**
   * Splits {@code fee}, of which {@code platformFee} is the platform's.
   *
   * @param isAdapter whether the model version is an adapter of a base model
   * @param hasActiveStake whether the model has stake that earns
   * @param scores the verified influence scores; only positive ones are paid
   */
  public Payout split(BigInteger fee, BigInteger platformFee, boolean isAdapter, boolean hasActiveStake, List<Score> scores) {
    if (platformFee.signum() < 0 || fee.compareTo(platformFee) < 0) {
      throw new IllegalArgumentException("need 0 <= platform fee <= fee, got " + platformFee + " and " + fee);
    }
    BigInteger prover = BasisPoints.share(platformFee, proverBp);
    BigInteger treasury = platformFee.subtract(prover);

    BigInteger net = fee.subtract(platformFee);
    BigInteger ownerPart = BasisPoints.share(net, ownerBp);
    BigInteger stakers = BasisPoints.share(net, stakersBp);
    BigInteger pool = BasisPoints.share(net, contributorsBp);
    treasury = treasury.add(net.subtract(ownerPart).subtract(stakers).subtract(pool));

    BigInteger owner = ownerPart;
    BigInteger baseOwner = BigInteger.ZERO;
    if (isAdapter) {
      baseOwner = BasisPoints.share(ownerPart, baseOwnerBp);
      owner = BasisPoints.share(ownerPart, BasisPoints.WHOLE - baseOwnerBp);
      treasury = treasury.add(ownerPart.subtract(owner).subtract(baseOwner));
    }
    if (!hasActiveStake) {
      treasury = treasury.add(stakers);
      stakers = BigInteger.ZERO;
    }

    List<Score> positive = new ArrayList<>();
    BigInteger total = BigInteger.ZERO;
    for (Score s : scores) {
      if (s.score().signum() > 0) {
        positive.add(s);
        total = total.add(s.score());
      }
    }
    positive.sort(Comparator.comparing(Score::contributor));
    List<ContributorPayout> paid = new ArrayList<>();
    BigInteger distributed = BigInteger.ZERO;
    for (Score s : positive) {
      BigInteger amount = pool.multiply(s.score()).divide(total);
      paid.add(new ContributorPayout(s.contributor(), s.score(), amount));
      distributed = distributed.add(amount);
    }
    treasury = treasury.add(pool.subtract(distributed)); // all of it when nobody has positive influence
    return new Payout(fee, treasury, prover, owner, baseOwner, stakers, pool, paid);
  }
}
