package org.openledger.prover.factory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.cpu.CpuBackend;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.MlpBasisRow;
import org.openledger.precompiles.Address;
import org.openledger.prover.attribution.index.ExampleOwner;
import org.openledger.prover.attribution.kfac.MlpIndexBuilder;
import org.openledger.prover.attribution.kfac.MlpQueryBuilder;
import org.openledger.prover.data.Images;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.model.MlpQuantizer;

/**
 * On random committed MLPs, random Kronecker rows and random inputs, the integer scores and leaf
 * hashes of the OpenCL backend (PoCL) and of every CPU kernel path equal the chain's definitions
 * ({@link MlpCrossBackendTest} does it on a real version).
 */
class MlpCrossBackendProperties {
  static List<ComputeBackend> backends;

  @BeforeContainer
  static void open() {
    backends = List.of(new CpuBackend(), new CpuBackend(true, false), new CpuBackend(false, false), MlpCrossBackendTest.openClOrFail());
  }

  @AfterContainer
  static void close() {
    for (ComputeBackend b : backends) b.close();
  }

  // ------------------------------------------------------------------ random committed MLPs

  /** A random committed MLP, {@code rank} random Kronecker rows over both layers, random inputs and owners. */
  record RandomVersion(FixedMlp model, List<MlpBasisRow> rows, LabelledImages data, List<ExampleOwner> owners) {
    static RandomVersion of(long seed, int rank) {
      Random r = new Random(seed);
      int inputs = 8 + r.nextInt(40), hidden = 2 + r.nextInt(24), classes = 2 + r.nextInt(8);
      short[] w1 = shorts(r, hidden * inputs), w2 = shorts(r, classes * hidden);
      long[] b1 = new long[hidden], b2 = new long[classes];
      for (int i = 0; i < hidden; i++) b1[i] = r.nextInt(1 << 20) - (1 << 19);
      for (int i = 0; i < classes; i++) b2[i] = r.nextInt(1 << 24) - (1 << 23);
      FixedMlp model = new FixedMlp(inputs, hidden, classes, 6 + r.nextInt(10), 6 + r.nextInt(10), w1, b1, w2, b2);
      List<MlpBasisRow> rows = new ArrayList<>();
      for (int j = 0; j < rank; j++) {
        int layer = r.nextInt(2);
        int out = layer == 0 ? hidden : classes, in = layer == 0 ? inputs + 1 : hidden + 1;
        rows.add(new MlpBasisRow(j, layer, 20 + r.nextInt(20), shorts(r, out), shorts(r, in)));
      }
      int n = 30 + r.nextInt(60);
      byte[] pixels = new byte[n * inputs];
      r.nextBytes(pixels);
      byte[] labels = new byte[n];
      List<ExampleOwner> owners = new ArrayList<>();
      Address[] contributors = new Address[1 + r.nextInt(6)];
      for (int c = 0; c < contributors.length; c++) contributors[c] = Address.fromHex(String.format("0x%040x", 0x1000 + r.nextInt(1 << 20)));
      for (int i = 0; i < n; i++) {
        labels[i] = (byte) r.nextInt(classes);
        int c = r.nextInt(contributors.length);
        owners.add(new ExampleOwner(contributors[c], 1 + (c % 2), Bytes32.leftPad(Bytes.ofUnsignedInt(c + 1))));
      }
      return new RandomVersion(model, rows, new LabelledImages(new Images(n, inputs, 1, pixels), labels), owners);
    }

    private static short[] shorts(Random r, int n) {
      short[] v = new short[n];
      for (int i = 0; i < n; i++) v[i] = (short) (r.nextInt(65535) - 32767);
      return v;
    }
  }

  @Property(tries = 25)
  void randomMlpVersionsScoreAndHashTheSameOnOpenClAsOnTheCpu(@ForAll long seed, @ForAll @IntRange(min = 1, max = 48) int rank) {
    RandomVersion v = RandomVersion.of(seed, rank);
    List<IndexLeaf> leaves = new MlpIndexBuilder(v.model(), v.rows()).build(v.data(), v.owners()).leaves();
    List<short[]> psis = new ArrayList<>();
    MlpQueryBuilder queries = new MlpQueryBuilder(v.model(), v.rows());
    for (int i = 0; i < v.data().size(); i++) psis.add(queries.query(MlpQuantizer.pixels(v.data().images(), i)).psi());
    MlpCrossBackendTest.assertSameOn(backends, leaves, psis);
  }

}
