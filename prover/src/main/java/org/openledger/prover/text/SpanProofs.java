package org.openledger.prover.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.SpanProof;
import org.openledger.contracts.prover.Provers;
import org.openledger.precompiles.Address;

/**
 * Builds the v2 span proof (docs/text-attribution.md §6) from {@link SpanFinder} output: the rare
 * spans in order, the chunks they occur in opened by ascending leaf index, and one multiproof of
 * those chunks against the corpus tree. Common spans earn nothing (§5) and are left out.
 *
 * <p>A proof carries at most {@link SpanProof#MAX_SPANS} spans and pays at most
 * {@link Provers#MAX_CONTRIBUTORS} contributors: spans are taken in order while both limits hold,
 * and the first one that would break either ends the list (what it and later spans would have
 * earned goes to the treasury with the pool's remainder).
 */
public final class SpanProofs {
  private SpanProofs() {}

  /** The proof of {@code output} for the request bound by {@code binding}, with its {@code input}, from {@code spans} found in {@code corpus}. */
  public static SpanProof build(Bytes32 binding, byte[] input, byte[] output, TextCorpus corpus, List<Span> spans) {
    List<Span> kept = provable(spans, corpus);
    TreeSet<Integer> leaves = new TreeSet<>();
    for (Span s : kept) for (Occurrence o : s.occurrences()) leaves.add(o.leaf());
    Map<Integer, Integer> slot = new LinkedHashMap<>();
    List<SpanProof.OpenedChunk> chunks = new ArrayList<>(leaves.size());
    for (int leaf : leaves) {
      slot.put(leaf, chunks.size());
      chunks.add(corpus.chunk(leaf).opened(leaf));
    }
    List<SpanProof.ProvenSpan> proven = new ArrayList<>(kept.size());
    for (Span s : kept) {
      List<SpanProof.Occurrence> occ = s.occurrences().stream().map(o -> new SpanProof.Occurrence(slot.get(o.leaf()), o.offset())).toList();
      proven.add(new SpanProof.ProvenSpan(s.startByte(), s.endByte(), occ));
    }
    int[] indices = leaves.stream().mapToInt(Integer::intValue).toArray();
    return new SpanProof(binding, input, output, corpus.chunks().size(), proven, chunks, corpus.tree().multiproof(indices));
  }

  /** The rare spans a proof carries, in order, within the span and contributor limits. */
  public static List<Span> provable(List<Span> spans, TextCorpus corpus) {
    List<Span> kept = new ArrayList<>();
    Set<Address> paid = new TreeSet<>();
    for (Span s : spans) {
      if (s.common()) continue;
      Set<Address> with = new TreeSet<>(paid);
      for (Occurrence o : s.occurrences()) with.add(corpus.chunk(o.leaf()).contributor());
      if (kept.size() == SpanProof.MAX_SPANS || with.size() > Provers.MAX_CONTRIBUTORS) break;
      kept.add(s);
      paid = with;
    }
    return kept;
  }

  /** The §5 weights of what {@link #build} proves, per contributor ascending: what the chain will pay by. */
  public static Map<Address, Long> weights(List<Span> spans, TextCorpus corpus) {
    return new TreeMap<>(TextAttribution.weights(provable(spans, corpus), corpus));
  }
}
