package org.openledger.cli.attribute;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.ContentStore;
import org.openledger.cli.chain.KeyOptions;
import org.openledger.cli.chain.Open;
import org.openledger.cli.chain.Output;
import org.openledger.cli.chain.RpcOptions;
import org.openledger.cli.chain.Session;
import org.openledger.cli.eval.ProgressBar;
import org.openledger.contracts.model.Models;
import org.openledger.prover.proof.ContentSource;
import org.openledger.prover.proof.ContentTree;
import org.openledger.prover.text.ByteTokenizer;
import org.openledger.prover.text.Chunk;
import org.openledger.prover.text.SpanFinder;
import org.openledger.prover.text.TextCorpus;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code openledger model register-spans}: registers a text-spans version of a model (docs/text-attribution.md
 * §6a) from the text its Datanets have accepted — the corpus root it commits is built here from the
 * chain and the content store exactly as attesters and provers rebuild it ({@link TextContributions}).
 */
@Command(
    name = "register-spans",
    description = {
      "Register a text-spans version of your model: its outputs are paid to the contributors whose Datanet text they repeat.",
      "",
      "Reads the OLT1 text contributions the model's Datanets have accepted (from the chain; each fetched from the node's "
          + "content store and checked against its accepted hash), chunks and commits them (corpus root), publishes every "
          + "chunk and tree node to the content store so provers and challengers can open any chunk, and sends "
          + "Models.registerVersion with output function 2 (text spans), the ol-bytes-v1 tokenizer and --min-tokens.",
      "Any model's output can be attributed this way: the version commits no weights of its own unless you give "
          + "--weights or --weights-root. Then: provers attest it (openledger prover rebuilds the corpus root from the text "
          + "accepted by the registration block), governance deploys it (openledger propose deploy-model), and each "
          + "request's output is proven by its spans (docs/text-attribution.md).",
      "",
      "  openledger model register-spans --model 2",
      "  openledger model register-spans --model 2 --min-tokens 16 --out-rate 0.5 --host 0x…",
      ""
    })
public final class RegisterSpansCommand implements Callable<Integer> {
  // --version names a model version elsewhere, so only the help half of the standard options
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.") boolean help;

  @Mixin RpcOptions rpc;
  @Mixin KeyOptions keys;

  @Option(names = "--model", required = true, paramLabel = "ID", description = "Your model (you must be its owner; Approved, Training, Evaluation or Deployed).")
  BigInteger model;

  @Option(names = "--min-tokens", paramLabel = "N", defaultValue = "" + SpanFinder.DEFAULT_MIN_TOKENS,
      description = "Shortest span that pays, in ol-bytes-v1 tokens (words, spaces and punctuation each count; default ${DEFAULT-VALUE}, "
          + "about six words). Try a text with openledger attribute --min-tokens first.")
  long minTokens;

  @Option(names = "--in-rate", paramLabel = "OPEN", defaultValue = "0", description = "Input rate per 1,000 tokens (default ${DEFAULT-VALUE}).")
  String inRate;

  @Option(names = "--out-rate", paramLabel = "OPEN", defaultValue = "0", description = "Output rate per 1,000 tokens (default ${DEFAULT-VALUE}).")
  String outRate;

  @Option(names = "--host", paramLabel = "ADDRESS", description = "The node that posts results (default: you, the owner).")
  String host;

  @ArgGroup(exclusive = true) Weights weights;

  static final class Weights {
    @Option(names = "--weights", paramLabel = "FILE", description = "Your model's weights file: the version commits its keccak-256 (the file is not uploaded).")
    Path file;

    @Option(names = "--weights-root", paramLabel = "HASH", description = "A 32-byte weights commitment to register as is (default: the corpus root).")
    String root;
  }

  @Override
  public Integer call() {
    if (minTokens < 1 || minTokens > 0xFFFF_FFFFL) throw new UserError("--min-tokens " + minTokens + " is not a span length: use 1 or more (the default is 12)");
    if (host != null && !WalletUtils.isValidAddress(host)) throw new UserError("--host " + host + " is not an address: give 0x and 40 hex digits");
    BigInteger in = Open.parse(inRate, "--in-rate"), out = Open.parse(outRate, "--out-rate");
    Bytes32 weightsRoot = weightsRoot();
    ProgressBar progress = ProgressBar.stderr();
    try (Session s = new Session(rpc, keys)) {
      checkOwner(s);
      long asOf = s.blockNumber().longValueExact();
      TextContributions.Read read;
      try {
        read = TextContributions.of(s, model, asOf, progress);
      } catch (ContentSource.Unavailable e) {
        throw new UserError(e.getMessage());
      }
      if (read.texts().isEmpty()) {
        throw new UserError("model " + model + " has no accepted text contribution in its datanets " + read.datanets() + " ("
            + read.accepted() + " accepted, none an OLT1 text), so a text-spans version has nothing to pay: a text contribution is "
            + "\"OLT1\" ‖ uint32 length ‖ UTF-8 bytes (docs/text-attribution.md §3), submitted with openledger datanet submit --file "
            + "and accepted by the datanet's curator");
      }
      progress.phase("chunk and commit " + read.texts().size() + " texts", 1);
      TextCorpus corpus = TextCorpus.of(read.texts());
      progress.step();
      publish(s, corpus, progress);
      Bytes32 root = corpus.root();
      // the fields' meanings for a text-spans version: docs/text-attribution.md §6a (scale unused but non-zero)
      var spec = new org.openledger.contracts.web3j.Models.VersionSpec((weightsRoot == null ? root : weightsRoot).toArray(),
          ByteTokenizer.COMMITMENT.toArray(), root.toArray(), BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(Models.OUTPUT_TEXT_SPANS),
          BigInteger.valueOf(Models.TOKEN_MODE_TEXT), BigInteger.ZERO, BigInteger.ZERO, host == null ? "0x0000000000000000000000000000000000000000" : host,
          in, out, BigInteger.valueOf(minTokens));
      TransactionReceipt r = s.send(s.models(true).registerVersion(model, spec));
      var e = org.openledger.contracts.web3j.Models.getVersionRegisteredEvents(r).get(0);
      if (System.console() != null) System.err.println(); // end the bar's line before the table
      new Output("model", "version", "corpusRoot", "texts", "chunks", "minTokens", "asOfBlock", "registeredIn", "tx")
          .row(e.modelId, e.version, root.toHexString(), read.texts().size(), corpus.chunks().size(), minTokens, asOf, r.getBlockNumber(),
              r.getTransactionHash())
          .print(System.out, rpc.json());
      long registeredIn = r.getBlockNumber().longValueExact();
      List<BigInteger> late = TextContributions.acceptedBetween(s, model, asOf, registeredIn);
      if (!late.isEmpty()) {
        // attesters rebuild from the text accepted by the registration block, so this version will not be attested
        System.err.println("warning: contributions " + late + " were accepted after block " + asOf + ", when the corpus was read, and by block "
            + registeredIn + ", when version " + e.version + " was registered: attesters include them, so they will not attest this "
            + "version — run openledger model register-spans again");
      }
      if (!rpc.json()) {
        System.out.println("next: provers attest it (openledger prover), then governance deploys it (openledger propose deploy-model --model "
            + e.modelId + " --version " + e.version + ")");
      }
      return 0;
    }
  }

  private void checkOwner(Session s) {
    var models = s.models(false);
    BigInteger count = s.view(models.modelCount());
    if (model.signum() <= 0 || model.compareTo(count) > 0) {
      throw new UserError("unknown model " + model + ": this chain has models 1.." + count + " (openledger model list shows them)");
    }
    String owner = s.view(models.model(model)).owner;
    if (!owner.equalsIgnoreCase(s.sender())) {
      throw new UserError("model " + model + " is owned by " + owner + ", not by " + s.sender() + ": register with the owner's key");
    }
  }

  private Bytes32 weightsRoot() {
    if (weights == null) return null;
    if (weights.root != null) {
      try {
        Bytes32 b = Bytes32.fromHexString(weights.root);
        if (b.isZero()) throw new IllegalArgumentException("zero");
        return b;
      } catch (IllegalArgumentException e) {
        throw new UserError("--weights-root " + weights.root + " is not a non-zero 32-byte hash: give 0x and 64 hex digits");
      }
    }
    var keccak = new org.bouncycastle.crypto.digests.KeccakDigest(256); // streamed: weights files can exceed a byte array
    try (InputStream f = Files.newInputStream(weights.file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = f.read(buf)) > 0; ) keccak.update(buf, 0, n);
    } catch (IOException e) {
      throw new UserError("cannot read --weights " + weights.file + ": " + e.getMessage());
    }
    byte[] hash = new byte[32];
    keccak.doFinal(hash, 0);
    return Bytes32.wrap(hash);
  }

  /** Every leaf blob and tree node, content addressed, so the corpus root alone lets anyone fetch and check any chunk. */
  private static void publish(Session s, TextCorpus corpus, ProgressBar progress) {
    List<byte[]> blobs = ContentTree.publish(corpus.chunks().stream().map(Chunk::leafBlob).toList()).blobs();
    ContentStore store = new ContentStore(s.node());
    progress.phase("publish " + blobs.size() + " chunks and nodes to the content store", blobs.size());
    for (byte[] blob : blobs) {
      store.put(blob);
      progress.step();
    }
  }
}
