package org.openledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.cli.OpenLedgerCommandTest.Run;
import org.openledger.cli.devnet.DevelopmentKeystores;
import org.openledger.devnet.node.DevnetNode;

/** The chain commands against a real devnet node over JSON-RPC, signing with keystore files. */
class ProtocolCommandsTest {
  @TempDir static Path tmp;
  static DevnetNode node;
  static String url;
  static DevelopmentKeystores keys;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void startDevnet() throws Exception {
    node = DevnetNode.start(DevnetNode.Config.ephemeral(tmp.resolve("chain")));
    url = node.rpcUrl();
    keys = DevelopmentKeystores.write(tmp);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** Runs a command as development account {@code user}. */
  static Run as(int user, String... args) {
    return OpenLedgerCommandTest.run(keys.signedAs(user, url, args));
  }

  static JsonNode json(Run r) throws Exception {
    assertThat(r.exit()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  @Test
  void aContributionIsSubmittedThroughTheContentStoreAndAcceptedByTheCurator() throws Exception {
    JsonNode created = json(as(0, "datanet", "create", "--name", "cli shoes", "--deposit", "2", "--json"));
    String datanet = created.get(0).get("datanet").asText();
    Path file = Files.writeString(tmp.resolve("shoe.txt"), "a sandal, 28x28");
    JsonNode submitted = json(as(1, "datanet", "submit", "--datanet", datanet, "--file", file.toString(), "--json"));
    assertThat(submitted.get(0).get("deposit").asText()).isEqualTo("2");
    String contribution = submitted.get(0).get("contribution").asText();

    JsonNode accepted = json(as(0, "datanet", "accept", contribution, "--json"));
    assertThat(accepted.get(0).get("depositReturned").asText()).isEqualTo("2");
    JsonNode listed = json(as(1, "datanet", "contributions", "--json"));
    assertThat(listed.findValuesAsText("status")).contains("accepted");
  }

  @Test
  void aRefusedTransactionIsReportedAsTheContractsCustomErrorAndNothingIsSent() throws Exception {
    String datanet = json(as(0, "datanet", "create", "--name", "guarded", "--json")).get(0).get("datanet").asText();
    Path file = Files.writeString(tmp.resolve("x.txt"), "x");
    String contribution = json(as(1, "datanet", "submit", "--datanet", datanet, "--file", file.toString(), "--json")).get(0).get("contribution").asText();
    long before = node.devnet().chain().head().number();

    Run r = as(2, "datanet", "reject", contribution, "--reason", "not mine to curate");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: Datanets.reject was refused: NotCurator(").contains("nothing was sent");
    assertThat(node.devnet().chain().head().number()).isEqualTo(before);
  }

  @Test
  void aCommandThatSignsWithoutAKeySaysBothWaysToProvideOne() {
    Run r = OpenLedgerCommandTest.run("stake", "add", "--amount", "1", "--rpc-url", url);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--keystore FILE", "OPENLEDGER_PRIVATE_KEY");
  }

  @Test
  void aWrongKeystorePasswordIsAClearError() throws Exception {
    Path wrong = Files.writeString(tmp.resolve("wrong"), "nope\n");
    Run r = OpenLedgerCommandTest.run("stake", "add", "--amount", "1", "--rpc-url", url, "--keystore", keys.files().get(0), "--password-file", wrong.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("wrong password for keystore");
  }

  @Test
  void aModelIsProposedAndAnApprovalProposalIsVotedOn() throws Exception {
    String datanet = json(as(0, "datanet", "create", "--name", "for a model", "--json")).get(0).get("datanet").asText();
    String model = json(as(3, "model", "propose", "--name", "cli-model", "--datanets", datanet, "--json")).get(0).get("model").asText();
    String proposal = json(as(0, "propose", "approve-model", "--model", model, "--json")).get(0).get("proposal").asText();
    new org.openledger.cli.chain.DevChain(org.openledger.cli.chain.Connection.open(url)).mine(3);
    JsonNode vote = json(as(1, "vote", proposal, "for", "--json"));
    assertThat(vote.get(0).get("for").asText()).isEqualTo("10000");
    JsonNode list = json(OpenLedgerCommandTest.run("proposal", "list", "--rpc-url", url, "--json"));
    assertThat(list.findValuesAsText("state")).contains("Active");
  }

  @Test
  void theDevnetWithoutANodeAnswersWithHowToStartOne() {
    Run r = OpenLedgerCommandTest.run("datanet", "list", "--rpc-url", "http://127.0.0.1:1");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("cannot reach a node", "openledger devnet start");
  }
}
