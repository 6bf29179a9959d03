package org.openledger.prover.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Address;

class ChunkerTest {
  private static final Address ALICE = Address.of(0xA11CE);

  private static List<Chunk> chunks(String text) {
    return Chunker.chunks(ALICE, BigInteger.valueOf(7), TextContribution.of(text));
  }

  @Property(tries = 40)
  void chunksHoldAtMost512TokensAnd4KiBAndConcatenateToTheText(@ForAll @IntRange(min = 1, max = 3000) int words, @ForAll @IntRange(min = 1, max = 40) int wordLength) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < words; i++) s.append("w".repeat(1 + (i * 7) % wordLength)).append(i % 5 == 0 ? ", " : " ");
    List<Chunk> chunks = chunks(s.toString());
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (int i = 0; i < chunks.size(); i++) {
      byte[] t = chunks.get(i).text();
      assertThat(chunks.get(i).index()).isEqualTo(i);
      assertThat(ByteTokenizer.count(t)).isLessThanOrEqualTo(Chunker.MAX_TOKENS);
      assertThat(t.length).isLessThanOrEqualTo(Chunker.MAX_BYTES);
      joined.writeBytes(t);
    }
    assertThat(joined.toByteArray()).isEqualTo(s.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aChunkEndsOnATokenBoundaryOfTheContribution() {
    String text = "alpha beta ".repeat(300); // 1,200 tokens
    List<Chunk> chunks = chunks(text);
    assertThat(chunks).hasSize(3);
    assertThat(ByteTokenizer.count(chunks.get(0).text())).isEqualTo(512);
    assertThat(new String(chunks.get(1).text(), StandardCharsets.UTF_8)).startsWith("alpha beta");
  }

  @Test
  void onlyATokenLongerThan4KiBIsCutInside() {
    List<Chunk> chunks = chunks("short " + "x".repeat(9_000) + " tail");
    assertThat(chunks).extracting(c -> c.text().length).containsExactly(6, 4_096, 4_096, 808 + 5);
  }

  @Test
  void theLeafBlobIsPrefixOwnerContributionIdIndexAndText() {
    Chunk c = new Chunk(ALICE, BigInteger.valueOf(0x0102), 3, "hi".getBytes(StandardCharsets.US_ASCII));
    byte[] blob = c.leafBlob();
    assertThat(blob).hasSize(1 + 20 + 32 + 4 + 2);
    assertThat(blob[0]).isZero();
    assertThat(java.util.Arrays.copyOfRange(blob, 1, 21)).isEqualTo(ALICE.toArray());
    assertThat(blob[51]).isEqualTo((byte) 1);
    assertThat(blob[52]).isEqualTo((byte) 2);
    assertThat(blob[56]).isEqualTo((byte) 3);
    assertThat(new String(blob, 57, 2, StandardCharsets.US_ASCII)).isEqualTo("hi");
  }
}
