package org.openledger.contracts.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.tuweni.bytes.Bytes32;

/** Prover and chain agree on every tree shape: what {@link IndexTree#multiproof} emits, {@link IndexTree#rootFrom} consumes. */
class IndexTreeProperties {

  @Property(tries = 300)
  void theMultiproofOfAnySubsetOfAnyTreeRecomputesItsRoot(@ForAll @IntRange(min = 1, max = 300) int n, @ForAll long seed) {
    Random random = new Random(seed);
    IndexTree tree = IndexTree.of(hashes(random, n));
    long[] subset = subset(random, n);
    assertThat(IndexTree.rootFrom(n, subset, leaves(tree, subset), tree.multiproof(ints(subset)))).contains(tree.root());
  }

  @Property(tries = 300)
  void anAlteredProvenLeafOrProofHashChangesTheRoot(@ForAll @IntRange(min = 2, max = 300) int n, @ForAll long seed) {
    Random random = new Random(seed);
    IndexTree tree = IndexTree.of(hashes(random, n));
    long[] subset = subset(random, n);
    Bytes32[] leaves = leaves(tree, subset);
    List<Bytes32> proof = new ArrayList<>(tree.multiproof(ints(subset)));
    int target = random.nextInt(leaves.length + proof.size());
    if (target < leaves.length) leaves[target] = random(random);
    else proof.set(target - leaves.length, random(random));
    assertThat(IndexTree.rootFrom(n, subset, leaves, proof)).isPresent().get().isNotEqualTo(tree.root());
  }

  @Property(tries = 300)
  void aMultiproofNeverNeedsMoreThanOneHashPerLeafPerLevel(@ForAll @IntRange(min = 1, max = 300) int n, @ForAll long seed) {
    Random random = new Random(seed);
    IndexTree tree = IndexTree.of(hashes(random, n));
    long[] subset = subset(random, n);
    int depth = 32 - Integer.numberOfLeadingZeros(n - 1);
    assertThat(tree.multiproof(ints(subset)).size()).isLessThanOrEqualTo(subset.length * depth);
  }

  static List<Bytes32> hashes(Random random, int n) {
    List<Bytes32> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(random(random));
    return out;
  }

  static Bytes32 random(Random random) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Bytes32.wrap(b);
  }

  /** A non-empty subset, sometimes dense, sometimes a handful. */
  static long[] subset(Random random, int n) {
    double density = random.nextBoolean() ? random.nextDouble() : Math.min(1.0, 16.0 / n) * random.nextDouble();
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) if (random.nextDouble() < density) out.add((long) i);
    if (out.isEmpty()) out.add((long) random.nextInt(n));
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  static int[] ints(long[] subset) {
    int[] out = new int[subset.length];
    for (int i = 0; i < subset.length; i++) out[i] = (int) subset[i];
    return out;
  }

  static Bytes32[] leaves(IndexTree tree, long[] subset) {
    Bytes32[] out = new Bytes32[subset.length];
    for (int i = 0; i < subset.length; i++) out[i] = tree.leaf((int) subset[i]);
    return out;
  }
}
