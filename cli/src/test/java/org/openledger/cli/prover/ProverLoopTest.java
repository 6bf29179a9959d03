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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.SumTree;
import org.openledger.prover.factory.TrainingSet;
import org.openledger.prover.proof.IndexAudit;
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

  // ------------------------------------------------------------------ the leaf-coordinate game

  /**
   * The daemon plays the leaf-coordinate game (docs/attribution.md §8) on both sides, on versions of
   * the demo's model 1: dave (its owner) registers versions whose index is version 1's, rebuilt from
   * the chain's data, with one coordinate moved; erin attests them; bob's daemon challenges. The
   * honest version 1 is audited first, before any tampered version exists.
   */
  @Nested
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class LeafGame {
    final RpcContentSource content = new RpcContentSource(new ContentStore(rpc));

    /** Registers a version of model 1 whose index is the true one with {@code u[leaf][j]} moved by {@code steps}; erin attests it. */
    BigInteger tampered(int leaf, int j, int steps) throws Exception {
      return tampered(leaves -> leaf, j, steps);
    }

    /** As {@link #tampered(int, int, int)}, at the leaf of {@code contributor}. */
    BigInteger tampered(Address contributor, int j, int steps) throws Exception {
      return tampered(leaves -> {
        for (int n = 0; n < leaves.size(); n++) if (leaves.get(n).contributor().equals(contributor)) return n;
        throw new AssertionError("no leaf of " + contributor);
      }, j, steps);
    }

    BigInteger tampered(java.util.function.ToIntFunction<List<IndexLeaf>> which, int j, int steps) throws Exception {
      return LeafGameFixtures.tampered(rpc, dave, erin, BigInteger.ONE, BigInteger.ONE, which, j, steps);
    }

    /** heidi (a demo contributor) submits two more contributions of {@code images} test images each, and alice accepts them. */
    Address heidiContributesTwice(int firstImage, int images) {
      Session heidi = Session.as(rpc, DevelopmentKeys.account(7));
      for (int c = 0; c < 2; c++) {
        int from = firstImage + c * images;
        byte[] data = ImageContribution.of(test, from, from + images, FashionMnist.CLASSES).encode();
        String hash = new ContentStore(rpc).put(data);
        var r = heidi.send(heidi.datanets(true).submit(BigInteger.ONE, Keccak.hash(data, Numeric.hexStringToByteArray(heidi.sender())),
            "openledger:content/" + hash, Open.parse("1", "deposit")));
        BigInteger id = org.openledger.contracts.web3j.Datanets.getContributionSubmittedEvents(r).get(0).contributionId;
        alice.send(alice.datanets(true).accept(id, Numeric.hexStringToByteArray(hash)));
      }
      return Address.fromHex(heidi.sender());
    }

    /** {@code who} uploads {@code content} into game {@code id} in the daemon's chunks, up to byte {@code until}. */
    void upload(Session who, BigInteger id, byte[] content, long until) {
      LeafGameFixtures.upload(who, id, content, until);
    }

    long window() {
      return LeafGameFixtures.window(bob);
    }

    LeafGames.Game game(BigInteger id) {
      return LeafGames.game(bob, id);
    }

    /** The games opened against {@code version} of model 1 since {@code from}. */
    List<Provers.LeafChallengeOpenedEventResponse> opened(BigInteger version, long from) {
      return LeafGameFixtures.opened(bob, BigInteger.ONE, version, from);
    }

    Provers.LeafChallengeDecidedEventResponse decided(BigInteger game, long from) {
      return LeafGames.decided(bob, game, from).orElseThrow();
    }

    /** What {@code who}'s transactions that emitted a Provers event since {@code from} cost in gas. */
    BigInteger gasSpent(Session who, long from) throws Exception {
      return LeafGameFixtures.gasSpent(rpc, who, from);
    }

    BigInteger balanceOf(Address a) throws Exception {
      return rpc.web3j().ethGetBalance(a.toHexString(), DefaultBlockParameterName.LATEST).send().getBalance();
    }

    BigInteger bondOf(Session s) {
      return s.view(s.provers(false).bondOf(s.sender())).component1();
    }

    @Test
    @Order(1)
    void anHonestVersionsIndexIsAuditedSoundAndNeverChallenged() throws Exception {
      long registered = bob.view(bob.models(false).version(BigInteger.ONE, BigInteger.ONE)).component3().longValueExact();
      ProverMetrics metrics = new ProverMetrics();
      try (Journal j = Journal.open(tmp.resolve("leaf-honest"))) {
        assertThat(new LeafChallenger(bob, j, content, metrics, registered).tick()).as("moves sent").isZero();
        assertThat(j.latest(new VersionAttester.Version(BigInteger.ONE, BigInteger.ONE).key()).note()).contains("index sound");
      }
      assertThat(metrics.leafAudits.labels("sound").value()).isPositive();
      assertThat(metrics.leafAudits.labels("wrong").value()).isZero();
      assertThat(opened(BigInteger.ONE, registered)).isEmpty();
    }

    @Test
    @Order(2)
    void aTamperedLeafCoordinateIsChallengedAtItsCoordinateAndWonTheVersionFaultedTheAttesterSlashedAndOpenConserved() throws Exception {
      long from = nextBlock();
      BigInteger version = tampered(0, 3, 7);
      BigInteger bob0 = balance(bob), treasury0 = balanceOf(Addresses.TREASURY), provers0 = balanceOf(Addresses.PROVERS), erinBond0 = bondOf(erin);
      ProverMetrics metrics = new ProverMetrics();
      ProverMetrics erinMetrics = new ProverMetrics();
      try (Journal j = Journal.open(tmp.resolve("leaf-tampered")); Journal d = Journal.open(tmp.resolve("leaf-erin-defends"))) {
        LeafChallenger challenger = new LeafChallenger(bob, j, content, metrics, from);
        assertThat(challenger.tick()).as("the opening").isEqualTo(1);
        var games = opened(version, from);
        assertThat(games).singleElement().satisfies(g -> {
          assertThat(g.leafIndex.intValueExact()).isZero();
          assertThat(g.coordinate.intValueExact()).isEqualTo(3);
          assertThat(g.challenger).isEqualToIgnoringCase(bob.sender());
        });
        BigInteger id = games.get(0).gameId;
        // erin, an attester, finds every claim true and lets it run; dave, the owner, disputes a true partial sum
        assertThat(new LeafDefender(erin, d, content, erinMetrics, from).tick()).isZero();
        assertThat(erinMetrics.leafMoves.labels("defender", "let_run", "skipped").value()).isEqualTo(1);
        dave.send(dave.provers(true).disputePartialSum(id, BigInteger.ZERO));
        assertThat(challenger.tick()).as("descend and upload").isGreaterThanOrEqualTo(2);
        assertThat(game(id).state()).isEqualTo(LeafGames.PICKING);
        new DevChain(rpc).mine(window() + 1); // dave finds no wrong value to step on
        assertThat(challenger.tick()).as("the timeout").isEqualTo(1);
        assertThat(game(id).state()).isEqualTo(LeafGames.CHALLENGER_WON);
        assertThat(j.latest(new VersionAttester.Version(BigInteger.ONE, version).key()).stage()).isEqualTo(Journal.Stage.DONE);

        var end = decided(id, from);
        assertThat(end.reason.intValueExact()).as("no step").isEqualTo(2);
        assertThat(bob.view(bob.provers(false).versionFaulty(BigInteger.ONE, version))).isTrue();
        assertThat(erinBond0.subtract(bondOf(erin))).as("erin slashed").isEqualTo(end.slashed).isPositive();
        // OPEN conserved to the wei: what left the Provers contract is bob's share and the treasury's rest
        assertThat(balance(bob).subtract(bob0).add(gasSpent(bob, from))).isEqualTo(end.toChallenger);
        assertThat(balanceOf(Addresses.TREASURY).subtract(treasury0)).isEqualTo(end.slashed.subtract(end.toChallenger));
        assertThat(provers0.subtract(balanceOf(Addresses.PROVERS))).isEqualTo(end.slashed);
      }
      assertThat(metrics.leafMoves.labels("challenger", "open_list", "sent").value()).isEqualTo(1);
      assertThat(metrics.leafMoves.labels("challenger", "descend", "sent").value()).isEqualTo(1);
      assertThat(metrics.leafMoves.labels("challenger", "result", "won").value()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aRestartInTheMiddleOfTheGameResumesItWithoutRepeatingAMoveOrASecondBond() throws Exception {
      long from = nextBlock();
      BigInteger version = tampered(1, 5, 4);
      Path file = tmp.resolve("leaf-restart");
      BigInteger id;
      try (Journal j = Journal.open(file)) {
        assertThat(new LeafChallenger(bob, j, content, new ProverMetrics(), from).tick()).isEqualTo(1);
        id = opened(version, from).get(0).gameId;
      } // the daemon stops; dave disputes meanwhile
      dave.send(dave.provers(true).disputePartialSum(id, BigInteger.ZERO));
      ProverMetrics second = new ProverMetrics();
      try (Journal j = Journal.open(file)) {
        assertThat(new LeafChallenger(bob, j, content, second, from).tick()).as("descend and upload, no new opening").isGreaterThanOrEqualTo(2);
      }
      assertThat(second.leafMoves.labels("challenger", "open_list", "sent").value() + second.leafMoves.labels("challenger", "open_bisection", "sent").value())
          .isZero();
      assertThat(game(id).state()).isEqualTo(LeafGames.PICKING);
      ProverMetrics third = new ProverMetrics();
      try (Journal j = Journal.open(file)) {
        LeafChallenger again = new LeafChallenger(bob, j, content, third, from);
        assertThat(again.tick()).as("the defender's turn: nothing to resend").isZero();
        new DevChain(rpc).mine(window() + 1);
        assertThat(again.tick()).isEqualTo(1);
      }
      assertThat(third.leafMoves.labels("challenger", "descend", "sent").value() + third.leafMoves.labels("challenger", "upload", "sent").value()).isZero();
      assertThat(opened(version, from)).as("one bond posted").hasSize(1);
      assertThat(game(id).state()).isEqualTo(LeafGames.CHALLENGER_WON);
    }

    @Test
    @Order(4)
    void anOpeningThatLandedBeforeACrashIsFoundOnChainAndNotSentAgain() throws Exception {
      long from = nextBlock();
      BigInteger version = tampered(2, 1, 5);
      Path file = tmp.resolve("leaf-crash-open");
      BigInteger key = new VersionAttester.Version(BigInteger.ONE, version).key();
      try (Journal j = Journal.open(file)) { // the daemon journaled its intent, sent the opening, and crashed
        j.record(new Journal.Entry(key, Journal.Stage.LEAF_OPENING, nextBlock() - 1, "model=1 version=" + version));
      }
      LeafGames.Loaded loaded = LeafGames.load(bob, content, BigInteger.ONE, version);
      var wrong = IndexAudit.wrongCoordinates(loaded.artifacts(), TrainingSet.of(loaded.accepted()), LeafGames.leafShift(loaded.spec()));
      LeafGames.Evidence e = LeafGames.evidence(loaded, wrong.get(0).leafIndex(), wrong.get(0).coordinate());
      BigInteger bond = bob.view(bob.provers(false).leafChallengeParameters()).component2();
      bob.send(bob.provers(true).openLeafChallenge(BigInteger.ONE, version, BigInteger.valueOf(loaded.artifacts().leaves().size()),
          BigInteger.valueOf(e.leafIndex()), BigInteger.valueOf(e.coordinate()), e.leaf().leafBytes(), e.leafProof(), e.values().contributionLeaves(),
          LeafGames.int64s(e.values().partialSums()), bond));
      ProverMetrics metrics = new ProverMetrics();
      try (Journal j = Journal.open(file)) {
        assertThat(new LeafChallenger(bob, j, content, metrics, from).tick()).isZero();
        assertThat(j.latest(key).stage()).isEqualTo(Journal.Stage.LEAF_GAME);
        assertThat(j.latest(key).note()).contains("found on-chain after a restart");
      }
      assertThat(opened(version, from)).hasSize(1);
      BigInteger id = opened(version, from).get(0).gameId;
      new DevChain(rpc).mine(window() + 1); // nobody disputes
      try (Journal j = Journal.open(file)) {
        assertThat(new LeafChallenger(bob, j, content, metrics, from).tick()).isEqualTo(1);
      }
      assertThat(decided(id, from).reason.intValueExact()).as("no dispute").isZero();
    }

    @Test
    @Order(5)
    void theDaemonAsOwnerBeatsAWrongChallengerOfAnHonestVersionAcrossARestartAndTakesItsBond() throws Exception {
      long from = nextBlock();
      LeafGames.Loaded v1 = LeafGames.load(alice, content, BigInteger.ONE, BigInteger.ONE);
      LeafGames.Evidence e = LeafGames.evidence(v1, 0, 0);
      int shift = LeafGames.leafShift(v1.spec());
      long lie = 3L << shift; // three steps: the claimed total no longer rounds to the (right) registered coordinate
      long[] partials = e.values().partialSums();
      int liedAbout = partials.length - 1;
      partials[liedAbout] += lie;
      BigInteger bond = alice.view(alice.provers(false).leafChallengeParameters()).component2();
      var r = alice.send(alice.provers(true).openLeafChallenge(BigInteger.ONE, BigInteger.ONE, BigInteger.valueOf(v1.artifacts().leaves().size()),
          BigInteger.ZERO, BigInteger.ZERO, e.leaf().leafBytes(), e.leafProof(), e.values().contributionLeaves(), LeafGames.int64s(partials), bond));
      BigInteger id = Provers.getLeafChallengeOpenedEvents(r).get(0).gameId;

      BigInteger dave0 = balance(dave);
      Path file = tmp.resolve("leaf-defend");
      try (Journal j = Journal.open(file)) {
        assertThat(new LeafDefender(dave, j, content, new ProverMetrics(), from).tick()).as("the dispute").isEqualTo(1);
      } // the daemon stops
      assertThat(game(id).disputed()).as("the partial sum alice lied about").isEqualTo(liedAbout);
      // alice descends with one example value moved by the lie, so her values add up to her claim, and uploads
      long[] values = e.values().values(liedAbout);
      values[values.length / 2] += lie;
      alice.send(alice.provers(true).descendLeafChallenge(id, LeafGames.int64s(partials), e.values().contributionLeaf(liedAbout),
          e.values().contributionProof(liedAbout).stream().map(Bytes32::toArray).toList(), LeafGames.int64s(values)));
      upload(alice, id, e.values().content(liedAbout), Long.MAX_VALUE);
      ProverMetrics metrics = new ProverMetrics();
      try (Journal j = Journal.open(file)) { // restarted, it resumes the game at the step
        assertThat(new LeafDefender(dave, j, content, metrics, from).tick()).as("the step").isEqualTo(1);
        assertThat(metrics.leafMoves.labels("defender", "dispute", "sent").value()).as("no second dispute").isZero();
        assertThat(j.latest(id).stage()).isEqualTo(Journal.Stage.DONE);
        assertThat(j.latest(id).note()).contains("won");
      }
      var end = decided(id, from);
      assertThat(end.challengerWon).isFalse();
      assertThat(end.reason.intValueExact()).as("the one step").isEqualTo(3);
      assertThat(balance(dave).subtract(dave0).add(gasSpent(dave, from))).as("alice's bond, less dave's gas").isEqualTo(bond);
      assertThat(alice.view(alice.provers(false).versionFaulty(BigInteger.ONE, BigInteger.ONE))).isFalse();
      assertThat(metrics.leafMoves.labels("defender", "step", "sent").value()).isEqualTo(1);
      assertThat(metrics.leafMoves.labels("defender", "result", "won").value()).isEqualTo(1);
    }
  
    @Test
    @Order(6)
    void aLeafPastTheListLimitIsChallengedByBisectionSplitAtEachDisputeAndWon() throws Exception {
      Address heidi = heidiContributesTwice(300, 12); // her leaf now holds three contributions
      long from = nextBlock();
      BigInteger version = tampered(heidi, 2, 6);
      ProverMetrics metrics = new ProverMetrics();
      try (Journal j = Journal.open(tmp.resolve("leaf-bisection"))) {
        LeafChallenger challenger = new LeafChallenger(bob, j, content, metrics, from, true, 1); // a list limit of one: bisect any leaf of two or more
        assertThat(challenger.tick()).isEqualTo(1);
        BigInteger id = opened(version, from).get(0).gameId;
        assertThat(LeafGames.position(bob, id).depth()).isEqualTo(1);
        // dave disputes the left child at each round: the root's left is a node over two contributions, then a contribution
        dave.send(dave.provers(true).disputePartialSum(id, BigInteger.ZERO));
        assertThat(challenger.tick()).as("the split").isEqualTo(1);
        assertThat(LeafGames.position(bob, id).depth()).isEqualTo(2);
        dave.send(dave.provers(true).disputePartialSum(id, BigInteger.ZERO));
        assertThat(challenger.tick()).as("descend and upload").isGreaterThanOrEqualTo(2);
        assertThat(game(id).state()).isEqualTo(LeafGames.PICKING);
        new DevChain(rpc).mine(window() + 1);
        assertThat(challenger.tick()).isEqualTo(1);
        assertThat(game(id).state()).isEqualTo(LeafGames.CHALLENGER_WON);
      }
      assertThat(metrics.leafMoves.labels("challenger", "open_bisection", "sent").value()).isEqualTo(1);
      assertThat(metrics.leafMoves.labels("challenger", "split", "sent").value()).isEqualTo(1);
      assertThat(metrics.leafMoves.labels("challenger", "descend", "sent").value()).isEqualTo(1);
      assertThat(bob.view(bob.provers(false).versionFaulty(BigInteger.ONE, version))).isTrue();
    }

    @Test
    @Order(7)
    void theDaemonAsOwnerFollowsAWrongBisectionDownToTheContributionItLiedAboutAndWins() throws Exception {
      Address heidi = heidiContributesTwice(400, 10);
      BigInteger version = tampered(heidi, 0, 0); // an honest version over heidi's now larger leaf
      long from = nextBlock();
      LeafGames.Loaded loaded = LeafGames.load(alice, content, BigInteger.ONE, version);
      int leaf = 0;
      while (!loaded.artifacts().leaves().get(leaf).contributor().equals(heidi)) leaf++;
      LeafGames.Evidence e = LeafGames.evidence(loaded, leaf, 0);
      assertThat(e.values().size()).isGreaterThanOrEqualTo(4);
      long lie = 3L << LeafGames.leafShift(loaded.spec());
      int liedAbout = 1;
      long[] partials = e.values().partialSums();
      partials[liedAbout] += lie;
      SumTree claims = SumTree.of(java.util.stream.IntStream.range(0, e.values().size()).mapToObj(e.values()::contributionLeaf).toList(), partials);
      SumTree.Opening root = claims.opening(claims.root()).orElseThrow();
      BigInteger bond = alice.view(alice.provers(false).leafChallengeParameters()).component2();
      var r = alice.send(alice.provers(true).openLeafBisection(BigInteger.ONE, version, BigInteger.valueOf(loaded.artifacts().leaves().size()),
          BigInteger.valueOf(leaf), BigInteger.ZERO, e.leaf().leafBytes(), e.leafProof(), claims.total(),
          root.preimage(), root.leftSum(), bond));
      BigInteger id = Provers.getLeafChallengeOpenedEvents(r).get(0).gameId;

      ProverMetrics metrics = new ProverMetrics();
      BigInteger dave0 = balance(dave);
      int rounds = 0;
      try (Journal j = Journal.open(tmp.resolve("leaf-defend-bisection"))) {
        LeafDefender defender = new LeafDefender(dave, j, content, metrics, from);
        while (true) { // alice answers each of dave's disputes with her lying tree's opening
          assertThat(defender.tick()).as("a dispute").isEqualTo(1);
          rounds++;
          LeafGames.Position at = LeafGames.position(alice, id);
          SumTree.Opening o = claims.opening(at.node()).orElseThrow();
          if (o.isContribution()) {
            assertThat(o.contribution()).as("the contribution alice lied about").isEqualTo(liedAbout);
            long[] values = e.values().values(liedAbout);
            values[0] += lie;
            alice.send(alice.provers(true).descendLeafChallenge(id, List.of(), o.preimage(), List.of(), LeafGames.int64s(values)));
            upload(alice, id, e.values().content(liedAbout), Long.MAX_VALUE);
            break;
          }
          alice.send(alice.provers(true).splitLeafChallenge(id, o.preimage(), o.leftSum()));
        }
        assertThat(rounds).isGreaterThanOrEqualTo(2);
        assertThat(defender.tick()).as("the step").isEqualTo(1);
      }
      var end = decided(id, from);
      assertThat(end.challengerWon).isFalse();
      assertThat(end.reason.intValueExact()).isEqualTo(3);
      assertThat(balance(dave).subtract(dave0).add(gasSpent(dave, from))).isEqualTo(bond);
      assertThat(metrics.leafMoves.labels("defender", "dispute", "sent").value()).isEqualTo(rounds);
    }
  
    @Test
    @Order(8)
    void aContributionPastOneChunkIsUploadedInChunksAndARestartBetweenThemSendsOnlyTheRest() throws Exception {
      // frank (a demo contributor) adds one contribution of 600 training images: 118,211 bytes, two upload chunks
      Session frank = Session.as(rpc, DevelopmentKeys.account(5));
      LabelledImages train = Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TRAIN));
      byte[] big = ImageContribution.of(train, 1_400, 2_000, FashionMnist.CLASSES).encode();
      assertThat(big.length).isGreaterThan(LeafChallenger.CHUNK);
      String hash = new ContentStore(rpc).put(big);
      var submitted = frank.send(frank.datanets(true).submit(BigInteger.ONE, Keccak.hash(big, Numeric.hexStringToByteArray(frank.sender())),
          "openledger:content/" + hash, Open.parse("1", "deposit")));
      alice.send(alice.datanets(true).accept(org.openledger.contracts.web3j.Datanets.getContributionSubmittedEvents(submitted).get(0).contributionId,
          Numeric.hexStringToByteArray(hash)));
      long from = nextBlock();
      BigInteger version = tampered(Address.fromHex(frank.sender()), 4, 9);
      Path file = tmp.resolve("leaf-chunks");
      BigInteger id;
      try (Journal j = Journal.open(file)) {
        assertThat(new LeafChallenger(bob, j, content, new ProverMetrics(), from).tick()).isEqualTo(1);
        id = opened(version, from).get(0).gameId;
      }
      LeafGames.Game g = game(id);
      LeafGames.Evidence e = LeafGames.evidence(LeafGames.load(bob, content, BigInteger.ONE, version), g.leafIndex(), g.coordinate());
      int bigOne = e.values().size() - 1; // the newest contribution: the highest id
      assertThat(e.values().content(bigOne)).isEqualTo(big);
      dave.send(dave.provers(true).disputePartialSum(id, BigInteger.valueOf(bigOne)));
      // the daemon descended and sent the first chunk, then stopped (sent here as it sends them)
      bob.send(bob.provers(true).descendLeafChallenge(id, LeafGames.int64s(e.values().partialSums()), e.values().contributionLeaf(bigOne),
          e.values().contributionProof(bigOne).stream().map(Bytes32::toArray).toList(), LeafGames.int64s(e.values().values(bigOne))));
      upload(bob, id, big, LeafChallenger.CHUNK);
      ProverMetrics metrics = new ProverMetrics();
      try (Journal j = Journal.open(file)) {
        assertThat(new LeafChallenger(bob, j, content, metrics, from).tick()).as("only the last chunk").isEqualTo(1);
      }
      assertThat(metrics.leafMoves.labels("challenger", "upload", "sent").value()).isEqualTo(1);
      assertThat(metrics.leafMoves.labels("challenger", "descend", "sent").value()).isZero();
      assertThat(game(id).uploaded()).isEqualTo(big.length);
      assertThat(game(id).state()).isEqualTo(LeafGames.PICKING);
      new DevChain(rpc).mine(window() + 1);
      try (Journal j = Journal.open(file)) {
        assertThat(new LeafChallenger(bob, j, content, metrics, from).tick()).isEqualTo(1);
      }
      assertThat(game(id).state()).isEqualTo(LeafGames.CHALLENGER_WON);
    }
  
    @Test
    @Order(9)
    void aWrongChallengerWhoDoesNotDescendAfterTheDaemonsDisputeLosesItsBondToTheDaemonByTimeout() throws Exception {
      long from = nextBlock();
      LeafGames.Loaded v1 = LeafGames.load(alice, content, BigInteger.ONE, BigInteger.ONE);
      LeafGames.Evidence e = LeafGames.evidence(v1, 1, 1);
      long[] partials = e.values().partialSums();
      partials[0] -= 5L << LeafGames.leafShift(v1.spec());
      BigInteger bond = alice.view(alice.provers(false).leafChallengeParameters()).component2();
      var r = alice.send(alice.provers(true).openLeafChallenge(BigInteger.ONE, BigInteger.ONE, BigInteger.valueOf(v1.artifacts().leaves().size()),
          BigInteger.ONE, BigInteger.ONE, e.leaf().leafBytes(), e.leafProof(), e.values().contributionLeaves(), LeafGames.int64s(partials), bond));
      BigInteger id = Provers.getLeafChallengeOpenedEvents(r).get(0).gameId;
      BigInteger dave0 = balance(dave);
      ProverMetrics metrics = new ProverMetrics();
      try (Journal j = Journal.open(tmp.resolve("leaf-defend-timeout"))) {
        LeafDefender defender = new LeafDefender(dave, j, content, metrics, from);
        assertThat(defender.tick()).as("the dispute").isEqualTo(1);
        assertThat(defender.tick()).as("the challenger's turn").isZero();
        new DevChain(rpc).mine(window() + 1); // alice never descends
        assertThat(defender.tick()).as("the timeout").isEqualTo(1);
      }
      var end = decided(id, from);
      assertThat(end.challengerWon).isFalse();
      assertThat(end.reason.intValueExact()).as("no descent").isEqualTo(1);
      assertThat(balance(dave).subtract(dave0).add(gasSpent(dave, from))).isEqualTo(bond);
      assertThat(metrics.leafMoves.labels("defender", "timeout", "sent").value()).isEqualTo(1);
      assertThat(metrics.leafMoves.labels("defender", "result", "won").value()).isEqualTo(1);
    }
  
    @Test
    @Order(10)
    void withNoChallengeAWrongIndexIsAuditedAndLoggedAndNoGameOpened() throws Exception {
      long from = nextBlock();
      BigInteger version = tampered(3, 6, 3);
      ProverMetrics metrics = new ProverMetrics();
      try (Journal j = Journal.open(tmp.resolve("leaf-report-only"))) {
        assertThat(new LeafChallenger(bob, j, content, metrics, from, false).tick()).isZero();
        assertThat(j.latest(new VersionAttester.Version(BigInteger.ONE, version).key()).note()).contains("wrong by 3 steps, not challenged");
      }
      assertThat(metrics.leafAudits.labels("wrong").value()).isEqualTo(1);
      assertThat(metrics.leafMoves.labels("challenger", "open_list", "skipped").value()).isEqualTo(1);
      assertThat(opened(version, from)).isEmpty();
    }
  }
}
