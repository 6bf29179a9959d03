package org.openledger.cli.inference;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.ContentStore;
import org.openledger.cli.chain.KeyOptions;
import org.openledger.cli.chain.Open;
import org.openledger.cli.chain.Output;
import org.openledger.cli.chain.RpcOptions;
import org.openledger.cli.chain.Session;
import org.openledger.contracts.web3j.Inference;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.text.ByteTokenizer;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openledger infer}: request inferences (fee escrowed) and follow them to settlement. */
@Command(
    name = "infer",
    mixinStandardHelpOptions = true,
    description = {
      "Request an inference from a deployed model and follow it to settlement.",
      "",
      "The fee is in/1000 × inRate + out/1000 × outRate + platform fee; the maximum is escrowed with",
      "the request and the unused part refunded. Contributors are paid only after a prover's proof of",
      "attribution is verified and its challenge window has passed."
    },
    subcommands = {InferCommand.Request.class, InferCommand.Result.class, InferCommand.Show.class})
public final class InferCommand {
  static final String[] STATES = {"none", "Requested", "Resulted", "Settled", "Refunded"};

  static String state(BigInteger s) {
    int i = s.intValue();
    return i >= 0 && i < STATES.length ? STATES[i] : "state " + s;
  }

  @Command(name = "request", description = "Request an inference; escrows the maximum fee for --max-out tokens.")
  static final class Request implements Callable<Integer> {
    // --version names a model version here, so only the help half of the standard options
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.") boolean help;

    @Mixin RpcOptions rpc;
    @Mixin KeyOptions keys;
    @Option(names = "--model", required = true, description = "Model id (its deployed version is used unless --version).") BigInteger model;
    @Option(names = "--version", description = "Model version (default: the deployed one).") BigInteger version;
    @Option(names = "--input", required = true, description = "The input text; only its keccak-256 goes on-chain.") String input;
    @Option(names = "--in-tokens", defaultValue = "0", description = "Input tokens of a text model (0: the input's UTF-8 bytes; a classifier's counts are fixed by its version; default ${DEFAULT-VALUE}).") BigInteger inTokens;
    @Option(names = "--max-out", defaultValue = "256", description = "Maximum output tokens the escrow covers (default ${DEFAULT-VALUE}).") BigInteger maxOut;

    @Override
    public Integer call() {
      try (Session s = new Session(rpc, keys)) {
        BigInteger v = version;
        if (v == null) v = s.view(s.models(false).model(model)).deployedVersion;
        Inference inference = s.inference(true);
        org.openledger.contracts.web3j.Models.Terms terms = s.view(s.models(false).inferenceTerms(model, v));
        BigInteger in;
        BigInteger out = maxOut;
        if (terms.tokenMode.intValue() == org.openledger.contracts.model.Models.TOKEN_MODE_FIXED) {
          // a classifier: the version fixes both counts
          in = terms.fixedInTokens;
          out = terms.fixedOutTokens;
        } else if (textSpans(s, model, v)) {
          // a text-spans version's proof derives the count with ol-bytes-v1 and fetches the input: any other count, or a
          // withheld input, makes the request unprovable (docs/text-attribution.md §6)
          in = BigInteger.valueOf(ByteTokenizer.count(input.getBytes(StandardCharsets.UTF_8)));
          if (inTokens.signum() > 0 && !inTokens.equals(in)) {
            throw new UserError("--in-tokens " + inTokens + ": version " + v + " of model " + model + " counts its input with the ol-bytes-v1 "
                + "tokenizer, " + in + " tokens — leave --in-tokens out");
          }
          new ContentStore(s.node()).put(input.getBytes(StandardCharsets.UTF_8));
        } else {
          in = inTokens.signum() > 0 ? inTokens : BigInteger.valueOf(input.getBytes(StandardCharsets.UTF_8).length);
        }
        BigInteger maxFee = s.view(inference.quote(model, v, in, out));
        byte[] inputHash = Keccak.hash(input.getBytes(StandardCharsets.UTF_8));
        TransactionReceipt r = s.send(inference.request(model, v, inputHash, in, out, maxFee));
        var e = Inference.getRequestedEvents(r).get(0);
        new Output("request", "model", "version", "escrow", "maxFee", "state", "tx").row(e.requestId, e.modelId, e.version, Open.format(e.escrow),
            Open.format(e.maxFee), "Requested", r.getTransactionHash()).print(System.out, rpc.json());
        return 0;
      }
    }
  }

  static boolean textSpans(Session s, BigInteger model, BigInteger version) {
    return s.view(s.models(false).version(model, version)).component1().outputFunction.intValueExact()
        == org.openledger.contracts.model.Models.OUTPUT_TEXT_SPANS;
  }

  @Command(name = "result", mixinStandardHelpOptions = true, description = {
      "As a version's host, post the output of a request: its keccak-256 and token count go on-chain, the text to the content store.",
      "",
      "For a text model run anywhere (its output is attributed by the spans it repeats, docs/text-attribution.md): the output "
          + "tokens of a text-spans version are counted with the ol-bytes-v1 tokenizer, as its span proof checks. "
          + "Classifier versions are answered by openledger serve.",
      "",
      "  openledger infer result --request 7 --output-file answer.txt"})
  static final class Result implements Callable<Integer> {
    @Mixin RpcOptions rpc;
    @Mixin KeyOptions keys;
    @Option(names = "--request", required = true, paramLabel = "ID", description = "The request to answer (state Requested; you must be its host).") BigInteger request;
    @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1") Text text;

    static final class Text {
      @Option(names = "--output", required = true, description = "The output text.") String output;
      @Option(names = "--output-file", required = true, paramLabel = "FILE", description = "A UTF-8 file holding the output.") java.nio.file.Path file;
    }

    @Override
    public Integer call() {
      byte[] output;
      if (text.output != null) {
        output = text.output.getBytes(StandardCharsets.UTF_8);
      } else {
        try {
          output = java.nio.file.Files.readAllBytes(text.file);
        } catch (java.io.IOException e) {
          throw new UserError("cannot read --output-file " + text.file + ": " + e.getMessage());
        }
      }
      if (output.length == 0) throw new UserError("the output is empty: give the text the model produced");
      try (Session s = new Session(rpc, keys)) {
        Inference.Request r = s.view(s.inference(false).getRequest(request));
        if (r.state.intValue() != 1) {
          throw new UserError("request " + request + " is " + state(r.state) + ", not Requested: only a pending request takes a result");
        }
        if (!r.host.equalsIgnoreCase(s.sender())) {
          throw new UserError("request " + request + " is hosted by " + r.host + ", not by " + s.sender() + ": post with the host's key");
        }
        if (!textSpans(s, r.modelId, r.version)) {
          throw new UserError("model " + r.modelId + " version " + r.version + " is not a text-spans version: its host answers with openledger serve");
        }
        BigInteger outTokens = BigInteger.valueOf(ByteTokenizer.count(output));
        new ContentStore(s.node()).put(output);
        TransactionReceipt t = s.send(s.inference(true).submitResult(request, Keccak.hash(output), outTokens));
        new Output("request", "outputHash", "outTokens", "state", "tx").row(request, org.web3j.utils.Numeric.toHexString(Keccak.hash(output)),
            outTokens, "Resulted", t.getTransactionHash()).print(System.out, rpc.json());
        return 0;
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a request: its state, fee, and — once settled — who was paid.")
  static final class Show implements Callable<Integer> {
    @Mixin RpcOptions rpc;
    @Parameters(index = "0", paramLabel = "REQUEST", description = "Request id.") BigInteger id;

    @Override
    public Integer call() {
      try (Session s = new Session(rpc, null)) {
        Inference.Request r = s.view(s.inference(false).getRequest(id));
        Output out = new Output("field", "value");
        out.row("request", id).row("requester", r.requester).row("model", r.modelId + " v" + r.version).row("state", state(r.state))
            .row("escrow", Open.format(r.escrow)).row("maxFee", Open.format(r.maxFee)).row("host", r.host).row("outTokens", r.outTokens)
            .row("fee", Open.format(r.fee)).row("requestBlock", r.requestBlock).row("deadline", r.deadline);
        if (r.state.intValue() == 2) out.row("settlement", "pending: paid only after a verified proof of attribution and its challenge window");
        out.print(System.out, rpc.json());
        return 0;
      }
    }
  }

}
