package org.openledger.cli.prover;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
import org.openledger.contracts.attribution.CommittedModel;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.web3j.Inference;
import org.openledger.contracts.web3j.Services;
import org.openledger.devnet.node.DevnetNode;
import org.openledger.governance.proposals.Proposal;
import org.openledger.governance.proposals.Proposals;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.daemon.Journal;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.ImageContribution;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Pooling;
import org.openledger.prover.eval.Progress;
import org.openledger.prover.factory.LogisticFactory;
import org.openledger.prover.factory.MlpFactory;
import org.openledger.prover.proof.ProofEngines;
import org.web3j.utils.Numeric;

/**
 * An MLP version through the whole daemon path on a devnet the demo has run on: erin's factory
 * trains and delivers it for a funded job (196 → 16 → 10, k = 64 Kronecker rows), rebuilds and
 * attests it, and governance deploys it; then the prover daemon's attester rebuilds and attests it
 * as the MLP its weights commit, its loop proves inferences on it (accepted by the Provers
 * contract) and settles them, and its watcher audits those proofs sound. It plays the
 * leaf-coordinate game on MLP versions on both sides, as {@code ProverLoopTest.LeafGame} does on
 * logistic regression.
 */
class MlpProverLoopTest {
  @TempDir static Path tmp;
  static DevnetNode node;
  static Connection rpc;
  static Session alice, bob, carol, dave, erin;
  static LabelledImages test;
  static Trainer.Delivery delivery;
  static FixedMlp served;

  @BeforeAll
  static void demoThenDeliverAndDeployAnMlpVersion() throws Exception {
    node = DevnetNode.start(DevnetNode.Config.ephemeral(tmp.resolve("chain")));
    var r = org.openledger.cli.OpenLedgerCommandTest.run("demo", "--rpc-url", node.rpcUrl());
    assertThat(r.exit()).as(r.err()).isZero();
    rpc = Connection.open(node.rpcUrl());
    alice = Session.as(rpc, DevelopmentKeys.account(0));
    bob = Session.as(rpc, DevelopmentKeys.account(1));
    carol = Session.as(rpc, DevelopmentKeys.account(2));
    dave = Session.as(rpc, DevelopmentKeys.account(3));
    erin = Session.as(rpc, DevelopmentKeys.account(4));
    test = Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TEST));

    String root = new ContentStore(rpc).put(ImageContribution.of(test, 0, 200, FashionMnist.CLASSES).encode());
    var opened = dave.send(dave.services(true).openJob(BigInteger.ONE, Numeric.hexStringToByteArray(root), BigInteger.valueOf(6_000),
        BigInteger.valueOf(1_000), Open.parse("50", "fee")));
    BigInteger job = Services.getJobOpenedEvents(opened).get(0).jobId;
    delivery = new Trainer(erin, MlpFactory.Config.defaults().withHidden(16), Progress.NONE).deliver(job, Open.parse("0.5", "rate"),
        Open.parse("1", "rate"));
    served = delivery.whole().mlp();
    assertThat(new Trainer(erin, MlpFactory.Config.defaults(), Progress.NONE).attest(BigInteger.ONE, delivery.version())).isEmpty();
    pass(Proposals.deployModel(BigInteger.ONE, delivery.version(), "Deploy the MLP version"));
  }

  @AfterAll
  static void stop() {
    rpc.close();
    node.close();
  }

  /** Propose (alice), vote for (alice, bob, carol), wait out each delay, queue, execute. */
  static void pass(Proposal p) {
    org.openledger.cli.chain.DevnetGovernance.pass(rpc, alice, List.of(alice, bob, carol), p);
  }

  static byte[] pixels(int image) {
    int size = test.images().size();
    return Arrays.copyOfRange(test.images().pixels(), image * size, (image + 1) * size);
  }

  /** A request by carol on the MLP version for test image {@code image}, its input published, answered by dave with class {@code output}. */
  static BigInteger resulted(int image, int output) {
    byte[] px = pixels(image);
    new ContentStore(rpc).put(px);
    BigInteger in = BigInteger.valueOf(served.inputLength()), out = BigInteger.ONE;
    BigInteger maxFee = carol.view(carol.inference(false).quote(BigInteger.ONE, delivery.version(), in, out));
    var receipt = carol.send(carol.inference(true).request(BigInteger.ONE, delivery.version(), Keccak.hash(px), in, out, maxFee));
    BigInteger id = Inference.getRequestedEvents(receipt).get(0).requestId;
    dave.send(dave.inference(true).submitResult(id, Keccak.hash(FraudChecks.classOutput(output)), out));
    return id;
  }

  static ProverLoop loop(Session s, Journal journal, ProverMetrics metrics, long from) {
    return new ProverLoop(s, journal, new ProofEngines(new RpcContentSource(new ContentStore(rpc))), metrics, from);
  }

  static long challengeWindow() {
    return erin.view(erin.provers(false).parameters()).component3().longValueExact();
  }

  @Test
  void theDeliveredVersionCommitsAnMlpWithKroneckerRows() throws Exception {
    var spec = carol.view(carol.models(false).version(BigInteger.ONE, delivery.version())).component1();
    byte[] weights = new RpcContentSource(new ContentStore(rpc)).get(Bytes32.wrap(spec.weightsRoot));
    assertThat(CommittedModel.fromWeightsBytes(weights)).isInstanceOfSatisfying(FixedMlp.class, m -> assertThat(m.hidden()).isEqualTo(16));
    assertThat(spec.basisRank.intValueExact()).isEqualTo(64);
    assertThat(delivery.leaves()).isEqualTo(5);
  }

  @Test
  void theDaemonsAttesterRebuildsTheMlpVersionAndAttestsIt() throws Exception {
    try (Journal b = Journal.open(tmp.resolve("journal-bob-bond"))) {
      loop(bob, b, new ProverMetrics(), 0).ensureBond(Open.parse("100", "bond"));
    }
    // the daemon's trainer: the logistic defaults, rebuilding each version as the kind its weights commit
    var rebuild = new Trainer(bob, LogisticFactory.Config.defaults(), Progress.NONE);
    assertThat(rebuild.compare(BigInteger.ONE, delivery.version())).isEmpty();
    ProverMetrics metrics = new ProverMetrics();
    long registered = carol.view(carol.models(false).version(BigInteger.ONE, delivery.version())).component3().longValueExact();
    try (Journal a = Journal.open(tmp.resolve("attest"))) {
      assertThat(new VersionAttester(bob, a, rebuild::compare, metrics, registered).tick()).isEqualTo(1);
    }
    assertThat(metrics.attestations.labels("attested").value()).isEqualTo(1);
    assertThat(bob.view(bob.models(false).hasAttested(BigInteger.ONE, delivery.version(), bob.sender()))).isTrue();
  }

  @Test
  void theDaemonProvesAnInferenceOnTheMlpVersionTheChainAcceptsAndSettlesIt() throws Exception {
    long from = carol.blockNumber().longValueExact() + 1;
    BigInteger id = resulted(50, served.predict(pixels(50)));
    ProverMetrics metrics = new ProverMetrics();
    try (Journal j = Journal.open(tmp.resolve("journal-prove"))) {
      ProverLoop prover = loop(erin, j, metrics, from);
      prover.tick();
      assertThat(metrics.proofs.labels("accepted").value()).isEqualTo(1);
      assertThat(erin.view(erin.provers(false).claimOf(id)).component4().intValueExact()).isEqualTo(org.openledger.contracts.prover.Provers.PROVEN);

      ProverMetrics watching = new ProverMetrics();
      try (Journal w = Journal.open(tmp.resolve("watch"))) {
        assertThat(new ProofWatcher(bob, w, new ProofEngines(new RpcContentSource(new ContentStore(rpc))), watching, from, true, x -> { }).tick())
            .as("challenges sent").isZero();
      }
      assertThat(watching.audits.labels("sound").value()).isEqualTo(1);

      new DevChain(rpc).mine(challengeWindow() + 1);
      prover.tick();
      assertThat(metrics.settlements.value()).isEqualTo(1);
    }
    assertThat(carol.view(carol.inference(false).getRequest(id)).state.intValueExact())
        .isEqualTo(org.openledger.contracts.inference.Inference.SETTLED);
  }

  @Test
  void aHostOutputOtherThanTheCommittedMlpsIsNeverClaimed() throws Exception {
    long from = carol.blockNumber().longValueExact() + 1;
    BigInteger id = resulted(51, (served.predict(pixels(51)) + 1) % FashionMnist.CLASSES);
    ProverMetrics metrics = new ProverMetrics();
    try (Journal j = Journal.open(tmp.resolve("journal-wrong"))) {
      loop(erin, j, metrics, from).tick();
      assertThat(j.latest(id).note()).startsWith("host output wrong");
    }
    assertThat(metrics.proofs.labels("wrong_output").value()).isEqualTo(1);
    assertThat(metrics.claims.labels("sent").value()).isZero();
  }

  // ------------------------------------------------------------------ the leaf-coordinate game on the MLP

  @Test
  void aTamperedMlpLeafCoordinateIsChallengedDescendedIntoAndWon() throws Exception {
    long from = carol.blockNumber().longValueExact() + 1;
    BigInteger version = LeafGameFixtures.tampered(rpc, dave, erin, BigInteger.ONE, delivery.version(), leaves -> 2, 7, 5);
    RpcContentSource content = new RpcContentSource(new ContentStore(rpc));
    ProverMetrics metrics = new ProverMetrics();
    try (Journal j = Journal.open(tmp.resolve("leaf-mlp"))) {
      LeafChallenger challenger = new LeafChallenger(bob, j, content, metrics, from);
      assertThat(challenger.tick()).isEqualTo(1);
      var game = LeafGameFixtures.opened(bob, BigInteger.ONE, version, from).get(0);
      assertThat(game.leafIndex.intValueExact()).isEqualTo(2);
      assertThat(game.coordinate.intValueExact()).isEqualTo(7);
      dave.send(dave.provers(true).disputePartialSum(game.gameId, BigInteger.ZERO)); // a true partial sum: no example value to step on
      assertThat(challenger.tick()).as("descend and upload").isGreaterThanOrEqualTo(2);
      new DevChain(rpc).mine(LeafGameFixtures.window(bob) + 1);
      assertThat(challenger.tick()).isEqualTo(1);
      assertThat(LeafGames.game(bob, game.gameId).state()).isEqualTo(LeafGames.CHALLENGER_WON);
    }
    assertThat(bob.view(bob.provers(false).versionFaulty(BigInteger.ONE, version))).isTrue();
    assertThat(metrics.leafMoves.labels("challenger", "result", "won").value()).isEqualTo(1);
  }

  @Test
  void theDaemonAsOwnerStepsOnAWrongMlpExampleValueAndWins() throws Exception {
    long from = carol.blockNumber().longValueExact() + 1;
    RpcContentSource content = new RpcContentSource(new ContentStore(rpc));
    LeafGames.Loaded v = LeafGames.load(alice, content, BigInteger.ONE, delivery.version());
    LeafGames.Evidence e = LeafGames.evidence(v, 0, 10);
    long lie = 2L << LeafGames.leafShift(v.spec());
    long[] partials = e.values().partialSums();
    partials[0] += lie;
    BigInteger bond = alice.view(alice.provers(false).leafChallengeParameters()).component2();
    var r = alice.send(alice.provers(true).openLeafChallenge(BigInteger.ONE, delivery.version(), BigInteger.valueOf(v.artifacts().leaves().size()),
        BigInteger.ZERO, BigInteger.TEN, e.leaf().leafBytes(), e.leafProof(), e.values().contributionLeaves(), LeafGames.int64s(partials), bond));
    BigInteger id = org.openledger.contracts.web3j.Provers.getLeafChallengeOpenedEvents(r).get(0).gameId;
    ProverMetrics metrics = new ProverMetrics();
    try (Journal j = Journal.open(tmp.resolve("leaf-mlp-defend"))) {
      LeafDefender defender = new LeafDefender(dave, j, content, metrics, from);
      assertThat(defender.tick()).as("the dispute").isEqualTo(1);
      long[] values = e.values().values(0);
      values[3] += lie;
      alice.send(alice.provers(true).descendLeafChallenge(id, LeafGames.int64s(partials), e.values().contributionLeaf(0),
          e.values().contributionProof(0).stream().map(Bytes32::toArray).toList(), LeafGames.int64s(values)));
      LeafGameFixtures.upload(alice, id, e.values().content(0), Long.MAX_VALUE);
      assertThat(defender.tick()).as("the step: the chain recomputes the MLP example's raw_j").isEqualTo(1);
    }
    var end = LeafGames.decided(alice, id, from).orElseThrow();
    assertThat(end.challengerWon).isFalse();
    assertThat(end.reason.intValueExact()).isEqualTo(3);
    assertThat(metrics.leafMoves.labels("defender", "result", "won").value()).isEqualTo(1);
  }
}
