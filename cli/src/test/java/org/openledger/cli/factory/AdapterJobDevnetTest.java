package org.openledger.cli.factory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.cli.OpenLedgerCommandTest.Run;
import org.openledger.cli.chain.ContentStore;
import org.openledger.cli.chain.DevChain;
import org.openledger.cli.chain.DevnetGovernance;
import org.openledger.cli.chain.Open;
import org.openledger.cli.chain.RpcContentSource;
import org.openledger.cli.chain.Session;
import org.openledger.cli.prover.ProofWatcher;
import org.openledger.cli.prover.ProverLoop;
import org.openledger.cli.prover.ProverMetrics;
import org.openledger.cli.prover.VersionAttester;
import org.openledger.compute.cpu.CpuBackend;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.attribution.AttributionProof;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.prover.Provers;
import org.openledger.contracts.services.Services;
import org.openledger.governance.proposals.Proposals;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.attribution.index.Query;
import org.openledger.prover.daemon.Journal;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Pooling;
import org.openledger.prover.eval.Progress;
import org.openledger.prover.factory.AdapterJob;
import org.openledger.prover.factory.JobSpec;
import org.openledger.prover.factory.LogisticFactory;
import org.openledger.prover.factory.TrainingSet;
import org.openledger.prover.lora.AdapterArtifacts;
import org.openledger.prover.lora.AdapterFactory;
import org.openledger.prover.lora.AdapterTrainer;
import org.openledger.prover.lora.BaseMlp;
import org.openledger.prover.lora.LoraAdapter;
import org.openledger.prover.lora.LoraGradient;
import org.openledger.prover.proof.ProofEngine;
import org.openledger.prover.proof.ProofEngines;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * OpenLoRA adapters from the factory CLI (docs/openlora.md §5), on a devnet the demo has run on
 * (model 1: dave's deployed logistic-regression base; datanet 1's accepted Fashion-MNIST images):
 * bob's adapter model of model 1 is approved; bob opens an adapter job with {@code factory open
 * --architecture adapter} (small sizes: LoRA rank 4, 3 epochs, k = 8); erin's {@code factory
 * deliver} fine-tunes and delivers it; carol, an independent bonded prover, rebuilds it with
 * {@code factory attest} and attests it. Then it is deployed and a request on it is proven and
 * settled; a version trained with other settings than its job's is refused by the daemon's
 * attester; bad input is refused before anything is sent.
 */
class AdapterJobDevnetTest {
  @TempDir static Path tmp;
  static FactoryDevnet devnet;
  static Session alice, bob, carol, dave, erin;
  static BigInteger adapterModel, job, version;
  static Run delivered, attested;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void anAdapterJobDeliveredAndAttestedFromTheCli() throws Exception {
    devnet = FactoryDevnet.start(tmp);
    alice = devnet.session(0);
    bob = devnet.session(1);
    carol = devnet.session(2);
    dave = devnet.session(3);
    erin = devnet.session(4);
    var proposed = bob.send(bob.models(true).propose(BigInteger.ONE, List.of(BigInteger.ONE), "fashion-lora", "openledger:test/lora"));
    adapterModel = org.openledger.contracts.web3j.Models.getModelProposedEvents(proposed).get(0).modelId;
    pass(Proposals.approveModel(adapterModel, "Approve fashion-lora"));
    for (Session attester : List.of(carol, dave)) attester.send(attester.provers(true).bond(Open.parse("100", "bond")));

    job = opened("--lora-rank", "4", "--epochs", "3", "--rank", "8");
    delivered = devnet.as(4, "factory", "deliver", "--job", job.toString(), "--in-rate", "1", "--out-rate", "1", "--no-checkpoints");
    assertThat(delivered.exit()).as(delivered.err()).isZero();
    System.out.print(delivered.out()); // what docs/openlora.md §5 quotes
    version = bob.view(bob.services(false).job(job)).version;
    attested = devnet.as(2, "factory", "attest", "--model", adapterModel.toString(), "--version", version.toString(), "--no-checkpoints");
  }

  @AfterAll
  static void stop() {
    devnet.close();
  }

  static void pass(org.openledger.governance.proposals.Proposal p) {
    DevnetGovernance.pass(devnet.rpc, alice, List.of(alice, bob, carol), p);
  }

  /** bob opens an adapter job on his adapter model through the CLI with {@code build} options; returns its id. */
  static BigInteger opened(String... build) throws Exception {
    List<String> args = new ArrayList<>(List.of("--architecture", "adapter"));
    args.addAll(List.of(build));
    return opened(1, adapterModel, args.toArray(String[]::new));
  }

  /** {@code user} opens a job on {@code model} through the CLI with {@code build} options; returns its id. */
  static BigInteger opened(int user, BigInteger model, String... build) throws Exception {
    List<String> args = new ArrayList<>(List.of("factory", "open", "--model", model.toString(), "--evaluation-file",
        devnet.evaluationFile.toString(), "--budget", "5", "--json"));
    args.addAll(List.of(build));
    Run r = devnet.as(user, args.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode row = JSON.readTree(r.out());
    return new BigInteger((row.isArray() ? row.get(0) : row).get("job").asText());
  }

  static org.openledger.contracts.web3j.Models.VersionSpec spec(BigInteger model, BigInteger v) {
    return bob.view(bob.models(false).version(model, v)).component1();
  }

  static AdapterArtifacts published(BigInteger v) throws Exception {
    var s = spec(adapterModel, v);
    return AdapterArtifacts.load(new RpcContentSource(new ContentStore(devnet.rpc)), new ProofEngine.Version(Bytes32.wrap(s.weightsRoot),
        Bytes32.wrap(s.basisRoot), Bytes32.wrap(s.indexRoot), s.basisRank.intValueExact(), s.outputFunction.intValueExact()));
  }

  @Test
  void anAdapterJobDeliveredFromTheCliRegistersAVersionOfTheAdapterModelFineTunedOnTheDeployedBaseWithTheJobsSettings() throws Exception {
    assertThat(delivered.out()).startsWith("delivered adapter version " + version + " of job " + job);
    assertThat(bob.view(bob.services(false).job(job)).state.intValueExact()).isEqualTo(Services.JOB_DELIVERED);
    var s = spec(adapterModel, version);
    assertThat(s.basisRank.intValueExact()).isEqualTo(8);
    assertThat(s.damping).as("λ = 0.1 in ppb, as the job specifies").isEqualTo(BigInteger.valueOf(100_000_000));
    AdapterArtifacts a = published(version);
    assertThat(a.isInteger()).as("an OLA2 adapter on the committed logistic base: challengeable on-chain").isTrue();
    assertThat(a.integer().rank()).isEqualTo(4);
    assertThat(a.integer().base().weightsRoot()).as("the blob carries the base it was fine-tuned on").isEqualTo(a.baseWeightsRoot());
    var base = spec(BigInteger.ONE, bob.view(bob.models(false).model(BigInteger.ONE)).deployedVersion);
    assertThat(a.baseWeightsRoot()).isEqualTo(Bytes32.wrap(base.weightsRoot));
  }

  @Test
  void anIndependentProverRebuildsTheAdapterVersionWithItsJobsSettingsAndAttestsItFromTheCli() {
    assertThat(attested.exit()).as(attested.out() + attested.err()).isZero();
    assertThat(attested.out()).contains("attested version " + version + " of model " + adapterModel);
    assertThat(carol.view(carol.models(false).hasAttested(adapterModel, version, carol.sender()))).isTrue();
  }

  @Test
  void factoryJobShowsWhatAnAdapterJobAsksAsATrainerReadsIt() throws Exception {
    Run r = org.openledger.cli.OpenLedgerCommandTest.run("factory", "job", "--job", job.toString(), "--json", "--rpc-url", devnet.node.rpcUrl());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode row = JSON.readTree(r.out()).get(0);
    assertThat(row.get("architecture").asText()).isEqualTo("adapter");
    assertThat(row.get("training").asText()).contains("base-model=1", "base-version=1", "lora-rank=4", "alpha-ppb=16000000000", "epochs=3", "rank=8");
  }

  @Test
  void theProverDaemonsAttesterRebuildsTheAdapterVersionAndAttestsIt() throws Exception {
    long registered = dave.view(dave.models(false).version(adapterModel, version)).component3().longValueExact();
    try (Journal j = Journal.open(tmp.resolve("dave-attests-" + version))) {
      int sent = new VersionAttester(dave, j, new Trainer(dave, LogisticFactory.Config.defaults(), Progress.NONE)::compare, new ProverMetrics(),
          registered).tick();
      assertThat(sent).isGreaterThanOrEqualTo(1);
    }
    assertThat(dave.view(dave.models(false).hasAttested(adapterModel, version, dave.sender()))).isTrue();
  }

  @Test
  void theTrainerDaemonDeliversAnAdapterJobAsItSpecifies() throws Exception {
    BigInteger daemonJob = opened("--lora-rank", "2", "--epochs", "2", "--rank", "6", "--alpha", "4");
    Run r = devnet.as(4, "factory", "run", "--once", "--from-job", daemonJob.toString(), "--model", adapterModel.toString(), "--no-checkpoints");
    assertThat(r.exit()).as(r.err()).isZero();
    BigInteger v = bob.view(bob.services(false).job(daemonJob)).version;
    assertThat(r.out()).contains("delivered adapter version " + v + " of model " + adapterModel + " for job " + daemonJob);
    AdapterArtifacts a = published(v);
    assertThat(a.integer().rank()).isEqualTo(2);
    // α / r = 4 / 2 is folded into B's integers: a rebuild with the job's settings gives exactly them
    assertThat(new Trainer(dave, LogisticFactory.Config.defaults(), Progress.NONE).compare(adapterModel, v)).isEmpty();
  }

  static boolean deployedOnce;

  /** Governance deploys the CLI-delivered version (once, whichever test needs it first). */
  static synchronized void deployed() {
    if (!deployedOnce) pass(Proposals.deployModel(adapterModel, version, "Deploy fashion-lora v" + version));
    deployedOnce = true;
  }

  static byte[] testImage(int i) {
    LabelledImages test = Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TEST));
    int size = test.images().size();
    return Arrays.copyOfRange(test.images().pixels(), i * size, (i + 1) * size);
  }

  /**
   * carol requests {@code pixels} on the deployed version and bob, the owner and so its host,
   * answers as openledger serve does: the OLA2 integer class (what challengeOutput recomputes).
   */
  static TransactionReceipt answered(byte[] pixels) throws Exception {
    byte[] inputHash = Numeric.hexStringToByteArray(new ContentStore(devnet.rpc).put(pixels));
    BigInteger in = BigInteger.valueOf(pixels.length);
    BigInteger maxFee = carol.view(carol.inference(false).quote(adapterModel, version, in, BigInteger.ONE));
    var requested = carol.send(carol.inference(true).request(adapterModel, version, inputHash, in, BigInteger.ONE, maxFee));
    BigInteger id = org.openledger.contracts.web3j.Inference.getRequestedEvents(requested).get(0).requestId;
    int cls = published(version).query(pixels).predicted();
    bob.send(bob.inference(true).submitResult(id, Keccak.hash(FraudChecks.classOutput(cls)), BigInteger.ONE));
    return requested;
  }

  @Test
  void aRequestOnTheDeployedAdapterVersionIsProvenOverTheAdaptersParametersAndSettles() throws Exception {
    deployed();
    var requested = answered(testImage(300));
    BigInteger id = org.openledger.contracts.web3j.Inference.getRequestedEvents(requested).get(0).requestId;

    try (Journal journal = Journal.open(tmp.resolve("erin-journal"))) {
      new ProverLoop(erin, journal, new ProofEngines(new RpcContentSource(new ContentStore(devnet.rpc))), new ProverMetrics(),
          requested.getBlockNumber().longValueExact()).tick();
    }
    assertThat(erin.view(erin.provers(false).claimOf(id)).component4().intValueExact()).as("proven").isEqualTo(Provers.PROVEN);
    new DevChain(devnet.rpc).mine(erin.view(erin.provers(false).parameters()).component3().longValueExact() + 1);
    var settled = erin.send(erin.inference(true).settle(id));

    assertThat(carol.view(carol.inference(false).getRequest(id)).state.intValueExact()).isEqualTo(Inference.SETTLED);
    assertThat(org.openledger.contracts.web3j.Inference.getContributorPaidEvents(settled)).as("the proven contributors are paid").isNotEmpty();
    assertThat(org.openledger.contracts.web3j.Inference.getPaidEvents(settled)).as("the base's owner takes its part").anySatisfy(p -> {
      assertThat(p.account).isEqualToIgnoringCase(dave.sender());
      assertThat(p.role.intValue()).isEqualTo(1);
      assertThat(p.amount).isPositive();
    });
  }

  @Test
  void aWrongPsiOnTheCliDeliveredAdapterVersionIsSlashedByTheWatchersChallengePsiAndTheHonestProofSurvives() throws Exception {
    deployed();
    byte[] pixels = testImage(302);
    var requested = answered(pixels);
    BigInteger id = org.openledger.contracts.web3j.Inference.getRequestedEvents(requested).get(0).requestId;
    long from = requested.getBlockNumber().longValueExact();
    ProofEngines engines = new ProofEngines(new RpcContentSource(new ContentStore(devnet.rpc)));
    // erin proves with one ψ coordinate off by one: what the chain used to accept unchallenged for an adapter
    AdapterArtifacts a = published(version);
    Query q = a.query(pixels);
    short[] psi = q.psi();
    psi[0] += psi[0] > 0 ? -1 : 1;
    var binding = new AttributionVerifier.Binding(erin.node().chainId(), Addresses.PROVERS, id, adapterModel, version, Bytes32.wrap(Keccak.hash(pixels)),
        Bytes32.wrap(Keccak.hash(FraudChecks.classOutput(q.predicted()))), Address.fromHex(erin.sender()));
    byte[] bad = AttributionProof.build(binding.hash(), q.shift(), psi, a.leaves(), a.tree(), AttributionProof.MAX_LEAVES).encode().toArrayUnsafe();
    try (Journal j = Journal.open(tmp.resolve("erin-bond"))) {
      new ProverLoop(erin, j, engines, new ProverMetrics(), from).ensureBond(Open.parse("100", "bond"));
    }
    erin.send(erin.provers(true).claim(id));
    erin.send(erin.provers(true).submitProof(id, bad));

    ProverMetrics watching = new ProverMetrics();
    try (Journal w = Journal.open(tmp.resolve("dave-watch-psi"))) {
      assertThat(new ProofWatcher(dave, w, engines, watching, from, true, x -> { }).tick()).as("dave's watcher sends challengePsi").isEqualTo(1);
    }
    assertThat(erin.view(erin.provers(false).claimOf(id)).component4().intValueExact()).as("slashed: the request reopens").isEqualTo(Provers.NONE);

    // the honest proof of the same request, by erin's prover loop, survives the watcher
    try (Journal j = Journal.open(tmp.resolve("erin-honest"))) {
      new ProverLoop(erin, j, engines, new ProverMetrics(), from).tick();
    }
    assertThat(erin.view(erin.provers(false).claimOf(id)).component4().intValueExact()).as("proven").isEqualTo(Provers.PROVEN);
    ProverMetrics again = new ProverMetrics();
    try (Journal w = Journal.open(tmp.resolve("dave-watch-honest"))) {
      assertThat(new ProofWatcher(dave, w, engines, again, from, true, x -> { }).tick()).as("nothing to challenge").isZero();
    }
    assertThat(erin.view(erin.provers(false).claimOf(id)).component4().intValueExact()).isEqualTo(Provers.PROVEN);
  }

  @Test
  void anAdapterVersionTrainedWithOtherSettingsThanItsJobIsNotAttestedByTheDaemon() throws Exception {
    BigInteger cheap = opened("--lora-rank", "4", "--epochs", "3", "--rank", "8");
    JobSpec asked = new Trainer(erin, LogisticFactory.Config.defaults(), Progress.NONE).terms(cheap).spec().orElseThrow();
    AdapterJob a = (AdapterJob) asked.factory();
    // a trainer that cuts corners: two epochs where the job paid for three, delivered under the job's λ and k
    AdapterTrainer.Config t = a.config().training();
    AdapterFactory.Config fewer = new AdapterFactory.Config(new AdapterTrainer.Config(t.rank(), t.alpha(), 2, t.batchSize(), t.learningRate(), t.seed()),
        a.config().basis());
    erin.send(erin.services(true).acceptJob(cheap));
    TrainingSet set = TrainingSet.of(AcceptedContributions.of(erin, adapterModel, erin.blockNumber().longValueExact()));
    AdapterBase base = AdapterBase.resolve(erin, new RpcContentSource(new ContentStore(devnet.rpc)), BigInteger.ONE, null);
    AdapterFactory.Built built;
    try (CpuBackend backend = new CpuBackend()) {
      built = base.build(set, fewer, backend, base.integer());
    }
    ContentStore store = new ContentStore(devnet.rpc);
    for (byte[] blob : built.blobs()) store.put(blob);
    var receipt = erin.send(erin.services(true).deliverVersion(cheap, Trainer.versionSpec(built.artifacts(), built.index().scale(), base.model().inputs(),
        a, BigInteger.ZERO, BigInteger.ZERO), BigInteger.valueOf(AdapterFactory.evaluationScoreBp(built.artifacts(),
        devnet.evaluation)), asked.evaluation().toArray()));
    BigInteger v = org.openledger.contracts.web3j.Services.getJobDeliveredEvents(receipt).get(0).version;

    assertThat(new Trainer(dave, LogisticFactory.Config.defaults(), Progress.NONE).compare(adapterModel, v))
        .hasValueSatisfying(d -> assertThat(d).containsAnyOf("adapter layer 0", "adapter shifts"));
    long registered = dave.view(dave.models(false).version(adapterModel, v)).component3().longValueExact();
    try (Journal j = Journal.open(tmp.resolve("dave-attestations"))) {
      new VersionAttester(dave, j, new Trainer(dave, LogisticFactory.Config.defaults(), Progress.NONE)::compare, new ProverMetrics(), registered).tick();
    }
    assertThat(dave.view(dave.models(false).hasAttested(adapterModel, v, dave.sender()))).isFalse();
  }

  @Test
  void anAdapterJobOnABaseModelIsRefusedWithTheFixBeforeAnythingIsSent() throws Exception {
    BigInteger nonce = devnet.nonce(dave);
    Run r = devnet.as(3, "factory", "open", "--model", "1", "--evaluation-file", devnet.evaluationFile.toString(), "--budget", "5",
        "--architecture", "adapter");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("model 1 is a base model", "openledger model propose --base 1");
    assertThat(devnet.nonce(dave)).isEqualTo(nonce);
  }

  @Test
  void anAdapterJobOnABaseVersionThatDoesNotExistIsRefusedBeforeAnythingIsSent() throws Exception {
    BigInteger nonce = devnet.nonce(bob);
    Run r = devnet.as(1, "factory", "open", "--model", adapterModel.toString(), "--evaluation-file", devnet.evaluationFile.toString(), "--budget",
        "5", "--architecture", "adapter", "--base-version", "9");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("base model 1 has no version 9");
    assertThat(devnet.nonce(bob)).isEqualTo(nonce);
  }

  @Test
  void anAdapterJobOnABaseWhoseDeployedVersionIsTheFactorysFixedPointMlpIsRefusedBeforeAnythingIsSent() throws Exception {
    // dave's second base model, deployed at an MLP version the factory trained (tiny: 8 hidden units, 2 epochs)
    var proposed = dave.send(dave.models(true).propose(BigInteger.ZERO, List.of(BigInteger.ONE), "fashion-mlp", "openledger:test/mlp"));
    BigInteger mlpBase = org.openledger.contracts.web3j.Models.getModelProposedEvents(proposed).get(0).modelId;
    pass(Proposals.approveModel(mlpBase, "Approve fashion-mlp"));
    BigInteger mlpJob = opened(3, mlpBase, "--architecture", "mlp", "--hidden", "8", "--epochs", "2", "--rank", "8");
    Run trained = devnet.as(4, "factory", "deliver", "--job", mlpJob.toString(), "--no-checkpoints");
    assertThat(trained.exit()).as(trained.err()).isZero();
    BigInteger mlpVersion = bob.view(bob.services(false).job(mlpJob)).version;
    carol.send(carol.provers(true).attest(mlpBase, mlpVersion));
    pass(Proposals.deployModel(mlpBase, mlpVersion, "Deploy fashion-mlp v" + mlpVersion));
    var adapter = bob.send(bob.models(true).propose(mlpBase, List.of(BigInteger.ONE), "mlp-lora", "openledger:test/mlp-lora"));
    BigInteger mlpAdapter = org.openledger.contracts.web3j.Models.getModelProposedEvents(adapter).get(0).modelId;
    pass(Proposals.approveModel(mlpAdapter, "Approve mlp-lora"));
    BigInteger nonce = devnet.nonce(bob);

    Run r = devnet.as(1, "factory", "open", "--model", mlpAdapter.toString(), "--evaluation-file", devnet.evaluationFile.toString(), "--budget", "5",
        "--architecture", "adapter");

    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("base model " + mlpBase + " v" + mlpVersion + " is a fixed-point MLP", "cannot fine-tune",
        "a logistic-regression version or a float MLP");
    assertThat(devnet.nonce(bob)).isEqualTo(nonce);
  }

  @Test
  void anAdapterJobNamingAnotherBaseIsRefusedByTheTrainerAndLeftOpen() throws Exception {
    Bytes32 evaluation = Bytes32.wrap(Keccak.hash(Files.readAllBytes(devnet.evaluationFile)));
    JobSpec wrong = new JobSpec(evaluation, AdapterJob.defaults().on(adapterModel.longValueExact(), 1));
    ContentStore store = new ContentStore(devnet.rpc);
    store.put(Files.readAllBytes(devnet.evaluationFile));
    store.put(wrong.encode());
    var receipt = bob.send(bob.services(true).openJob(adapterModel, wrong.root().toArray(), BigInteger.ZERO, BigInteger.valueOf(1_000),
        Open.parse("5", "budget")));
    BigInteger id = org.openledger.contracts.web3j.Services.getJobOpenedEvents(receipt).get(0).jobId;
    BigInteger nonce = devnet.nonce(erin);

    Run r = devnet.as(4, "factory", "deliver", "--job", id.toString(), "--no-checkpoints");

    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("asks for an adapter of model " + adapterModel + ", but model " + adapterModel + " is an adapter of model 1",
        "Nothing was sent");
    assertThat(bob.view(bob.services(false).job(id)).state.intValueExact()).isEqualTo(Services.JOB_OPEN);
    assertThat(devnet.nonce(erin)).isEqualTo(nonce);
  }
}
