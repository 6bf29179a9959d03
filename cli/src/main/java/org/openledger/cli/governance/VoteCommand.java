package org.openledger.cli.governance;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.cli.chain.KeyOptions;
import org.openledger.cli.chain.Open;
import org.openledger.cli.chain.Output;
import org.openledger.cli.chain.RpcOptions;
import org.openledger.cli.chain.Session;
import org.openledger.governance.governor.Governor;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openledger vote}: cast a vote with the signer's votes at the proposal's snapshot. */
@Command(
    name = "vote",
    mixinStandardHelpOptions = true,
    description = {
      "Vote on an active proposal: for, against or abstain.",
      "",
      "Your weight is your votes (bonded stake delegated to you) at the proposal's snapshot block:",
      "stake added later does not count. One vote per account per proposal. For and Abstain count",
      "toward quorum."
    })
public final class VoteCommand implements Callable<Integer> {
  public enum Support { AGAINST, FOR, ABSTAIN }

  @Mixin RpcOptions rpc;
  @Mixin KeyOptions keys;
  @Parameters(index = "0", paramLabel = "PROPOSAL", description = "Proposal id.") BigInteger proposal;
  @Parameters(index = "1", paramLabel = "SUPPORT", description = "for, against or abstain.") Support support;
  @Option(names = "--reason", description = "A reason, recorded in the VoteCast event.") String reason;

  @Override
  public Integer call() {
    try (Session s = new Session(rpc, keys)) {
      BigInteger choice = BigInteger.valueOf(support.ordinal());
      Bytes data = reason == null ? Governor.CAST_VOTE.encodeCall(proposal, choice) : Governor.CAST_VOTE_WITH_REASON.encodeCall(proposal, choice, reason);
      TransactionReceipt r = s.sendRaw(Governor.ADDRESS.toHexString(), data, BigInteger.ZERO);
      List<?> votes = (List<?>) Governor.PROPOSAL_VOTES.decodeOutput(s.callRaw(Governor.ADDRESS.toHexString(), Governor.PROPOSAL_VOTES.encodeCall(proposal)));
      new Output("proposal", "vote", "against", "for", "abstain", "tx").row(proposal, support.name().toLowerCase(java.util.Locale.ROOT),
          Open.format((BigInteger) votes.get(0)), Open.format((BigInteger) votes.get(1)), Open.format((BigInteger) votes.get(2)), r.getTransactionHash())
          .print(System.out, rpc.json());
      return 0;
    }
  }
}
