package org.openledger.prover.attribution.adapter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.precompiles.Address;
import org.openledger.prover.attribution.index.AttributionIndex;
import org.openledger.prover.attribution.index.ExampleOwner;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.lora.BaseMlp;
import org.openledger.prover.lora.LoraAdapter;
import org.openledger.prover.lora.LoraGradient;

/**
 * An adapter version's index leaves: {@code u_c[j] = rs(Σ_{i∈c} raw_j(−∇L_i), e_U)} over the
 * adapter's parameters, one leaf per (contributor, datanet) in the order every index uses
 * (contributor address, then datanet id), so the chain's verifier reads it like any other index.
 * Each example is projected on its own (a row's projection is a product of two factor
 * projections) and the int64 projections are summed exactly; a sum that leaves int64 is refused.
 */
public final class AdapterIndexBuilder {
  private static final Comparator<Key> ORDER = Comparator.comparing(Key::contributor).thenComparingLong(Key::datanetId);

  private record Key(Address contributor, long datanetId) {}

  private final LoraGradient gradient;
  private final List<AdapterBasisRow> rows;

  public AdapterIndexBuilder(BaseMlp base, LoraAdapter adapter, List<AdapterBasisRow> rows) {
    this.gradient = new LoraGradient(base, adapter);
    this.rows = List.copyOf(rows);
  }

  /**
   * @throws IllegalArgumentException when the owners do not match the examples or one
   *     (contributor, datanet) names two contributions roots
   * @throws ArithmeticException when a projection or a leaf's sum leaves int64
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
        throw new IllegalArgumentException("contributor " + o.contributor() + " in datanet " + o.datanetId() + " has two contributions roots (example " + i + ")");
      }
      members.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    List<Key> keys = new ArrayList<>(members.keySet());
    long[][] raw = new long[keys.size()][];
    // each leaf is an exact integer sum of per-example integers, so the parallel result is the sequential one
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

  /** {@code raw_j(−∇L_i)} of one training example over every row. */
  public long[] exampleProjection(float[] pixels, int label) {
    LoraGradient.Factored g = gradient.negativeLossFactors(pixels, label);
    long[] out = new long[rows.size()];
    for (int j = 0; j < out.length; j++) out[j] = rows.get(j).raw(g);
    return out;
  }

  private long[] sum(LabelledImages data, List<Integer> examples) {
    long[] s = new long[rows.size()];
    for (int i : examples) {
      long[] p = exampleProjection(AdapterBasis.pixels(data, i), data.label(i));
      for (int j = 0; j < s.length; j++) s[j] = Math.addExact(s[j], p[j]);
    }
    return s;
  }
}
