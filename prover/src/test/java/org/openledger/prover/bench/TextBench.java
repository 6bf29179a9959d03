package org.openledger.prover.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.text.ByteTokenizer;
import org.openledger.prover.text.Chunk;
import org.openledger.prover.text.Span;
import org.openledger.prover.text.SpanFinder;
import org.openledger.prover.text.SuffixArray;
import org.openledger.prover.text.TextContribution;
import org.openledger.prover.text.TextCorpus;

/**
 * Text attribution against libdivsufsort in the same run (docs/benchmarks.md): suffix array build
 * time (and the arrays compared byte for byte), span lookup latency for 450-token outputs, index
 * bytes per corpus byte. The corpus is real English text from two Debian packages, assembled
 * reproducibly: GCIDE (dict-gcide, Webster 1913 and additions) and the Linux 6.1 documentation
 * sources (linux-doc-6.1, every {@code Documentation/**.gz} in byte order of path).
 */
final class TextBench {
  static final Path GCIDE = Path.of("/usr/share/dictd/gcide.dict.dz");
  static final Path LINUX_DOC = Path.of("/usr/share/doc/linux-doc-6.1/Documentation");
  static final int CONTRIBUTORS = 1_000;
  static final int OUTPUT_TOKENS = 450;

  private TextBench() {}

  static void run(double unitSeconds) throws Exception {
    if (!Files.isRegularFile(GCIDE) || !Files.isDirectory(LINUX_DOC)) {
      throw new IllegalStateException("the text bench needs Debian's corpus and reference: apt-get install dict-gcide linux-doc-6.1 libdivsufsort-dev");
    }
    Path work = Files.createTempDirectory("openledger-text-bench");
    try {
      long t = System.nanoTime();
      TextCorpus corpus = TextCorpus.of(contributions());
      byte[] bytes = corpus.bytes();
      System.out.printf("corpus: %,d bytes (%.1f MiB) in %,d chunks, root %s (%.0f units to read, chunk and commit)%n", bytes.length,
          bytes.length / 1048576.0, corpus.chunks().size(), corpus.root().toHexString(), (System.nanoTime() - t) / 1e9 / unitSeconds);
      Path file = work.resolve("corpus.bin"), saFile = work.resolve("divsufsort.sa");
      Files.write(file, bytes);
      Path driver = compileDriver(work);

      // alternate the two builders so both see the same machine load, and compare within a round:
      // on a shared machine wall time swings with the load, so process CPU time is compared too
      int rounds = 3;
      double[][] ratio = new double[2][rounds];
      double cBest = Double.MAX_VALUE;
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      int[] sa = null;
      for (int round = 0; round < rounds; round++) {
        double[] c = runDriver(driver, file, saFile);
        cBest = Math.min(cBest, c[0]);
        sa = null;
        System.gc();
        long s = System.nanoTime(), cpu = threads.getCurrentThreadCpuTime();
        sa = SuffixArray.of(bytes);
        ratio[0][round] = (System.nanoTime() - s) / 1e9 / c[0];
        ratio[1][round] = (threads.getCurrentThreadCpuTime() - cpu) / 1e9 / c[1];
        System.out.printf("round %d: SA-IS (Java) / divsufsort (C) = %.2f wall, %.2f CPU%n", round + 1, ratio[0][round], ratio[1][round]);
      }
      long mismatch = firstMismatch(sa, saFile);
      if (mismatch >= 0) throw new IllegalStateException("suffix arrays differ at rank " + mismatch);
      System.out.printf("suffix array: equal to libdivsufsort's, all %,d entries (%,d bytes)%n", sa.length, 4L * sa.length);
      Arrays.sort(ratio[0]);
      Arrays.sort(ratio[1]);
      System.out.printf("build time, median of %d rounds: SA-IS (Java) / divsufsort (C) = %.2f wall, %.2f CPU   (divsufsort's best = %.0f units wall)%n",
          rounds, ratio[0][rounds / 2], ratio[1][rounds / 2], cBest / unitSeconds);

      SpanFinder finder = SpanFinder.over(corpus, sa, SpanFinder.DEFAULT_MIN_TOKENS);
      lookups(finder, unitSeconds);
      System.out.printf("index bytes per corpus byte: %.3f (suffix array 4, chunk starts and the two-byte table %.4f); with the corpus itself %.3f%n",
          finder.indexBytes() / (double) bytes.length, (finder.indexBytes() - 4.0 * sa.length) / bytes.length, (finder.indexBytes() + bytes.length) / (double) bytes.length);
    } finally {
      try (Stream<Path> files = Files.list(work)) {
        for (Path p : files.toList()) Files.deleteIfExists(p);
      }
      Files.deleteIfExists(work);
    }
  }

  /** Each source file as UTF-8 (malformed bytes become U+FFFD), cut at line ends into contributions of at most 1 MiB, owners round-robin. */
  static List<TextCorpus.Contribution> contributions() throws IOException {
    List<Path> sources = new ArrayList<>();
    sources.add(GCIDE);
    try (Stream<Path> s = Files.walk(LINUX_DOC)) {
      s.filter(p -> p.toString().endsWith(".gz") && Files.isRegularFile(p)).map(Path::toString).sorted(TextBench::byteOrder).map(Path::of).forEach(sources::add);
    }
    List<TextCorpus.Contribution> out = new ArrayList<>();
    for (Path p : sources) {
      byte[] text = utf8(gunzip(p));
      for (int from = 0; from < text.length; ) {
        int to = Math.min(text.length, from + TextContribution.MAX_BYTES);
        if (to < text.length) {
          int cut = to;
          while (cut > from && text[cut - 1] != '\n') cut--;
          to = cut > from ? cut : to;
          while (to > from && (text[to] & 0xC0) == 0x80) to--; // never cut inside a character
        }
        int id = out.size() + 1;
        out.add(new TextCorpus.Contribution(Address.of(1 + (id - 1) % CONTRIBUTORS), BigInteger.valueOf(id), new TextContribution(Arrays.copyOfRange(text, from, to))));
        from = to;
      }
    }
    return out;
  }

  private static int byteOrder(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] gunzip(Path p) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(p), 1 << 16)) {
      return in.readAllBytes();
    }
  }

  private static byte[] utf8(byte[] raw) {
    try {
      var chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(java.nio.ByteBuffer.wrap(raw));
      return chars.toString().getBytes(StandardCharsets.UTF_8);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path compileDriver(Path work) throws IOException, InterruptedException {
    // the bench runs in the prover module's directory (exec-maven-plugin's default)
    Path source = Path.of("src/test/c/divsufsort_driver.c").toAbsolutePath(), binary = work.resolve("divsufsort_driver");
    if (!Files.isRegularFile(source)) throw new IllegalStateException("run the bench from prover/: " + source + " is missing");
    exec(List.of("cc", "-O2", "-o", binary.toString(), source.toString(), "-ldivsufsort"));
    return binary;
  }

  /** {wall, CPU} seconds of divsufsort() alone, as the driver measures them. */
  private static double[] runDriver(Path driver, Path corpus, Path saFile) throws IOException, InterruptedException {
    String[] out = exec(List.of(driver.toString(), corpus.toString(), saFile.toString())).trim().split(" ");
    if (out.length != 4 || !out[0].equals("seconds") || !out[2].equals("cpu")) throw new IllegalStateException("divsufsort driver said: " + String.join(" ", out));
    return new double[] {Double.parseDouble(out[1]), Double.parseDouble(out[3])};
  }

  private static String exec(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    return out;
  }

  /** The first rank where the two arrays differ, or −1. */
  private static long firstMismatch(int[] sa, Path saFile) throws IOException {
    try (FileChannel ch = FileChannel.open(saFile, StandardOpenOption.READ)) {
      if (ch.size() != 4L * sa.length) return Math.min(ch.size() / 4, sa.length);
      IntBuffer theirs = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
      for (int i = 0; i < sa.length; i++) if (theirs.get(i) != sa[i]) return i;
      return -1;
    }
  }

  /**
   * Outputs of 450 tokens: three 100-token passages copied from random chunks, between words drawn
   * at random from the corpus (text no chunk holds in that order). Latency per output, as a ratio to
   * keccak-256 of the output (what the chain hashes) and to one linear scan of the corpus.
   */
  static void lookups(SpanFinder finder, double unitSeconds) {
    TextCorpus corpus = finder.corpus();
    SplittableRandom r = new SplittableRandom(450);
    List<byte[]> words = new ArrayList<>();
    for (int i = 0; words.size() < 20_000 && i < 200_000; i++) {
      byte[] t = corpus.chunk(r.nextInt(corpus.chunks().size())).text();
      int[] b = ByteTokenizer.boundaries(t);
      int k = r.nextInt(b.length - 1);
      if (ByteTokenizer.classOf(t[b[k]]) == ByteTokenizer.LETTER) words.add(Arrays.copyOfRange(t, b[k], b[k + 1]));
    }
    int runs = 200, warm = 20;
    double[] seconds = new double[runs];
    long planted = 0, covered = 0, spanCount = 0;
    double hash = 0;
    byte[] last = null;
    for (int run = -warm; run < runs; run++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      List<int[]> passages = new ArrayList<>();
      for (int part = 0; part < 3; part++) {
        filler(out, words, r, 24);
        int from = out.size();
        passage(out, corpus, r, 100);
        passages.add(new int[] {from, out.size()});
      }
      filler(out, words, r, 50); // 3 × 49 + 300 tokens so far: trimmed to 450 below
      byte[] full = out.toByteArray();
      byte[] output = Arrays.copyOf(full, ByteTokenizer.boundaries(full)[OUTPUT_TOKENS]);
      long s = System.nanoTime();
      List<Span> spans = finder.spans(output);
      long e = System.nanoTime();
      long h0 = System.nanoTime();
      for (int i = 0; i < 100; i++) Keccak.hash(output);
      long h1 = System.nanoTime();
      if (run >= 0) {
        seconds[run] = (e - s) / 1e9;
        hash += (h1 - h0) / 1e9 / 100;
        spanCount += spans.size();
        for (int[] p : passages) {
          int end = Math.min(p[1], output.length);
          planted += end - p[0];
          for (int x = p[0]; x < end; x++) {
            int at = x;
            if (spans.stream().anyMatch(sp -> sp.startByte() <= at && at < sp.endByte())) covered++;
          }
        }
      }
      last = output;
    }
    hash /= runs;
    Arrays.sort(seconds);
    double p50 = seconds[runs / 2], p99 = seconds[runs * 99 / 100];
    double scan = linearScan(corpus.bytes(), Arrays.copyOf(last, 16));
    System.out.printf("span lookup, 450-token outputs (%d after %d warm-up): p50 = %.4f units, p99 = %.4f units;"
        + " p50 = %.0f× keccak-256 of the output, %.4f× one linear scan of the corpus%n", runs, warm, p50 / unitSeconds, p99 / unitSeconds, p50 / hash, p50 / scan);
    System.out.printf("planted passages (three of 100 tokens per output): %.1f%% of their bytes inside found spans; %.1f spans per output%n",
        100.0 * covered / planted, spanCount / (double) runs);
  }

  private static void filler(ByteArrayOutputStream out, List<byte[]> words, SplittableRandom r, int count) {
    for (int i = 0; i < count; i++) {
      out.write(' ');
      out.writeBytes(words.get(r.nextInt(words.size())));
    }
    out.write(' ');
  }

  /** {@code tokens} consecutive tokens from a random chunk long enough to hold them. */
  private static void passage(ByteArrayOutputStream out, TextCorpus corpus, SplittableRandom r, int tokens) {
    while (true) {
      Chunk c = corpus.chunk(r.nextInt(corpus.chunks().size()));
      byte[] t = c.text();
      int[] b = ByteTokenizer.boundaries(t);
      if (b.length - 1 < tokens) continue;
      int k = r.nextInt(b.length - tokens);
      out.write(t, b[k], b[k + tokens] - b[k]);
      return;
    }
  }

  /** One pass over the corpus looking for a 16-byte pattern, the cost an index avoids (best of 3). */
  private static double linearScan(byte[] text, byte[] pattern) {
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 3; round++) {
      long s = System.nanoTime();
      int hits = 0;
      byte first = pattern[0];
      for (int i = 0; i + pattern.length <= text.length; i++) {
        if (text[i] == first && Arrays.equals(text, i, i + pattern.length, pattern, 0, pattern.length)) hits++;
      }
      best = Math.min(best, (System.nanoTime() - s) / 1e9);
      if (hits < 0) throw new AssertionError();
    }
    return best;
  }
}
