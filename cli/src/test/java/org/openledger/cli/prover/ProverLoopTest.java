package org.openledger.cli.prover;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.cli.chain.Connection;
import org.openledger.cli.chain.ContentStore;
import org.openledger.cli.chain.DevChain;
import org.openledger.cli.chain.Open;
import org.openledger.cli.chain.RpcContentSource;
import org.openledger.cli.chain.Session;
import org.openledger.cli.devnet.DevelopmentKeys;
import org.openledger.cli.factory.Trainer;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.attribution.AttributionProof;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.web3j.Inference;
import org.openledger.contracts.web3j.Provers;
import org.openledger.contracts.web3j.Services;
import org.openledger.devnet.node.DevnetNode;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.attribution.index.QueryBuilder;
import org.openledger.prover.daemon.Journal;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.ImageContribution;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Pooling;
import org.openledger.prover.eval.Progress;
import org.openledger.prover.factory.LogisticFactory;
import org.openledger.prover.proof.LogisticProofEngine;
import org.openledger.prover.proof.ProofAuditor;
import org.openledger.prover.proof.ProofEngine;
import org.openledger.prover.proof.VersionArtifacts;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.DefaultBlockParameterNumber;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * The prover daemon against a devnet on which the demo has deployed model 1: restarts after a crash
 * at each step send nothing twice; a request whose input was withheld is never proven and refunds
 * after its deadline; watching other provers, it leaves honest proofs alone and challenges wrong
 * ones (and wins); it attests newly registered versions. Every request a test makes ends settled
 * or refunded, so no test sees another's work.
 */
class ProverLoopTest {
  @TempDir static Path tmp;
  static DevnetNode node;
  static Connection rpc;
  static Session carol, dave, erin;
  /** bob watches and challenges; alice is the dishonest prover. */
  static Session bob, alice;
  static FixedLogistic model;
  static LabelledImages test;

  @BeforeAll
  static void demoThenConnect() throws Exception {
    node = DevnetNode.start(DevnetNode.Config.ephemeral(tmp.resolve("chain")));
    var r = org.openledger.cli.OpenLedgerCommandTest.run("demo", "--rpc-url", node.rpcUrl());
    assertThat(r.exit()).as(r.err()).isZero();
    rpc = Connection.open(node.rpcUrl());
    carol = Session.as(rpc, DevelopmentKeys.account(2));
    dave = Session.as(rpc, DevelopmentKeys.account(3));
    erin = Session.as(rpc, DevelopmentKeys.account(4));
    bob = Session.as(rpc, DevelopmentKeys.account(1));
    alice = Session.as(rpc, DevelopmentKeys.account(0));
    var spec = carol.view(carol.models(false).version(BigInteger.ONE, BigInteger.ONE)).component1();
    model = FixedLogistic.fromWeightsBytes(new RpcContentSource(new ContentStore(rpc)).get(Bytes32.wrap(spec.weightsRoot)));
    test = Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TEST));
  }

  @AfterAll
  static void stop() {
    rpc.close();
    node.close();
  }

  /** A request by carol on test image {@code image}, answered correctly by dave; its input published unless {@code withhold}. */
  static BigInteger resulted(int image, boolean withhold) {
    int size = test.images().size();
    byte[] px = Arrays.copyOfRange(test.images().pixels(), image * size, (image + 1) * size);
    byte[] inputHash = Keccak.hash(px);
    if (!withhold) new ContentStore(rpc).put(px);
    BigInteger in = BigInteger.valueOf(model.features()), out = BigInteger.ONE;
    BigInteger maxFee = carol.view(carol.inference(false).quote(BigInteger.ONE, BigInteger.ONE, in, out));
    var receipt = carol.send(carol.inference(true).request(BigInteger.ONE, BigInteger.ONE, inputHash, in, out, maxFee));
    BigInteger id = Inference.getRequestedEvents(receipt).get(0).requestId;
    dave.send(dave.inference(true).submitResult(id, Keccak.hash(FraudChecks.classOutput(model.predict(px))), out));
    return id;
  }

  static ProverLoop loop(Journal journal, ProverMetrics metrics) {
    return new ProverLoop(erin, journal, new LogisticProofEngine(new RpcContentSource(new ContentStore(rpc))), metrics, 0);
  }

  static int claimState(BigInteger id) {
    return erin.view(erin.provers(false).claimOf(id)).component4().intValueExact();
  }

  @Test
  void aRestartAfterTheClaimWasSentProvesWithoutClaimingAgainAndARestartAfterTheProofSendsNothing() throws Exception {
    BigInteger id = resulted(40, false);
    Path file = tmp.resolve("journal-restart");
    try (Journal j = Journal.open(file)) {
      j.record(new Journal.Entry(id, Journal.Stage.CLAIMING, 0, "")); // the daemon wrote its intent ...
    }
    erin.send(erin.provers(true).claim(id)); // ... and its claim landed, then it crashed

    ProverMetrics afterCrash = new ProverMetrics();
    try (Journal j = Journal.open(file)) {
      loop(j, afterCrash).tick();
    }
    assertThat(claimState(id)).isEqualTo(org.openledger.contracts.prover.Provers.PROVEN);
    assertThat(afterCrash.claims.labels("sent").value()).as("no second claim").isZero();
    assertThat(afterCrash.proofs.labels("accepted").value()).isEqualTo(1);

    ProverMetrics afterSecondCrash = new ProverMetrics();
    try (Journal j = Journal.open(file)) {
      ProverLoop again = loop(j, afterSecondCrash);
      again.tick();
      assertThat(afterSecondCrash.proofs.labels("accepted").value() + afterSecondCrash.claims.labels("sent").value()).as("nothing resent").isZero();
      assertThat(again.open()).contains(id); // waiting out the challenge window
      new DevChain(rpc).mine(erin.view(erin.provers(false).parameters()).component3().longValueExact() + 1);
      again.tick();
      assertThat(afterSecondCrash.settlements.value()).isEqualTo(1);
      assertThat(again.open()).doesNotContain(id);
    }
    try (Journal j = Journal.open(file)) {
      assertThat(j.latest(id).stage()).isEqualTo(Journal.Stage.DONE);
      assertThat(j.latest(id).note()).isEqualTo("settled");
    }
  }

  @Test
  void payoutsListWhatTheDemosSettlementsPaidAContributorWithEachProof() throws Exception {
    String grace = DevelopmentKeys.account(6).getAddress();
    var r = org.openledger.cli.OpenLedgerCommandTest.run("payouts", "--contributor", grace, "--rpc-url", node.rpcUrl(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    var rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertThat(rows.size()).isPositive();
    for (var row : rows) {
      assertThat(row.get("proofHash").asText()).startsWith("0x").hasSize(66);
      assertThat(row.get("prover").asText()).isEqualToIgnoringCase(DevelopmentKeys.account(4).getAddress());
      assertThat(new BigInteger(row.get("score").asText())).isPositive();
    }
  }

  @Test
  void aRequestWhoseInputWasWithheldIsNeverClaimedAndRefundsAfterItsDeadline() throws Exception {
    BigInteger id = resulted(41, true);
    ProverMetrics metrics = new ProverMetrics();
    try (Journal j = Journal.open(tmp.resolve("journal-withheld"))) {
      loop(j, metrics).tick();
      assertThat(j.latest(id).note()).startsWith("not provable");
    }
    assertThat(metrics.claims.labels("sent").value()).isZero();
    assertThat(claimState(id)).isZero();
    Inference.Request before = carol.view(carol.inference(false).getRequest(id));
    new DevChain(rpc).mine(before.deadline.longValueExact() - carol.blockNumber().longValueExact() + 1);
    BigInteger balance = rpc.web3j().ethGetBalance(carol.sender(), DefaultBlockParameterName.LATEST).send().getBalance();
    var receipt = dave.send(dave.inference(true).refund(id)); // anyone may trigger it; the escrow goes back to the requester
    assertThat(Inference.getRefundedEvents(receipt)).hasSize(1);
    BigInteger after = rpc.web3j().ethGetBalance(carol.sender(), DefaultBlockParameterName.LATEST).send().getBalance();
    assertThat(after.subtract(balance)).isEqualTo(before.escrow);
  }

  // ------------------------------------------------------------------ watching other provers

  static LogisticProofEngine engine() {
    return new LogisticProofEngine(new RpcContentSource(new ContentStore(rpc)));
  }

  static ProofWatcher watcher(Journal journal, ProverMetrics metrics, long from, Consumer<BigInteger> reopened) {
    return new ProofWatcher(bob, journal, engine(), metrics, from, true, reopened);
  }

  static long nextBlock() {
    return carol.blockNumber().longValueExact() + 1;
  }

  static long challengeWindow() {
    return erin.view(erin.provers(false).parameters()).component3().longValueExact();
  }

  /**
   * Alice claims {@code id} and submits a proof that passes every on-chain check but is wrong: the
   * honest query with {@code psiChange} applied, its scores, order and multiproof recomputed for that
   * ψ, without its top {@code dropTop} leaves.
   */
  static byte[] dishonestProof(BigInteger id, int image, UnaryOperator<short[]> psiChange, int dropTop) throws Exception {
    try (Journal j = Journal.open(tmp.resolve("journal-alice-" + id))) {
      new ProverLoop(alice, j, engine(), new ProverMetrics(), 0).ensureBond(Open.parse("100", "bond"));
    }
    var spec = alice.view(alice.models(false).version(BigInteger.ONE, BigInteger.ONE)).component1();
    var version = new ProofEngine.Version(Bytes32.wrap(spec.weightsRoot), Bytes32.wrap(spec.basisRoot),
        Bytes32.wrap(spec.indexRoot), spec.basisRank.intValueExact(), spec.outputFunction.intValueExact());
    var artifacts = VersionArtifacts.load(new RpcContentSource(new ContentStore(rpc)), version);
    var q = new QueryBuilder(artifacts.logistic(), artifacts.denseBasis()).query(pixels(image));
    Inference.Request r = alice.view(alice.inference(false).getRequest(id));
    var binding = new AttributionVerifier.Binding(rpc.chainId(), Addresses.PROVERS,
        id, r.modelId, r.version, Bytes32.wrap(r.inputHash), Bytes32.wrap(r.outputHash), Address.fromHex(alice.sender()));
    short[] psi = psiChange.apply(q.psi());
    var full = AttributionProof.build(binding.hash(), q.shift(), psi, artifacts.leaves(), artifacts.tree(), AttributionProof.MAX_LEAVES);
    var kept = full.leaves().subList(Math.min(dropTop, full.leaves().size()), full.leaves().size());
    int[] indices = kept.stream().mapToInt(l -> (int) l.index()).sorted().toArray();
    byte[] proof = new AttributionProof(full.binding(), full.psiShift(), psi, full.leafCount(), kept, artifacts.tree().multiproof(indices))
        .encode().toArray();
    alice.send(alice.provers(true).claim(id));
    alice.send(alice.provers(true).submitProof(id, proof));
    return proof;
  }

  static byte[] pixels(int image) {
    int size = test.images().size();
    return Arrays.copyOfRange(test.images().pixels(), image * size, (image + 1) * size);
  }

  static BigInteger balance(Session s) throws Exception {
    return rpc.web3j().ethGetBalance(s.sender(), DefaultBlockParameterName.LATEST).send().getBalance();
  }

  /** Bob's FraudProven against request {@code id}, and what its transaction cost him in gas. */
  record Won(Provers.FraudProvenEventResponse event, BigInteger gasCost) {}

  static List<Won> fraudProven(BigInteger id, long from) throws Exception {
    var filter = new EthFilter(new DefaultBlockParameterNumber(from),
        DefaultBlockParameterName.LATEST, Addresses.PROVERS.toHexString());
    filter.addSingleTopic(EventEncoder.encode(Provers.FRAUDPROVEN_EVENT));
    filter.addSingleTopic(Numeric.toHexStringWithPrefixZeroPadded(id, 64));
    List<Won> out = new ArrayList<>();
    for (var result : rpc.web3j().ethGetLogs(filter).send().getLogs()) {
      var log = (Log) result.get();
      var receipt = rpc.web3j().ethGetTransactionReceipt(log.getTransactionHash()).send().getTransactionReceipt().orElseThrow();
      out.add(new Won(Provers.getFraudProvenEventFromLog(log), receipt.getGasUsed().multiply(Numeric.decodeQuantity(receipt.getEffectiveGasPrice()))));
    }
    return out;
  }

  /**
   * Erin proves the reopened request honestly and settles it after the window, so it ends settled
   * with erin as its prover (the payouts test expects every settlement to name erin).
   */
  static void erinProvesAndSettles(BigInteger id) throws Exception {
    try (Journal j = Journal.open(tmp.resolve("journal-erin-" + id))) {
      ProverLoop loop = loop(j, new ProverMetrics());
      loop.tick();
      assertThat(claimState(id)).isEqualTo(org.openledger.contracts.prover.Provers.PROVEN);
      new DevChain(rpc).mine(challengeWindow() + 1);
      loop.tick();
    }
    assertThat(carol.view(carol.inference(false).getRequest(id)).state.intValueExact()).isEqualTo(org.openledger.contracts.inference.Inference.SETTLED);
  }

  @Test
  void anHonestProofByAnotherProverIsAuditedSoundAndNotChallenged() throws Exception {
    long from = nextBlock();
    BigInteger id = resulted(42, false);
    try (Journal j = Journal.open(tmp.resolve("journal-honest"))) {
      ProverLoop erinLoop = loop(j, new ProverMetrics());
      erinLoop.tick(); // erin proves it
      ProverMetrics metrics = new ProverMetrics();
      try (Journal w = Journal.open(tmp.resolve("watch-honest"))) {
        assertThat(watcher(w, metrics, from, x -> { }).tick()).as("challenges sent").isZero();
      }
      assertThat(metrics.audits.labels("sound").value()).isEqualTo(1);
      assertThat(claimState(id)).isEqualTo(org.openledger.contracts.prover.Provers.PROVEN);
      new DevChain(rpc).mine(challengeWindow() + 1);
      erinLoop.tick(); // and settles it
    }
  }

  @Test
  void anAlteredPsiCoordinateIsChallengedAndWonAndTheReopenedRequestIsProvenAfreshAndARestartSendsNothingMore() throws Exception {
    long from = nextBlock();
    BigInteger id = resulted(43, false);
    dishonestProof(id, 43, psi -> {
      psi[3] += 4;
      return psi;
    }, 0);
    ProverMetrics reportOnly = new ProverMetrics();
    try (Journal w = Journal.open(tmp.resolve("watch-psi-report-only"))) {
      assertThat(new ProofWatcher(bob, w, engine(), reportOnly, from, false, x -> { }).tick()).as("--no-challenge sends nothing").isZero();
    }
    assertThat(reportOnly.challenges.labels("psi", "skipped").value()).isEqualTo(1);
    assertThat(claimState(id)).isEqualTo(org.openledger.contracts.prover.Provers.PROVEN);

    BigInteger before = balance(bob);
    ProverMetrics metrics = new ProverMetrics();
    List<BigInteger> reopened = new ArrayList<>();
    try (Journal w = Journal.open(tmp.resolve("watch-psi"))) {
      ProofWatcher watcher = watcher(w, metrics, from, reopened::add);
      assertThat(watcher.tick()).isEqualTo(1);
      assertThat(metrics.challenges.labels("psi", "won").value()).isEqualTo(1);
      List<Won> won = fraudProven(id, from);
      assertThat(won).hasSize(1);
      assertThat(won.get(0).event().challenger).isEqualToIgnoringCase(bob.sender());
      assertThat(won.get(0).event().kind.intValueExact()).as("kind psi").isEqualTo(1);
      BigInteger share = won.get(0).event().toChallenger;
      assertThat(share).isPositive().isEqualTo(watcher.rewards());
      assertThat(balance(bob).subtract(before)).as("the bond back, plus the slashing share, less gas").isEqualTo(share.subtract(won.get(0).gasCost()));
    }
    assertThat(reopened).containsExactly(id);
    assertThat(claimState(id)).as("the request reopened").isEqualTo(org.openledger.contracts.prover.Provers.NONE);

    ProverMetrics afterRestart = new ProverMetrics();
    try (Journal w = Journal.open(tmp.resolve("watch-psi"))) {
      assertThat(watcher(w, afterRestart, from, x -> { }).tick()).isZero();
    }
    assertThat(afterRestart.audits.labels("sound").value() + afterRestart.audits.labels("wrong").value()).as("nothing audited twice").isZero();
    erinProvesAndSettles(id);
  }

  @Test
  void anEmptyProofThatLeavesOutPositiveLeavesIsChallengedForOmissionAndWon() throws Exception {
    long from = nextBlock();
    BigInteger id = resulted(44, false);
    byte[] proof = dishonestProof(id, 44, psi -> psi, AttributionProof.MAX_LEAVES);
    assertThat(AttributionProof.decode(Bytes.wrap(proof)).leaves()).isEmpty();
    ProverMetrics metrics = new ProverMetrics();
    try (Journal w = Journal.open(tmp.resolve("watch-empty"))) {
      assertThat(watcher(w, metrics, from, x -> { }).tick()).isEqualTo(1);
    }
    assertThat(metrics.challenges.labels("omission", "won").value()).isEqualTo(1);
    assertThat(fraudProven(id, from)).singleElement().satisfies(w -> assertThat(w.event().kind.intValueExact()).isEqualTo(2));
    erinProvesAndSettles(id);
  }

  @Test
  void aRestartAfterTheChallengeWasSentFindsItOnChainAndDoesNotChallengeTwice() throws Exception {
    long from = nextBlock();
    BigInteger id = resulted(45, false);
    byte[] proof = dishonestProof(id, 45, psi -> psi, 1);
    var filter = new EthFilter(new DefaultBlockParameterNumber(from),
        DefaultBlockParameterName.LATEST, Addresses.PROVERS.toHexString());
    filter.addSingleTopic(EventEncoder.encode(Provers.PROOFACCEPTED_EVENT));
    var accepted = (Log) rpc.web3j().ethGetLogs(filter).send().getLogs().get(0).get();
    Path file = tmp.resolve("watch-crash");
    try (Journal w = Journal.open(file)) { // the daemon journaled its intent ...
      w.record(new Journal.Entry(ProofWatcher.key(accepted), Journal.Stage.CHALLENGING, 0,
          "request=" + id + " block=" + accepted.getBlockNumber() + " kind=omission"));
    }
    Inference.Request r = bob.view(bob.inference(false).getRequest(id)); // ... sent the challenge, and crashed
    var spec = bob.view(bob.models(false).version(BigInteger.ONE, BigInteger.ONE)).component1();
    var finding = (ProofAuditor.Finding.Omitted) engine().audit(
        new AttributionVerifier.Binding(rpc.chainId(), Addresses.PROVERS, id,
            r.modelId, r.version, Bytes32.wrap(r.inputHash), Bytes32.wrap(r.outputHash), Address.fromHex(alice.sender())),
        new ProofEngine.Version(Bytes32.wrap(spec.weightsRoot), Bytes32.wrap(spec.basisRoot),
            Bytes32.wrap(spec.indexRoot), spec.basisRank.intValueExact(), spec.outputFunction.intValueExact()),
        Bytes.wrap(proof));
    BigInteger bond = bob.view(bob.provers(false).parameters()).component4();
    bob.send(bob.provers(true).challengeOmission(id, proof, BigInteger.valueOf(finding.leafIndex()), finding.leaf(),
        finding.leafProof().stream().map(Bytes32::toArray).toList(), bond));

    ProverMetrics metrics = new ProverMetrics();
    try (Journal w = Journal.open(file)) {
      assertThat(watcher(w, metrics, from, x -> { }).tick()).as("no second challenge").isZero();
      assertThat(w.latest(ProofWatcher.key(accepted)).stage()).isEqualTo(Journal.Stage.DONE);
      assertThat(w.latest(ProofWatcher.key(accepted)).note()).contains("won").contains("found on-chain after a restart");
    }
    assertThat(fraudProven(id, from)).hasSize(1);
    erinProvesAndSettles(id);
  }

  // ------------------------------------------------------------------ attesting

  @Test
  void aNewlyRegisteredVersionIsRebuiltAndAttestedOnceAcrossARestart() throws Exception {
    long from = nextBlock();
    byte[] evaluation = ImageContribution.of(test, 0, 200, FashionMnist.CLASSES).encode();
    String root = new ContentStore(rpc).put(evaluation);
    var opened = dave.send(dave.services(true).openJob(BigInteger.ONE, Numeric.hexStringToByteArray(root), BigInteger.valueOf(7_000),
        BigInteger.valueOf(1_000), Open.parse("50", "fee")));
    BigInteger job = Services.getJobOpenedEvents(opened).get(0).jobId;
    var trainer = new Trainer(erin, LogisticFactory.Config.defaults(),
        Progress.NONE);
    BigInteger version = trainer.deliver(job, Open.parse("0.5", "rate"), Open.parse("1", "rate")).version();
    try (Journal b = Journal.open(tmp.resolve("journal-bob-bond"))) {
      new ProverLoop(bob, b, engine(), new ProverMetrics(), from).ensureBond(Open.parse("100", "bond"));
    }
    var bobTrainer = new Trainer(bob, LogisticFactory.Config.defaults(),
        Progress.NONE);
    ProverMetrics metrics = new ProverMetrics();
    Path file = tmp.resolve("attest");
    try (Journal a = Journal.open(file)) {
      assertThat(new VersionAttester(bob, a, bobTrainer::compare, metrics, from).tick()).isEqualTo(1);
    }
    assertThat(metrics.attestations.labels("attested").value()).isEqualTo(1);
    assertThat(bob.view(bob.models(false).hasAttested(BigInteger.ONE, version, bob.sender()))).isTrue();
    try (Journal a = Journal.open(file)) {
      assertThat(new VersionAttester(bob, a, (m, v) -> {
        throw new AssertionError("rebuilt again");
      }, new ProverMetrics(), from).tick()).isZero();
    }
  }
}
