package org.openledger.prover.attribution.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.openledger.contracts.attribution.BasisRows;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.precompiles.Address;
import org.openledger.prover.data.LabelledImages;

/**
 * Builds a version's index leaves (docs/attribution.md §3–§4) from the committed integer model and
 * basis: {@code u_c[j] = rs(Σ_{i∈c} raw_j(g_i), e_U)} with {@code g_i} the exact integer negative
 * loss gradient of example i. The projection is linear, so each leaf's gradients are summed exactly
 * first and projected once: O(d) per example and O(k·d) per leaf, never O(k·d) per example.
 */
public final class IndexBuilder {

  /** Leaves are ordered by contributor address (unsigned), then datanet id. */
  static final Comparator<LeafKey> ORDER =
      Comparator.comparing(LeafKey::contributor).thenComparingLong(LeafKey::datanetId);

  record LeafKey(Address contributor, long datanetId) {}

  private final FixedLogistic model;
  private final ExactProjector projector;

  public IndexBuilder(FixedLogistic model, BasisRows basis) {
    if (basis.d() != model.parameters()) {
      throw new IllegalArgumentException("basis rows have " + basis.d() + " entries, the model " + model.parameters() + " parameters");
    }
    this.model = model;
    this.projector = new ExactProjector(basis);
  }

  /**
   * The index over {@code data}, example {@code i} belonging to {@code owners.get(i)}.
   *
   * @throws IllegalArgumentException when the owners do not match the examples, a label is not a
   *     class, or one (contributor, datanet) names two contributions roots
   * @throws ArithmeticException when a leaf's exact projection leaves int64 (docs §3 bounds a single
   *     example's projection by 2^52, not a sum of many)
   */
  public AttributionIndex build(LabelledImages data, List<ExampleOwner> owners) {
    if (owners.size() != data.size()) {
      throw new IllegalArgumentException(data.size() + " examples but " + owners.size() + " owners");
    }
    Map<LeafKey, Leaf> leaves = new TreeMap<>(ORDER);
    int size = data.images().size();
    byte[] all = data.images().pixels();
    for (int i = 0; i < data.size(); i++) {
      ExampleOwner owner = owners.get(i);
      Leaf leaf = leaves.computeIfAbsent(new LeafKey(owner.contributor(), owner.datanetId()), k -> new Leaf(owner, model.parameters()));
      if (!leaf.owner.contributionsRoot().equals(owner.contributionsRoot())) {
        throw new IllegalArgumentException("contributor " + owner.contributor() + " in datanet " + owner.datanetId()
            + " has two contributions roots: " + leaf.owner.contributionsRoot() + " and " + owner.contributionsRoot() + " (example " + i + ")");
      }
      byte[] pixels = Arrays.copyOfRange(all, i * size, (i + 1) * size);
      model.addGradient(pixels, model.lossDelta(pixels, data.label(i)), leaf.gradientSum);
    }
    List<Leaf> ordered = new ArrayList<>(leaves.values());
    long[][] raw = new long[ordered.size()][];
    // each leaf is independent and exact, so the parallel result is the sequential one
    IntStream.range(0, raw.length).parallel().forEach(n -> raw[n] = project(ordered.get(n)));
    int shift = 0;
    for (long[] r : raw) {
      shift = Math.max(shift, Rounding.int16Shift(r)); // the union's smallest shift is the largest leaf's
    }
    List<IndexLeaf> out = new ArrayList<>(raw.length);
    for (int n = 0; n < raw.length; n++) {
      ExampleOwner o = ordered.get(n).owner;
      out.add(new IndexLeaf(o.contributor(), o.datanetId(), o.contributionsRoot(), Rounding.toInt16(raw[n], shift)));
    }
    return new AttributionIndex(out, shift, Arrays.asList(raw));
  }

  private long[] project(Leaf leaf) {
    try {
      return projector.project(leaf.gradientSum);
    } catch (ArithmeticException e) {
      throw new ArithmeticException("the projection of contributor " + leaf.owner.contributor() + " in datanet "
          + leaf.owner.datanetId() + " exceeds int64");
    }
  }

  /** One leaf's owner and the exact sum of its examples' integer gradients. */
  private static final class Leaf {
    final ExampleOwner owner;
    final long[] gradientSum;

    Leaf(ExampleOwner owner, int parameters) {
      this.owner = owner;
      this.gradientSum = new long[parameters];
    }
  }
}
