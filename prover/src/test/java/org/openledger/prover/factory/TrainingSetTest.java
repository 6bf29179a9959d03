package org.openledger.prover.factory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.ImageContribution;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.factory.TrainingSet.Accepted;
import org.openledger.prover.proof.ContentSource;
import org.openledger.prover.proof.ContentTree;

class TrainingSetTest {
  static final LabelledImages TRAIN = FashionMnist.shipped(FashionMnist.Split.TRAIN);
  static final Address BOB = Address.of(0xb0b), CAROL = Address.of(0xca201);

  static Accepted accepted(long id, long datanet, Address who, int from, int to) {
    byte[] content = ImageContribution.of(TRAIN, from, to, 10).encode();
    return new Accepted(BigInteger.valueOf(id), datanet, who, Bytes32.wrap(Keccak.hash(content)), content);
  }

  @Test
  void examplesAreOrderedByContributorThenDatanetThenContribution() {
    TrainingSet set = TrainingSet.of(List.of(accepted(3, 1, CAROL, 10, 12), accepted(2, 1, BOB, 4, 6), accepted(1, 1, BOB, 0, 3)));
    assertThat(set.examples().size()).isEqualTo(7);
    assertThat(set.owners()).extracting(o -> o.contributor()).containsExactly(BOB, BOB, BOB, BOB, BOB, CAROL, CAROL);
    assertThat(set.examples().labels()[0]).isEqualTo(TRAIN.labels()[0]); // contribution 1 first
    assertThat(set.examples().labels()[3]).isEqualTo(TRAIN.labels()[4]);
  }

  @Test
  void aContributorsContributionsToOneDatanetShareOneRootThatResolvesToThem() throws Exception {
    Accepted a = accepted(1, 1, BOB, 0, 3), b = accepted(2, 1, BOB, 4, 6);
    TrainingSet set = TrainingSet.of(List.of(a, b));
    Bytes32 root = set.owners().get(0).contributionsRoot();
    assertThat(set.owners()).allMatch(o -> o.contributionsRoot().equals(root));
    Map<Bytes32, byte[]> store = new HashMap<>();
    for (byte[] blob : set.blobs()) store.put(Bytes32.wrap(Keccak.hash(blob)), blob);
    ContentSource source = h -> store.get(h);
    List<byte[]> leaves = ContentTree.fetch(source, root, 2);
    assertThat(leaves.get(0)).isEqualTo(TrainingSet.contributionLeaf(BigInteger.ONE, a.contentHash()));
    assertThat(leaves.get(1)).isEqualTo(TrainingSet.contributionLeaf(BigInteger.TWO, b.contentHash()));
  }

  @Test
  void separateDatanetsGiveSeparateOwners() {
    TrainingSet set = TrainingSet.of(List.of(accepted(1, 1, BOB, 0, 1), accepted(2, 2, BOB, 1, 2)));
    assertThat(set.owners().get(0).datanetId()).isEqualTo(1);
    assertThat(set.owners().get(1).datanetId()).isEqualTo(2);
    assertThat(set.owners().get(0).contributionsRoot()).isNotEqualTo(set.owners().get(1).contributionsRoot());
  }

  @Test
  void contentThatIsNotAnImageContributionIsNamed() {
    byte[] junk = "sandal, label 5".getBytes();
    List<Accepted> list = new ArrayList<>(List.of(accepted(1, 1, BOB, 0, 1)));
    list.add(new Accepted(BigInteger.valueOf(9), 1, CAROL, Bytes32.wrap(Keccak.hash(junk)), junk));
    assertThatThrownBy(() -> TrainingSet.of(list)).hasMessageContaining("contribution 9 of");
  }

  @Test
  void noAcceptedContributionsIsRefused() {
    assertThatThrownBy(() -> TrainingSet.of(List.of())).hasMessageContaining("no accepted contributions");
  }
}
