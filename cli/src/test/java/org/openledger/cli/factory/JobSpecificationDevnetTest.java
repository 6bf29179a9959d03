package org.openledger.cli.factory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.cli.OpenLedgerCommandTest;
import org.openledger.cli.OpenLedgerCommandTest.Run;
import org.openledger.cli.chain.Connection;
import org.openledger.cli.chain.ContentStore;
import org.openledger.cli.chain.Open;
import org.openledger.cli.chain.RpcContentSource;
import org.openledger.cli.chain.Session;
import org.openledger.cli.prover.ProverMetrics;
import org.openledger.cli.prover.VersionAttester;
import org.openledger.compute.cpu.CpuBackend;
import org.openledger.contracts.attribution.CommittedModel;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.contracts.web3j.Services;
import org.openledger.devnet.node.DevnetNode;
import org.openledger.prover.daemon.Journal;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Progress;
import org.openledger.prover.factory.Checkpoints;
import org.openledger.prover.factory.JobSpec;
import org.openledger.prover.factory.LogisticFactory;
import org.openledger.prover.factory.MlpFactory;
import org.openledger.prover.factory.TrainingSet;
import org.openledger.prover.factory.VersionFactory;

/**
 * Jobs that say what to train, on a devnet the demo has run on (model 1, five contributors' accepted
 * Fashion-MNIST images): dave, the model's owner, opens jobs with {@code openledger factory open};
 * erin's {@code factory deliver} trains exactly what each asks and refuses what it cannot build;
 * bob, an independent prover, rebuilds each version with its job's settings and attests it — or
 * not, when its artifacts were trained with other settings than its job's.
 */
class JobSpecificationDevnetTest {
  @TempDir static Path tmp;
  static FactoryDevnet devnet;
  static DevnetNode node;
  static Connection rpc;
  static Session bob, dave, erin;
  static Path evaluationFile;
  static LabelledImages evaluation;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void demoThenKeys() throws Exception {
    devnet = FactoryDevnet.start(tmp);
    node = devnet.node;
    rpc = devnet.rpc;
    bob = devnet.session(1);
    dave = devnet.session(3);
    erin = devnet.session(4);
    evaluationFile = devnet.evaluationFile;
    evaluation = devnet.evaluation;
    bob.send(bob.provers(true).bond(Open.parse("100", "bond")));
  }

  @AfterAll
  static void stop() {
    devnet.close();
  }

  /** Runs a command as development account {@code user} (3 dave, the model's owner; 4 erin, the trainer). */
  static Run as(int user, String... args) {
    return devnet.as(user, args);
  }

  /** dave opens a job on model 1 with {@code build} options through the CLI; returns its id. */
  static BigInteger opened(String... build) throws Exception {
    List<String> args = new ArrayList<>(List.of("factory", "open", "--model", "1", "--evaluation-file", evaluationFile.toString(), "--budget", "5",
        "--json"));
    args.addAll(List.of(build));
    Run r = as(3, args.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode row = JSON.readTree(r.out());
    return new BigInteger((row.isArray() ? row.get(0) : row).get("job").asText());
  }

  static Services.Job job(BigInteger id) {
    return bob.view(bob.services(false).job(id));
  }

  static CommittedModel weightsOf(BigInteger version) throws Exception {
    var spec = bob.view(bob.models(false).version(BigInteger.ONE, version)).component1();
    return CommittedModel.fromWeightsBytes(new RpcContentSource(new ContentStore(rpc)).get(Bytes32.wrap(spec.weightsRoot)));
  }

  /** bob's prover daemon duty: rebuild the version and attest it when it matches. */
  static boolean attestedByBob(BigInteger version) throws Exception {
    var rebuild = new Trainer(bob, LogisticFactory.Config.defaults(), Progress.NONE);
    long registered = bob.view(bob.models(false).version(BigInteger.ONE, version)).component3().longValueExact();
    try (Journal j = Journal.open(tmp.resolve("attest-" + version))) {
      new VersionAttester(bob, j, rebuild::compare, new ProverMetrics(), registered).tick();
    }
    return bob.view(bob.models(false).hasAttested(BigInteger.ONE, version, bob.sender()));
  }

  @Test
  void aJobAskingForAnMlpGetsAnMlpVersionWithItsSettingsWhichAnIndependentProverAttests() throws Exception {
    BigInteger job = opened("--architecture", "mlp", "--hidden", "16", "--epochs", "8", "--batch", "16", "--learning-rate", "0.05", "--seed", "5",
        "--rank", "24");
    Run r = as(4, "factory", "deliver", "--job", job.toString(), "--no-checkpoints");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("delivered mlp version");
    BigInteger version = job(job).version;
    assertThat(weightsOf(version)).isInstanceOfSatisfying(FixedMlp.class, m -> assertThat(m.hidden()).isEqualTo(16));
    assertThat(bob.view(bob.models(false).version(BigInteger.ONE, version)).component1().basisRank.intValueExact()).isEqualTo(24);
    assertThat(attestedByBob(version)).isTrue();
  }

  @Test
  void factoryJobShowsWhatAJobAsksToBeTrained() throws Exception {
    BigInteger job = opened("--architecture", "mlp", "--hidden", "20", "--epochs", "4");
    Run r = OpenLedgerCommandTest.run("factory", "job", "--job", job.toString(), "--json", "--rpc-url", node.rpcUrl()); // no key: it only reads
    JsonNode row = json(r).get(0);
    assertThat(row.get("architecture").asText()).isEqualTo("mlp");
    assertThat(row.get("training").asText()).contains("architecture=mlp", "hidden=20", "epochs=4", "seed=11");
    assertThat(row.get("state").asText()).isEqualTo("1");
  }

  static JsonNode json(Run r) throws Exception {
    assertThat(r.exit()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  @Test
  void aLogisticJobWithNonDefaultSettingsIsTrainedAsAskedWhateverTheTrainersOwnSettingsAndAttested() throws Exception {
    BigInteger job = opened("--rank", "40", "--damping", "0.05", "--l2", "0.02");
    // erin's own factory is the MLP: the job's specification wins
    Trainer.Delivery d = new Trainer(erin, MlpFactory.Config.defaults(), Progress.NONE).deliver(job, BigInteger.ZERO, BigInteger.ZERO);
    assertThat(d.trained()).isInstanceOfSatisfying(LogisticFactory.Config.class, c -> {
      assertThat(c.rank()).isEqualTo(40);
      assertThat(c.convergence().l2()).isEqualTo(0.02);
    });
    assertThat(weightsOf(d.version())).isInstanceOf(FixedLogistic.class);
    assertThat(bob.view(bob.models(false).version(BigInteger.ONE, d.version())).component1().damping).isEqualTo(BigInteger.valueOf(50_000_000));
    assertThat(attestedByBob(d.version())).isTrue();
  }

  @Test
  void aVersionTrainedWithOtherSettingsThanItsJobsIsNotAttested() throws Exception {
    BigInteger job = opened("--architecture", "mlp", "--hidden", "16", "--epochs", "8", "--rank", "16");
    Trainer trainer = new Trainer(erin, LogisticFactory.Config.defaults(), Progress.NONE);
    JobSpec spec = trainer.terms(job).spec().orElseThrow();
    MlpFactory.Config asked = (MlpFactory.Config) spec.factory();
    // a trainer that cuts corners: one epoch fewer than the job paid for, delivered under the job's damping
    VersionFactory cheaper = new MlpFactory.Config(asked.training().withEpochs(7), asked.rank(), asked.damping());
    erin.send(erin.services(true).acceptJob(job));
    TrainingSet set = TrainingSet.of(AcceptedContributions.of(erin, BigInteger.ONE, erin.blockNumber().longValueExact()));
    VersionFactory.Built built;
    try (CpuBackend backend = new CpuBackend()) {
      built = cheaper.build(set, evaluation, set.classes(), backend, Progress.NONE, Checkpoints.NONE);
    }
    ContentStore store = new ContentStore(rpc);
    for (byte[] blob : built.blobs()) store.put(blob);
    var receipt = erin.send(erin.services(true).deliverVersion(job, Trainer.versionSpec(built.artifacts(), built.scale(), cheaper, BigInteger.ZERO,
        BigInteger.ZERO), BigInteger.valueOf(built.evaluationScoreBp()), spec.evaluation().toArray()));
    BigInteger version = Services.getJobDeliveredEvents(receipt).get(0).version;

    assertThat(new Trainer(bob, LogisticFactory.Config.defaults(), Progress.NONE).compare(BigInteger.ONE, version))
        .hasValueSatisfying(d -> assertThat(d).contains("weight"));
    assertThat(attestedByBob(version)).isFalse();
  }

  @Test
  void aJobAskingForAnUnsupportedArchitectureIsRefusedAndLeftOpen() throws Exception {
    String text = JobSpec.HEADER + "\nevaluation=" + Bytes32.wrap(org.openledger.precompiles.Keccak.hash(Files.readAllBytes(evaluationFile))).toHexString()
        + "\narchitecture=transformer\nrank=16\ndamping-ppb=10000000\n";
    String root = new ContentStore(rpc).put(text.getBytes(StandardCharsets.US_ASCII));
    var receipt = dave.send(dave.services(true).openJob(BigInteger.ONE, org.web3j.utils.Numeric.hexStringToByteArray(root), BigInteger.ZERO,
        BigInteger.valueOf(1_000), Open.parse("5", "budget")));
    BigInteger job = Services.getJobOpenedEvents(receipt).get(0).jobId;
    BigInteger nonce = erin.node().web3j().ethGetTransactionCount(erin.sender(), org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send()
        .getTransactionCount();

    Run r = as(4, "factory", "deliver", "--job", job.toString(), "--no-checkpoints");

    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("job " + job + "'s specification", "is refused: unsupported architecture 'transformer': this trainer builds logistic, mlp or adapter",
        "Nothing was sent", "openledger factory open");
    assertThat(job(job).state.intValueExact()).isEqualTo(1);
    assertThat(erin.node().web3j().ethGetTransactionCount(erin.sender(), org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send()
        .getTransactionCount()).isEqualTo(nonce);
  }

  @Test
  void trainingOptionsForAJobThatSpecifiesItsTrainingAreRefusedWithTheFix() throws Exception {
    BigInteger job = opened("--architecture", "mlp", "--hidden", "8");
    Run r = as(4, "factory", "deliver", "--job", job.toString(), "--architecture", "logistic", "--no-checkpoints");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("job " + job + " specifies what to train (", "architecture=mlp", "drop the training options");
    assertThat(job(job).state.intValueExact()).isEqualTo(1);
  }

  @Test
  void theTrainerDaemonDeliversTheJobsItCanBuildAsSpecifiedAndSkipsTheOthers() throws Exception {
    BigInteger mlp = opened("--architecture", "mlp", "--hidden", "12", "--epochs", "6", "--rank", "12");
    String text = JobSpec.HEADER + "\nevaluation=0x" + "00".repeat(31) + "01\narchitecture=mlp\nrank=12\ndamping-ppb=10000000\nhidden=0\nepochs=6"
        + "\nbatch=16\nlearning-rate-ppb=50000000\nl2-ppb=1000000\nseed=5\n";
    String root = new ContentStore(rpc).put(text.getBytes(StandardCharsets.US_ASCII));
    var receipt = dave.send(dave.services(true).openJob(BigInteger.ONE, org.web3j.utils.Numeric.hexStringToByteArray(root), BigInteger.ZERO,
        BigInteger.valueOf(1_000), Open.parse("5", "budget")));
    BigInteger malformed = Services.getJobOpenedEvents(receipt).get(0).jobId;

    Run r = as(4, "factory", "run", "--once", "--from-job", mlp.toString(), "--no-checkpoints");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("delivered mlp version " + job(mlp).version + " of model 1 for job " + mlp);
    assertThat(weightsOf(job(mlp).version)).isInstanceOfSatisfying(FixedMlp.class, m -> assertThat(m.hidden()).isEqualTo(12));
    assertThat(r.err()).contains("job " + malformed + " skipped: job " + malformed + "'s specification", "hidden must be in 1..1024, got 0");
    assertThat(job(malformed).state.intValueExact()).isEqualTo(1);
  }

  @Test
  void openingAJobWithoutAnEvaluationSetIsRefusedWithTheFix() {
    Run r = as(3, "factory", "open", "--model", "1", "--budget", "5");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("--evaluation HASH or --evaluation-file FILE");
  }
}
