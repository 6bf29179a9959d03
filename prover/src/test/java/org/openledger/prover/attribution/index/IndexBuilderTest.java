package org.openledger.prover.attribution.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openledger.prover.attribution.index.Fixtures.MODEL;
import static org.openledger.prover.attribution.index.Fixtures.TRAIN;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.attribution.BasisRows;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.prover.data.LabelledImages;

class IndexBuilderTest {
  static final int K = 24;
  static final int N = 300;

  private static BasisRows basis;
  private static LabelledImages data;
  private static List<ExampleOwner> owners;
  private static AttributionIndex index;

  @BeforeAll
  static void build() {
    basis = Fixtures.basis(K, 11);
    data = TRAIN.first(N);
    owners = Fixtures.owners(N, 5);
    index = new IndexBuilder(MODEL, basis).build(data, owners);
  }

  @Test
  void oneLeafPerContributorAndDatanetWithItsContributionsRoot() {
    Set<String> pairs = new HashSet<>();
    for (ExampleOwner o : owners) pairs.add(o.contributor() + "/" + o.datanetId());
    assertThat(index.leaves()).hasSize(pairs.size());
    for (IndexLeaf leaf : index.leaves()) {
      assertThat(leaf.contributionsRoot()).isEqualTo(Fixtures.rootOf(leaf.contributor(), leaf.datanetId()));
      assertThat(leaf.u()).hasSize(K);
    }
  }

  @Test
  void leavesAscendByContributorAddressThenDatanet() {
    List<IndexLeaf> leaves = index.leaves();
    for (int n = 1; n < leaves.size(); n++) {
      IndexLeaf a = leaves.get(n - 1);
      IndexLeaf b = leaves.get(n);
      int byAddress = a.contributor().compareTo(b.contributor());
      assertThat(byAddress < 0 || (byAddress == 0 && a.datanetId() < b.datanetId())).as("leaf %d before %d", n - 1, n).isTrue();
    }
    // unsigned order: 0x00…a1 first, 0xff… last
    assertThat(leaves.get(0).contributor()).isEqualTo(Fixtures.CONTRIBUTORS.get(2));
    assertThat(leaves.get(leaves.size() - 1).contributor()).isEqualTo(Fixtures.CONTRIBUTORS.get(1));
  }

  /** Linearity, exactly: projecting each example and summing equals projecting the leaf's summed gradient. */
  @Test
  void leafRawIsTheSumOfItsExamplesProjections() {
    Map<String, long[]> sums = new HashMap<>();
    for (int i = 0; i < N; i++) {
      long[] raw = basis.project(MODEL.lossGradient(Fixtures.pixels(data, i), data.label(i)));
      long[] sum = sums.computeIfAbsent(owners.get(i).contributor() + "/" + owners.get(i).datanetId(), key -> new long[K]);
      for (int j = 0; j < K; j++) sum[j] = Math.addExact(sum[j], raw[j]);
    }
    for (int n = 0; n < index.leaves().size(); n++) {
      IndexLeaf leaf = index.leaves().get(n);
      assertThat(index.raw().get(n)).containsExactly(sums.get(leaf.contributor() + "/" + leaf.datanetId()));
    }
  }

  @Test
  void leafCoordinatesAreTheRawRoundedHalfUpWithTheIndexShift() {
    for (int n = 0; n < index.leaves().size(); n++) {
      short[] u = index.leaves().get(n).u();
      long[] raw = index.raw().get(n);
      for (int j = 0; j < K; j++) assertThat((long) u[j]).isEqualTo(Rounding.shift(raw[j], index.shift()));
    }
  }

  /** e_U is minimal: one shift less and some coordinate of some leaf leaves int16. */
  @Test
  void shiftIsTheSmallestThatKeepsEveryLeafWithinInt16() {
    assertThat(index.shift()).isPositive();
    boolean overflowsOneLess = false;
    for (long[] raw : index.raw()) {
      for (long v : raw) {
        long q = Rounding.shift(v, index.shift() - 1);
        overflowsOneLess |= q > Short.MAX_VALUE || q < -Short.MAX_VALUE;
      }
    }
    assertThat(overflowsOneLess).isTrue();
    assertThat(index.scale()).isEqualTo(1L << index.shift());
  }

  @Test
  void buildingTwiceGivesTheSameLeafHashes() {
    AttributionIndex again = new IndexBuilder(MODEL, basis).build(data, owners);
    assertThat(again.leaves().stream().map(IndexLeaf::hash).toList())
        .isEqualTo(index.leaves().stream().map(IndexLeaf::hash).toList());
  }

  @Test
  void exampleOrderDoesNotChangeTheIndex() {
    // reversing the examples (with their owners) reorders only the exact integer sums
    byte[] pixels = new byte[data.images().pixels().length];
    byte[] labels = new byte[N];
    List<ExampleOwner> reversed = new ArrayList<>();
    int size = data.images().size();
    for (int i = 0; i < N; i++) {
      System.arraycopy(data.images().pixels(), (N - 1 - i) * size, pixels, i * size, size);
      labels[i] = data.labels()[N - 1 - i];
      reversed.add(owners.get(N - 1 - i));
    }
    LabelledImages flipped = new LabelledImages(
        new org.openledger.prover.data.Images(N, data.images().rows(), data.images().cols(), pixels), labels);
    assertThat(new IndexBuilder(MODEL, basis).build(flipped, reversed).leaves()).isEqualTo(index.leaves());
  }

  @Test
  void refusesTwoContributionsRootsForOneContributorAndDatanet() {
    List<ExampleOwner> conflicting = new ArrayList<>(owners);
    ExampleOwner first = owners.get(0);
    conflicting.set(1, new ExampleOwner(first.contributor(), first.datanetId(), Bytes32.ZERO));
    conflicting.set(2, first);
    assertThatThrownBy(() -> new IndexBuilder(MODEL, basis).build(data, conflicting))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two contributions roots");
  }

  @Test
  void refusesOwnersThatDoNotMatchTheExamples() {
    assertThatThrownBy(() -> new IndexBuilder(MODEL, basis).build(data, owners.subList(0, N - 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("owners");
  }

  @Test
  void refusesABasisOfAnotherWidth() {
    BasisRows narrow = new BasisRows(2, 10, new short[20], 0);
    assertThatThrownBy(() -> new IndexBuilder(MODEL, narrow)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesALabelOutsideTheModelsClasses() {
    LabelledImages one = data.first(1);
    LabelledImages bad = new LabelledImages(one.images(), new byte[] {10});
    assertThatThrownBy(() -> new IndexBuilder(MODEL, basis).build(bad, owners.subList(0, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 10");
  }

  @Test
  void noExamplesMeanNoLeavesAndShiftZero() {
    AttributionIndex empty = new IndexBuilder(MODEL, basis).build(data.first(0), List.of());
    assertThat(empty.leaves()).isEmpty();
    assertThat(empty.shift()).isZero();
  }
}
