package org.openledger.prover.factory;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.attribution.adapter.AdapterBasis;
import org.openledger.prover.lora.AdapterFactory;
import org.openledger.prover.lora.AdapterTrainer;
import org.openledger.prover.model.LogisticRegression.Convergence;
import org.openledger.prover.model.MlpTrainingConfig;

/**
 * What a ModelFactory job asks to be trained: the evaluation set and the architecture with every
 * hyper-parameter (a whole model, or a LoRA adapter of a named base version), as canonical bytes
 * the job owner publishes to the content store and commits in the job's {@code datasetRoot} (its
 * Keccak-256, the content store's key). No ABI change: the
 * Services contract only stores a non-zero hash there, and a job opened before specifications
 * existed commits the evaluation set itself — which {@link #isSpec} tells apart.
 *
 * <p>The bytes are UTF-8 text, one {@code key=value} per line in a fixed order, integers only
 * (decimal, no sign, no leading zeros): a spec has exactly one encoding, so owner, trainer and
 * attester hash the same bytes. Real-valued settings are integers in parts per billion, the unit
 * of {@code VersionSpec.damping}; {@code ppb / 1e9} is the double a trainer uses (a correctly
 * rounded quotient, the same double on every JVM).
 *
 * <pre>
 * openledger-job-spec/1
 * evaluation=0x…                  (the evaluation set: an image contribution in the content store)
 * architecture=logistic|mlp|adapter
 * rank=K                          (basis rank)
 * damping-ppb=…                   (λ; registered by the version; for an adapter a fraction of the mean corrected eigenvalue)
 * logistic: l2-ppb, tolerance-ppb (gradient norm), max-iterations, history (L-BFGS)
 * mlp:      hidden, epochs, batch, learning-rate-ppb, l2-ppb, seed
 * adapter:  base-model, base-version, lora-rank, alpha-ppb, epochs, batch, learning-rate-ppb, seed
 * </pre>
 *
 * @param evaluation the evaluation set's content hash
 * @param factory what to train, with every setting
 */
public record JobSpec(Bytes32 evaluation, Architecture factory) {
  public static final String HEADER = "openledger-job-spec/1";
  public static final long PPB = 1_000_000_000L;
  /** Bounds that keep a job trainable here and its version registrable (Models' basis rank limit is far above). */
  public static final int MAX_RANK = 4_096;
  public static final int MAX_EPOCHS = 1_000;
  public static final int MAX_BATCH = 65_536;
  public static final int MAX_ITERATIONS = 100_000;
  public static final int MAX_HISTORY = 100;
  /** An adapter's LoRA rank r (every layer): far above the ranks LoRA uses, low enough to stay an adapter. */
  public static final int MAX_LORA_RANK = 256;
  public static final double MAX_DAMPING = 1_000, MAX_L2 = 1_000, MAX_LEARNING_RATE = 100, MAX_ALPHA = 1_000;
  /** A blob longer than this is not a job specification (one is a few hundred bytes). */
  public static final int MAX_BYTES = 4_096;

  private static final List<String> COMMON = List.of("evaluation", "architecture", "rank", "damping-ppb");
  private static final List<String> LOGISTIC = List.of("l2-ppb", "tolerance-ppb", "max-iterations", "history");
  private static final List<String> MLP = List.of("hidden", "epochs", "batch", "learning-rate-ppb", "l2-ppb", "seed");
  private static final List<String> ADAPTER = List.of("base-model", "base-version", "lora-rank", "alpha-ppb", "epochs", "batch", "learning-rate-ppb", "seed");

  /** Why bytes are not a specification this trainer can train; the message says what is wrong and what is allowed. */
  public static final class Malformed extends IllegalArgumentException {
    public Malformed(String message) {
      super(message);
    }
  }

  public JobSpec {
    if (evaluation == null || evaluation.isZero()) throw new Malformed("the evaluation set's hash is missing or zero");
    // the encoding states every setting in ppb: a value with no exact ppb form could not be committed
    encode(evaluation, factory);
  }

  /** True when {@code blob} is meant as a specification (it starts with the header line), malformed or not. */
  public static boolean isSpec(byte[] blob) {
    byte[] h = (HEADER + "\n").getBytes(StandardCharsets.US_ASCII);
    if (blob.length < h.length) return false;
    for (int i = 0; i < h.length; i++) if (blob[i] != h[i]) return false;
    return true;
  }

  /** The canonical bytes. */
  public byte[] encode() {
    return encode(evaluation, factory);
  }

  /** Keccak-256 of the canonical bytes: the content store's key and the job's {@code datasetRoot}. */
  public Bytes32 root() {
    return Bytes32.wrap(Keccak.hash(encode()));
  }

  /** λ in parts per billion: what the version registers as {@code VersionSpec.damping}. */
  public long dampingPpb() {
    return ppb("damping", factory.damping());
  }

  private static byte[] encode(Bytes32 evaluation, Architecture factory) {
    check(factory);
    Map<String, String> m = new LinkedHashMap<>();
    m.put("evaluation", evaluation.toHexString());
    m.put("architecture", factory.architecture());
    m.put("rank", Integer.toString(factory.rank()));
    m.put("damping-ppb", Long.toString(ppb("damping", factory.damping())));
    switch (factory) {
      case LogisticFactory.Config c -> {
        m.put("l2-ppb", Long.toString(ppb("l2", c.convergence().l2())));
        m.put("tolerance-ppb", Long.toString(ppb("gradient tolerance", c.convergence().gradientTolerance())));
        m.put("max-iterations", Integer.toString(c.convergence().maxIterations()));
        m.put("history", Integer.toString(c.convergence().history()));
      }
      case MlpFactory.Config c -> {
        MlpTrainingConfig t = c.training();
        m.put("hidden", Integer.toString(t.hidden()));
        m.put("epochs", Integer.toString(t.epochs()));
        m.put("batch", Integer.toString(t.batchSize()));
        m.put("learning-rate-ppb", Long.toString(ppb("learning rate", t.learningRate())));
        m.put("l2-ppb", Long.toString(ppb("l2", t.l2())));
        if (t.seed() < 0) throw new Malformed("the seed must be non-negative, got " + t.seed());
        m.put("seed", Long.toString(t.seed()));
      }
      case AdapterJob a -> {
        if (!a.resolved()) throw new Malformed("an adapter job names its base model and base version, got " + a.baseModel() + " v" + a.baseVersion());
        AdapterTrainer.Config t = a.config().training();
        m.put("base-model", Long.toString(a.baseModel()));
        m.put("base-version", Long.toString(a.baseVersion()));
        m.put("lora-rank", Integer.toString(t.rank()));
        m.put("alpha-ppb", Long.toString(ppb("alpha", t.alpha())));
        m.put("epochs", Integer.toString(t.epochs()));
        m.put("batch", Integer.toString(t.batchSize()));
        m.put("learning-rate-ppb", Long.toString(ppb("learning rate", t.learningRate())));
        if (t.seed() < 0) throw new Malformed("the seed must be non-negative, got " + t.seed());
        m.put("seed", Long.toString(t.seed()));
      }
    }
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    m.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** A real setting as an exact number of parts per billion (what the spec commits), or refused. */
  static long ppb(String what, double value) {
    long n = Math.round(value * PPB);
    if (n <= 0 && value != 0 || (double) n / PPB != value) {
      throw new Malformed(what + " " + value + " has no exact form in parts per billion (use a multiple of 1e-9)");
    }
    return n;
  }

  private static double real(long ppb) {
    return (double) ppb / PPB;
  }

  /**
   * Parses canonical specification bytes.
   *
   * @throws Malformed when they are not a canonical specification of an architecture this build
   *     trains, with settings inside its bounds; the message names the first problem
   */
  public static JobSpec decode(byte[] blob) {
    if (blob.length > MAX_BYTES) throw new Malformed("a job specification is at most " + MAX_BYTES + " bytes, got " + blob.length);
    if (!isSpec(blob)) throw new Malformed("does not start with the line '" + HEADER + "'");
    for (byte x : blob) {
      if (x < 0x20 && x != '\n' || x >= 0x7f) throw new Malformed("only printable ASCII lines are allowed");
    }
    String text = new String(blob, StandardCharsets.US_ASCII);
    if (!text.endsWith("\n")) throw new Malformed("the last line must end with a newline");
    String[] lines = text.substring(HEADER.length() + 1, text.length() - 1).split("\n", -1);
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : lines) {
      int eq = line.indexOf('=');
      if (eq <= 0) throw new Malformed("line '" + line + "' is not key=value");
      if (m.put(line.substring(0, eq), line.substring(eq + 1)) != null) throw new Malformed("key '" + line.substring(0, eq) + "' appears twice");
    }
    String architecture = m.get("architecture");
    List<String> keys = new ArrayList<>(COMMON);
    if ("logistic".equals(architecture)) keys.addAll(LOGISTIC);
    else if ("mlp".equals(architecture)) keys.addAll(MLP);
    else if (AdapterJob.NAME.equals(architecture)) keys.addAll(ADAPTER);
    else throw new Malformed("unsupported architecture '" + architecture + "': this trainer builds logistic, mlp or adapter");
    if (!new ArrayList<>(m.keySet()).equals(keys)) {
      throw new Malformed("the keys must be exactly " + String.join(", ", keys) + " in this order, got " + String.join(", ", m.keySet()));
    }
    String ev = m.get("evaluation");
    if (!ev.matches("0x[0-9a-f]{64}")) throw new Malformed("evaluation must be a 0x-prefixed 32-byte lowercase hex hash, got '" + ev + "'");
    int rank = (int) integer(m, "rank", 1, MAX_RANK);
    double damping = real(integer(m, "damping-ppb", 1, 1_000L * PPB));
    Architecture factory;
    if (architecture.equals(AdapterJob.NAME)) {
      double alpha = real(integer(m, "alpha-ppb", 1, 1_000L * PPB));
      if ((double) (float) alpha != alpha) throw new Malformed("alpha-ppb " + m.get("alpha-ppb") + " is not exactly a float (α is one: use e.g. 16000000000 for 16)");
      factory = new AdapterJob(integer(m, "base-model", 1, Long.MAX_VALUE), integer(m, "base-version", 1, Long.MAX_VALUE), new AdapterFactory.Config(
          new AdapterTrainer.Config((int) integer(m, "lora-rank", 1, MAX_LORA_RANK), (float) alpha, (int) integer(m, "epochs", 1, MAX_EPOCHS),
              (int) integer(m, "batch", 1, MAX_BATCH), real(integer(m, "learning-rate-ppb", 1, 100L * PPB)), integer(m, "seed", 0, Long.MAX_VALUE)),
          new AdapterBasis.Config(rank, damping)));
    } else if (architecture.equals("logistic")) {
      factory = new LogisticFactory.Config(rank, damping, new Convergence(real(integer(m, "l2-ppb", 1, 1_000L * PPB)),
          real(integer(m, "tolerance-ppb", 1, PPB)), (int) integer(m, "max-iterations", 1, MAX_ITERATIONS), (int) integer(m, "history", 1, MAX_HISTORY)));
    } else {
      factory = new MlpFactory.Config(new MlpTrainingConfig(integer(m, "seed", 0, Long.MAX_VALUE), (int) integer(m, "hidden", 1, FixedMlp.MAX_HIDDEN),
          (int) integer(m, "epochs", 1, MAX_EPOCHS), (int) integer(m, "batch", 1, MAX_BATCH), real(integer(m, "learning-rate-ppb", 1, 100L * PPB)),
          real(integer(m, "l2-ppb", 0, 1_000L * PPB))), rank, damping);
    }
    JobSpec spec = new JobSpec(Bytes32.fromHexString(ev), factory);
    if (!java.util.Arrays.equals(spec.encode(), blob)) throw new Malformed("not in canonical form (re-encode it with openledger factory open)");
    return spec;
  }

  /** Refuses settings outside what {@link #decode} accepts, so every spec that can be encoded can be decoded. */
  static void check(Architecture factory) {
    if (factory.rank() > MAX_RANK) throw new Malformed("rank " + factory.rank() + " is above " + MAX_RANK);
    if (factory.damping() > MAX_DAMPING) throw new Malformed("damping " + factory.damping() + " is above " + MAX_DAMPING);
    if (factory instanceof MlpFactory.Config c) {
      MlpTrainingConfig t = c.training();
      if (t.learningRate() > MAX_LEARNING_RATE) throw new Malformed("learning rate " + t.learningRate() + " is above " + MAX_LEARNING_RATE);
      if (t.l2() > MAX_L2) throw new Malformed("l2 " + t.l2() + " is above " + MAX_L2);
      if (t.hidden() > FixedMlp.MAX_HIDDEN) throw new Malformed("hidden " + t.hidden() + " is above " + FixedMlp.MAX_HIDDEN);
      if (t.epochs() > MAX_EPOCHS) throw new Malformed("epochs " + t.epochs() + " is above " + MAX_EPOCHS);
      if (t.batchSize() > MAX_BATCH) throw new Malformed("batch " + t.batchSize() + " is above " + MAX_BATCH);
    } else if (factory instanceof LogisticFactory.Config c) {
      if (c.convergence().l2() > MAX_L2) throw new Malformed("l2 " + c.convergence().l2() + " is above " + MAX_L2);
      if (c.convergence().gradientTolerance() > 1) throw new Malformed("the gradient tolerance " + c.convergence().gradientTolerance() + " is above 1");
      if (c.convergence().maxIterations() > MAX_ITERATIONS) throw new Malformed("max-iterations is above " + MAX_ITERATIONS);
      if (c.convergence().history() > MAX_HISTORY) throw new Malformed("history is above " + MAX_HISTORY);
    } else if (factory instanceof AdapterJob a) {
      AdapterTrainer.Config t = a.config().training();
      if (t.rank() > MAX_LORA_RANK) throw new Malformed("lora-rank " + t.rank() + " is above " + MAX_LORA_RANK);
      if (t.alpha() > MAX_ALPHA) throw new Malformed("alpha " + t.alpha() + " is above " + MAX_ALPHA);
      if (t.learningRate() > MAX_LEARNING_RATE) throw new Malformed("learning rate " + t.learningRate() + " is above " + MAX_LEARNING_RATE);
      if (t.epochs() > MAX_EPOCHS) throw new Malformed("epochs " + t.epochs() + " is above " + MAX_EPOCHS);
      if (t.batchSize() > MAX_BATCH) throw new Malformed("batch " + t.batchSize() + " is above " + MAX_BATCH);
    }
  }

  private static long integer(Map<String, String> m, String key, long min, long max) {
    String v = m.get(key);
    if (!v.matches("0|[1-9][0-9]{0,18}")) throw new Malformed(key + " must be a decimal integer without sign or leading zeros, got '" + v + "'");
    BigInteger n = new BigInteger(v);
    if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new Malformed(key + " must be in " + min + ".." + max + ", got " + v);
    }
    return n.longValueExact();
  }

  /** The spec as readable lines (its canonical text without the header). */
  @Override
  public String toString() {
    String text = new String(encode(), StandardCharsets.US_ASCII);
    return text.substring(HEADER.length() + 1).strip().replace('\n', ' ');
  }
}
