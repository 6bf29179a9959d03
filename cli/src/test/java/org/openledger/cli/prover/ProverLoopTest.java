package org.openledger.cli.prover;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.cli.chain.Connection;
import org.openledger.cli.chain.ContentStore;
import org.openledger.cli.chain.DevChain;
import org.openledger.cli.chain.RpcContentSource;
import org.openledger.cli.chain.Session;
import org.openledger.cli.devnet.DevelopmentKeys;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.web3j.Inference;
import org.openledger.devnet.node.DevnetNode;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.daemon.Journal;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Pooling;
import org.openledger.prover.proof.LogisticProofEngine;
import org.web3j.utils.Numeric;

/**
 * The prover daemon's loop against a devnet on which the demo has deployed model 1: restarts after a
 * crash at each step send nothing twice, and a request whose input was withheld is never proven
 * and refunds after its deadline.
 */
class ProverLoopTest {
  @TempDir static Path tmp;
  static DevnetNode node;
  static Connection rpc;
  static Session carol, dave, erin;
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
    BigInteger balance = rpc.web3j().ethGetBalance(carol.sender(), org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getBalance();
    var receipt = dave.send(dave.inference(true).refund(id)); // anyone may trigger it; the escrow goes back to the requester
    assertThat(Inference.getRefundedEvents(receipt)).hasSize(1);
    BigInteger after = rpc.web3j().ethGetBalance(carol.sender(), org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getBalance();
    assertThat(after.subtract(balance)).isEqualTo(before.escrow);
  }
}
