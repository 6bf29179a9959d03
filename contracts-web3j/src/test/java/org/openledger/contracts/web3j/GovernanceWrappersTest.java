package org.openledger.contracts.web3j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openledger.governance.proposals.Proposal;
import org.openledger.governance.proposals.Proposals;
import org.openledger.precompiles.Address;
import org.web3j.abi.CustomErrorEncoder;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.tx.ClientTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Convert;
import org.web3j.utils.Numeric;

/**
 * Governance driven only through the generated wrappers ({@link Governor}, {@link Staking},
 * {@link Inference}) against the real contracts on a {@link FakeNode}, at the default parameters
 * (voting delay, period and Timelock delay in blocks; the node mines them instantly). The body of
 * {@link #aParameterChangeIsProposedVotedQueuedAndExecutedThroughTheWrappers} between the {@code
 * example} markers is quoted in docs/governance.md, and {@link #docsGovernanceMdQuotesTheExampleVerbatim}
 * keeps the two equal.
 */
class GovernanceWrappersTest {
  static final Path SOURCE = Path.of("src/test/java/org/openledger/contracts/web3j/GovernanceWrappersTest.java");
  static final String BEGIN = "// example:begin";
  static final String END = "// example:end";
  static final String DOC_BEGIN = "<!-- example:begin (quoted from contracts-web3j/" + SOURCE + "; GovernanceWrappersTest checks it) -->";
  static final String DOC_END = "<!-- example:end -->";

  static final BigInteger OPEN = BigInteger.TEN.pow(18);
  static final Address ALICE = Address.of(0xa11ce);
  static final Address BOB = Address.of(0xb0b);

  private final FakeNode node = new FakeNode();
  private final Web3j web3j = Web3j.build(node);
  private final ContractGasProvider gas = new StaticGasProvider(BigInteger.ZERO, BigInteger.valueOf(10_000_000));
  private final TransactionManager alice = new ClientTransactionManager(web3j, ALICE.toHexString());
  private final TransactionManager bob = new ClientTransactionManager(web3j, BOB.toHexString());

  GovernanceWrappersTest() {
    node.fund(ALICE, OPEN.multiply(BigInteger.valueOf(100_000)));
    node.fund(BOB, OPEN.multiply(BigInteger.valueOf(100_000)));
  }

  @AfterEach
  void close() {
    web3j.shutdown();
  }

  /**
   * Waits until the chain's head is {@code block}: a real application polls {@code
   * web3j.ethBlockNumber()}; the test node mines the missing blocks at once.
   */
  private void untilBlock(BigInteger block) throws IOException {
    BigInteger head = web3j.ethBlockNumber().send().getBlockNumber();
    if (head.compareTo(block) < 0) node.mine(block.subtract(head).longValueExact());
  }

  @Test
  void aParameterChangeIsProposedVotedQueuedAndExecutedThroughTheWrappers() throws Exception {
    BigInteger feeBefore = OpenLedgerContracts.inference(web3j, alice, gas).parameters().send().component1();

    // example:begin
    Governor governor = OpenLedgerContracts.governor(web3j, alice, gas);
    Staking staking = OpenLedgerContracts.staking(web3j, alice, gas);
    Inference inference = OpenLedgerContracts.inference(web3j, alice, gas);

    // 1. Stake 20,000 OPEN for governance only (model 0): it votes from the next block on.
    staking.stake(BigInteger.ZERO, Convert.toWei("20000", Convert.Unit.ETHER).toBigIntegerExact()).send(); // OPEN has 18 decimals

    // 2. Propose one action: Inference.setPlatformFee(0.01 OPEN), encoded by Inference's own wrapper.
    BigInteger newFee = Convert.toWei("0.01", Convert.Unit.ETHER).toBigIntegerExact();
    List<String> targets = List.of(OpenLedgerContracts.INFERENCE);
    List<BigInteger> values = List.of(BigInteger.ZERO);
    List<byte[]> calldatas = List.of(Numeric.hexStringToByteArray(inference.setPlatformFee(newFee).encodeFunctionCall()));
    String description = "Platform fee: 0.01 OPEN per request";
    byte[] descriptionHash = Hash.sha3(description.getBytes(StandardCharsets.UTF_8));
    TransactionReceipt proposed = governor.propose(targets, values, calldatas, description).send();
    BigInteger id = Governor.getProposalCreatedEvents(proposed).get(0).proposalId;

    // 3. Vote once voting opens: after the snapshot block, weighed by the stake at that block.
    untilBlock(governor.proposalSnapshot(id).send().add(BigInteger.ONE));
    governor.castVote(id, BigInteger.ONE).send(); // support: 0 Against, 1 For, 2 Abstain

    // 4. After the deadline anyone queues it in the Timelock, and executes it from its eta on.
    untilBlock(governor.proposalDeadline(id).send().add(BigInteger.ONE));
    governor.queue(id, targets, values, calldatas, descriptionHash).send();
    untilBlock(governor.proposalEta(id).send());
    TransactionReceipt executed = governor.execute(id, targets, values, calldatas, descriptionHash).send();

    // 5. The Timelock made the call: the fee is changed.
    assertThat(governor.state(id).send()).isEqualTo(BigInteger.valueOf(7)); // Executed
    assertThat(inference.parameters().send().component1()).isEqualTo(newFee);
    // example:end

    assertThat(feeBefore).isNotEqualTo(newFee);
    assertThat(Governor.getProposalExecutedEvents(executed)).extracting(e -> e.proposalId).containsExactly(id);
    // the id binds the proposer: hashProposal on-chain and the Java builder agree with the event
    Proposal sameInJava = Proposals.setPlatformFee(newFee, description);
    assertThat(id).isEqualTo(sameInJava.id(ALICE))
        .isEqualTo(governor.hashProposal(ALICE.toHexString(), targets, values, calldatas, descriptionHash).send());
    assertThat(calldatas.get(0)).isEqualTo(sameInJava.calldatas().get(0).toArrayUnsafe());
    Tuple3<BigInteger, BigInteger, BigInteger> votes = governor.proposalVotes(id).send();
    assertThat(List.of(votes.component1(), votes.component2(), votes.component3()))
        .containsExactly(BigInteger.ZERO, OPEN.multiply(BigInteger.valueOf(20_000)), BigInteger.ZERO);
  }

  @Test
  void executingBeforeTheTimelockDelayRevertsWithGovernorProposalNotReady() throws Exception {
    Governor governor = OpenLedgerContracts.governor(web3j, alice, gas);
    OpenLedgerContracts.staking(web3j, alice, gas).stake(BigInteger.ZERO, OPEN.multiply(BigInteger.valueOf(20_000))).send();
    List<String> targets = List.of(OpenLedgerContracts.INFERENCE);
    List<BigInteger> values = List.of(BigInteger.ZERO);
    List<byte[]> calldatas = List.of(Numeric.hexStringToByteArray(
        OpenLedgerContracts.inference(web3j, alice, gas).setPlatformFee(OPEN).encodeFunctionCall()));
    String description = "Platform fee: 1 OPEN";
    byte[] descriptionHash = Hash.sha3(description.getBytes(StandardCharsets.UTF_8));
    BigInteger id = Governor.getProposalCreatedEvents(governor.propose(targets, values, calldatas, description).send()).get(0).proposalId;
    untilBlock(governor.proposalSnapshot(id).send().add(BigInteger.ONE));
    governor.castVote(id, BigInteger.ONE).send();
    untilBlock(governor.proposalDeadline(id).send().add(BigInteger.ONE));
    governor.queue(id, targets, values, calldatas, descriptionHash).send();

    // anyone may execute, but not before the eta: Bob's early attempt fails and changes nothing
    Governor asBob = OpenLedgerContracts.governor(web3j, bob, gas);
    TransactionException early = catchThrowableOfType(TransactionException.class,
        () -> asBob.execute(id, targets, values, calldatas, descriptionHash).send());
    assertThat(early).isNotNull();
    String data = early.getEncodedDataResponse().orElseThrow().replace("\"", "");
    assertThat(data).startsWith(CustomErrorEncoder.encode(Governor.GOVERNORPROPOSALNOTREADY_ERROR).substring(0, 10));
    assertThat(governor.state(id).send()).isEqualTo(BigInteger.valueOf(org.openledger.governance.governor.Governor.QUEUED));
    assertThat(OpenLedgerContracts.inference(web3j, bob, gas).parameters().send().component1()).isNotEqualTo(OPEN);
  }

  @Test
  void docsGovernanceMdQuotesTheExampleVerbatim() throws IOException {
    String example = region(Files.readString(SOURCE, StandardCharsets.UTF_8), BEGIN, END);
    assertThat(example).contains("governor.execute(");
    String doc = Files.readString(governanceMd(), StandardCharsets.UTF_8);
    String quoted = region(doc, DOC_BEGIN, DOC_END);
    String expected = "```java\n" + example + "```\n";
    assertThat(quoted)
        .withFailMessage("docs/governance.md does not quote the example of %s; put this between its markers:%n%s", SOURCE, expected)
        .isEqualTo(expected);
  }

  /** The lines strictly between the marker lines, without their common indentation. */
  static String region(String text, String begin, String end) {
    List<String> lines = text.lines().toList();
    int from = -1, to = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(begin)) from = i;
      else if (lines.get(i).strip().equals(end) && from >= 0) { to = i; break; }
    }
    if (from < 0 || to < 0) throw new AssertionError("no lines " + begin + " … " + end);
    List<String> body = lines.subList(from + 1, to);
    int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    StringBuilder sb = new StringBuilder();
    for (String l : body) sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    return sb.toString();
  }

  private static Path governanceMd() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("docs/governance.md")) && Files.exists(p.resolve("contracts-web3j/pom.xml"))) {
        return p.resolve("docs/governance.md");
      }
    }
    throw new AssertionError("no docs/governance.md above " + Path.of("").toAbsolutePath());
  }
}
