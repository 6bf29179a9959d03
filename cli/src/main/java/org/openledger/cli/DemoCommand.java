package org.openledger.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.openledger.cli.chain.Connection;
import org.openledger.cli.chain.ContentStore;
import org.openledger.cli.chain.DevChain;
import org.openledger.cli.chain.Open;
import org.openledger.cli.chain.Output;
import org.openledger.cli.chain.Session;
import org.openledger.cli.chain.RpcContentSource;
import org.openledger.cli.factory.Trainer;
import org.openledger.cli.prover.ProverLoop;
import org.openledger.cli.prover.ProverMetrics;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.prover.daemon.Journal;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.ImageContribution;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Pooling;
import org.openledger.prover.eval.Progress;
import org.openledger.prover.factory.JobSpec;
import org.openledger.prover.factory.LogisticFactory;
import org.openledger.prover.proof.LogisticProofEngine;
import org.web3j.utils.Numeric;
import org.openledger.cli.devnet.DevelopmentKeys;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.web3j.Datanets;
import org.openledger.contracts.web3j.Inference;
import org.openledger.contracts.web3j.Models;
import org.openledger.contracts.web3j.Staking;
import org.openledger.devnet.genesis.GenesisConfig;
import org.openledger.devnet.node.DevnetNode;
import org.openledger.governance.GovernanceContracts;
import org.openledger.governance.governor.Governor;
import org.openledger.governance.proposals.Proposal;
import org.openledger.governance.proposals.Proposals;
import org.openledger.governance.timelock.Timelock;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.contract.FunctionSpec;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code openledger demo}: the protocol end to end on a fresh devnet, as five separate users
 * signing their own transactions over JSON-RPC with the generated web3j wrappers.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the OpenLedger protocol end to end on a fresh devnet, with real data, real training and real proofs.",
      "",
      "Starts a devnet in a temporary directory (or uses --rpc-url). Five contributors each submit 100 labelled "
          + "Fashion-MNIST images (two classes each, 2x2-pooled to 14x14) to a Datanet, curated by its owner; a model is "
          + "proposed and approved by vote; a ModelFactory trainer trains it, builds its attribution index and delivers "
          + "it; a prover rebuilds and attests it; it is deployed by vote and staked on; inference requests are answered "
          + "by the host, proven by the prover's daemon (Proof of Attribution, verified on-chain) and settled after the "
          + "challenge window. It prints what each contributor's data influenced and earned. The users' keys come from "
          + "the public test mnemonic: DEVELOPMENT ONLY. Exits 1 if OPEN was not conserved."
    })
public final class DemoCommand implements Callable<Integer> {
  private static final int STEPS = 12;

  @Option(names = "--rpc-url", paramLabel = "URL",
      description = "Run against this devnet instead of a fresh one (it must use the default devnet genesis: the demo's users are its funded accounts).")
  String url;

  private final PrintStream out = System.out;
  private Connection node;
  private int step;

  private record User(String name, String role, Credentials key) {
    String address() {
      return key.getAddress();
    }
  }

  private final List<User> users = List.of(
      new User("alice", "Datanet owner and curator; votes with 20,000 genesis OPEN", DevelopmentKeys.account(0)),
      new User("bob", "contributor; votes with 10,000 genesis OPEN", DevelopmentKeys.account(1)),
      new User("carol", "contributor and inference user; votes with 5,000 genesis OPEN", DevelopmentKeys.account(2)),
      new User("dave", "model owner and its inference host", DevelopmentKeys.account(3)),
      new User("erin", "ModelFactory trainer, prover (bonds, attests, proves) and staker", DevelopmentKeys.account(4)),
      new User("frank", "contributor", DevelopmentKeys.account(5)),
      new User("grace", "contributor", DevelopmentKeys.account(6)),
      new User("heidi", "contributor", DevelopmentKeys.account(7)));

  @Override
  public Integer call() throws Exception {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    Path dir = null;
    DevnetNode devnet = null;
    try {
      if (url == null) {
        dir = Files.createTempDirectory("openledger-demo");
        devnet = DevnetNode.start(DevnetNode.Config.ephemeral(dir));
        url = devnet.rpcUrl();
        out.println("Fresh devnet at " + url + " (chain id " + devnet.devnet().chain().chainId() + ", data in " + dir + ")");
      }
      node = Connection.open(url);
      out.println("Users (keys of the public test mnemonic — DEVELOPMENT ONLY):");
      Output who = new Output("user", "address", "role");
      for (User u : users) who.row(u.name(), u.address(), u.role());
      who.print(out, false);
      out.println();
      Map<String, BigInteger> before = balances();
      int result = run(before, devnet != null);
      node.close();
      return result;
    } finally {
      if (devnet != null) devnet.close();
      if (dir != null) deleteTree(dir);
    }
  }

  private int run(Map<String, BigInteger> before, boolean fresh) {
    User alice = users.get(0), bob = users.get(1), carol = users.get(2), dave = users.get(3), erin = users.get(4);
    List<User> contributors = List.of(bob, carol, users.get(5), users.get(6), users.get(7));
    LabelledImages train = Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TRAIN));
    LabelledImages test = Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TEST));

    // 1. a Datanet, and OPEN for the contributors who have none
    TransactionReceipt r = as(alice).send(as(alice).datanets(true).create("fashion-mnist 14x14", "openledger:demo/fashion-mnist", open("1"), BigInteger.ZERO));
    BigInteger datanet = Datanets.getDatanetCreatedEvents(r).get(0).datanetId;
    for (User u : contributors.subList(2, 5)) as(alice).sendRaw(u.address(), org.apache.tuweni.bytes.Bytes.EMPTY, open("5"));
    step("alice created Datanet " + datanet + " (deposit 1 OPEN per contribution) and sent frank, grace and heidi 5 OPEN each");

    // 2. contributions: each contributor owns two classes
    List<BigInteger> accepted = new ArrayList<>();
    Output who = new Output("contributor", "classes", "images", "contribution");
    for (int i = 0; i < contributors.size(); i++) {
      User u = contributors.get(i);
      byte[] content = classes(train, 2 * i, 2 * i + 1, 50).encode();
      BigInteger id = contribute(u, datanet, content);
      accepted.add(id);
      who.row(u.name(), FashionMnist.CLASS_NAMES.get(2 * i) + ", " + FashionMnist.CLASS_NAMES.get(2 * i + 1), 100, id);
    }
    ImageContribution mislabelled = mislabelled(classes(train, 7, 7, 20));
    BigInteger bad = contribute(carol, datanet, mislabelled.encode());
    step("five contributors submitted 100 labelled images each, and carol a batch of 20 sneakers labelled as other classes "
        + "(content in the node's content store, keccak(content ‖ contributor) on-chain)");
    who.print(out, false);

    // 3. curation
    for (BigInteger id : accepted) {
      as(alice).send(as(alice).datanets(true).accept(id, contentHashOf(id)));
    }
    as(alice).send(as(alice).datanets(true).reject(bad, "mislabelled: these are sneakers"));
    step("alice accepted the five contributions (deposits returned) and rejected the mislabelled one (deposit slashed to the treasury)");

    // 4. a model
    r = as(dave).send(as(dave).models(true).propose(BigInteger.ZERO, List.of(datanet), "fashion-classifier", "openledger:demo/model"));
    BigInteger model = Models.getModelProposedEvents(r).get(0).modelId;
    step("dave proposed model " + model + " trained on Datanet " + datanet);

    // 5. approved by vote
    BigInteger approval = pass(Proposals.approveModel(model, "Approve fashion-classifier"), alice, List.of(alice, bob), List.of(carol));
    step("governance approved model " + model + " (proposal " + shortId(approval) + ": alice and bob for, carol abstained)  → " + modelState(model));

    // 6. a ModelFactory job, trained and delivered by erin
    byte[] evaluation = ImageContribution.of(test, 0, 200, FashionMnist.CLASSES).encode();
    ContentStore store = new ContentStore(node);
    // the job says what to train (factory open's specification): logistic regression with the default settings
    JobSpec spec = new JobSpec(org.apache.tuweni.bytes.Bytes32.fromHexString(store.put(evaluation)), LogisticFactory.Config.defaults());
    store.put(spec.encode());
    r = as(dave).send(as(dave).services(true).openJob(model, spec.root().toArray(), BigInteger.valueOf(7_000), BigInteger.valueOf(1_000), open("50")));
    BigInteger job = org.openledger.contracts.web3j.Services.getJobOpenedEvents(r).get(0).jobId;
    Trainer.Delivery delivery = new Trainer(as(erin), LogisticFactory.Config.defaults(), Progress.NONE).deliver(job, open("0.5"), open("1"));
    BigInteger version = delivery.version();
    step(String.format("dave funded job %s (50 OPEN, 200 evaluation images, at least 70%%); erin trained on the %d accepted images, built the "
        + "attribution index (k = %d, %d leaves) and delivered version %s, %.1f%% accurate  → %s", job, delivery.examples(),
        delivery.artifacts().rank(), delivery.leaves(), version, delivery.evaluationScoreBp() / 100.0, modelState(model)));

    // 7. prover bonds, rebuilds and attests
    as(erin).send(as(erin).provers(true).bond(open("1000")));
    var mismatch = new Trainer(as(erin), LogisticFactory.Config.defaults(), Progress.NONE).attest(model, version);
    if (mismatch.isPresent()) throw new IllegalStateException("erin's rebuild does not match version " + version + ": " + mismatch.get());
    step("erin bonded 1,000 OPEN as a prover, rebuilt version " + version + " from the chain's data and attested it");

    // 8. deployed by vote
    BigInteger deployment = pass(Proposals.deployModel(model, version, "Deploy fashion-classifier v" + version), alice, List.of(alice, bob, carol), List.of());
    step("governance deployed version " + version + " (proposal " + shortId(deployment) + ")  → " + modelState(model));

    // 9. stake behind the model
    r = as(erin).send(as(erin).staking(true).stake(model, open("500")));
    BigInteger position = Staking.getStakedEvents(r).get(0).positionId;
    BigInteger warmup = (BigInteger) view(Addresses.STAKING, org.openledger.contracts.staking.Staking.WARMUP_BLOCKS_FN);
    new DevChain(node).mine(warmup.longValueExact() + 1);
    as(erin).send(as(erin).staking(true).activate(position));
    step("erin staked 500 OPEN behind model " + model + " (position " + position + ", active after a " + warmup + "-block warm-up)");

    // 10. inference, answered by the host from the committed weights
    FixedLogistic served = delivery.whole().logistic();
    Map<BigInteger, Integer> classOf = new LinkedHashMap<>();
    for (int wanted : List.of(7, 1, 8)) {
      int image = firstOf(test, wanted);
      byte[] pixels = java.util.Arrays.copyOfRange(test.images().pixels(), image * test.images().size(), (image + 1) * test.images().size());
      String inputHash = new ContentStore(node).put(pixels);
      BigInteger in = BigInteger.valueOf(served.features()), maxOut = BigInteger.ONE;
      BigInteger maxFee = as(carol).view(as(carol).inference(false).quote(model, version, in, maxOut));
      r = as(carol).send(as(carol).inference(true).request(model, version, Numeric.hexStringToByteArray(inputHash), in, maxOut, maxFee));
      BigInteger id = Inference.getRequestedEvents(r).get(0).requestId;
      int predicted = served.predict(pixels);
      as(dave).send(as(dave).inference(true).submitResult(id, Keccak.hash(FraudChecks.classOutput(predicted)), maxOut));
      classOf.put(id, predicted);
    }
    step("carol requested 3 inferences on test images (escrowing the maximum fee); dave, the host, answered each with the committed model: "
        + classOf.values().stream().map(FashionMnist.CLASS_NAMES::get).toList());

    // 11. erin's prover daemon proves, then settles after the challenge window
    settle(erin, classOf.size());
    step("erin's prover proved each request (Proof of Attribution, verified on-chain), waited out the challenge window and settled");

    // 12. what each contributor's data earned
    out.println();
    Output paid = new Output("request", "output", "contributor", "score", "share", "paid (OPEN)");
    for (var e : contributorPaid()) {
      BigInteger total = e.getValue().stream().map(c -> c.score).reduce(BigInteger.ZERO, BigInteger::add);
      for (var c : e.getValue()) {
        paid.row(e.getKey(), FashionMnist.CLASS_NAMES.get(classOf.get(e.getKey())), name(c.contributor), c.score,
            String.format("%.1f%%", 100.0 * c.score.doubleValue() / total.doubleValue()), Open.format(c.amount));
      }
    }
    step("each contributor was paid its share of the contributor pool, in proportion to its data's verified influence on the output:");
    paid.print(out, false);
    out.println("(openledger payouts --contributor ADDRESS lists the same per contributor, with the proof of each)");

    out.println();
    Map<String, BigInteger> after = balances();
    Output balances = new Output("account", "before", "after", "change");
    for (String name : after.keySet()) {
      BigInteger b = before.getOrDefault(name, BigInteger.ZERO), a = after.get(name);
      balances.row(name, Open.format(b), Open.format(a), (a.compareTo(b) >= 0 ? "+" : "-") + Open.format(a.subtract(b).abs()));
    }
    balances.print(out, false);
    BigInteger burned = new DevChain(node).burned();
    out.println("base fees burned: " + Open.format(burned) + " OPEN");
    if (fresh) {
      BigInteger supply = GenesisConfig.defaultDevnet().alloc().values().stream().reduce(BigInteger.ZERO, BigInteger::add);
      BigInteger held = after.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
      boolean conserved = held.add(burned).equals(supply);
      out.println("conservation: balances " + Open.format(held) + " + burned " + Open.format(burned) + " = " + Open.format(held.add(burned))
          + (conserved ? " = genesis supply ✓" : " ≠ genesis supply " + Open.format(supply) + " ✗"));
      return conserved ? 0 : 1;
    }
    return 0;
  }

  private BigInteger contribute(User u, BigInteger datanet, byte[] content) {
    String contentHash = new ContentStore(node).put(content);
    byte[] commitment = Keccak.hash(content, Numeric.hexStringToByteArray(u.address()));
    TransactionReceipt c = as(u).send(as(u).datanets(true).submit(datanet, commitment, "openledger:content/" + contentHash, open("1")));
    return Datanets.getContributionSubmittedEvents(c).get(0).contributionId;
  }

  /** The keccak of a contribution's content, as its curator computes it before accepting. */
  private byte[] contentHashOf(BigInteger contribution) {
    String uri = as(users.get(0)).view(as(users.get(0)).datanets(false).contribution(contribution)).metadataURI;
    return Numeric.hexStringToByteArray(uri.substring(uri.lastIndexOf('/') + 1));
  }

  /** The first {@code perClass} examples of classes {@code a} and {@code b}, as one contribution. */
  private static ImageContribution classes(LabelledImages data, int a, int b, int perClass) {
    int size = data.images().size();
    java.io.ByteArrayOutputStream px = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream labels = new java.io.ByteArrayOutputStream();
    int[] taken = new int[FashionMnist.CLASSES];
    for (int i = 0; i < data.size(); i++) {
      int y = data.label(i);
      if ((y == a || y == b) && taken[y] < perClass * (a == b ? 1 : 1)) {
        taken[y]++;
        labels.write(y);
        px.write(data.images().pixels(), i * size, size);
      }
    }
    return new ImageContribution(data.images().rows(), data.images().cols(), FashionMnist.CLASSES, labels.toByteArray(), px.toByteArray());
  }

  private static ImageContribution mislabelled(ImageContribution c) {
    byte[] labels = c.labels().clone();
    for (int i = 0; i < labels.length; i++) labels[i] = (byte) (i % 5);
    return new ImageContribution(c.rows(), c.cols(), c.classes(), labels, c.pixels());
  }

  private static int firstOf(LabelledImages data, int label) {
    for (int i = 0; i < data.size(); i++) if (data.label(i) == label) return i;
    throw new IllegalStateException("no test image of class " + label);
  }

  /** Runs the prover daemon's loop as {@code prover} until {@code requests} requests are settled. */
  private void settle(User prover, int requests) {
    Path journal;
    try {
      journal = Files.createTempDirectory("openledger-demo-prover");
    } catch (IOException e) {
      throw new UserError("cannot create the prover's journal directory: " + e.getMessage());
    }
    try (Journal j = Journal.open(journal.resolve("journal"))) {
      Session s = as(prover);
      ProverLoop loop = new ProverLoop(s, j, new LogisticProofEngine(new RpcContentSource(new ContentStore(node))), new ProverMetrics(), 0);
      loop.tick(); // claims and proves every request
      if (loop.open().size() != requests) throw new IllegalStateException("the prover is working on " + loop.open().size() + " of " + requests + " requests");
      BigInteger window = s.view(s.provers(false).parameters()).component3();
      new DevChain(node).mine(window.longValueExact() + 1);
      loop.tick(); // settles them
      if (!loop.open().isEmpty()) throw new IllegalStateException(loop.open().size() + " requests were not settled");
    } catch (IOException e) {
      throw new UserError("the prover's journal: " + e.getMessage());
    } finally {
      try {
        deleteTree(journal);
      } catch (IOException ignored) {
        // a temporary directory
      }
    }
  }

  /** ContributorPaid events by request, in request order. */
  private List<Map.Entry<BigInteger, List<Inference.ContributorPaidEventResponse>>> contributorPaid() {
    org.web3j.protocol.core.methods.request.EthFilter filter = new org.web3j.protocol.core.methods.request.EthFilter(
        org.web3j.protocol.core.DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, Addresses.INFERENCE.toHexString());
    filter.addSingleTopic(org.web3j.abi.EventEncoder.encode(Inference.CONTRIBUTORPAID_EVENT));
    Map<BigInteger, List<Inference.ContributorPaidEventResponse>> by = new java.util.TreeMap<>();
    try {
      for (var result : node.web3j().ethGetLogs(filter).send().getLogs()) {
        var e = Inference.getContributorPaidEventFromLog((org.web3j.protocol.core.methods.response.Log) result.get());
        by.computeIfAbsent(e.requestId, k -> new ArrayList<>()).add(e);
      }
    } catch (IOException e) {
      throw new UserError("cannot read logs from " + node.url() + ": " + e.getMessage());
    }
    return new ArrayList<>(by.entrySet());
  }

  private String name(String address) {
    for (User u : users) if (u.address().equalsIgnoreCase(address)) return u.name();
    return address;
  }

  /** Propose, vote, wait out the delay and period, queue, wait out the Timelock, execute; returns the id. */
  private BigInteger pass(Proposal p, User proposer, List<User> forVoters, List<User> abstainers) {
    DevChain chain = new DevChain(node);
    as(proposer).sendRaw(Governor.ADDRESS.toHexString(), p.proposeCalldata(), BigInteger.ZERO);
    BigInteger id = p.id(Address.fromHex(proposer.address()));
    chain.mine(((BigInteger) view(Governor.ADDRESS, Governor.VOTING_DELAY_FN)).longValueExact() + 1);
    for (User u : forVoters) as(u).sendRaw(Governor.ADDRESS.toHexString(), Governor.CAST_VOTE.encodeCall(id, BigInteger.valueOf(Governor.FOR)), BigInteger.ZERO);
    for (User u : abstainers) as(u).sendRaw(Governor.ADDRESS.toHexString(), Governor.CAST_VOTE.encodeCall(id, BigInteger.valueOf(Governor.ABSTAIN)), BigInteger.ZERO);
    chain.mine(((BigInteger) view(Governor.ADDRESS, Governor.VOTING_PERIOD_FN)).longValueExact());
    as(proposer).sendRaw(Governor.ADDRESS.toHexString(), p.queueCalldata(Address.fromHex(proposer.address())), BigInteger.ZERO);
    chain.mine(((BigInteger) view(Timelock.ADDRESS, Timelock.GET_MIN_DELAY)).longValueExact());
    as(proposer).sendRaw(Governor.ADDRESS.toHexString(), p.executeCalldata(Address.fromHex(proposer.address())), BigInteger.ZERO);
    int state = ((BigInteger) view(Governor.ADDRESS, Governor.STATE, id)).intValueExact();
    if (state != Governor.EXECUTED) throw new IllegalStateException("proposal " + id + " ended in state " + state + ", not Executed");
    return id;
  }

  private Session as(User u) {
    return Session.as(node, u.key());
  }

  private Object view(Address contract, FunctionSpec f, Object... args) {
    return f.decodeOutput(as(users.get(0)).callRaw(contract.toHexString(), f.encodeCall(args)));
  }

  private String modelState(BigInteger model) {
    return org.openledger.cli.model.ModelCommand.state(as(users.get(0)).view(as(users.get(0)).models(false).model(model)).state);
  }

  /** Every account the demo touches: its users, the contracts and the treasury. */
  private Map<String, BigInteger> balances() {
    Map<String, BigInteger> out = new LinkedHashMap<>();
    for (User u : users) out.put(u.name(), balance(u.address()));
    for (var e : GovernanceContracts.withCatalog()) out.put(e.name() + (e.address().equals(Addresses.TREASURY) ? " (treasury)" : ""), balance(e.address().toHexString()));
    return out;
  }

  private BigInteger balance(String address) {
    try {
      return node.web3j().ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
    } catch (IOException e) {
      throw new UserError("cannot read balances from " + node.url() + ": " + e.getMessage());
    }
  }

  private void step(String what) {
    step++;
    out.printf("[%2d/%d] %s%n", step, STEPS, what);
    out.flush();
  }

  private static BigInteger open(String amount) {
    return Open.parse(amount, "amount");
  }

  private static String shortId(BigInteger id) {
    String s = id.toString();
    return s.length() > 12 ? s.substring(0, 6) + "…" + s.substring(s.length() - 4) : s;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
