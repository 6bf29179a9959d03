package org.openledger.prover.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TextContributionTest {
  @Test
  void encodeThenDecodeGivesTheSameText() {
    TextContribution c = TextContribution.of("Ein Wörterbuch.");
    byte[] enc = c.encode();
    assertThat(Arrays.copyOf(enc, 4)).isEqualTo("OLT1".getBytes(StandardCharsets.US_ASCII));
    assertThat(enc).hasSize(8 + "Ein Wörterbuch.".getBytes(StandardCharsets.UTF_8).length);
    assertThat(TextContribution.decode(enc).utf8()).isEqualTo(c.utf8());
  }

  @Test
  void malformedUtf8IsRefused() {
    assertThatThrownBy(() -> new TextContribution(new byte[] {'a', (byte) 0xFF, 'b'})).hasMessageContaining("not well-formed UTF-8");
  }

  @Test
  void contentWithoutTheMagicIsRefused() {
    assertThatThrownBy(() -> TextContribution.decode("OLI1 an image".getBytes(StandardCharsets.US_ASCII))).hasMessageContaining("does not start with \"OLT1\"");
  }

  @Test
  void truncatedContentIsRefused() {
    byte[] enc = TextContribution.of("twelve bytes").encode();
    assertThatThrownBy(() -> TextContribution.decode(Arrays.copyOf(enc, enc.length - 1))).hasMessageContaining("is 20 bytes, this is 19");
  }

  @Test
  void anEmptyTextIsRefused() {
    assertThatThrownBy(() -> new TextContribution(new byte[0])).hasMessageContaining("0 bytes of text");
  }
}
