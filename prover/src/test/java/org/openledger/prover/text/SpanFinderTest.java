package org.openledger.prover.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Address;

class SpanFinderTest {
  static final Address ALICE = Address.of(0xA11CE), BOB = Address.of(0xB0B), CAROL = Address.of(0xCA201);

  static TextCorpus corpus(Object... ownerThenText) {
    List<TextCorpus.Contribution> cs = new ArrayList<>();
    for (int i = 0; i < ownerThenText.length; i += 2) {
      cs.add(new TextCorpus.Contribution((Address) ownerThenText[i], BigInteger.valueOf(i / 2 + 1), TextContribution.of((String) ownerThenText[i + 1])));
    }
    return TextCorpus.of(cs);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] output, Span s) {
    return new String(output, s.startByte(), s.bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void findsAPlantedSpanWithItsChunkAndOwner() {
    TextCorpus c = corpus(ALICE, "Aardvarks dig burrows at night and sleep through the heat of the day.",
        BOB, "The ledger pays contributors whose words the model repeats verbatim in its output.");
    byte[] out = utf8("As I recall, the ledger pays contributors whose words the model repeats, mostly.");
    List<Span> spans = SpanFinder.index(c).spans(out);
    assertThat(spans).hasSize(1);
    assertThat(text(out, spans.get(0))).isEqualTo(" ledger pays contributors whose words the model repeats");
    assertThat(spans.get(0).occurrences()).containsExactly(new Occurrence(1, 3));
    assertThat(c.chunk(1).contributor()).isEqualTo(BOB);
  }

  @Test
  void aSpanNeverRunsFromOneChunkIntoTheNext() {
    // the two contributions are neighbours in the corpus; the output joins them
    TextCorpus c = corpus(ALICE, "one two three four five six seven", BOB, "eight nine ten eleven twelve thirteen fourteen");
    byte[] out = utf8("one two three four five six seven eight nine ten eleven twelve thirteen fourteen");
    List<Span> spans = SpanFinder.index(c).spans(out);
    assertThat(spans).extracting(s -> text(out, s)).containsExactly("one two three four five six seven", "eight nine ten eleven twelve thirteen fourteen");
    assertThat(spans).extracting(s -> c.chunk(s.occurrences().get(0).leaf()).contributor()).containsExactly(ALICE, BOB);
  }

  @Test
  void aSpanMustSitOnTokenBoundariesInsideTheChunk() {
    // the output's words occur only inside longer words of the corpus
    TextCorpus c = corpus(ALICE, "xthe cat sat on the mat and looked at the dogs");
    byte[] out = utf8("the cat sat on the mat and looked at the dog");
    List<Span> spans = SpanFinder.index(c).spans(out);
    assertThat(spans).extracting(s -> text(out, s)).containsExactly(" cat sat on the mat and looked at the ");
  }

  @Test
  void spansShorterThanTheMinimumAreIgnored() {
    TextCorpus c = corpus(ALICE, "red green blue");
    assertThat(SpanFinder.index(c).spans(utf8("red green blue"))).isEmpty(); // 5 tokens
    assertThat(SpanFinder.index(c).withMinTokens(5).spans(utf8("red green blue"))).hasSize(1);
  }

  @Test
  void everyChunkHoldingTheSpanIsListedOnceAtItsFirstOffset() {
    String line = "the quick brown fox jumps over the lazy dog";
    TextCorpus c = corpus(ALICE, line + ". " + line, BOB, "Once: " + line + "!", CAROL, "nothing to see here at all");
    List<Span> spans = SpanFinder.index(c).spans(utf8(line));
    assertThat(spans).hasSize(1);
    assertThat(spans.get(0).occurrences()).containsExactly(new Occurrence(0, 0), new Occurrence(1, 6));
    assertThat(spans.get(0).common()).isFalse();
  }

  @Test
  void aSpanInMoreThanSixteenChunksIsCommon() {
    Object[] args = new Object[2 * 17];
    for (int i = 0; i < 17; i++) {
      args[2 * i] = Address.of(100 + i);
      args[2 * i + 1] = "chapter " + i + ": all rights reserved by the authors of this book";
    }
    List<Span> spans = SpanFinder.index(corpus(args)).spans(utf8("all rights reserved by the authors of this book"));
    assertThat(spans).hasSize(1);
    assertThat(spans.get(0).common()).isTrue();
  }

  @Test
  void overlappingSpansAreEachMaximal() {
    TextCorpus c = corpus(ALICE, "alpha beta gamma delta epsilon zeta", BOB, "delta epsilon zeta eta theta iota kappa");
    byte[] out = utf8("alpha beta gamma delta epsilon zeta eta theta iota kappa");
    List<Span> spans = SpanFinder.index(c).withMinTokens(5).spans(out);
    assertThat(spans).extracting(s -> text(out, s)).containsExactly("alpha beta gamma delta epsilon zeta", "delta epsilon zeta eta theta iota kappa");
  }

  @Test
  void anOutputThatIsNotUtf8StillCannotMatchTheSeparator() {
    TextCorpus c = corpus(ALICE, "aaaa bbbb cccc", BOB, "dddd eeee ffff");
    byte[] out = utf8("aaaa bbbb cccc#dddd eeee ffff");
    out[14] = TextCorpus.SEPARATOR;
    List<Span> spans = SpanFinder.index(c).withMinTokens(3).spans(out);
    assertThat(spans).isNotEmpty().allSatisfy(s -> assertThat(s.startByte() > 14 || s.endByte() <= 14).isTrue());
  }
}
