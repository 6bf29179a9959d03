package org.openledger.prover.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.openledger.prover.data.FashionMnist.Split;

class FashionMnistTest {

  @Test
  void shippedTrainingSubsetHas2000ImagesOf28By28() {
    LabelledImages train = FashionMnist.shipped(Split.TRAIN);
    assertThat(train.size()).isEqualTo(FashionMnist.SHIPPED_TRAIN);
    assertThat(train.images().rows()).isEqualTo(28);
    assertThat(train.images().cols()).isEqualTo(28);
  }

  @Test
  void shippedTestSubsetHas500Images() {
    assertThat(FashionMnist.shipped(Split.TEST).size()).isEqualTo(FashionMnist.SHIPPED_TEST);
  }

  @Test
  void shippedSubsetsCoverAllTenClasses() {
    for (Split split : Split.values()) {
      LabelledImages data = FashionMnist.shipped(split);
      assertThat(IntStream.range(0, data.size()).map(data::label).distinct().count()).isEqualTo(10);
    }
  }

  @Test
  void debianPackageHoldsTheFullSixtyAndTenThousand() throws IOException {
    assumeTrue(FashionMnist.debianInstalled(), "dataset-fashion-mnist is not installed");
    assertThat(FashionMnist.load(FashionMnist.DEBIAN_DIR, Split.TRAIN).size()).isEqualTo(60_000);
    assertThat(FashionMnist.load(FashionMnist.DEBIAN_DIR, Split.TEST).size()).isEqualTo(10_000);
  }

  @Test
  void shippedSubsetIsTheFirstExamplesOfTheDebianFiles() throws IOException {
    assumeTrue(FashionMnist.debianInstalled(), "dataset-fashion-mnist is not installed");
    for (Split split : Split.values()) {
      LabelledImages shipped = FashionMnist.shipped(split);
      LabelledImages prefix = FashionMnist.load(FashionMnist.DEBIAN_DIR, split).first(shipped.size());
      assertThat(shipped.images().pixels()).isEqualTo(prefix.images().pixels());
      assertThat(shipped.labels()).isEqualTo(prefix.labels());
    }
  }
}
