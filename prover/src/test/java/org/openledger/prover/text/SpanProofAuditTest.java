package org.openledger.prover.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.prover.text.SpanFinderTest.ALICE;
import static org.openledger.prover.text.SpanFinderTest.BOB;
import static org.openledger.prover.text.SpanFinderTest.CAROL;
import static org.openledger.prover.text.SpanFinderTest.corpus;
import static org.openledger.prover.text.SpanFinderTest.utf8;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.model.Models;
import org.openledger.precompiles.Address;
import org.openledger.prover.proof.ContentSource;
import org.openledger.prover.proof.ProofAuditor.Finding;
import org.openledger.prover.proof.ProofEngine;

/**
 * A watcher's audit of a span proof the chain accepted (docs/text-attribution.md §6): what the
 * verifier cannot see — an omitted chunk, a span cut short — comes back as challengeSpan's evidence;
 * a whole span left out is named only; an honest proof is sound.
 */
class SpanProofAuditTest {
  static final String SHARED = "The lighthouse keeper climbed the spiral stairs every evening at dusk and lit the great lamp.";
  static final String BREAD = "Mix the flour, water, salt and yeast, knead for ten minutes, then leave the dough to rise for an hour.";
  static final String OUTPUT = "Each night the lighthouse keeper climbed the spiral stairs every evening at dusk; "
      + "by day he would knead for ten minutes, then leave the dough to rise for an hour.";

  // the lighthouse sentence is in two contributions (Alice's and Carol's), so its span has two chunks
  final TextCorpus corpus = corpus(ALICE, SHARED, BOB, BREAD, CAROL, "A quotation: " + SHARED);
  final SpanProofAudit audit = new SpanProofAudit(new SpanProofEngine(hash -> {
    throw new ContentSource.Unavailable("the audit reads the output from the proof");
  }, (model, version) -> corpus));
  final List<Span> spans = SpanFinder.index(corpus).spans(utf8(OUTPUT));
  final ProofEngine.Version version = new ProofEngine.Version(corpus.root(), ByteTokenizer.COMMITMENT, corpus.root(),
      SpanFinder.DEFAULT_MIN_TOKENS, Models.OUTPUT_TEXT_SPANS);
  final AttributionVerifier.Binding binding = new AttributionVerifier.Binding(1337, Addresses.PROVERS, BigInteger.ONE, BigInteger.ONE,
      BigInteger.ONE, Bytes32.ZERO, Bytes32.ZERO, Address.of(0x9));

  Finding auditOf(List<Span> claimed) {
    return audit.audit(binding, version, SpanProofs.build(Bytes32.ZERO, utf8("q"), utf8(OUTPUT), corpus, claimed).encode());
  }

  @Test
  void theFindersOwnProofIsSound() {
    assertThat(spans).hasSize(2);
    assertThat(spans.get(0).occurrences()).hasSize(2);
    assertThat(auditOf(spans)).isInstanceOf(Finding.Sound.class);
  }

  @Test
  void aProofThatOmitsAChunkHoldingAListedSpanComesBackWithThatChunk() {
    Span shared = spans.get(0);
    List<Span> claimed = new ArrayList<>(spans);
    claimed.set(0, new Span(shared.startToken(), shared.endToken(), shared.startByte(), shared.endByte(), shared.occurrences().subList(0, 1), false));
    Finding.SpanLeftOut f = (Finding.SpanLeftOut) auditOf(claimed);
    assertThat(f.span()).isZero();
    assertThat(f.leafIndex()).isEqualTo(shared.occurrences().get(1).leaf());
    assertThat(f.offset()).isEqualTo(shared.occurrences().get(1).offset());
    assertThat(f.startByte()).isEqualTo(shared.startByte());
    assertThat(f.endByte()).isEqualTo(shared.endByte());
    assertThat(f.detail()).contains("omits chunk " + shared.occurrences().get(1).leaf());
  }

  @Test
  void aProofWithASpanCutShortComesBackWithTheLongerStretch() {
    Span bread = spans.get(1);
    int[] b = ByteTokenizer.boundaries(utf8(OUTPUT));
    int shorterEnd = b[bread.endToken() - 2];
    List<Span> claimed = new ArrayList<>(spans);
    claimed.set(1, new Span(bread.startToken(), bread.endToken() - 2, bread.startByte(), shorterEnd, bread.occurrences(), false));
    Finding.SpanLeftOut f = (Finding.SpanLeftOut) auditOf(claimed);
    assertThat(f.span()).isEqualTo(1);
    assertThat(f.endByte()).isEqualTo(bread.endByte());
    assertThat(f.detail()).contains("is not maximal: bytes " + bread.startByte() + ".." + bread.endByte());
  }

  @Test
  void aProofThatOnlyLeavesOutAWholeSpanIsNamedButNotChallengeable() {
    Finding f = auditOf(spans.subList(0, 1));
    assertThat(((Finding.Uncheckable) f).reason()).startsWith(SpanProofAudit.WRONG).contains("omitted span of bytes " + spans.get(1).startByte() + ".." + spans.get(1).endByte());
  }

  @Test
  void otherVersionsGoToTheOtherAuditor() {
    var classifier = new ProofEngine.Version(corpus.root(), corpus.root(), corpus.root(), 8, Models.OUTPUT_CLASSIFIER_MARGIN);
    Finding f = SpanProofAudit.or((bind, v, proof) -> new Finding.Uncheckable("the gradient auditor"), audit)
        .audit(binding, classifier, org.apache.tuweni.bytes.Bytes.of(1));
    assertThat(((Finding.Uncheckable) f).reason()).isEqualTo("the gradient auditor");
  }
}
