package org.openledger.contracts.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.settlement.FeeSplit;
import org.openledger.precompiles.Address;

/**
 * The §5 weights and their split (docs/text-attribution.md): every output token is credited once,
 * so Σ weights = 720,720 × the tokens covered by the spans; and the pool is paid out to the wei,
 * shares rounded down and the remainder (fewer wei than contributors) to the treasury.
 */
class SpanWeightsProperties {
  private static final String[] WORDS = {"the", "fox", ",", " ", "  ", "42", "!", "café", "\n", "lazy"};

  @Property(tries = 300)
  void weightsSumToTokenUnitsTimesTheTokensTheSpansCover(@ForAll long seed) {
    Random random = new Random(seed);
    SpanProof proof = randomProof(random);
    int[] b = TextTokenizer.boundaries(proof.output());
    boolean[] covered = new boolean[b.length - 1];
    for (SpanProof.ProvenSpan s : proof.spans()) {
      for (int tok = SpanProof.token(b, s.startByte()); tok < SpanProof.token(b, s.endByte()); tok++) covered[tok] = true;
    }
    long tokens = 0;
    for (boolean c : covered) if (c) tokens++;
    BigInteger sum = proof.weights().values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    assertThat(sum).isEqualTo(BigInteger.valueOf(SpanProof.TOKEN_UNITS * tokens));
  }

  @Property(tries = 300)
  void eachChunkOfASpanGetsAnEqualPartOfTheTokensNoEarlierSpanCovered(@ForAll long seed) {
    Random random = new Random(seed);
    SpanProof proof = randomProof(random);
    int[] b = TextTokenizer.boundaries(proof.output());
    java.util.TreeMap<Address, BigInteger> expected = new java.util.TreeMap<>();
    int covered = 0;
    for (SpanProof.ProvenSpan s : proof.spans()) {
      int start = SpanProof.token(b, s.startByte()), end = SpanProof.token(b, s.endByte());
      int credited = end - Math.max(start, covered); // §5: c_k = end_k − max(start_k, end_{k−1})
      covered = end;
      int m = s.occurrences().size();
      assertThat(credited * SpanProof.TOKEN_UNITS % m).isZero(); // 720,720 = lcm(1..16): exact for every m
      for (SpanProof.Occurrence o : s.occurrences()) {
        if (credited > 0) expected.merge(proof.chunks().get((int) o.slot()).contributor(), BigInteger.valueOf(credited * SpanProof.TOKEN_UNITS / m), BigInteger::add);
      }
    }
    assertThat(proof.weights()).isEqualTo(expected);
  }

  @Property(tries = 500)
  void sharesPlusTheTreasuryRemainderEqualThePoolToTheWei(@ForAll long seed, @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long poolWei) {
    Random random = new Random(seed);
    Map<Address, BigInteger> weights = randomProof(random).weights();
    List<FeeSplit.Score> scores = weights.entrySet().stream().map(e -> new FeeSplit.Score(e.getKey(), e.getValue())).toList();
    BigInteger net = BigInteger.valueOf(poolWei).multiply(BigInteger.valueOf(5)); // contributors' 2,000 bp of it is the pool
    BigInteger platform = BigInteger.valueOf(random.nextInt(1_000_000));
    FeeSplit.Payout payout = FeeSplit.DEFAULT.split(net.add(platform), platform, false, true, scores);
    BigInteger pool = payout.contributorPool();
    BigInteger paid = payout.contributors().stream().map(FeeSplit.ContributorPayout::amount).reduce(BigInteger.ZERO, BigInteger::add);
    BigInteger total = weights.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    assertThat(payout.total()).isEqualTo(net.add(platform));
    assertThat(paid).isLessThanOrEqualTo(pool);
    if (total.signum() > 0) {
      assertThat(pool.subtract(paid)).isLessThan(BigInteger.valueOf(weights.size()));
      for (FeeSplit.ContributorPayout c : payout.contributors()) {
        assertThat(c.amount()).isEqualTo(pool.multiply(weights.get(c.contributor())).divide(total));
      }
    } else {
      assertThat(paid).isZero();
    }
  }

  /** A random output and random aligned spans, ascending in start and end, each naming 1–16 of up to 40 chunks owned by up to 8 contributors. */
  static SpanProof randomProof(Random random) {
    StringBuilder text = new StringBuilder();
    int words = 1 + random.nextInt(120);
    for (int i = 0; i < words; i++) text.append(WORDS[random.nextInt(WORDS.length)]);
    byte[] output = text.toString().getBytes(StandardCharsets.UTF_8);
    int[] b = TextTokenizer.boundaries(output);
    int tokens = b.length - 1;
    int chunkCount = 1 + random.nextInt(40);
    List<SpanProof.OpenedChunk> chunks = new ArrayList<>();
    for (int i = 0; i < chunkCount; i++) {
      chunks.add(new SpanProof.OpenedChunk(i, Address.of(0x3000 + random.nextInt(8)), BigInteger.valueOf(i + 1), 0, new byte[] {'x'}));
    }
    List<SpanProof.ProvenSpan> spans = new ArrayList<>();
    int lastStart = -1, lastEnd = 0;
    for (int k = 0; k < 1 + random.nextInt(SpanProof.MAX_SPANS) && tokens > 0; k++) {
      int start = lastStart + 1 + random.nextInt(3);
      if (start >= tokens) break;
      int end = Math.max(lastEnd + 1, start + 1) + random.nextInt(6);
      if (end > tokens) break;
      int m = 1 + random.nextInt(Math.min(SpanProof.MAX_OCCURRENCES, chunkCount));
      List<Integer> slots = new ArrayList<>();
      for (int s = 0; s < chunkCount; s++) slots.add(s);
      java.util.Collections.shuffle(slots, random);
      List<SpanProof.Occurrence> occ = slots.subList(0, m).stream().sorted().map(s -> new SpanProof.Occurrence(s, 0)).toList();
      spans.add(new SpanProof.ProvenSpan(b[start], b[end], occ));
      lastStart = start;
      lastEnd = end;
    }
    return new SpanProof(Bytes32.ZERO, new byte[0], output, chunkCount, spans, chunks, List.of());
  }
}
