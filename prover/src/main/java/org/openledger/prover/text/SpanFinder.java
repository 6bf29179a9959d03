package org.openledger.prover.text;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Finds the maximal spans of a generated text that occur verbatim in a corpus (Infini-gram /
 * OLMoTrace style; docs/text-attribution.md §4). Spans start and end on the output's token
 * boundaries and must sit on token boundaries in the chunk too, so "the cat" never matches inside
 * "bathe cattle". Matching is on bytes over the corpus' suffix array: for each output token,
 * binary search narrows the suffixes sharing a growing prefix of the output, one byte at a time.
 */
public final class SpanFinder {
  /** Shorter runs of English recur by chance: whitespace runs count, so 12 tokens ≈ six words. */
  public static final int DEFAULT_MIN_TOKENS = 12;
  /** A span found in more chunks is common phrasing (boilerplate, quotations), not evidence of a source. */
  public static final int MAX_CHUNKS = 16;

  private final TextCorpus corpus;
  private final byte[] text;
  private final int[] sa;
  private final int minTokens;
  /**
   * {@code pairs[(a << 8) | b]} = the first rank of the suffixes starting with bytes a, b (a ≠ 0xFF):
   * the two widest binary searches of every lookup become two reads. Suffixes starting with the
   * separator sort last and are never looked up, so every other suffix has a second byte.
   */
  private final int[] pairs;

  private SpanFinder(TextCorpus corpus, int[] sa, int minTokens, int[] pairs) {
    this.corpus = corpus;
    this.text = corpus.bytes();
    this.sa = sa;
    this.minTokens = minTokens;
    this.pairs = pairs;
  }

  /** Builds the suffix array of the corpus (the costly part: linear, about 5 bytes of memory per corpus byte). */
  public static SpanFinder index(TextCorpus corpus) {
    return over(corpus, SuffixArray.of(corpus.bytes()), DEFAULT_MIN_TOKENS);
  }

  /** A finder over an already built suffix array of {@code corpus.bytes()}, keeping spans of at least {@code minTokens} tokens. */
  public static SpanFinder over(TextCorpus corpus, int[] suffixArray, int minTokens) {
    if (suffixArray.length != corpus.bytes().length) throw new IllegalArgumentException("suffix array of " + suffixArray.length + " for a corpus of " + corpus.bytes().length + " bytes");
    if (minTokens < 1) throw new IllegalArgumentException("minimum span " + minTokens + " tokens");
    byte[] text = corpus.bytes();
    int[] pairs = new int[(0xFF << 8) + 1];
    for (int p = 0; p < text.length; p++) if (text[p] != TextCorpus.SEPARATOR) pairs[((text[p] & 0xff) << 8 | (text[p + 1] & 0xff)) + 1]++;
    for (int k = 1; k < pairs.length; k++) pairs[k] += pairs[k - 1];
    return new SpanFinder(corpus, suffixArray, minTokens, pairs);
  }

  public SpanFinder withMinTokens(int tokens) {
    if (tokens < 1) throw new IllegalArgumentException("minimum span " + tokens + " tokens");
    return new SpanFinder(corpus, sa, tokens, pairs);
  }

  public TextCorpus corpus() {
    return corpus;
  }

  /** Index size beyond the corpus bytes: the suffix array, the chunk starts and the two-byte table. */
  public long indexBytes() {
    return 4L * sa.length + 4L * corpus.chunks().size() + 4L * pairs.length;
  }

  /**
   * The maximal spans of {@code output}, by ascending start: for each start token the longest
   * aligned match, kept when it reaches past every earlier span's end and holds at least the
   * minimum tokens. Spans may overlap; none is inside another.
   */
  public List<Span> spans(byte[] output) {
    int[] b = ByteTokenizer.boundaries(output);
    int tokens = b.length - 1;
    List<Span> spans = new ArrayList<>();
    int reached = 0; // the largest end token of a span so far
    int[] lo = new int[tokens + 1], hi = new int[tokens + 1];
    for (int i = 0; i + minTokens <= tokens; i++) {
      int deepest = narrow(output, b, i, lo, hi);
      for (int j = deepest; j >= i + minTokens && j > reached; j--) {
        Span s = aligned(b, i, j, lo[j], hi[j]);
        if (s != null) {
          spans.add(s);
          reached = j;
          break;
        }
      }
    }
    return spans;
  }

  /**
   * Narrows the suffix-array interval token by token from output token {@code i}; records in
   * {@code lo[j], hi[j]} the suffixes starting with tokens {@code [i, j)} and returns the largest
   * such {@code j} (i when not even the first token occurs).
   */
  private int narrow(byte[] output, int[] b, int i, int[] lo, int[] hi) {
    int l = 0, h = sa.length, j = i;
    for (int pos = b[i], d = 0; pos < output.length; pos++, d++) {
      int c = output[pos] & 0xff;
      if (c == 0xff) break; // the separator: an output that is not UTF-8 still cannot match across chunks
      if (h - l == 1) {
        // one suffix left: compare in place, sequentially, instead of binary searching each byte
        int p = sa[l] + d;
        if (p >= text.length || (text[p] & 0xff) != c) break;
      } else if (d < 2) {
        int key = d == 0 ? c << 8 : (output[pos - 1] & 0xff) << 8 | c;
        int nl = pairs[key], nh = pairs[d == 0 ? (c + 1) << 8 : key + 1];
        if (nl == nh) break;
        l = nl;
        h = nh;
      } else {
        int nl = firstAtLeast(l, h, d, c);
        int nh = firstAtLeast(nl, h, d, c + 1);
        if (nl == nh) break;
        l = nl;
        h = nh;
      }
      if (pos + 1 == b[j + 1]) {
        j++;
        lo[j] = l;
        hi[j] = h;
      }
    }
    return j;
  }

  /** The first rank in {@code [l, h)} whose suffix has a symbol ≥ c at depth d (the end of the corpus counts as −1). */
  private int firstAtLeast(int l, int h, int d, int c) {
    while (l < h) {
      int mid = (l + h) >>> 1;
      int p = sa[mid] + d;
      int sym = p < text.length ? text[p] & 0xff : -1;
      if (sym < c) l = mid + 1;
      else h = mid;
    }
    return l;
  }

  /** The span of output tokens [i, j) if some occurrence among ranks [l, h) is token-aligned in its chunk, else null. */
  private Span aligned(int[] b, int i, int j, int l, int h) {
    int length = b[j] - b[i];
    TreeMap<Integer, Integer> firstOffset = new TreeMap<>();
    for (int r = l; r < h && firstOffset.size() <= MAX_CHUNKS; r++) {
      int p = sa[r];
      if (!alignedAt(p, length)) continue;
      int leaf = corpus.leafAt(p);
      firstOffset.merge(leaf, p - corpus.start(leaf), Math::min);
    }
    if (firstOffset.isEmpty()) return null;
    List<Occurrence> occ = new ArrayList<>(firstOffset.size());
    firstOffset.forEach((leaf, offset) -> occ.add(new Occurrence(leaf, offset)));
    return new Span(i, j, b[i], b[j], occ, occ.size() > MAX_CHUNKS);
  }

  /** Token boundaries before {@code text[p]} and after {@code text[p + length − 1]}, judged inside the chunk. */
  private boolean alignedAt(int p, int length) {
    int end = p + length; // every chunk is followed by a separator, so text[end] exists
    boolean start = p == 0 || text[p - 1] == TextCorpus.SEPARATOR || ByteTokenizer.boundaryBetween(text[p - 1], text[p]);
    return start && (text[end] == TextCorpus.SEPARATOR || ByteTokenizer.boundaryBetween(text[end - 1], text[end]));
  }
}
