package org.openledger.prover.attribution.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.precompiles.Address;

/**
 * Index leaves from exact per-example projections, for bases whose row projection is not linear in
 * the dense gradient (a product of two factor projections: the MLP's and an adapter's K-FAC rows):
 * {@code u_c[j] = rs(Σ_{i∈c} raw_j(i), e_U)}, one leaf per (contributor, datanet) in the order every
 * index uses (contributor address, then datanet id), the int64 sums exact.
 */
public final class ProjectedLeaves {
  private static final Comparator<Key> ORDER = Comparator.comparing(Key::contributor).thenComparingLong(Key::datanetId);

  private record Key(Address contributor, long datanetId) {}

  private ProjectedLeaves() {}

  /**
   * @param examples how many training examples there are
   * @param owners each example's owner, in example order
   * @param k the basis rank: every projection's length
   * @param projection example i's {@code raw_j} for every row j
   * @throws IllegalArgumentException when the owners do not match the examples or one
   *     (contributor, datanet) names two contributions roots
   * @throws ArithmeticException when a leaf's sum leaves int64
   */
  public static AttributionIndex build(int examples, List<ExampleOwner> owners, int k, IntFunction<long[]> projection) {
    if (owners.size() != examples) throw new IllegalArgumentException(examples + " examples but " + owners.size() + " owners");
    Map<Key, List<Integer>> members = new TreeMap<>(ORDER);
    Map<Key, ExampleOwner> owner = new TreeMap<>(ORDER);
    for (int i = 0; i < examples; i++) {
      ExampleOwner o = owners.get(i);
      Key key = new Key(o.contributor(), o.datanetId());
      ExampleOwner first = owner.putIfAbsent(key, o);
      if (first != null && !first.contributionsRoot().equals(o.contributionsRoot())) {
        throw new IllegalArgumentException("contributor " + o.contributor() + " in datanet " + o.datanetId()
            + " has two contributions roots: " + first.contributionsRoot() + " and " + o.contributionsRoot() + " (example " + i + ")");
      }
      members.computeIfAbsent(key, x -> new ArrayList<>()).add(i);
    }
    List<Key> keys = new ArrayList<>(members.keySet());
    long[][] raw = new long[keys.size()][];
    // each leaf is an exact integer sum, so the parallel result is the sequential one
    IntStream.range(0, raw.length).parallel().forEach(n -> raw[n] = sum(members.get(keys.get(n)), k, projection));
    int shift = 0;
    for (long[] r : raw) shift = Math.max(shift, Rounding.int16Shift(r));
    List<IndexLeaf> leaves = new ArrayList<>(raw.length);
    for (int n = 0; n < raw.length; n++) {
      ExampleOwner o = owner.get(keys.get(n));
      leaves.add(new IndexLeaf(o.contributor(), o.datanetId(), o.contributionsRoot(), Rounding.toInt16(raw[n], shift)));
    }
    return new AttributionIndex(leaves, shift, List.of(raw));
  }

  private static long[] sum(List<Integer> examples, int k, IntFunction<long[]> projection) {
    long[] s = new long[k];
    for (int i : examples) {
      long[] p = projection.apply(i);
      for (int j = 0; j < k; j++) s[j] = Math.addExact(s[j], p[j]);
    }
    return s;
  }
}
