package org.openledger.contracts.prover;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.BasisRow;
import org.openledger.contracts.attribution.CommittedModel;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.IndexTree;
import org.openledger.contracts.attribution.KeccakSponge;
import org.openledger.contracts.attribution.MlpBasisRow;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.contracts.attribution.SumTree;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;

/**
 * A small but real attribution index, built as the prover's index builders build one: a 3-class
 * logistic regression (or, {@link #mlp()}, an MLP with Kronecker-pair rows) over 4×4 images, a 4-row basis, three contributors of datanet 1 with OLI1
 * image contributions, and each leaf {@code u_c = rs(B · Σ_{i∈c} g_i, e_U)} from the exact summed
 * gradients. Contributor A's first contribution (20 images, 351 bytes) spans three Keccak blocks,
 * so its upload takes several chunks. Contributor D has {@value #BIG_CONTRIBUTIONS} one-image
 * contributions: more than openLeafChallenge's list takes, so only the bisected game reaches it.
 */
final class TinyIndex {
  static final int C = 3, ROWS = 4, COLS = 4, F = ROWS * COLS, K = 4, H = 5;
  static final int HEADER = 11, RECORD = 1 + F;
  /** Contributor D's leaf: past LeafChallenges.MAX_CONTRIBUTIONS, and not a power of two, so its tree has odd nodes that move up. */
  static final int BIG = 3, BIG_CONTRIBUTIONS = 1_030;

  /** One accepted contribution: its id and its OLI1 content. */
  record Contribution(BigInteger id, byte[] content) {
    int count() {
      return (content.length - HEADER) / RECORD;
    }

    byte[] record(int e) {
      return Arrays.copyOfRange(content, HEADER + e * RECORD, HEADER + (e + 1) * RECORD);
    }

    Bytes32 contentHash() {
      return Bytes32.wrap(Keccak.hash(content));
    }

    /** {@code 0x00 ‖ uint256 id ‖ bytes32 contentHash}: its leaf in the contributionsRoot tree. */
    byte[] leafBytes() {
      ByteBuffer b = ByteBuffer.allocate(65).put((byte) 0).put(new byte[24]).putLong(id.longValueExact()).put(contentHash().toArrayUnsafe());
      return b.array();
    }
  }

  /** A contributor's contributions to datanet 1, in ascending id order. */
  record Owner(Address who, List<Contribution> contributions) {
    Bytes32 contributionsRoot() {
      return IndexTree.of(contributions.stream().map(c -> Bytes32.wrap(Keccak.hash(c.leafBytes()))).toList()).root();
    }

    /** Each contribution's leaf bytes, in order. */
    List<byte[]> leafList() {
      return contributions.stream().map(Contribution::leafBytes).toList();
    }

    /** The contribution leaves concatenated, as openLeafChallenge takes them. */
    Bytes contributionLeaves() {
      return Bytes.concatenate(contributions.stream().map(c -> Bytes.wrap(c.leafBytes())).toArray(Bytes[]::new));
    }
  }

  final CommittedModel model;
  final List<BasisRow> rows;
  final IndexTree basisTree;
  final List<Owner> owners;
  final int leafShift;
  final long[][] exactLeaves;

  /** Logistic regression over the 4×4 images. */
  TinyIndex() {
    this(new Random(16), false);
  }

  /** The MLP 16 → 5 (ReLU) → 3 over the same kind of data, with Kronecker-pair rows on both layers. */
  static TinyIndex mlp() {
    return new TinyIndex(new Random(17), true);
  }

  private TinyIndex(Random random, boolean mlp) {
    if (mlp) {
      FixedMlp m = new FixedMlp(F, H, C, 4, 4, shorts(H * F, 300, random), longs(H, 100_000, random), shorts(C * H, 300, random),
          longs(C, 1_000_000, random));
      model = m;
      List<BasisRow> r = new ArrayList<>();
      for (int j = 0; j < K; j++) {
        int layer = j % 2;
        r.add(new MlpBasisRow(j, layer, 0, shorts(layer == 0 ? H : C, 8, random), shorts(layer == 0 ? F + 1 : H + 1, 8, random)));
      }
      rows = List.copyOf(r);
    } else {
      short[] w = new short[C * F];
      for (int i = 0; i < w.length; i++) w[i] = (short) (random.nextInt(601) - 300);
      int[] b = new int[C];
      for (int c = 0; c < C; c++) b[c] = random.nextInt(20_001) - 10_000;
      FixedLogistic l = new FixedLogistic(C, F, 8, w, b);
      model = l;
      List<BasisRow> r = new ArrayList<>();
      for (int j = 0; j < K; j++) r.add(new BasisRow.Dense(j, shorts(l.parameters(), 200, random)));
      rows = List.copyOf(r);
    }
    basisTree = IndexTree.of(rows.stream().map(r -> Bytes32.wrap(Keccak.hash(r.leafBytes()))).toList());
    owners = List.of(
        new Owner(Address.of(0xa1), List.of(contribution(1, 20, random), contribution(3, 6, random))),
        new Owner(Address.of(0xb2), List.of(contribution(2, 9, random))),
        new Owner(Address.of(0xc3), List.of(contribution(4, 4, random))),
        new Owner(Address.of(0xd4), bigLeaf(random)));
    exactLeaves = new long[owners.size()][];
    int shift = 0;
    for (int o = 0; o < owners.size(); o++) {
      // u_c = rs(Σ_i raw(g_i), e_U): for logistic regression the same integer as projecting the summed gradient
      long[] sum = new long[K];
      for (int j = 0; j < K; j++) sum[j] = Arrays.stream(partials(o, j)).sum();
      exactLeaves[o] = sum;
      shift = Math.max(shift, Rounding.int16Shift(exactLeaves[o]));
    }
    leafShift = shift;
  }

  private static short[] shorts(int n, int bound, Random random) {
    short[] v = new short[n];
    for (int i = 0; i < n; i++) v[i] = (short) (random.nextInt(2 * bound + 1) - bound);
    return v;
  }

  private static long[] longs(int n, int bound, Random random) {
    long[] v = new long[n];
    for (int i = 0; i < n; i++) v[i] = random.nextInt(2 * bound + 1) - bound;
    return v;
  }

  /** Row {@code j}'s leaf in the basis tree. */
  byte[] rowLeaf(int j) {
    return rows.get(j).leafBytes();
  }

  private static List<Contribution> bigLeaf(Random random) {
    List<Contribution> out = new ArrayList<>(BIG_CONTRIBUTIONS);
    for (int i = 0; i < BIG_CONTRIBUTIONS; i++) out.add(contribution(100 + i, 1, random));
    return List.copyOf(out);
  }

  private static Contribution contribution(long id, int images, Random random) {
    ByteBuffer b = ByteBuffer.allocate(HEADER + images * RECORD).putInt(0x4f4c4931).putShort((short) ROWS).putShort((short) COLS)
        .put((byte) C).putShort((short) images);
    for (int e = 0; e < images; e++) {
      b.put((byte) random.nextInt(C));
      byte[] pixels = new byte[F];
      random.nextBytes(pixels);
      b.put(pixels);
    }
    return new Contribution(BigInteger.valueOf(id), b.array());
  }

  BigInteger scale() {
    return BigInteger.ONE.shiftLeft(leafShift);
  }

  /** The honest leaves, or with {@code delta} added to coordinate {@code j} of leaf {@code wrongLeaf}. */
  List<IndexLeaf> leaves(int wrongLeaf, int j, int delta) {
    List<IndexLeaf> out = new ArrayList<>();
    for (int o = 0; o < owners.size(); o++) {
      short[] u = Rounding.toInt16(exactLeaves[o], leafShift);
      if (o == wrongLeaf) u[j] += (short) delta;
      out.add(new IndexLeaf(owners.get(o).who(), 1, owners.get(o).contributionsRoot(), u));
    }
    return out;
  }

  List<IndexLeaf> honestLeaves() {
    return leaves(-1, 0, 0);
  }

  /** {@code raw_j} of each example of {@code c}: what an honest challenger posts when it descends. */
  long[] values(Contribution c, int j) {
    long[] v = new long[c.count()];
    for (int e = 0; e < v.length; e++) {
      byte[] r = c.record(e);
      v[e] = model.exampleProjection(rows.get(j), Arrays.copyOfRange(r, 1, r.length), r[0]);
    }
    return v;
  }

  /** The exact partial sums of {@code raw_j} per contribution of owner {@code o}. */
  long[] partials(int o, int j) {
    return owners.get(o).contributions().stream().mapToLong(c -> Arrays.stream(values(c, j)).sum()).toArray();
  }

  /** The contributions tree of owner {@code o} with these per-contribution sums (the truth: {@link #partials}). */
  SumTree sums(int o, long[] partials) {
    return SumTree.of(owners.get(o).leafList(), partials);
  }

  /** The content in upload chunks: whole Keccak blocks, the last one shorter. */
  static List<byte[]> chunks(byte[] content) {
    List<byte[]> out = new ArrayList<>();
    for (int at = 0; at < content.length; at += KeccakSponge.RATE) {
      out.add(Arrays.copyOfRange(content, at, Math.min(content.length, at + KeccakSponge.RATE)));
    }
    return out;
  }

  /** How many example records end inside {@code [from, to)} of a contribution's content. */
  static int recordsCompleted(long from, long to) {
    return (int) (completedBy(to) - completedBy(from));
  }

  private static long completedBy(long end) {
    return end < HEADER ? 0 : (end - HEADER) / RECORD;
  }
}
