package org.openledger.cli.governance;

import java.math.BigInteger;
import java.util.concurrent.Callable;
import org.openledger.cli.chain.KeyOptions;
import org.openledger.cli.chain.Open;
import org.openledger.cli.chain.Output;
import org.openledger.cli.chain.RpcOptions;
import org.openledger.cli.chain.Session;
import org.openledger.governance.governor.Governor;
import org.openledger.governance.proposals.Proposal;
import org.openledger.governance.proposals.Proposals;
import org.openledger.precompiles.Address;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code openledger propose}: make a governance proposal from a typed template. The proposal is
 * built with the same builders the tests use, so one the Governor would refuse cannot be sent.
 */
@Command(
    name = "propose",
    mixinStandardHelpOptions = true,
    description = {
      "Make a governance proposal: advance a model, change a parameter, spend from the treasury.",
      "",
      "Needs votes (bonded stake) of at least the proposal threshold at the previous block. Voting",
      "opens after the voting delay; a proposal that succeeds is queued in the Timelock and executed",
      "after its delay: see 'openledger vote' and 'openledger proposal'."
    },
    subcommands = {
      ProposeCommand.ApproveModel.class, ProposeCommand.RejectModel.class, ProposeCommand.DeployModel.class,
      ProposeCommand.DeprecateModel.class, ProposeCommand.PlatformFee.class, ProposeCommand.Spend.class
    })
public final class ProposeCommand {

  /** The options every template shares, and sending the proposal. */
  abstract static class Template implements Callable<Integer> {
    @Mixin RpcOptions rpc;
    @Mixin KeyOptions keys;
    @Option(names = "--description", description = "Proposal text (part of its id; default: generated from the action).") String description;

    abstract Proposal proposal(String description);

    abstract String defaultDescription();

    @Override
    public Integer call() {
      Proposal p;
      try {
        p = proposal(description != null ? description : defaultDescription());
      } catch (IllegalArgumentException e) {
        throw new org.openledger.cli.UserError("cannot build this proposal: " + e.getMessage());
      }
      try (Session s = new Session(rpc, keys)) {
        TransactionReceipt r = s.sendRaw(Governor.ADDRESS.toHexString(), p.proposeCalldata(), BigInteger.ZERO);
        BigInteger id = p.id(Address.fromHex(s.sender()));
        new Output("proposal", "description", "state", "tx").row(id, p.description(), "Pending", r.getTransactionHash()).print(System.out, rpc.json());
        if (!rpc.json()) System.out.println("vote with: openledger vote " + id + " for|against|abstain");
        return 0;
      }
    }
  }

  @Command(name = "approve-model", mixinStandardHelpOptions = true, description = "Propose approving a Proposed model (it may then be trained).")
  static final class ApproveModel extends Template {
    @Option(names = "--model", required = true) BigInteger model;

    Proposal proposal(String d) { return Proposals.approveModel(model, d); }
    String defaultDescription() { return "Approve model " + model; }
  }

  @Command(name = "reject-model", mixinStandardHelpOptions = true, description = "Propose rejecting a Proposed model.")
  static final class RejectModel extends Template {
    @Option(names = "--model", required = true) BigInteger model;

    Proposal proposal(String d) { return Proposals.rejectModel(model, d); }
    String defaultDescription() { return "Reject model " + model; }
  }

  @Command(name = "deploy-model", description = "Propose deploying an attested version of a model in Evaluation.")
  static final class DeployModel extends Template {
    // --version names a model version here, so only the help half of the standard options
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.") boolean help;

    @Option(names = "--model", required = true) BigInteger model;
    @Option(names = "--version", required = true) BigInteger version;

    Proposal proposal(String d) { return Proposals.deployModel(model, version, d); }
    String defaultDescription() { return "Deploy model " + model + " version " + version; }
  }

  @Command(name = "deprecate-model", mixinStandardHelpOptions = true, description = "Propose deprecating a deployed model (inference stops).")
  static final class DeprecateModel extends Template {
    @Option(names = "--model", required = true) BigInteger model;

    Proposal proposal(String d) { return Proposals.deprecateModel(model, d); }
    String defaultDescription() { return "Deprecate model " + model; }
  }

  @Command(name = "platform-fee", mixinStandardHelpOptions = true, description = "Propose a new platform fee per inference request (paid to the proving prover).")
  static final class PlatformFee extends Template {
    @Option(names = "--fee", required = true, description = "OPEN per request.") String fee;

    Proposal proposal(String d) { return Proposals.setPlatformFee(Open.parse(fee, "--fee"), d); }
    String defaultDescription() { return "Set the platform fee to " + fee + " OPEN"; }
  }

  @Command(name = "spend", mixinStandardHelpOptions = true, description = "Propose paying OPEN from the treasury to an account.")
  static final class Spend extends Template {
    @Option(names = "--to", required = true) String to;
    @Option(names = "--amount", required = true, description = "OPEN.") String amount;

    Proposal proposal(String d) { return Proposals.spendTreasury(Address.fromHex(to), Open.parse(amount, "--amount"), d); }
    String defaultDescription() { return "Pay " + amount + " OPEN to " + to; }
  }
}
