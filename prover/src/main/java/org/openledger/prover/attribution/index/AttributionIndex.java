package org.openledger.prover.attribution.index;

import java.util.List;

import org.openledger.contracts.attribution.IndexLeaf;

/**
 * The leaves of a model version's attribution index (docs/attribution.md §3–§4), in ascending
 * (contributor, datanet) order, with the shift {@code e_U} they were rounded with. {@code raw[n]}
 * is leaf n's exact projection {@code Σ_{i∈leaf} raw_j(g_i)} before rounding — what an attester
 * compares against and a leaf-coordinate challenge recomputes.
 */
public record AttributionIndex(List<IndexLeaf> leaves, int shift, List<long[]> raw) {

  public AttributionIndex {
    leaves = List.copyOf(leaves);
    raw = List.copyOf(raw);
    if (leaves.size() != raw.size()) {
      throw new IllegalArgumentException(leaves.size() + " leaves but " + raw.size() + " raw vectors");
    }
  }

  /** The version's scale {@code 2^{e_U}}: a leaf coordinate times it approximates the exact projection. */
  public long scale() {
    return 1L << shift;
  }

  /** The index's rank {@code k}, the length of every leaf vector. */
  public int rank() {
    return leaves.isEmpty() ? 0 : leaves.get(0).u().length;
  }
}
