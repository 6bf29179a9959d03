package org.openledger.prover.attribution.index;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.BasisRows;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.precompiles.Address;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.FashionMnist.Split;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.model.FixedPointClassifier;
import org.openledger.prover.model.LogisticRegression;
import org.openledger.prover.model.TrainingConfig;

/** A real committed model and real data, with a seeded int16 basis standing in for the whitened-PCA one. */
final class Fixtures {
  private Fixtures() {}

  static final LabelledImages TRAIN = FashionMnist.shipped(Split.TRAIN);
  static final LabelledImages TEST = FashionMnist.shipped(Split.TEST);
  static final FixedLogistic MODEL = FixedPointClassifier.quantize(
      LogisticRegression.train(TRAIN, FashionMnist.CLASSES, TrainingConfig.defaults())).committed();

  /** Contributors deliberately not in address order. */
  static final List<Address> CONTRIBUTORS = List.of(
      Address.fromHex("0x00000000000000000000000000000000000000c3"),
      Address.fromHex("0xff00000000000000000000000000000000000001"),
      Address.fromHex("0x00000000000000000000000000000000000000a1"),
      Address.fromHex("0x8000000000000000000000000000000000000000"),
      Address.fromHex("0x00000000000000000000000000000000000000b2"));

  /** k rows of uniformly random int16 entries (the full range, so bounds are exercised). */
  static BasisRows basis(int k, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    short[] rows = new short[k * MODEL.parameters()];
    for (int l = 0; l < rows.length; l++) {
      rows[l] = (short) random.nextInt(-32767, 32768);
    }
    return new BasisRows(k, MODEL.parameters(), rows, 12);
  }

  /** The root a contributor's contributions to a datanet commit to (a stand-in: the pair's hash). */
  static Bytes32 rootOf(Address contributor, long datanetId) {
    return org.apache.tuweni.bytes.Bytes32.wrap(org.openledger.precompiles.Keccak.hash(contributor.toArray(), new byte[] {(byte) datanetId}));
  }

  /** Example i belongs to a seeded random contributor in datanet 1 or 2. */
  static List<ExampleOwner> owners(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<ExampleOwner> owners = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Address c = CONTRIBUTORS.get(random.nextInt(CONTRIBUTORS.size()));
      long datanet = 1 + random.nextInt(2);
      owners.add(new ExampleOwner(c, datanet, rootOf(c, datanet)));
    }
    return owners;
  }

  static byte[] pixels(LabelledImages data, int i) {
    int size = data.images().size();
    return java.util.Arrays.copyOfRange(data.images().pixels(), i * size, (i + 1) * size);
  }
}
