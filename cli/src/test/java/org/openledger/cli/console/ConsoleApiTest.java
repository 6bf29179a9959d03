package org.openledger.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openledger.cli.devnet.DevelopmentKeys;

/**
 * The console's JSON API over real HTTP against a real devnet: writes go on-chain, bad input and
 * refused transactions come back as words and change nothing, and a repeated submit sends once.
 */
class ConsoleApiTest {
  static ConsoleService console;
  static ConsoleClient api;
  static final String ALICE = DevelopmentKeys.account(0).getAddress();
  static final String BOB = DevelopmentKeys.account(1).getAddress();

  @BeforeAll
  static void start() throws Exception {
    console = ConsoleService.devnet("127.0.0.1", 0, Duration.ZERO, false);
    api = new ConsoleClient(console.url());
  }

  @AfterAll
  static void stop() {
    if (console != null) console.close();
  }

  static int datanetCount() {
    return api.get("/api/datanets").body().size();
  }

  static String createDatanet(String name) {
    var r = api.post("/api/datanets", Map.of("name", name, "deposit", "1", "as", ALICE));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    return r.body().get("datanet").asText();
  }

  @Test
  void aCreatedDatanetIsListedWithItsOwnerAndDeposit() {
    String id = createDatanet("shoes");
    var d = api.get("/api/datanets/" + id).body();
    assertThat(d.get("name").asText()).isEqualTo("shoes");
    assertThat(d.get("owner").asText()).isEqualToIgnoringCase(ALICE);
    assertThat(d.get("deposit").asText()).isEqualTo("1");
  }

  @Test
  void aContributedFileIsStoredAndItsHashGoesOnChainAsPending() {
    String id = createDatanet("contributions");
    byte[] file = "a labelled example".getBytes();
    var r = api.post("/api/datanets/" + id + "/contributions", Map.of("content", Base64.getEncoder().encodeToString(file), "as", BOB));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    var list = api.get("/api/datanets/" + id).body().get("contributionList");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("status").asText()).isEqualTo("pending");
    assertThat(list.get(0).get("contributor").asText()).isEqualToIgnoringCase(BOB);
    assertThat(list.get(0).get("uri").asText()).endsWith(r.body().get("contentHash").asText());
  }

  @Test
  void aWrongAmountIsRefusedInWordsAndNothingIsSent() {
    int before = datanetCount();
    var r = api.post("/api/datanets", Map.of("name", "typo", "deposit", "1,5", "as", ALICE));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo("deposit '1,5' is not a number of OPEN (e.g. 12.5)");
    assertThat(datanetCount()).isEqualTo(before);
  }

  @Test
  void aJobForAnUnknownArchitectureIsRefusedInWordsAndNothingIsSent() {
    int before = api.get("/api/jobs").body().size();
    var r = api.post("/api/jobs", Map.of("model", "1", "evaluation", Base64.getEncoder().encodeToString(new byte[] {1}), "architecture", "transformer",
        "minScore", "70", "budget", "50", "as", ALICE));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo("architecture must be logistic or mlp, got transformer");
    assertThat(api.get("/api/jobs").body().size()).isEqualTo(before);
  }

  @Test
  void anUnknownDatanetIsNotFoundInTheContractsWordsAndNothingIsSent() {
    int before = datanetCount();
    var r = api.post("/api/datanets/999/contributions", Map.of("content", Base64.getEncoder().encodeToString(new byte[] {1}), "as", BOB));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.error()).contains("UnknownDatanet(999)", "No datanet has this id (ids start at 1).");
    assertThat(api.get("/api/datanets/999").status()).isEqualTo(404);
    assertThat(datanetCount()).isEqualTo(before);
  }

  @Test
  void aTransactionTheContractRefusesShowsItsCustomErrorInWordsAndChangesNothing() {
    int before = datanetCount();
    var r = api.post("/api/datanets", Map.of("name", "free", "deposit", "0", "as", ALICE));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.body().path("error").path("code").asText()).isEqualTo("reverted");
    assertThat(r.error()).contains("Datanets.create was refused: ZeroDeposit()",
        "The submission deposit must be positive: it is what a rejected (e.g. front-running) submitter loses.", "nothing was sent");
    assertThat(datanetCount()).isEqualTo(before);
  }

  @Test
  void onlyTheCuratorMayAcceptAndAStrangersAttemptLeavesTheContributionPending() {
    String id = createDatanet("curated");
    var c = api.post("/api/datanets/" + id + "/contributions", Map.of("content", Base64.getEncoder().encodeToString("x".getBytes()), "as", BOB));
    String contribution = c.body().get("contribution").asText();
    var r = api.post("/api/contributions/" + contribution + "/accept", Map.of("as", BOB));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.error()).contains("NotCurator(" + id, "Only the datanet's curator may curate its contributions.");
    assertThat(api.get("/api/datanets/" + id).body().get("contributionList").get(0).get("status").asText()).isEqualTo("pending");
  }

  @Test
  void theSameSubmitSentTwiceAtOnceSendsOneTransaction() {
    int before = datanetCount();
    String key = "double-click-1";
    List<CompletableFuture<ConsoleClient.Reply>> clicks = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      clicks.add(CompletableFuture.supplyAsync(() -> api.post("/api/datanets", Map.of("name", "once", "deposit", "2", "as", ALICE), key)));
    }
    var first = clicks.get(0).join();
    var second = clicks.get(1).join();
    assertThat(first.status()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(datanetCount()).isEqualTo(before + 1);
  }

  @Test
  void aSubmitWithoutAnIdempotencyKeyIsRefused() {
    int before = datanetCount();
    var r = api.post("/api/datanets", Map.of("name", "keyless", "deposit", "1"), null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).contains("Idempotency-Key");
    assertThat(datanetCount()).isEqualTo(before);
  }

  @Test
  void aKeyTheConsoleDoesNotHoldIsRefusedNamingTheOnesItHas() {
    var r = api.post("/api/datanets", Map.of("name", "stranger", "deposit", "1", "as", "0x000000000000000000000000000000000000dead"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).contains("holds no key for", "alice");
  }

  @Test
  void theStatusNamesTheChainTheHeadAndTheSigners() {
    var s = api.get("/api/status").body();
    assertThat(s.get("chainId").asLong()).isEqualTo(1337);
    assertThat(s.get("devnet").asBoolean()).isTrue();
    assertThat(s.get("signers").get(0).get("name").asText()).isEqualTo("alice");
  }

  @Test
  void staticPagesAreServedFromTheJavaProcess() {
    var http = java.net.http.HttpClient.newHttpClient();
    try {
      var page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(console.url())).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<script type=\"module\" src=\"/app.js\">");
      var js = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(console.url() + "app.js")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void forABrowserWalletTheTransactionIsReturnedUnsignedAndNothingIsSentUntilTheWalletSendsIt() throws Exception {
    int before = datanetCount();
    var r = api.post("/api/datanets", Map.of("name", "from a wallet", "deposit", "3", "wallet", true, "from", ALICE));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    assertThat(r.body().get("to").asText()).isEqualToIgnoringCase(org.openledger.contracts.web3j.OpenLedgerContracts.DATANETS);
    assertThat(datanetCount()).isEqualTo(before);
    // the wallet signs and sends what it was handed
    var wallet = org.openledger.cli.chain.Session.as(console.node(), DevelopmentKeys.account(0));
    wallet.sendRaw(r.body().get("to").asText(), org.apache.tuweni.bytes.Bytes.fromHexString(r.body().get("data").asText()),
        org.web3j.utils.Numeric.decodeQuantity(r.body().get("value").asText()));
    assertThat(datanetCount()).isEqualTo(before + 1);
    assertThat(api.get("/api/datanets").body().get(0).get("name").asText()).isEqualTo("from a wallet");
  }

  @Test
  void forABrowserWalletARefusedTransactionIsShownInWordsBeforeTheWalletIsAsked() {
    var r = api.post("/api/datanets", Map.of("name", "free", "deposit", "0", "wallet", true, "from", ALICE));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.error()).contains("Datanets.create was refused: ZeroDeposit()", "The submission deposit must be positive", "nothing was sent");
  }
}
