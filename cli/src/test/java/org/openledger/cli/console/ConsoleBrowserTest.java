package org.openledger.cli.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.ImageContribution;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Pooling;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console end to end in a real headless Chromium, as its users would drive it: a Datanet is
 * created and contributed to, curated, a model proposed and approved by vote, a fine-tuning job
 * launched (the console's trainer trains and delivers it), the version voted to Deployed, an
 * inference requested, and the contributor's payout appears with the proof that settled it. Bad
 * input shows the contract's error in words; a double click sends once. Each page's screenshot is
 * saved under target/screenshots. Skips when Debian's chromium and chromium-driver are absent.
 * The steps run in order on one devnet.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target", "screenshots");
  static final Duration WAIT = Duration.ofSeconds(30);
  static final Duration TRAINING = Duration.ofMinutes(4);

  static ConsoleService console;
  static ConsoleClient api;
  static WebDriver browser;
  static Path files;
  static Path userData;

  @BeforeAll
  static void start() throws IOException {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "the console's browser tests need Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver): "
            + "apt-get install -y chromium chromium-driver (.ci/run installs them)");
    console = ConsoleService.devnet("127.0.0.1", 0, Duration.ofSeconds(1), true);
    api = new ConsoleClient(console.url());
    files = Files.createTempDirectory("console-files");
    userData = Files.createTempDirectory("console-chromium");
    Files.createDirectories(SHOTS);
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000", "--user-data-dir=" + userData);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    browser.get(console.url());
    await("the page to load the chain's status", () -> text("#chain").startsWith("chain 1337"));
  }

  @AfterAll
  static void stop() throws IOException {
    if (browser != null) browser.quit();
    if (console != null) console.close();
    for (Path dir : new Path[] {files, userData}) {
      if (dir == null) continue;
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      }
    }
  }

  // ---- the flow

  @Test
  @Order(1)
  void aDoubleClickedCreateMakesOneDatanet() {
    go("#/datanets");
    as("alice");
    fill("#create-datanet", "name", "fashion-mnist 14x14");
    fill("#create-datanet", "deposit", "1");
    WebElement button = browser.findElement(By.cssSelector("#create-datanet button"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].click(); arguments[0].click();", button);
    awaitMessage("Created Datanet 1");
    await("the new Datanet in the list", () -> text("#data").contains("fashion-mnist 14x14"));
    assertThat(api.get("/api/datanets").body()).hasSize(1);
    shot("datanets");
  }

  @Test
  @Order(2)
  void aWrongAmountShowsWhatIsWrongAndCreatesNothing() {
    fill("#create-datanet", "name", "typo");
    fill("#create-datanet", "deposit", "one");
    submit("#create-datanet");
    awaitError("deposit 'one' is not a number of OPEN (e.g. 12.5)");
    fill("#create-datanet", "deposit", "0");
    submit("#create-datanet");
    awaitError("ZeroDeposit() — The submission deposit must be positive");
    shot("datanets-error");
    assertThat(api.get("/api/datanets").body()).hasSize(1);
  }

  @Test
  @Order(3)
  void contributorsUploadFilesAndTheCuratorAcceptsThem() throws IOException {
    LabelledImages train = Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TRAIN));
    go("#/datanets/1");
    List<String> who = List.of("alice", "bob", "carol", "dave");
    int[][] classes = {{0, 1}, {2, 3, 4}, {5, 6, 7}, {8, 9}};
    for (int i = 0; i < who.size(); i++) {
      as(who.get(i));
      Path file = files.resolve(who.get(i) + ".oli");
      Files.write(file, contribution(train, classes[i], 50).encode());
      browser.findElement(By.cssSelector("#contribute input[name=content]")).sendKeys(file.toAbsolutePath().toString());
      submit("#contribute");
      awaitMessage("Submitted contribution " + (i + 1));
    }
    // a stranger cannot curate: the contract's error in words, and the contribution stays pending
    as("bob");
    clickIn("#contribution-1", "Accept");
    awaitError("NotCurator(1,");
    awaitError("Only the datanet's curator may curate its contributions.");
    shot("datanet-curate-error");
    as("alice");
    for (int id = 1; id <= who.size(); id++) {
      clickIn("#contribution-" + id, "Accept");
      int c = id;
      await("contribution " + id + " accepted", () -> text("#contribution-" + c).contains("accepted"));
    }
    shot("datanet");
  }

  @Test
  @Order(4)
  void aModelIsProposedAndApprovedByVote() {
    go("#/factory");
    as("dave");
    fill("#propose-model", "name", "fashion-classifier");
    fill("#propose-model", "datanets", "1");
    submit("#propose-model");
    awaitMessage("Proposed model 1");
    pass("approve", "1", "", List.of("alice", "bob"));
    go("#/factory");
    await("model 1 approved", () -> text("#model-1").contains("Approved"));
  }

  @Test
  @Order(5)
  void aLaunchedJobIsTrainedDeliveredAndAttestedWhileThePageFollowsIt() throws IOException {
    LabelledImages test = Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TEST));
    Path evaluation = files.resolve("evaluation.oli");
    Files.write(evaluation, ImageContribution.of(test, 0, 200, FashionMnist.CLASSES).encode());
    go("#/factory");
    as("dave");
    fill("#launch-job", "model", "1");
    browser.findElement(By.cssSelector("#launch-job input[name=evaluation]")).sendKeys(evaluation.toAbsolutePath().toString());
    fill("#launch-job", "minScore", "60");
    fill("#launch-job", "budget", "50");
    submit("#launch-job");
    awaitMessage("Opened job 1");
    await("the trainer to take the job", () -> !text("#job-1").contains("Open"));
    shot("factory-training");
    await(TRAINING, "the job to be delivered and attested", () -> text("#job-1").contains("and attested"));
    await("version 1 with its attestation", () -> text("#model-1").contains("v1 (1 attestation)"));
    shot("factory-delivered");
  }

  @Test
  @Order(6)
  void theVersionIsVotedToDeployed() {
    pass("deploy", "1", "1", List.of("alice", "bob", "carol"));
    shot("governance");
    go("#/factory");
    await("model 1 deployed", () -> text("#model-1").contains("Deployed"));
    shot("factory");
  }

  @Test
  @Order(7)
  void anInferenceIsAnsweredProvenSettledAndPaysTheContributorsWithItsProof() throws IOException {
    LabelledImages test = Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TEST));
    int size = test.images().size();
    Path input = files.resolve("input.bin");
    Files.write(input, java.util.Arrays.copyOfRange(test.images().pixels(), 0, size));
    go("#/inference");
    as("carol");
    fill("#request-inference", "model", "1");
    browser.findElement(By.cssSelector("#request-inference input[name=input]")).sendKeys(input.toAbsolutePath().toString());
    submit("#request-inference");
    awaitMessage("Requested inference 1");
    await("the host's answer", () -> text("#request-1").contains("Resulted"));
    go("#/prover/" + address("erin"));
    await("erin's proof", () -> text("#proofs").contains("0x"));
    shot("prover-proof");
    go("#/inference");
    submit("#mine");
    awaitMessage("Sealed blocks");
    await(Duration.ofSeconds(60), "settlement after the challenge window", () -> text("#request-1").contains("Settled"));
    shot("inference");
    // the contributors whose data influenced this output were paid: open the first one's page
    String paid = null;
    for (String name : List.of("alice", "bob", "carol", "dave")) {
      if (!api.get("/api/contributors/" + address(name)).body().get("payouts").isEmpty()) {
        paid = name;
        break;
      }
    }
    assertThat(paid).as("a contributor paid by the settled inference").isNotNull();
    go("#/contributor/" + address(paid));
    await(paid + "'s payout", () -> !browser.findElements(By.cssSelector("#payouts tr.payout")).isEmpty());
    assertThat(text("#payouts tr.payout")).contains("1 v1", "erin");
    assertThat(text("#payouts tr.payout .proof")).startsWith("0x");
    assertThat(browser.findElements(By.cssSelector("#earnings-chart circle"))).hasSize(1);
    assertThat(text("#earned")).isNotEqualTo("0");
    shot("contributor");
    go("#/prover/" + address("erin"));
    await("erin's earnings", () -> !text("#prover-earned").equals("0"));
    assertThat(text("#fraud-proofs")).contains("No one-step fraud proofs"); // an honest proof: nobody proved it wrong
    shot("prover");
  }

  // ---- governance through the page: propose, let voting open, vote, close, queue, wait, execute

  private static void pass(String kind, String model, String version, List<String> voters) {
    go("#/governance");
    as("alice");
    choose("#propose select[name=kind]", kind);
    fill("#propose", "model", model);
    fill("#propose", "version", version);
    submit("#propose");
    awaitMessage("created");
    String id = message().replaceAll(".*Proposal (\\d+) created.*", "$1");
    String row = "tr[data-proposal='" + id + "']";
    clickIn(row, "Skip to next stage");
    await("voting to open", () -> text(row).contains("Active"));
    for (String voter : voters) {
      as(voter);
      clickIn(row, "Vote for");
      awaitMessage("Vote for: done");
    }
    clickIn(row, "Skip to next stage");
    await("the vote to succeed", () -> text(row).contains("Succeeded"));
    clickIn(row, "Queue");
    await("the proposal queued", () -> text(row).contains("Queued"));
    clickIn(row, "Skip to next stage");
    awaitMessage("Skip to next stage: done");
    clickIn(row, "Execute");
    await("the proposal executed", () -> text(row).contains("Executed"));
  }

  // ---- driving the page

  /** The first {@code perClass} examples of each of {@code classes}, as one contribution. */
  private static ImageContribution contribution(LabelledImages data, int[] classes, int perClass) {
    int size = data.images().size();
    ByteArrayOutputStream px = new ByteArrayOutputStream();
    ByteArrayOutputStream labels = new ByteArrayOutputStream();
    int[] taken = new int[FashionMnist.CLASSES];
    for (int i = 0; i < data.size(); i++) {
      int y = data.label(i);
      if (java.util.Arrays.stream(classes).anyMatch(c -> c == y) && taken[y] < perClass) {
        taken[y]++;
        labels.write(y);
        px.write(data.images().pixels(), i * size, size);
      }
    }
    return new ImageContribution(data.images().rows(), data.images().cols(), FashionMnist.CLASSES, labels.toByteArray(), px.toByteArray());
  }

  private static String address(String name) {
    for (var s : api.get("/api/status").body().get("signers")) if (s.get("name").asText().equals(name)) return s.get("address").asText();
    throw new IllegalArgumentException(name);
  }

  private static void go(String hash) {
    browser.get(console.url() + hash);
    await("the page " + hash, () -> !browser.findElements(By.cssSelector("#data:not(.loading)")).isEmpty());
  }

  private static void as(String name) {
    choose("#signer", address(name));
  }

  /** Picks {@code value} in a select as a user would, so the page sees the change. */
  private static void choose(String css, String value) {
    WebElement select = browser.findElement(By.cssSelector(css));
    for (WebElement o : select.findElements(By.tagName("option"))) {
      if (o.getAttribute("value").equalsIgnoreCase(value)) {
        o.click();
        return;
      }
    }
    throw new IllegalArgumentException("no option " + value + " in " + css);
  }

  private static void fill(String form, String field, String value) {
    WebElement in = browser.findElement(By.cssSelector(form + " [name=" + field + "]"));
    in.clear();
    in.sendKeys(value);
  }

  private static void submit(String form) {
    ((JavascriptExecutor) browser).executeScript("document.querySelector('#message').innerHTML = ''");
    browser.findElement(By.cssSelector(form + " button")).click();
  }

  /** Clicks the button labelled {@code label} inside {@code container}, which a new block may re-render at any moment. */
  private static void clickIn(String container, String label) {
    await("a '" + label + "' button in " + container, () -> {
      for (WebElement b : browser.findElements(By.cssSelector(container + " button"))) {
        if (b.getText().equals(label) && b.isEnabled()) {
          ((JavascriptExecutor) browser).executeScript("document.querySelector('#message').innerHTML = ''");
          b.click();
          return true;
        }
      }
      return false;
    });
  }

  private static String message() {
    return text("#message");
  }

  private static void awaitMessage(String part) {
    await("the message '" + part + "'", () -> {
      if (!browser.findElements(By.cssSelector("#message .error")).isEmpty()) {
        throw new AssertionError("the page reported an error instead of '" + part + "': " + message());
      }
      return !browser.findElements(By.cssSelector("#message .ok")).isEmpty() && message().contains(part);
    });
  }

  private static void awaitError(String part) {
    await("the error '" + part + "'", () -> !browser.findElements(By.cssSelector("#message .error")).isEmpty() && message().contains(part));
  }

  private static String text(String css) {
    List<WebElement> found = browser.findElements(By.cssSelector(css));
    return found.isEmpty() ? "" : found.get(0).getText();
  }

  private static void await(String what, Supplier<Boolean> condition) {
    await(WAIT, what, condition);
  }

  private static void await(Duration limit, String what, Supplier<Boolean> condition) {
    long end = System.nanoTime() + limit.toNanos();
    while (true) {
      try {
        if (condition.get()) return;
      } catch (WebDriverException e) {
        // the element was re-rendered by a new block: look again
      }
      if (System.nanoTime() > end) {
        shot("failed");
        throw new AssertionError("waited " + limit.toSeconds() + " s for " + what + "; the page says: " + text("main"));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static void shot(String name) {
    try {
      Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
