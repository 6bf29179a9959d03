package org.openledger.prover.eval;

import java.util.TreeSet;

import org.openledger.prover.attribution.Quantization;

/**
 * Bytes of a version-1 proof (docs/attribution.md §6):
 * {@code 1 + 32 + 2 + 1 + w·k + 4 + 1 + M·(96 + w·k) + 2 + 32·p}, with {@code w} bytes per coordinate
 * (2 for int16, the format's; 1 and 4 are what int8 and float would cost) and {@code p} the
 * multiproof's hashes (§5).
 */
public final class ProofSize {
  private ProofSize() {}

  private static final int LEAF_FIXED = 4 + 20 + 32 + 32 + 8;

  /** The size with {@code m} leaves spread evenly over an index of {@code leaves} (a typical top-M). */
  public static int bytes(int k, Quantization q, int m, int leaves) {
    int included = Math.min(m, leaves);
    int[] indices = new int[included];
    for (int i = 0; i < included; i++) {
      indices[i] = (int) ((long) i * leaves / included);
    }
    int w = q.bytes();
    return 1 + 32 + 2 + 1 + w * k + 4 + 1 + included * (LEAF_FIXED + w * k) + 2 + 32 * multiproofHashes(leaves, indices);
  }

  /** Sibling hashes a verifier cannot compute from the proven leaves (§5: odd last nodes move up unchanged). */
  public static int multiproofHashes(int leaves, int[] indices) {
    TreeSet<Integer> known = new TreeSet<>();
    for (int i : indices) {
      known.add(i);
    }
    int hashes = 0;
    for (int size = leaves; size > 1; size = (size + 1) / 2) {
      TreeSet<Integer> up = new TreeSet<>();
      for (int i : known) {
        int sibling = i ^ 1;
        if (sibling < size && !known.contains(sibling)) {
          hashes++;
        }
        up.add(i / 2);
      }
      known = up;
    }
    return hashes;
  }
}
