package org.openledger.cli.attribute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.cli.OpenLedgerCommandTest;
import org.openledger.cli.OpenLedgerCommandTest.Run;
import org.openledger.cli.chain.Connection;
import org.openledger.cli.chain.ContentStore;
import org.openledger.cli.chain.DevChain;
import org.openledger.cli.chain.Session;
import org.openledger.cli.devnet.DevelopmentKeys;
import org.openledger.cli.devnet.DevelopmentKeystores;
import org.openledger.devnet.node.DevnetNode;
import org.openledger.contracts.attribution.TextTokenizer;
import org.openledger.contracts.web3j.Inference;
import org.openledger.contracts.web3j.Models;
import org.openledger.governance.proposals.Proposal;
import org.openledger.governance.proposals.Proposals;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.text.ByteTokenizer;
import org.openledger.prover.text.TextContribution;
import org.openledger.prover.text.TextCorpus;

/**
 * The prover daemon ({@code openledger prover --once}) proves and settles a request of a deployed
 * text-spans version on a devnet: it rebuilds the version's corpus from the chain and the content
 * store, finds the output's spans, and its span proof pays the contributors whose text the output
 * repeats.
 */
class SpanProverTest {
  @TempDir static Path tmp;
  static DevnetNode node;
  static Connection rpc;
  static DevelopmentKeystores keys;
  static final ObjectMapper JSON = new ObjectMapper();

  static final String LIGHTHOUSE = "The lighthouse keeper climbed the spiral stairs every evening at dusk and lit the great lamp.";
  static final String BREAD = "Mix the flour, water, salt and yeast, knead for ten minutes, then leave the dough to rise for an hour.";
  static final String INPUT = "Tell me about lighthouses and bread.";
  static final String OUTPUT = "Each night the lighthouse keeper climbed the spiral stairs every evening at dusk; "
      + "by day he would knead for ten minutes, then leave the dough to rise for an hour.";

  @BeforeAll
  static void start() throws Exception {
    node = DevnetNode.start(DevnetNode.Config.ephemeral(tmp.resolve("chain")));
    rpc = Connection.open(node.rpcUrl());
    keys = DevelopmentKeystores.write(tmp);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Run as(int user, String... args) {
    return OpenLedgerCommandTest.run(keys.signedAs(user, node.rpcUrl(), args));
  }

  static String field(Run r, String name) throws Exception {
    assertThat(r.exit()).as(r.err()).isZero();
    return JSON.readTree(r.out()).get(0).get(name).asText();
  }

  static Session session(int account) {
    return Session.as(rpc, DevelopmentKeys.account(account));
  }

  static String contribute(int user, String datanet, byte[] content) throws Exception {
    Path file = Files.write(Files.createTempFile(tmp, "contribution", ".bin"), content);
    String id = field(as(user, "datanet", "submit", "--datanet", datanet, "--file", file.toString(), "--json"), "contribution");
    field(as(0, "datanet", "accept", id, "--json"), "contribution");
    return id;
  }

  @Test
  void theDaemonProvesATextSpansRequestAndSettlementPaysTheRepeatedContributors() throws Exception {
    String datanet = field(as(0, "datanet", "create", "--name", "stories", "--deposit", "1", "--json"), "datanet");
    String lighthouse = contribute(1, datanet, TextContribution.of(LIGHTHOUSE).encode());
    String bread = contribute(2, datanet, TextContribution.of(BREAD).encode());
    Address alice = Address.fromHex(DevelopmentKeys.account(1).getAddress()), bob = Address.fromHex(DevelopmentKeys.account(2).getAddress());
    TextCorpus corpus = TextCorpus.of(List.of(new TextCorpus.Contribution(alice, new BigInteger(lighthouse), TextContribution.of(LIGHTHOUSE)),
        new TextCorpus.Contribution(bob, new BigInteger(bread), TextContribution.of(BREAD))));

    // the owner (account 3) proposes a model on the datanet; governance approves it
    Session owner = session(3);
    BigInteger model = Models.getModelProposedEvents(owner.send(owner.models(true).propose(BigInteger.ZERO, List.of(new BigInteger(datanet)),
        "storyteller", "ipfs://storyteller"))).get(0).modelId;
    pass(Proposals.approveModel(model, "Approve storyteller"));
    BigInteger open = BigInteger.TEN.pow(18);
    BigInteger version = Models.getVersionRegisteredEvents(owner.send(owner.models(true).registerVersion(model, new Models.VersionSpec(
        Keccak.hash("storyteller weights".getBytes(StandardCharsets.UTF_8)), TextTokenizer.COMMITMENT.toArray(), corpus.root().toArray(),
        BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, BigInteger.ONE, BigInteger.ZERO, BigInteger.ZERO, owner.sender(), open, open,
        BigInteger.valueOf(12))))).get(0).version;
    Session prover = session(4);
    prover.send(prover.provers(true).bond(open.multiply(BigInteger.valueOf(1_000))));
    prover.send(prover.provers(true).attest(model, version));
    pass(Proposals.deployModel(model, version, "Deploy storyteller v" + version));

    // a user asks; the host posts the output; both are in the content store
    ContentStore store = new ContentStore(rpc);
    store.put(INPUT.getBytes(StandardCharsets.UTF_8));
    store.put(OUTPUT.getBytes(StandardCharsets.UTF_8));
    Session user = session(0);
    BigInteger request = Inference.getRequestedEvents(user.send(user.inference(true).request(model, version, hash(INPUT),
        BigInteger.valueOf(ByteTokenizer.count(utf8(INPUT))), BigInteger.valueOf(200), open.multiply(BigInteger.TWO)))).get(0).requestId;
    owner.send(owner.inference(true).submitResult(request, hash(OUTPUT), BigInteger.valueOf(ByteTokenizer.count(utf8(OUTPUT)))));

    BigInteger aliceBefore = balance(alice), bobBefore = balance(bob);
    Run proved = as(4, "prover", "--once", "--data-dir", tmp.resolve("prover").toString(), "--metrics-port", "-1", "--no-challenge", "--no-attest");
    assertThat(proved.exit()).as(proved.err()).isZero();
    var claim = prover.view(prover.provers(false).claimOf(request));
    assertThat(claim.component4().intValueExact()).as(proved.err()).isEqualTo(org.openledger.contracts.prover.Provers.PROVEN);
    var verified = prover.view(prover.provers(false).verifiedAttribution(request));
    assertThat(verified.component3()).extracting(a -> Address.fromHex(a)).containsExactlyInAnyOrder(alice, bob); // listed by ascending address

    new DevChain(rpc).mine(org.openledger.contracts.prover.Provers.CHALLENGE_WINDOW.defaultValue().longValueExact() + 1);
    Run settled = as(4, "prover", "--once", "--data-dir", tmp.resolve("prover").toString(), "--metrics-port", "-1", "--no-challenge", "--no-attest");
    assertThat(settled.exit()).as(settled.err()).isZero();
    assertThat(prover.view(prover.inference(false).getRequest(request)).state.intValueExact())
        .isEqualTo(org.openledger.contracts.inference.Inference.SETTLED);
    assertThat(balance(alice)).isGreaterThan(aliceBefore);
    assertThat(balance(bob)).isGreaterThan(bobBefore);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] hash(String s) {
    return Keccak.hash(utf8(s));
  }

  static BigInteger balance(Address a) throws Exception {
    return rpc.web3j().ethGetBalance(a.toHexString(), org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getBalance();
  }

  /** Proposes, votes (accounts 0 and 1, the genesis governance stake), queues and executes {@code p}, as the demo does. */
  static void pass(Proposal p) {
    org.openledger.cli.chain.DevnetGovernance.pass(rpc, session(0), java.util.List.of(session(0), session(1)), p);
  }
}
