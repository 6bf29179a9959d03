package org.openledger.prover.attribution.kfac;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.MlpBasisRow;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.precompiles.Address;
import org.openledger.prover.attribution.index.AttributionIndex;
import org.openledger.prover.attribution.index.ExampleOwner;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.model.MlpQuantizer;

/**
 * A committed MLP's index leaves (docs/attribution.md §3, §3b): {@code u_c[j] = rs(Σ_{i∈c}
 * raw_j(g_i), e_U)} with {@code g_i} the exact integer negative loss gradient of example i. Unlike
 * logistic regression's, a row's projection is a product of two factor projections, not linear in
 * the dense gradient, so each example is projected (O(Σ_j |a_j| + |b_j|)) and the int64 projections
 * summed exactly; a sum that would leave int64 is refused.
 */
public final class MlpIndexBuilder {

  /** Leaves are ordered by contributor address (unsigned), then datanet id, as every index (§4). */
  private static final Comparator<Key> ORDER = Comparator.comparing(Key::contributor).thenComparingLong(Key::datanetId);

  private record Key(Address contributor, long datanetId) {}

  private final FixedMlp model;
  private final List<MlpBasisRow> rows;

  public MlpIndexBuilder(FixedMlp model, List<MlpBasisRow> rows) {
    this.model = model;
    this.rows = List.copyOf(rows);
  }

  /**
   * @throws IllegalArgumentException when the owners do not match the examples or one
   *     (contributor, datanet) names two contributions roots
   * @throws ArithmeticException when an example's projection or a leaf's sum leaves int64
   */
  public AttributionIndex build(LabelledImages data, List<ExampleOwner> owners) {
    if (owners.size() != data.size()) throw new IllegalArgumentException(data.size() + " examples but " + owners.size() + " owners");
    Map<Key, List<Integer>> members = new TreeMap<>(ORDER);
    Map<Key, ExampleOwner> owner = new TreeMap<>(ORDER);
    for (int i = 0; i < data.size(); i++) {
      ExampleOwner o = owners.get(i);
      Key key = new Key(o.contributor(), o.datanetId());
      ExampleOwner first = owner.putIfAbsent(key, o);
      if (first != null && !first.contributionsRoot().equals(o.contributionsRoot())) {
        throw new IllegalArgumentException("contributor " + o.contributor() + " in datanet " + o.datanetId()
            + " has two contributions roots: " + first.contributionsRoot() + " and " + o.contributionsRoot() + " (example " + i + ")");
      }
      members.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    List<Key> keys = new ArrayList<>(members.keySet());
    long[][] raw = new long[keys.size()][];
    // each leaf is an exact integer sum, so the parallel result is the sequential one
    IntStream.range(0, raw.length).parallel().forEach(n -> raw[n] = sum(data, members.get(keys.get(n))));
    int shift = 0;
    for (long[] r : raw) shift = Math.max(shift, Rounding.int16Shift(r));
    List<IndexLeaf> leaves = new ArrayList<>(raw.length);
    for (int n = 0; n < raw.length; n++) {
      ExampleOwner o = owner.get(keys.get(n));
      leaves.add(new IndexLeaf(o.contributor(), o.datanetId(), o.contributionsRoot(), Rounding.toInt16(raw[n], shift)));
    }
    return new AttributionIndex(leaves, shift, List.of(raw));
  }

  private long[] sum(LabelledImages data, List<Integer> examples) {
    long[] s = new long[rows.size()];
    for (int i : examples) {
      FixedMlp.Gradient g = model.lossGradient(MlpQuantizer.pixels(data.images(), i), data.label(i));
      for (int j = 0; j < s.length; j++) s[j] = Math.addExact(s[j], rows.get(j).raw(g));
    }
    return s;
  }
}
