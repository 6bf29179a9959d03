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
      "Run the OpenLedger protocol end to end on a fresh devnet, as five separate users.",
      "",
      "Starts a devnet in a temporary directory (or uses --rpc-url), then: a Datanet is created,",
      "contributions are submitted and curated, a model is proposed, approved by vote, trained,",
      "attested and deployed by vote, stakers stake, and inference requests escrow fees and receive",
      "results. Settlement waits for a verified proof of attribution, so requests stay pending:",
      "no contributor is paid without one. The users' keys come from the public test mnemonic:",
      "DEVELOPMENT ONLY. Exits 1 if OPEN was not conserved."
    })
public final class DemoCommand implements Callable<Integer> {
  private static final int STEPS = 10;

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
      new User("erin", "prover (bonds, attests) and staker", DevelopmentKeys.account(4)));

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

    // 1. a Datanet
    TransactionReceipt r = as(alice).send(as(alice).datanets(true).create("fashion-mnist: footwear", "openledger:demo/footwear", open("1"), BigInteger.ZERO));
    BigInteger datanet = Datanets.getDatanetCreatedEvents(r).get(0).datanetId;
    step("alice created Datanet " + datanet + " (deposit 1 OPEN per contribution)");

    // 2. contributions
    List<BigInteger> contributions = new ArrayList<>();
    String[][] samples = {{"bob", "sandal, 28x28 grayscale, label 5"}, {"bob", "sneaker, 28x28 grayscale, label 7"},
        {"carol", "ankle boot, 28x28 grayscale, label 9"}, {"carol", "sneaker, 28x28 grayscale, label 7"}};
    for (String[] s : samples) {
      User u = s[0].equals("bob") ? bob : carol;
      byte[] content = s[1].getBytes(StandardCharsets.UTF_8);
      String contentHash = new ContentStore(node).put(content);
      byte[] commitment = Keccak.hash(content, org.web3j.utils.Numeric.hexStringToByteArray(u.address()));
      TransactionReceipt c = as(u).send(as(u).datanets(true).submit(datanet, commitment, "openledger:content/" + contentHash, open("1")));
      contributions.add(Datanets.getContributionSubmittedEvents(c).get(0).contributionId);
    }
    step(bob.name() + " and " + carol.name() + " submitted " + contributions.size() + " contributions (content in the node's content store, keccak(content ‖ contributor) on-chain)");

    // 3. curation
    for (int i = 0; i < 3; i++) {
      byte[] content = samples[i][1].getBytes(StandardCharsets.UTF_8);
      as(alice).send(as(alice).datanets(true).accept(contributions.get(i), Keccak.hash(content)));
    }
    as(alice).send(as(alice).datanets(true).reject(contributions.get(3), "same image as contribution " + contributions.get(1)));
    step("alice accepted 3 contributions (deposits returned) and rejected 1 (deposit slashed to the treasury)");

    // 4. a model
    r = as(dave).send(as(dave).models(true).propose(BigInteger.ZERO, List.of(datanet), "footwear-classifier", "openledger:demo/model"));
    BigInteger model = Models.getModelProposedEvents(r).get(0).modelId;
    step("dave proposed model " + model + " trained on Datanet " + datanet);

    // 5. approved by vote
    BigInteger approval = pass(Proposals.approveModel(model, "Approve footwear-classifier"), alice, List.of(alice, bob), List.of(carol));
    step("governance approved model " + model + " (proposal " + shortId(approval) + ": alice and bob for, carol abstained)  → " + modelState(model));

    // 6. training job and a version
    as(dave).send(as(dave).services(true).openJob(model, Keccak.hash("footwear training set".getBytes(StandardCharsets.UTF_8)), BigInteger.ZERO,
        BigInteger.valueOf(1000), open("50")));
    Models.VersionSpec spec = new Models.VersionSpec(label("weights"), label("basis"), label("index"), BigInteger.valueOf(100),
        BigInteger.valueOf(1000), BigInteger.ZERO, BigInteger.ZERO, BigInteger.valueOf(784), BigInteger.TEN, dave.address(),
        open("0.5"), open("1"), BigInteger.valueOf(512));
    r = as(dave).send(as(dave).models(true).registerVersion(model, spec));
    BigInteger version = Models.getVersionRegisteredEvents(r).get(0).version;
    step("dave funded a training job (50 OPEN) and registered version " + version + " → " + modelState(model)
        + " (its weight, basis and index roots are labels until the prover trains real ones: issue [7/9])");

    // 7. prover bonds and attests
    as(erin).send(as(erin).provers(true).bond(open("1000")));
    as(erin).send(as(erin).provers(true).attest(model, version));
    step("erin bonded 1,000 OPEN as a prover and attested version " + version);

    // 8. deployed by vote
    BigInteger deployment = pass(Proposals.deployModel(model, version, "Deploy footwear-classifier v" + version), alice, List.of(alice, bob, carol), List.of());
    step("governance deployed version " + version + " (proposal " + shortId(deployment) + ")  → " + modelState(model));

    // 9. stake behind the model
    r = as(erin).send(as(erin).staking(true).stake(model, open("500")));
    BigInteger position = Staking.getStakedEvents(r).get(0).positionId;
    BigInteger warmup = (BigInteger) view(Addresses.STAKING, org.openledger.contracts.staking.Staking.WARMUP_BLOCKS_FN);
    new DevChain(node).mine(warmup.longValueExact() + 1);
    as(erin).send(as(erin).staking(true).activate(position));
    step("erin staked 500 OPEN behind model " + model + " (position " + position + ", active after a " + warmup + "-block warm-up)");

    // 10. inference
    Output requests = new Output("request", "model", "inTokens", "outTokens", "escrow", "fee", "refund on settlement", "state");
    for (String prompt : List.of("image: test set #17 (28x28 grayscale)", "image: test set #42 (28x28 grayscale)")) {
      // a classifier version: fixed token counts (784 pixels in, 10 class scores out), not reported by anyone
      BigInteger in = spec.fixedInTokens, maxOut = spec.fixedOutTokens;
      BigInteger maxFee = as(carol).view(as(carol).inference(false).quote(model, version, in, maxOut));
      r = as(carol).send(as(carol).inference(true).request(model, version, Keccak.hash(prompt.getBytes(StandardCharsets.UTF_8)), in, maxOut, maxFee));
      BigInteger id = Inference.getRequestedEvents(r).get(0).requestId;
      byte[] output = ("class scores for " + prompt).getBytes(StandardCharsets.UTF_8);
      TransactionReceipt result = as(dave).send(as(dave).inference(true).submitResult(id, Keccak.hash(output), maxOut));
      BigInteger fee = Inference.getResultedEvents(result).get(0).fee; // what settlement will charge
      Inference.Request req = as(carol).view(as(carol).inference(false).getRequest(id));
      requests.row(id, model + " v" + version, req.inTokens, req.outTokens, Open.format(req.escrow), Open.format(fee),
          Open.format(req.escrow.subtract(fee)), "Resulted — settlement pending a verified proof");
    }
    step("carol requested 2 inferences (max fee escrowed) and dave, the host, posted their results");
    out.println();
    requests.print(out, false);
    out.println("Nothing has been paid to contributors, stakers or the owner yet: settlement runs only through a verified");
    out.println("proof of attribution after its challenge window (the prover arrives with issue [7/9]). No other path pays.");

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

  private static byte[] label(String what) {
    return Keccak.hash(("openledger demo " + what).getBytes(StandardCharsets.UTF_8));
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
