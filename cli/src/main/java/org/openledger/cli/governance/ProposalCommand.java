package org.openledger.cli.governance;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.KeyOptions;
import org.openledger.cli.chain.Open;
import org.openledger.cli.chain.Output;
import org.openledger.cli.chain.RpcOptions;
import org.openledger.cli.chain.Session;
import org.openledger.governance.governor.Governor;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.abi.AbiCodec;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code openledger proposal}: list proposals with their states, and queue or execute one that succeeded. */
@Command(
    name = "proposal",
    mixinStandardHelpOptions = true,
    description = {
      "List governance proposals with their states and votes; queue or execute one.",
      "",
      "States: Pending → Active → Succeeded | Defeated → Queued → Executed | Expired; Canceled.",
      "Anyone may queue a succeeded proposal and execute a queued one once its delay has passed."
    },
    subcommands = {ProposalCommand.ListAll.class, ProposalCommand.Queue.class, ProposalCommand.Execute.class})
public final class ProposalCommand {
  public static final String[] STATES = {"Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"};

  /** A proposal as its ProposalCreated event recorded it. */
  public record Created(BigInteger id, Address proposer, List<?> targets, List<?> values, List<?> calldatas, BigInteger voteStart, BigInteger voteEnd,
      String description) {}

  public static List<Created> created(Session s) {
    EthFilter f = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, Governor.ADDRESS.toHexString());
    f.addSingleTopic(Governor.PROPOSAL_CREATED.topic0().toHexString());
    EthLog logs;
    try {
      logs = s.node().web3j().ethGetLogs(f).send();
    } catch (IOException e) {
      throw new UserError("cannot read proposals from " + s.node().url() + ": " + e.getMessage());
    }
    if (logs.hasError()) throw new UserError("eth_getLogs failed: " + logs.getError().getMessage());
    List<Created> out = new ArrayList<>();
    for (EthLog.LogResult<?> r : logs.getLogs()) {
      Log log = (Log) r.get();
      List<Object> v = AbiCodec.decode(Governor.PROPOSAL_CREATED.dataTypes(), Bytes.fromHexString(log.getData()));
      out.add(new Created((BigInteger) v.get(0), (Address) v.get(1), (List<?>) v.get(2), (List<?>) v.get(3), (List<?>) v.get(5),
          (BigInteger) v.get(6), (BigInteger) v.get(7), (String) v.get(8)));
    }
    return out;
  }

  static Created find(Session s, BigInteger id) {
    for (Created c : created(s)) if (c.id().equals(id)) return c;
    throw new UserError("no proposal " + id + " on this chain: list them with 'openledger proposal list'");
  }

  public static int state(Session s, BigInteger id) {
    return ((BigInteger) Governor.STATE.decodeOutput(s.callRaw(Governor.ADDRESS.toHexString(), Governor.STATE.encodeCall(id)))).intValueExact();
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every proposal with its state, votes and voting window.")
  static final class ListAll implements Callable<Integer> {
    @Mixin RpcOptions rpc;

    @Override
    public Integer call() {
      try (Session s = new Session(rpc, null)) {
        Output out = new Output("proposal", "description", "state", "for", "against", "abstain", "voteStart", "voteEnd");
        for (Created c : created(s)) {
          List<?> votes = (List<?>) Governor.PROPOSAL_VOTES.decodeOutput(s.callRaw(Governor.ADDRESS.toHexString(), Governor.PROPOSAL_VOTES.encodeCall(c.id())));
          out.row(c.id(), c.description(), STATES[state(s, c.id())], Open.format((BigInteger) votes.get(1)), Open.format((BigInteger) votes.get(0)),
              Open.format((BigInteger) votes.get(2)), c.voteStart(), c.voteEnd());
        }
        out.print(System.out, rpc.json());
        return 0;
      }
    }
  }

  abstract static class Lifecycle implements Callable<Integer> {
    @Mixin RpcOptions rpc;
    @Mixin KeyOptions keys;
    @Parameters(index = "0", paramLabel = "PROPOSAL") BigInteger id;

    abstract org.openledger.precompiles.contract.FunctionSpec function();

    @Override
    public Integer call() {
      try (Session s = new Session(rpc, keys)) {
        Created c = find(s, id);
        Bytes data = function().encodeCall(c.id(), c.targets(), c.values(), c.calldatas(), Governor.descriptionHash(c.description()));
        TransactionReceipt r = s.sendRaw(Governor.ADDRESS.toHexString(), data, BigInteger.ZERO);
        new Output("proposal", "state", "tx").row(id, STATES[state(s, id)], r.getTransactionHash()).print(System.out, rpc.json());
        return 0;
      }
    }
  }

  @Command(name = "queue", mixinStandardHelpOptions = true, description = "Queue a succeeded proposal in the Timelock.")
  static final class Queue extends Lifecycle {
    org.openledger.precompiles.contract.FunctionSpec function() { return Governor.QUEUE; }
  }

  @Command(name = "execute", mixinStandardHelpOptions = true, description = "Execute a queued proposal whose Timelock delay has passed.")
  static final class Execute extends Lifecycle {
    org.openledger.precompiles.contract.FunctionSpec function() { return Governor.EXECUTE; }
  }
}
