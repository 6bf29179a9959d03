package org.openledger.prover.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.prover.text.SpanFinderTest.ALICE;
import static org.openledger.prover.text.SpanFinderTest.BOB;
import static org.openledger.prover.text.SpanFinderTest.CAROL;
import static org.openledger.prover.text.SpanFinderTest.corpus;
import static org.openledger.prover.text.SpanFinderTest.utf8;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Address;

class TextAttributionTest {
  private static final long U = TextAttribution.TOKEN_UNITS;

  @Test
  void aSpanInOneChunkCreditsItsOwnerWithItsTokens() {
    TextCorpus c = corpus(ALICE, "the quick brown fox jumps over the lazy dog", BOB, "unrelated words entirely here");
    List<Span> spans = SpanFinder.index(c).spans(utf8("the quick brown fox jumps over the lazy dog"));
    assertThat(TextAttribution.weights(spans, c)).containsExactly(Map.entry(ALICE, 17 * U));
  }

  @Test
  void aSpanSharedByChunksIsDividedEquallyAmongThem() {
    String line = "the quick brown fox jumps over the lazy dog";
    TextCorpus c = corpus(ALICE, line, BOB, "so: " + line, CAROL, line + " again");
    List<Span> spans = SpanFinder.index(c).spans(utf8(line));
    assertThat(TextAttribution.weights(spans, c)).containsOnly(Map.entry(ALICE, 17 * U / 3), Map.entry(BOB, 17 * U / 3), Map.entry(CAROL, 17 * U / 3));
  }

  @Test
  void anOverlapIsCreditedOnceToTheEarlierSpan() {
    TextCorpus c = corpus(ALICE, "alpha beta gamma delta epsilon zeta", BOB, "delta epsilon zeta eta theta iota kappa");
    List<Span> spans = SpanFinder.index(c).withMinTokens(5).spans(utf8("alpha beta gamma delta epsilon zeta eta theta iota kappa"));
    // 19 output tokens: alice's span covers 0..11, bob's 6..19 of which 11..19 are new
    assertThat(TextAttribution.weights(spans, c)).containsOnly(Map.entry(ALICE, 11 * U), Map.entry(BOB, 8 * U));
  }

  @Test
  void aCommonSpanEarnsNothing() {
    Object[] args = new Object[2 * 17];
    for (int i = 0; i < 17; i++) {
      args[2 * i] = Address.of(100 + i);
      args[2 * i + 1] = "chapter " + i + ": all rights reserved by the authors of this book";
    }
    TextCorpus c = corpus(args);
    assertThat(TextAttribution.weights(SpanFinder.index(c).spans(utf8("all rights reserved by the authors of this book")), c)).isEmpty();
  }

  @Test
  void withNoWeightTheWholePoolIsTheRemainder() {
    TextAttribution.Split split = TextAttribution.split(BigInteger.TEN.pow(18), Map.of());
    assertThat(split.shares()).isEmpty();
    assertThat(split.remainder()).isEqualTo(BigInteger.TEN.pow(18));
  }

  @Test
  void sharesFollowTheWeightsRoundingDownWithTheDustAsRemainder() {
    TextAttribution.Split split = TextAttribution.split(BigInteger.valueOf(100), Map.of(ALICE, 1L, BOB, 2L));
    assertThat(split.shares()).containsOnly(Map.entry(ALICE, BigInteger.valueOf(33)), Map.entry(BOB, BigInteger.valueOf(66)));
    assertThat(split.remainder()).isEqualTo(BigInteger.ONE);
  }

  @Property
  void sharesAndRemainderSumToThePoolToTheWei(@ForAll @LongRange(min = 0) long pool, @ForAll @Size(max = 20) List<@LongRange(min = 1, max = 1L << 50) Long> weights) {
    Map<Address, Long> w = new TreeMap<>();
    for (int i = 0; i < weights.size(); i++) w.put(Address.of(i + 1), weights.get(i));
    BigInteger wei = BigInteger.valueOf(pool).multiply(BigInteger.TEN.pow(9));
    TextAttribution.Split split = TextAttribution.split(wei, w);
    assertThat(split.total()).isEqualTo(wei);
    // each floor loses less than one wei
    if (weights.isEmpty()) assertThat(split.remainder()).isEqualTo(wei);
    else assertThat(split.remainder()).isBetween(BigInteger.ZERO, BigInteger.valueOf(weights.size() - 1));
  }
}
