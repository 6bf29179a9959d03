package org.openledger.prover.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageContributionTest {
  private static final LabelledImages TRAIN = FashionMnist.shipped(FashionMnist.Split.TRAIN);

  @Test
  void encodeThenDecodeGivesTheSameExample() {
    ImageContribution c = ImageContribution.of(TRAIN, 3, FashionMnist.CLASSES);
    ImageContribution back = ImageContribution.decode(c.encode());
    assertThat(back.label()).isEqualTo(TRAIN.label(3));
    assertThat(back.pixels()).isEqualTo(c.pixels());
    assertThat(c.encode()).hasSize(10 + 784);
  }

  @Test
  void stackingDecodedContributionsRebuildsTheDataSet() {
    List<ImageContribution> items = List.of(ImageContribution.of(TRAIN, 0, 10), ImageContribution.of(TRAIN, 1, 10));
    LabelledImages stacked = ImageContribution.stack(items);
    assertThat(stacked.images().pixels()).isEqualTo(TRAIN.first(2).images().pixels());
    assertThat(stacked.labels()).isEqualTo(TRAIN.first(2).labels());
  }

  @Test
  void contentWithoutTheMagicIsRefused() {
    assertThatThrownBy(() -> ImageContribution.decode("sandal, 28x28 grayscale, label 5".getBytes()))
        .hasMessageContaining("does not start with \"OLI1\"");
  }

  @Test
  void truncatedContentIsRefused() {
    byte[] enc = ImageContribution.of(TRAIN, 0, 10).encode();
    assertThatThrownBy(() -> ImageContribution.decode(java.util.Arrays.copyOf(enc, enc.length - 1))).hasMessageContaining("must be 794 bytes");
  }

  @Test
  void aLabelOutsideTheClassesIsRefused() {
    byte[] enc = ImageContribution.of(TRAIN, 0, 10).encode();
    enc[9] = 10;
    assertThatThrownBy(() -> ImageContribution.decode(enc)).hasMessageContaining("label 10 outside 0..9");
  }

  @Test
  void mixedShapesCannotBeStacked() {
    ImageContribution small = new ImageContribution(2, 2, 10, 1, new byte[4]);
    assertThatThrownBy(() -> ImageContribution.stack(List.of(ImageContribution.of(TRAIN, 0, 10), small))).hasMessageContaining("example 1 is 2×2");
  }
}
