package org.openledger.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.settlement.FeeSplit.Score;
import org.openledger.precompiles.Address;

class FeeSplitTest {
  static BigInteger open(String amount) {
    return new BigDecimal(amount).movePointRight(18).toBigIntegerExact();
  }

  static final Address A = Address.of(0xa), B = Address.of(0xb), C = Address.of(0xc), D = Address.of(0xd);

  @Test
  void theWorkedExamplePaysTheSeedsFigures() {
    // fee 1.14 OPEN, platform fee 0.50: a contributor with 25% influence receives exactly 0.032 OPEN
    FeeSplit.Payout p = FeeSplit.DEFAULT.split(open("1.14"), open("0.50"), false, true,
        List.of(new Score(A, BigInteger.valueOf(25)), new Score(B, BigInteger.valueOf(75))));
    assertThat(p.owner()).isEqualTo(open("0.448"));
    assertThat(p.stakers()).isEqualTo(open("0.064"));
    assertThat(p.contributorPool()).isEqualTo(open("0.128"));
    assertThat(p.contributors().get(0).contributor()).isEqualTo(A);
    assertThat(p.contributors().get(0).amount()).isEqualTo(open("0.032"));
    assertThat(p.contributors().get(1).amount()).isEqualTo(open("0.096"));
    assertThat(p.prover()).isEqualTo(open("0.25"));
    assertThat(p.treasury()).isEqualTo(open("0.25"));
    assertThat(p.total()).isEqualTo(open("1.14"));
  }

  @Test
  void theWorkedExampleFeeComesFromTokenCountsAndRates() {
    // e.g. 400 input and 240 output tokens at 1 OPEN per 1,000 tokens: 0.64 + 0.50 platform = 1.14
    InferenceFee fee = new InferenceFee(open("1"), open("1"), open("0.50"));
    assertThat(fee.fee(400, 240)).isEqualTo(open("1.14"));
  }

  @Test
  void theTokenPartIsRoundedUpOnce() {
    InferenceFee fee = new InferenceFee(BigInteger.valueOf(3), BigInteger.valueOf(7), BigInteger.TEN);
    // (1·3 + 1·7) / 1000 = 0.01 → 1 wei, plus 10
    assertThat(fee.fee(1, 1)).isEqualTo(BigInteger.valueOf(11));
    assertThat(fee.fee(0, 0)).isEqualTo(BigInteger.TEN);
  }

  @Test
  void withNoPositiveInfluenceThePoolGoesToTheTreasury() {
    FeeSplit.Payout p = FeeSplit.DEFAULT.split(open("1.14"), open("0.50"), false, true,
        List.of(new Score(A, BigInteger.valueOf(-3)), new Score(B, BigInteger.ZERO)));
    assertThat(p.contributors()).isEmpty();
    assertThat(p.treasury()).isEqualTo(open("0.25").add(open("0.128")));
  }

  @Test
  void withNoActiveStakeTheStakersPartGoesToTheTreasury() {
    FeeSplit.Payout p = FeeSplit.DEFAULT.split(open("1.14"), open("0.50"), false, false, List.of(new Score(A, BigInteger.ONE)));
    assertThat(p.stakers()).isZero();
    assertThat(p.treasury()).isEqualTo(open("0.25").add(open("0.064")));
  }

  @Test
  void anAdaptersOwnerPartIsSharedWithTheBaseModelsOwner() {
    FeeSplit.Payout p = FeeSplit.DEFAULT.split(open("1.14"), open("0.50"), true, true, List.of(new Score(A, BigInteger.ONE)));
    assertThat(p.owner()).isEqualTo(open("0.3584"));
    assertThat(p.baseOwner()).isEqualTo(open("0.0896"));
  }

  @Test
  void sharesThatDoNotSumToTheWholeAreRefused() {
    assertThatThrownBy(() -> new FeeSplit(7000, 1000, 1000, 0, 0)).hasMessageContaining("sum to 10000");
  }

  @Test
  void aFeeBelowThePlatformFeeIsRefused() {
    assertThatThrownBy(() -> FeeSplit.DEFAULT.split(BigInteger.ONE, BigInteger.TWO, false, true, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Provide
  Arbitrary<FeeSplit> splits() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 10_000),
            Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 10_000))
        .as((a, b, prover, base) -> {
          int owner = Math.min(a, b);
          int stakers = Math.max(a, b) - owner;
          return new FeeSplit(owner, stakers, 10_000 - owner - stakers, prover, base);
        });
  }

  @Provide
  Arbitrary<List<Score>> scores() {
    return Combinators.combine(Arbitraries.of(A, B, C, D), Arbitraries.bigIntegers().between(BigInteger.valueOf(-1000), BigInteger.ONE.shiftLeft(80)))
        .as(Score::new).list().ofMaxSize(16).uniqueElements(Score::contributor);
  }

  @Property(tries = 2000)
  void everySplitSumsToTheFeeToTheWei(@ForAll("splits") FeeSplit split, @ForAll("scores") List<Score> scores,
      @ForAll @IntRange(min = 0, max = 1_000_000) int platformFee, @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int extra,
      @ForAll boolean adapter, @ForAll boolean staked) {
    BigInteger fee = BigInteger.valueOf(platformFee).add(BigInteger.valueOf(extra).multiply(BigInteger.valueOf(1_000_003)));
    FeeSplit.Payout p = split.split(fee, BigInteger.valueOf(platformFee), adapter, staked, scores);
    assertThat(p.total()).isEqualTo(fee);
    List<BigInteger> parts = new ArrayList<>(List.of(p.treasury(), p.prover(), p.owner(), p.baseOwner(), p.stakers()));
    p.contributors().forEach(c -> parts.add(c.amount()));
    assertThat(parts).allMatch(x -> x.signum() >= 0);
  }

  @Property(tries = 2000)
  void nobodyIsPaidMoreThanTheirExactShare(@ForAll("scores") List<Score> scores, @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int net) {
    FeeSplit.Payout p = FeeSplit.DEFAULT.split(BigInteger.valueOf(net), BigInteger.ZERO, false, true, scores);
    BigInteger total = scores.stream().map(Score::score).filter(s -> s.signum() > 0).reduce(BigInteger.ZERO, BigInteger::add);
    for (FeeSplit.ContributorPayout c : p.contributors()) {
      // amount <= pool × s / Σs < amount + 1
      BigInteger exactTimesTotal = p.contributorPool().multiply(c.score());
      assertThat(c.amount().multiply(total)).isLessThanOrEqualTo(exactTimesTotal);
      assertThat(c.amount().add(BigInteger.ONE).multiply(total)).isGreaterThan(exactTimesTotal);
    }
    assertThat(p.contributors()).allMatch(c -> c.score().signum() > 0);
  }

  @Property(tries = 1000)
  void theTokenPartIsTheSmallestWholeWeiNotBelowTheExactCost(@ForAll @IntRange(min = 0) int in, @ForAll @IntRange(min = 0) int out,
      @ForAll @IntRange(min = 0) int inRate, @ForAll @IntRange(min = 0) int outRate) {
    InferenceFee f = new InferenceFee(BigInteger.valueOf(inRate), BigInteger.valueOf(outRate), BigInteger.ZERO);
    BigInteger exactTimes1000 = BigInteger.valueOf(in).multiply(BigInteger.valueOf(inRate)).add(BigInteger.valueOf(out).multiply(BigInteger.valueOf(outRate)));
    BigInteger charged = f.fee(in, out);
    assertThat(charged.multiply(BigInteger.valueOf(1000))).isGreaterThanOrEqualTo(exactTimes1000);
    assertThat(charged.subtract(BigInteger.ONE).multiply(BigInteger.valueOf(1000))).isLessThan(exactTimes1000.max(BigInteger.ONE));
  }
}
