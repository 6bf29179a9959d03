package org.openledger.prover.factory;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;
import org.openledger.prover.attribution.index.ExampleOwner;
import org.openledger.prover.data.ImageContribution;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.proof.ContentTree;

/**
 * A model version's training data as the chain names it: the accepted contributions of the
 * model's datanets, decoded, with each example's owner (contributor, datanet, and the root of that
 * contributor's accepted contributions to the datanet — docs/attribution.md §4). Built the same
 * way by the trainer and by every attester, so both arrive at the same leaves. {@code classes} is
 * what the contributions declare (a class no example has is still a class of the model).
 */
public record TrainingSet(LabelledImages examples, List<ExampleOwner> owners, List<byte[]> blobs, int classes) {

  /** An accepted contribution, as the Datanets contract and the content store give it. */
  public record Accepted(BigInteger contributionId, long datanetId, Address contributor, Bytes32 contentHash, byte[] content) {}

  /**
   * Orders the contributions by (contributor, datanet, contribution id), decodes them, and computes
   * each (contributor, datanet)'s contributions root; {@code blobs} are the tree blobs that make
   * those roots resolvable in a content store.
   *
   * @throws IllegalArgumentException naming the contribution whose content does not decode
   */
  public static TrainingSet of(List<Accepted> accepted) {
    if (accepted.isEmpty()) throw new IllegalArgumentException("the model's datanets have no accepted contributions to train on");
    List<Accepted> sorted = new ArrayList<>(accepted);
    sorted.sort(Comparator.comparing(Accepted::contributor).thenComparingLong(Accepted::datanetId).thenComparing(Accepted::contributionId));
    Map<String, List<Accepted>> groups = new LinkedHashMap<>();
    for (Accepted a : sorted) groups.computeIfAbsent(a.contributor().toHexString() + "/" + a.datanetId(), k -> new ArrayList<>()).add(a);

    List<ImageContribution> decoded = new ArrayList<>();
    List<ExampleOwner> owners = new ArrayList<>();
    List<byte[]> blobs = new ArrayList<>();
    for (List<Accepted> group : groups.values()) {
      List<byte[]> leaves = new ArrayList<>(group.size());
      for (Accepted a : group) leaves.add(contributionLeaf(a.contributionId(), a.contentHash()));
      ContentTree.Published tree = ContentTree.publish(leaves);
      blobs.addAll(tree.blobs());
      Accepted first = group.get(0);
      ExampleOwner owner = new ExampleOwner(first.contributor(), first.datanetId(), tree.root());
      for (Accepted a : group) {
        ImageContribution c;
        try {
          c = ImageContribution.decode(a.content());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("contribution " + a.contributionId() + " of " + a.contributor() + ": " + e.getMessage(), e);
        }
        decoded.add(c);
        for (int i = 0; i < c.count(); i++) owners.add(owner);
      }
    }
    return new TrainingSet(ImageContribution.stack(decoded), List.copyOf(owners), List.copyOf(blobs), decoded.get(0).classes());
  }

  /** {@code 0x00 ‖ uint256 contributionId ‖ bytes32 contentHash}. */
  public static byte[] contributionLeaf(BigInteger contributionId, Bytes32 contentHash) {
    byte[] id = contributionId.toByteArray();
    if (contributionId.signum() <= 0 || contributionId.bitLength() > 256) throw new IllegalArgumentException("contribution id " + contributionId);
    ByteBuffer b = ByteBuffer.allocate(1 + 32 + 32).put((byte) 0);
    byte[] word = new byte[32];
    int n = Math.min(id.length, 32);
    System.arraycopy(id, id.length - n, word, 32 - n, n);
    return b.put(word).put(contentHash.toArrayUnsafe()).array();
  }
}
