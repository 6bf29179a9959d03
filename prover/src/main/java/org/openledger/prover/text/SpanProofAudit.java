package org.openledger.prover.text;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.contracts.attribution.AttributionProof;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.attribution.SpanProof;
import org.openledger.contracts.model.Models;
import org.openledger.precompiles.Address;
import org.openledger.prover.proof.ContentSource;
import org.openledger.prover.proof.ProofAuditor;
import org.openledger.prover.proof.ProofEngine;

/**
 * A watcher's check of another prover's accepted span proof (docs/text-attribution.md §6, "What only
 * a challenge can show"): the chain has checked everything the proof states, so what is left is what
 * it leaves out — a chunk holding a listed span, a span's full length, a whole span. The audit finds
 * the maximal spans of the posted output in the version's corpus, as an honest prover would, and
 * compares the weights they pay with the weights the posted proof pays.
 *
 * <p>A posted span that is not maximal, or that omits a chunk it occurs in, comes back as
 * {@link Finding.SpanLeftOut}: the evidence {@code challengeSpan} slashes on. A proof that only left
 * out whole spans has no one-step challenge (a stretch outside every listed span may be common, or
 * past the caps), so that comes back as {@link Finding.Uncheckable} whose reason names it — for
 * {@code challenge(requestId, evidenceHash)} and governance.
 */
public final class SpanProofAudit implements ProofAuditor {
  /** The prefix of every discrepancy's reason, so logs and journals can be searched for it. */
  public static final String WRONG = "span proof pays differently from the output's maximal spans";

  private final SpanProofEngine engine;

  public SpanProofAudit(SpanProofEngine engine) {
    this.engine = engine;
  }

  /** An auditor that checks text-spans versions' proofs with {@code spans} and every other one with {@code others}. */
  public static ProofAuditor or(ProofAuditor others, SpanProofAudit spans) {
    return (binding, version, proof) -> version.outputFunction() == Models.OUTPUT_TEXT_SPANS
        ? spans.audit(binding, version, proof) : others.audit(binding, version, proof);
  }

  @Override
  public Finding audit(AttributionVerifier.Binding binding, ProofEngine.Version version, Bytes proof) {
    if (version.outputFunction() != Models.OUTPUT_TEXT_SPANS) {
      return new Finding.Uncheckable("output function " + version.outputFunction() + " is not text spans");
    }
    SpanProof posted;
    try {
      posted = SpanProof.decode(proof);
    } catch (AttributionProof.FormatException e) {
      return new Finding.Uncheckable("not a span proof (" + e.getMessage() + "); the chain accepts none such");
    }
    SpanFinder finder;
    try {
      finder = engine.finder(binding.modelId(), binding.version(), version.indexRoot());
    } catch (ContentSource.Unavailable e) {
      return new Finding.Uncheckable(e.getMessage());
    }
    List<Span> expected = SpanProofs.provable(finder.withMinTokens(version.basisRank()).spans(posted.output()), finder.corpus());
    Map<Address, BigInteger> honest = new TreeMap<>();
    TextAttribution.weights(expected, finder.corpus()).forEach((a, w) -> honest.put(a, BigInteger.valueOf(w)));
    if (honest.equals(new TreeMap<>(posted.weights()))) return new Finding.Sound();
    Finding.SpanLeftOut evidence = evidence(posted, finder.withMinTokens(version.basisRank()).spans(posted.output()), finder.corpus());
    if (evidence != null) return evidence;
    return new Finding.Uncheckable(WRONG + ": " + String.join("; ", discrepancies(posted, expected)) + " (paid " + posted.weights()
        + ", maximal spans pay " + honest + "); no one-step challenge shows an omitted span: challenge(requestId, evidenceHash) and "
        + "governance's resolveChallenge");
  }

  /**
   * The evidence of {@code challengeSpan} against the first posted span that is not maximal or that
   * omits a chunk, from the finder's spans (common ones included: every posted span lies inside one),
   * or null when the proof only left out whole spans, which no one-step challenge shows.
   */
  static Finding.SpanLeftOut evidence(SpanProof posted, List<Span> found, TextCorpus corpus) {
    for (int k = 0; k < posted.spans().size(); k++) {
      SpanProof.ProvenSpan p = posted.spans().get(k);
      for (Span f : found) {
        if (f.startByte() > p.startByte() || f.endByte() < p.endByte()) continue;
        boolean longer = f.startByte() < p.startByte() || f.endByte() > p.endByte();
        List<Long> listed = p.occurrences().stream().map(o -> posted.chunks().get((int) o.slot()).leafIndex()).toList();
        for (Occurrence o : f.occurrences()) {
          if (!longer && listed.contains((long) o.leaf())) continue;
          String detail = longer
              ? "span " + k + " (bytes " + p.startByte() + ".." + p.endByte() + ") is not maximal: bytes " + f.startByte() + ".." + f.endByte()
                  + " occur in chunk " + o.leaf()
              : "span " + k + " (bytes " + p.startByte() + ".." + p.endByte() + ") omits chunk " + o.leaf() + ", where it occurs at " + o.offset();
          return new Finding.SpanLeftOut(k, f.startByte(), f.endByte(), o.leaf(), corpus.chunk(o.leaf()).leafBlob(), o.offset(),
              corpus.tree().multiproof(new int[] {o.leaf()}), detail);
        }
      }
    }
    return null;
  }

  /** What the posted proof left out, span by span of the honest proof. */
  static List<String> discrepancies(SpanProof posted, List<Span> expected) {
    List<String> out = new ArrayList<>();
    for (Span e : expected) {
      SpanProof.ProvenSpan p = posted.spans().stream().filter(s -> s.startByte() == e.startByte()).findFirst().orElse(null);
      if (p == null) {
        out.add("omitted span of bytes " + e.startByte() + ".." + e.endByte() + " (" + e.tokens() + " tokens, " + e.occurrences().size() + " chunks)");
        continue;
      }
      if (p.endByte() < e.endByte()) {
        out.add("span at byte " + e.startByte() + " ends at " + p.endByte() + ", not maximal: the aligned stretch runs to " + e.endByte());
      }
      List<Long> listed = p.occurrences().stream().map(o -> posted.chunks().get((int) o.slot()).leafIndex()).toList();
      List<Integer> missing = e.occurrences().stream().map(Occurrence::leaf).filter(leaf -> !listed.contains((long) leaf)).toList();
      if (!missing.isEmpty()) {
        out.add("span at byte " + e.startByte() + " omits chunk(s) at leaves " + missing + " (" + listed.size() + " listed, "
            + e.occurrences().size() + " in the corpus)");
      }
    }
    if (out.isEmpty()) out.add("spans as listed differ from the maximal spans");
    return out;
  }
}
