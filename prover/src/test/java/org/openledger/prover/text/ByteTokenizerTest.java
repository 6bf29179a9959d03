package org.openledger.prover.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ByteTokenizerTest {
  private static List<String> tokens(String s) {
    byte[] t = s.getBytes(StandardCharsets.UTF_8);
    int[] b = ByteTokenizer.boundaries(t);
    List<String> out = new ArrayList<>();
    for (int i = 0; i + 1 < b.length; i++) out.add(new String(t, b[i], b[i + 1] - b[i], StandardCharsets.UTF_8));
    return out;
  }

  @Test
  void wordsDigitsAndWhitespaceRunsAreTokensAndEachPunctuationByteIsOne() {
    assertThat(tokens("Hello, world  42!?\n")).containsExactly("Hello", ",", " ", "world", "  ", "42", "!", "?", "\n");
  }

  @Test
  void aMultiByteCharacterStaysInsideItsWord() {
    assertThat(tokens("café 東京")).containsExactly("café", " ", "東京");
  }

  @Test
  void anEmptyTextHasNoToken() {
    assertThat(ByteTokenizer.count(new byte[0])).isZero();
    assertThat(ByteTokenizer.boundaries(new byte[0])).containsExactly(0);
  }

  @Test
  void theCommitmentIsTheKeccakOfTheNameAndTheClassTable() {
    // pinned: changing the table or the name is a new tokenizer, and every committed count would change
    assertThat(ByteTokenizer.COMMITMENT.toHexString()).isEqualTo("0xc229cb52b82c93a3e2f6f0109b6c6abcace150507a332113519ac9e85bd13b53");
    assertThat(ByteTokenizer.classTable256()[' ']).isEqualTo(ByteTokenizer.SPACE);
    assertThat(ByteTokenizer.classTable256()[0xC3]).isEqualTo(ByteTokenizer.LETTER);
  }

  @Property
  void concatenatingTheTokensGivesBackTheText(@ForAll byte[] text) {
    int[] b = ByteTokenizer.boundaries(text);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i + 1 < b.length; i++) {
      assertThat(b[i + 1]).isGreaterThan(b[i]);
      out.write(text, b[i], b[i + 1] - b[i]);
    }
    assertThat(out.toByteArray()).isEqualTo(text);
    assertThat(ByteTokenizer.count(text)).isEqualTo(b.length - 1);
  }

  @Property
  void aBoundaryDependsOnlyOnTheTwoBytesAroundIt(@ForAll byte[] left, @ForAll byte[] right) {
    // the on-chain alignment check relies on it: a text's boundaries are its parts' plus maybe the joint
    byte[] joined = Arrays.copyOf(left, left.length + right.length);
    System.arraycopy(right, 0, joined, left.length, right.length);
    int[] whole = ByteTokenizer.boundaries(joined);
    for (int at = 1; at < joined.length; at++) {
      boolean expected = ByteTokenizer.boundaryBetween(joined[at - 1], joined[at]);
      assertThat(Arrays.binarySearch(whole, at) >= 0).isEqualTo(expected);
    }
  }
}
