package org.openledger.prover.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageContributionTest {
  private static final LabelledImages TRAIN = FashionMnist.shipped(FashionMnist.Split.TRAIN);

  @Test
  void encodeThenDecodeGivesTheSameExamples() {
    ImageContribution c = ImageContribution.of(TRAIN, 3, 8, FashionMnist.CLASSES);
    ImageContribution back = ImageContribution.decode(c.encode());
    assertThat(back.labels()).isEqualTo(Arrays.copyOfRange(TRAIN.labels(), 3, 8));
    assertThat(back.pixels()).isEqualTo(c.pixels());
    assertThat(c.encode()).hasSize(11 + 5 * 785);
  }

  @Test
  void stackingDecodedContributionsRebuildsTheDataSet() {
    List<ImageContribution> items = List.of(ImageContribution.of(TRAIN, 0, 2, 10), ImageContribution.of(TRAIN, 2, 5, 10));
    LabelledImages stacked = ImageContribution.stack(items);
    assertThat(stacked.images().pixels()).isEqualTo(TRAIN.first(5).images().pixels());
    assertThat(stacked.labels()).isEqualTo(TRAIN.first(5).labels());
  }

  @Test
  void contentWithoutTheMagicIsRefused() {
    assertThatThrownBy(() -> ImageContribution.decode("sandal, 28x28 grayscale, label 5".getBytes()))
        .hasMessageContaining("does not start with \"OLI1\"");
  }

  @Test
  void truncatedContentIsRefused() {
    byte[] enc = ImageContribution.of(TRAIN, 0, 2, 10).encode();
    assertThatThrownBy(() -> ImageContribution.decode(Arrays.copyOf(enc, enc.length - 1))).hasMessageContaining("is 1581 bytes, this is 1580");
  }

  @Test
  void aLabelOutsideTheClassesIsRefused() {
    byte[] enc = ImageContribution.of(TRAIN, 0, 1, 10).encode();
    enc[11] = 10;
    assertThatThrownBy(() -> ImageContribution.decode(enc)).hasMessageContaining("label 10 outside 0..9");
  }

  @Test
  void anEmptyContributionIsRefused() {
    assertThatThrownBy(() -> new ImageContribution(28, 28, 10, new byte[0], new byte[0])).hasMessageContaining("0 images");
  }

  @Test
  void mixedShapesCannotBeStacked() {
    ImageContribution small = new ImageContribution(2, 2, 10, new byte[] {1}, new byte[4]);
    assertThatThrownBy(() -> ImageContribution.stack(List.of(ImageContribution.of(TRAIN, 0, 1, 10), small))).hasMessageContaining("contribution 1 holds 2×2");
  }
}
