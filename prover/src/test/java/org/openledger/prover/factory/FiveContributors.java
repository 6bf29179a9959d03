package org.openledger.prover.factory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.data.ImageContribution;
import org.openledger.prover.data.LabelledImages;

/** The factory and adapter tests' training data: five contributors, each owning two classes. */
public final class FiveContributors {
  private FiveContributors() {}

  /**
   * Contributor i ({@code contributor.apply(i)}, contribution i + 1 on datanet 1) gets examples
   * {@code [from, from + perClass)} of classes 2i and 2i+1, in one OLI1 contribution.
   */
  public static TrainingSet of(LabelledImages data, int from, int perClass, IntFunction<Address> contributor) {
    List<TrainingSet.Accepted> accepted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      List<Integer> mine = new ArrayList<>();
      int[] seen = new int[10];
      for (int e = 0; e < data.size(); e++) {
        int y = data.label(e);
        if (y == 2 * i || y == 2 * i + 1) {
          int s = seen[y]++;
          if (s >= from && s < from + perClass) mine.add(e);
        }
      }
      byte[] labels = new byte[mine.size()];
      int size = data.images().size();
      byte[] px = new byte[mine.size() * size];
      for (int m = 0; m < mine.size(); m++) {
        labels[m] = (byte) data.label(mine.get(m));
        System.arraycopy(data.images().pixels(), mine.get(m) * size, px, m * size, size);
      }
      byte[] content = new ImageContribution(data.images().rows(), data.images().cols(), 10, labels, px).encode();
      accepted.add(new TrainingSet.Accepted(BigInteger.valueOf(i + 1), 1, contributor.apply(i), Bytes32.wrap(Keccak.hash(content)), content));
    }
    return TrainingSet.of(accepted);
  }
}
