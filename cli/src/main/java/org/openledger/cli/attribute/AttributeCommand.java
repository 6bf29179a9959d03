package org.openledger.cli.attribute;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.ContentStore;
import org.openledger.cli.chain.Output;
import org.openledger.cli.chain.RpcContentSource;
import org.openledger.cli.chain.RpcOptions;
import org.openledger.cli.chain.Session;
import org.openledger.cli.eval.ProgressBar;
import org.openledger.cli.factory.AcceptedContributions;
import org.openledger.contracts.web3j.Datanets;
import org.openledger.precompiles.Address;
import org.openledger.prover.proof.ContentSource;
import org.openledger.prover.text.ByteTokenizer;
import org.openledger.prover.text.Chunk;
import org.openledger.prover.text.Occurrence;
import org.openledger.prover.text.Span;
import org.openledger.prover.text.SpanFinder;
import org.openledger.prover.text.TextAttribution;
import org.openledger.prover.text.TextContribution;
import org.openledger.prover.text.TextCorpus;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code openledger attribute}: which contributors' text a given text repeats, by the span rule a
 * text-spans model version is paid by (docs/text-attribution.md §4–§5) — computed off-chain over a
 * Datanet's accepted text contributions, read from the chain and the node's content store.
 */
@Command(
    name = "attribute",
    mixinStandardHelpOptions = true,
    description = {
      "Attribute a text to a Datanet's contributors by the spans it repeats verbatim.",
      "",
      "Reads the Datanet's accepted text contributions (OLT1 items in the node's content store, each checked against its "
          + "accepted content hash), chunks them and indexes them with a suffix array, then finds the maximal stretches of "
          + "the text, at least --min-tokens tokens of the ol-bytes-v1 tokenizer, that occur token-aligned in a chunk.",
      "Prints each span with the chunks (and owners) it occurs in, then each contributor's weight: a token of the text "
          + "is credited once, to the leftmost span covering it, and a span's credit is split equally among its chunks; "
          + "a span in more than 16 chunks is common and credits no one. These are the weights a span proof pays by.",
      "Non-text contributions (such as images) are skipped."
    })
public final class AttributeCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** Span text longer than this is shortened in the table (never in --json). */
  private static final int SHOWN_CHARS = 72;

  @Mixin RpcOptions rpc;
  @Option(names = "--datanet", required = true, description = "Datanet id whose accepted text the text is matched against.") BigInteger datanet;
  @ArgGroup(exclusive = true, multiplicity = "1") Source source;
  @Option(names = "--min-tokens", defaultValue = "" + SpanFinder.DEFAULT_MIN_TOKENS,
      description = "Shortest span reported, in ol-bytes-v1 tokens (words, spaces and punctuation each count; default ${DEFAULT-VALUE}).")
  int minTokens;

  static final class Source {
    @Option(names = "--text", required = true, description = "The text to attribute.") String text;
    @Option(names = "--file", required = true, description = "A UTF-8 file holding the text to attribute.") Path file;
  }

  @Override
  public Integer call() {
    if (minTokens < 1) throw new UserError("--min-tokens " + minTokens + " is not a token count: use 1 or more (the default is 12)");
    byte[] text = text();
    ProgressBar progress = ProgressBar.stderr();
    try (Session s = new Session(rpc, null)) {
      List<TextCorpus.Contribution> contributions = accepted(s, progress);
      progress.phase("index " + contributions.size() + " contributions", 1);
      TextCorpus corpus = TextCorpus.of(contributions);
      SpanFinder finder = SpanFinder.index(corpus).withMinTokens(minTokens);
      progress.step();
      progress.phase("find spans", 1);
      List<Span> spans = finder.spans(text);
      progress.step();
      if (System.console() != null) System.err.println(); // end the bar's line before the tables
      Map<Address, Long> weights = TextAttribution.weights(spans, corpus);
      if (rpc.json()) printJson(corpus, text, spans, weights);
      else printTables(corpus, text, spans, weights);
      return 0;
    }
  }

  private byte[] text() {
    byte[] bytes;
    String what;
    if (source.text != null) {
      bytes = source.text.getBytes(StandardCharsets.UTF_8);
      what = "--text";
    } else {
      try {
        bytes = Files.readAllBytes(source.file);
      } catch (IOException e) {
        throw new UserError("cannot read --file " + source.file + ": " + e.getMessage());
      }
      what = "--file " + source.file;
    }
    if (bytes.length == 0) throw new UserError(what + " is empty: give the text to attribute");
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw new UserError(what + " is not UTF-8 text (" + e.getMessage() + "): convert it first, e.g. iconv -f LATIN1 -t UTF-8");
    }
    return bytes;
  }

  /** The Datanet's accepted contributions that are OLT1 texts, with their owners, checked against the chain's content hashes. */
  private List<TextCorpus.Contribution> accepted(Session s, ProgressBar progress) {
    Datanets d = s.datanets(false);
    BigInteger count = s.view(d.datanetCount());
    if (datanet.signum() <= 0 || datanet.compareTo(count) > 0) {
      throw new UserError("unknown datanet " + datanet + ": this chain has datanets 1.." + count + " (openledger datanet list shows them)");
    }
    long contributions = s.view(d.contributionCount()).longValueExact();
    ContentSource content = new RpcContentSource(new ContentStore(s.node()));
    List<TextCorpus.Contribution> out = new ArrayList<>();
    int accepted = 0;
    progress.phase("read contributions", (int) Math.min(Integer.MAX_VALUE, contributions));
    for (long id = 1; id <= contributions; id++) {
      Datanets.Contribution c = s.view(d.contribution(BigInteger.valueOf(id)));
      progress.step();
      if (!c.datanetId.equals(datanet) || c.status.intValueExact() != AcceptedContributions.ACCEPTED) continue;
      accepted++;
      Bytes32 hash = Bytes32.wrap(c.contentHash);
      byte[] bytes;
      try {
        bytes = content.get(hash);
      } catch (ContentSource.Unavailable e) {
        throw new UserError("accepted contribution " + id + " has no content in the node's content store: " + e.getMessage()
            + " — its contributor must publish it (openledger datanet submit stores it)");
      }
      TextContribution text;
      try {
        text = TextContribution.decode(bytes);
      } catch (IllegalArgumentException notText) {
        continue; // an image or other data: not part of the text corpus
      }
      out.add(new TextCorpus.Contribution(Address.fromHex(c.contributor), BigInteger.valueOf(id), text));
    }
    if (out.isEmpty()) {
      throw new UserError("datanet " + datanet + " has no accepted text contributions (" + accepted + " accepted, none an OLT1 text): "
          + "a text contribution is \"OLT1\" ‖ uint32 length ‖ UTF-8 bytes (docs/text-attribution.md §3), submitted with "
          + "openledger datanet submit --file and accepted by the curator");
    }
    return out;
  }

  private static String chunkName(TextCorpus corpus, Occurrence o) {
    Chunk c = corpus.chunk(o.leaf());
    return "#" + c.contributionId() + "/" + c.index() + "@" + o.offset() + " " + c.contributor();
  }

  private static String spanText(byte[] text, Span s) {
    return new String(text, s.startByte(), s.bytes(), StandardCharsets.UTF_8);
  }

  private static String percent(long weight, long total) {
    return total == 0 ? "-" : new BigDecimal(weight).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(total), 2, RoundingMode.DOWN) + "%";
  }

  private void printTables(TextCorpus corpus, byte[] text, List<Span> spans, Map<Address, Long> weights) {
    int tokens = ByteTokenizer.count(text);
    System.out.println("datanet " + datanet + ": " + corpus.chunks().size() + " chunks, corpus root " + corpus.root().toHexString());
    System.out.println("text: " + tokens + " tokens (ol-bytes-v1), " + text.length + " bytes; spans of at least " + minTokens + " tokens");
    System.out.println();
    Output table = new Output("span", "tokens", "bytes", "chunks", "text", "occursIn");
    for (int i = 0; i < spans.size(); i++) {
      Span s = spans.get(i);
      String shown = spanText(text, s).replace("\n", "⏎");
      if (shown.length() > SHOWN_CHARS) shown = shown.substring(0, SHOWN_CHARS - 1) + "…";
      String where = s.common() ? "common (more than " + SpanFinder.MAX_CHUNKS + " chunks): earns nothing"
          : String.join("; ", s.occurrences().stream().map(o -> chunkName(corpus, o)).toList());
      table.row(i + 1, s.startToken() + ".." + s.endToken(), s.startByte() + ".." + s.endByte(), s.common() ? ">" + SpanFinder.MAX_CHUNKS
          : s.occurrences().size(), "\"" + shown + "\"", where);
    }
    table.print(System.out, false);
    System.out.println();
    long total = weights.values().stream().mapToLong(Long::longValue).sum();
    Output who = new Output("contributor", "weight", "tokens", "share");
    weights.forEach((a, w) -> who.row(a, w, new BigDecimal(w).divide(BigDecimal.valueOf(TextAttribution.TOKEN_UNITS), 2, RoundingMode.DOWN),
        percent(w, total)));
    who.print(System.out, false);
    long credited = total / TextAttribution.TOKEN_UNITS;
    System.out.println(spans.size() + " spans; " + credited + " of " + tokens + " tokens credited to " + weights.size() + " contributors"
        + " (weight = credited tokens × " + TextAttribution.TOKEN_UNITS + ", split equally among a span's chunks)");
  }

  private void printJson(TextCorpus corpus, byte[] text, List<Span> spans, Map<Address, Long> weights) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("datanet", datanet.toString());
    root.put("corpusRoot", corpus.root().toHexString());
    root.put("chunks", String.valueOf(corpus.chunks().size()));
    root.put("tokens", String.valueOf(ByteTokenizer.count(text)));
    root.put("minTokens", String.valueOf(minTokens));
    List<Map<String, Object>> spanList = new ArrayList<>();
    for (Span s : spans) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("startToken", String.valueOf(s.startToken()));
      m.put("endToken", String.valueOf(s.endToken()));
      m.put("startByte", String.valueOf(s.startByte()));
      m.put("endByte", String.valueOf(s.endByte()));
      m.put("text", spanText(text, s));
      m.put("common", s.common());
      List<Map<String, String>> occ = new ArrayList<>();
      for (Occurrence o : s.occurrences()) {
        Chunk c = corpus.chunk(o.leaf());
        occ.add(Map.of("leaf", String.valueOf(o.leaf()), "contribution", c.contributionId().toString(), "chunk", String.valueOf(c.index()),
            "offset", String.valueOf(o.offset()), "contributor", c.contributor().toString()));
      }
      m.put("occurrences", occ);
      spanList.add(m);
    }
    root.put("spans", spanList);
    long total = weights.values().stream().mapToLong(Long::longValue).sum();
    List<Map<String, String>> who = new ArrayList<>();
    weights.forEach((a, w) -> who.add(Map.of("contributor", a.toString(), "weight", String.valueOf(w), "share", percent(w, total))));
    root.put("contributors", who);
    try {
      System.out.println(JSON.writeValueAsString(root));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
