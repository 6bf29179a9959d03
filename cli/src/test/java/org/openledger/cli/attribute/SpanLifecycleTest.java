package org.openledger.cli.attribute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.cli.OpenLedgerCommandTest;
import org.openledger.cli.OpenLedgerCommandTest.Run;
import org.openledger.cli.chain.Connection;
import org.openledger.cli.chain.DevChain;
import org.openledger.cli.chain.Session;
import org.openledger.cli.devnet.DevelopmentKeys;
import org.openledger.cli.devnet.DevelopmentKeystores;
import org.openledger.contracts.attribution.TextTokenizer;
import org.openledger.contracts.web3j.Models;
import org.openledger.devnet.node.DevnetNode;
import org.openledger.governance.governor.Governor;
import org.openledger.governance.timelock.Timelock;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.prover.daemon.Journal;
import org.openledger.prover.text.TextContribution;

/**
 * A text model's whole life on a devnet, through the CLI alone (docs/text-attribution.md §6a, §11):
 * contributors submit text to a Datanet, the owner registers a text-spans version with
 * {@code openledger model register-spans}, a prover's daemon attests it by rebuilding its corpus
 * root, governance deploys it, a user asks, the host posts an output that quotes a contribution,
 * the daemon proves it by its spans and settles it, and {@code openledger payouts} shows the quoted
 * contributor paid. Accounts: 0 curator, voter and user; 1 and 2 contributors (1 also votes); 3 the
 * model owner and host; 4 the prover.
 */
class SpanLifecycleTest {
  @TempDir static Path tmp;
  static DevnetNode node;
  static Connection rpc;
  static DevelopmentKeystores keys;
  static final ObjectMapper JSON = new ObjectMapper();

  static final String HARBOUR = "The old harbour master counted forty seven fishing boats returning through the fog before the bell rang twice.";
  static final String GARDEN = "Plant the tomatoes deep, water them at the roots in the morning, and pinch out the side shoots every week.";
  static final String QUESTION = "What happened at the harbour?";
  static final String ANSWER = "Legend says the old harbour master counted forty seven fishing boats returning through the fog, and then he slept.";

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

  @Test
  void aTextModelIsRegisteredAttestedDeployedAndPaysTheQuotedContributorThroughTheCliAlone() throws Exception {
    String datanet = field(as(0, "datanet", "create", "--name", "seaside", "--deposit", "1", "--json"), "datanet");
    contribute(1, datanet, TextContribution.of(HARBOUR).encode());
    contribute(2, datanet, TextContribution.of(GARDEN).encode());
    String model = approvedModel(datanet, "harbour-teller");

    Run registered = as(3, "model", "register-spans", "--model", model, "--in-rate", "1", "--out-rate", "1", "--json");
    String version = field(registered, "version");
    assertThat(field(registered, "texts")).isEqualTo("2");

    Run attested = prover("attest");
    assertThat(attested.exit()).as(attested.err()).isZero();
    Session reader = Session.as(rpc, DevelopmentKeys.account(0));
    assertThat(reader.view(reader.models(false).hasAttested(new BigInteger(model), new BigInteger(version), DevelopmentKeys.account(4).getAddress())))
        .isTrue();

    pass(0, "propose", "deploy-model", "--model", model, "--version", version);
    assertThat(show(model, "state")).isEqualTo("Deployed");

    String request = field(as(0, "infer", "request", "--model", model, "--input", QUESTION, "--max-out", "200", "--json"), "request");
    Run posted = as(3, "infer", "result", "--request", request, "--output", ANSWER, "--json");
    assertThat(posted.exit()).as(posted.err()).isZero();

    Run proved = prover("prove");
    assertThat(proved.exit()).as(proved.err()).isZero();
    new DevChain(rpc).mine(org.openledger.contracts.prover.Provers.CHALLENGE_WINDOW.defaultValue().longValueExact() + 1);
    Run settled = prover("settle");
    assertThat(settled.exit()).as(settled.err()).isZero();

    JsonNode harbour = payouts(1);
    assertThat(harbour.size()).as("the quoted contributor's payouts").isEqualTo(1);
    assertThat(harbour.get(0).get("request").asText()).isEqualTo(request);
    assertThat(new BigInteger(harbour.get(0).get("score").asText())).isPositive();
    assertThat(harbour.get(0).get("amount").asText()).isNotEqualTo("0");
    assertThat(payouts(2)).as("the unquoted contributor's payouts").isEmpty();
  }

  @Test
  void registerSpansHelpSaysWhatTheVersionCommitsAndWhatComesNext() {
    Run r = OpenLedgerCommandTest.run("model", "register-spans", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("--model", "--min-tokens", "corpus root", "ol-bytes-v1", "openledger prover", "openledger propose deploy-model");
  }

  @Test
  void registeringAModelWhoseDatanetsHoldNoTextSaysHowToSubmitOne() throws Exception {
    String datanet = field(as(0, "datanet", "create", "--name", "pictures", "--deposit", "1", "--json"), "datanet");
    contribute(1, datanet, new byte[] {1, 2, 3, 4});
    String model = field(as(3, "model", "propose", "--name", "silent", "--datanets", datanet, "--json"), "model");

    Run r = as(3, "model", "register-spans", "--model", model);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no accepted text contribution", "1 accepted, none an OLT1 text", "openledger datanet submit --file");
  }

  @Test
  void registeringSomeoneElsesModelNamesTheOwner() throws Exception {
    String datanet = field(as(0, "datanet", "create", "--name", "not yours", "--deposit", "1", "--json"), "datanet");
    String model = field(as(3, "model", "propose", "--name", "theirs", "--datanets", datanet, "--json"), "model");

    Run r = as(2, "model", "register-spans", "--model", model);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("is owned by", "register with the owner's key");
  }

  @Test
  void factoryAttestRebuildsASpanVersionFromItsCorpusAndAttestsIt() throws Exception {
    String datanet = field(as(0, "datanet", "create", "--name", "lighthouse", "--deposit", "1", "--json"), "datanet");
    contribute(2, datanet, TextContribution.of(HARBOUR).encode());
    String model = approvedModel(datanet, "keeper");
    String version = field(as(3, "model", "register-spans", "--model", model, "--json"), "version");
    // account 1 bonds as a prover (attesters need the minimum bond), then attests by hand
    Run bonded = as(1, "prover", "--once", "--no-attest", "--data-dir", tmp.resolve("prover-bond-1").toString(), "--metrics-port", "-1", "--no-challenge");
    assertThat(bonded.exit()).as(bonded.err()).isZero();

    Run attested = as(1, "factory", "attest", "--model", model, "--version", version);

    assertThat(attested.exit()).as(attested.err()).isZero();
    assertThat(attested.out()).contains("attested version " + version);
    Session reader = Session.as(rpc, DevelopmentKeys.account(0));
    assertThat(reader.view(reader.models(false).hasAttested(new BigInteger(model), new BigInteger(version), DevelopmentKeys.account(1).getAddress())))
        .isTrue();
  }

  @Test
  void theAttesterDoesNotAttestASpanVersionWhoseCorpusRootTheAcceptedTextDoesNotBuild() throws Exception {
    String datanet = field(as(0, "datanet", "create", "--name", "gardens", "--deposit", "1", "--json"), "datanet");
    contribute(2, datanet, TextContribution.of("Prune the roses in late winter, just above an outward facing bud.").encode());
    String model = approvedModel(datanet, "gardener");
    Session owner = Session.as(rpc, DevelopmentKeys.account(3));
    byte[] wrongRoot = Keccak.hash("a corpus that was never accepted".getBytes(StandardCharsets.UTF_8));
    BigInteger version = Models.getVersionRegisteredEvents(owner.send(owner.models(true).registerVersion(new BigInteger(model),
        new Models.VersionSpec(wrongRoot, TextTokenizer.COMMITMENT.toArray(), wrongRoot, BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
            BigInteger.ONE, BigInteger.ZERO, BigInteger.ZERO, owner.sender(), BigInteger.ZERO, BigInteger.ZERO, BigInteger.valueOf(12)))))
        .get(0).version;

    Run r = prover("refuse");
    assertThat(r.exit()).as(r.err()).isZero();
    try (Journal journal = Journal.open(tmp.resolve("prover-refuse").resolve("attestations"))) {
      assertThat(journal.latest(new BigInteger(model).shiftLeft(128).or(version)).note()).contains("not attested: corpus root: registered");
    }
    assertThat(owner.view(owner.models(false).hasAttested(new BigInteger(model), version, DevelopmentKeys.account(4).getAddress()))).isFalse();
  }

  // ------------------------------------------------------------------ the CLI as each user

  static Run as(int user, String... args) {
    return OpenLedgerCommandTest.run(keys.signedAs(user, node.rpcUrl(), args));
  }

  /** {@code openledger prover --once} as account 4, with a journal of its own per call site (so each call sees every version). */
  static Run prover(String journal) {
    return as(4, "prover", "--once", "--data-dir", tmp.resolve("prover-" + journal).toString(), "--metrics-port", "-1", "--no-challenge");
  }

  static JsonNode payouts(int contributor) throws Exception {
    Run r = OpenLedgerCommandTest.run("payouts", "--contributor", DevelopmentKeys.account(contributor).getAddress(), "--rpc-url", node.rpcUrl(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    return r.out().isBlank() ? JSON.createArrayNode() : JSON.readTree(r.out());
  }

  static String field(Run r, String name) throws Exception {
    assertThat(r.exit()).as(r.err()).isZero();
    return JSON.readTree(r.out()).get(0).get(name).asText();
  }

  /** A field of {@code openledger model show}. */
  static String show(String model, String field) throws Exception {
    Run r = OpenLedgerCommandTest.run("model", "show", model, "--rpc-url", node.rpcUrl(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    for (JsonNode row : JSON.readTree(r.out())) if (row.get("field").asText().equals(field)) return row.get("value").asText();
    throw new AssertionError("model show has no " + field + ": " + r.out());
  }

  static void contribute(int user, String datanet, byte[] content) throws Exception {
    Path file = Files.write(Files.createTempFile(tmp, "contribution", ".bin"), content);
    String id = field(as(user, "datanet", "submit", "--datanet", datanet, "--file", file.toString(), "--json"), "contribution");
    field(as(0, "datanet", "accept", id, "--json"), "contribution");
  }

  /** Account 3 proposes a model on {@code datanet}; governance approves it. */
  static String approvedModel(String datanet, String name) throws Exception {
    String model = field(as(3, "model", "propose", "--name", name, "--datanets", datanet, "--json"), "model");
    pass(0, "propose", "approve-model", "--model", model);
    return model;
  }

  /** Proposes with the CLI, votes for it as accounts 0 and 1 (the genesis governance stake), queues and executes it. */
  static void pass(int proposer, String... propose) throws Exception {
    List<String> args = new ArrayList<>(List.of(propose));
    args.add("--json");
    String id = field(as(proposer, args.toArray(String[]::new)), "proposal");
    DevChain chain = new DevChain(rpc);
    chain.mine(((BigInteger) view(Governor.ADDRESS, Governor.VOTING_DELAY_FN)).longValueExact() + 1);
    for (int voter : new int[] {0, 1}) field(as(voter, "vote", id, "for", "--json"), "proposal");
    chain.mine(((BigInteger) view(Governor.ADDRESS, Governor.VOTING_PERIOD_FN)).longValueExact());
    field(as(proposer, "proposal", "queue", id, "--json"), "proposal");
    chain.mine(((BigInteger) view(Timelock.ADDRESS, Timelock.GET_MIN_DELAY)).longValueExact());
    assertThat(field(as(proposer, "proposal", "execute", id, "--json"), "state")).isEqualTo("Executed");
  }

  static Object view(org.openledger.precompiles.Address contract, FunctionSpec f, Object... args) {
    return f.decodeOutput(Session.as(rpc, DevelopmentKeys.account(0)).callRaw(contract.toHexString(), f.encodeCall(args)));
  }
}
