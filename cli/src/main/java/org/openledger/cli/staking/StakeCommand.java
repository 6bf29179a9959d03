package org.openledger.cli.staking;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.Callable;
import org.openledger.cli.chain.KeyOptions;
import org.openledger.cli.chain.Open;
import org.openledger.cli.chain.Output;
import org.openledger.cli.chain.RpcOptions;
import org.openledger.cli.chain.Session;
import org.openledger.contracts.web3j.Staking;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openledger stake}: stake OPEN behind a model or for governance, and manage positions. */
@Command(
    name = "stake",
    mixinStandardHelpOptions = true,
    description = {
      "Stake OPEN behind a model or for governance only, and manage positions.",
      "",
      "Stake behind a model earns the stakers' share of its inference fees; governance-only stake",
      "(model 0) only votes. All bonded stake votes; a position warms up before it earns, and",
      "unbonding waits out a delay with no rewards and no votes."
    },
    subcommands = {StakeCommand.Add.class, StakeCommand.Activate.class, StakeCommand.Unbond.class, StakeCommand.Withdraw.class,
        StakeCommand.Delegate.class, StakeCommand.Positions.class})
public final class StakeCommand {
  static final String[] STATUS = {"none", "Warming", "Active", "Unbonding", "Withdrawn"};

  static String status(BigInteger s) {
    int i = s.intValue();
    return i >= 0 && i < STATUS.length ? STATUS[i] : "status " + s;
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Open a stake position.")
  static final class Add implements Callable<Integer> {
    @Mixin RpcOptions rpc;
    @Mixin KeyOptions keys;
    @Option(names = "--model", defaultValue = "0", description = "Model to back (0: governance-only stake; default ${DEFAULT-VALUE}).") BigInteger model;
    @Option(names = "--amount", required = true, description = "OPEN to stake.") String amount;

    @Override
    public Integer call() {
      try (Session s = new Session(rpc, keys)) {
        TransactionReceipt r = s.send(s.staking(true).stake(model, Open.parse(amount, "--amount")));
        var e = Staking.getStakedEvents(r).get(0);
        new Output("position", "model", "amount", "activatableAtBlock", "tx").row(e.positionId, e.modelId, Open.format(e.amount), e.activatableAtBlock,
            r.getTransactionHash()).print(System.out, rpc.json());
        return 0;
      }
    }
  }

  @Command(name = "activate", mixinStandardHelpOptions = true, description = "Activate a warmed-up position so it earns rewards.")
  static final class Activate implements Callable<Integer> {
    @Mixin RpcOptions rpc;
    @Mixin KeyOptions keys;
    @Parameters(index = "0", paramLabel = "POSITION") BigInteger id;

    @Override
    public Integer call() {
      try (Session s = new Session(rpc, keys)) {
        TransactionReceipt r = s.send(s.staking(true).activate(id));
        new Output("position", "status", "tx").row(id, "Active", r.getTransactionHash()).print(System.out, rpc.json());
        return 0;
      }
    }
  }

  @Command(name = "unbond", mixinStandardHelpOptions = true, description = "Start unbonding a position (no rewards, no votes; still slashable until withdrawn).")
  static final class Unbond implements Callable<Integer> {
    @Mixin RpcOptions rpc;
    @Mixin KeyOptions keys;
    @Parameters(index = "0", paramLabel = "POSITION") BigInteger id;

    @Override
    public Integer call() {
      try (Session s = new Session(rpc, keys)) {
        TransactionReceipt r = s.send(s.staking(true).unbond(id));
        var e = Staking.getUnbondingStartedEvents(r).get(0);
        new Output("position", "amount", "withdrawableAtBlock", "tx").row(id, Open.format(e.amount), e.withdrawableAtBlock, r.getTransactionHash())
            .print(System.out, rpc.json());
        return 0;
      }
    }
  }

  @Command(name = "withdraw", mixinStandardHelpOptions = true, description = "Withdraw an unbonded position's principal and its rewards.")
  static final class Withdraw implements Callable<Integer> {
    @Mixin RpcOptions rpc;
    @Mixin KeyOptions keys;
    @Parameters(index = "0", paramLabel = "POSITION") BigInteger id;

    @Override
    public Integer call() {
      try (Session s = new Session(rpc, keys)) {
        TransactionReceipt r = s.send(s.staking(true).withdraw(id));
        var e = Staking.getWithdrawnEvents(r).get(0);
        new Output("position", "amount", "tx").row(id, Open.format(e.amount), r.getTransactionHash()).print(System.out, rpc.json());
        return 0;
      }
    }
  }

  @Command(name = "delegate", mixinStandardHelpOptions = true, description = "Delegate your votes (all your bonded stake) to an address; yourself by default.")
  static final class Delegate implements Callable<Integer> {
    @Mixin RpcOptions rpc;
    @Mixin KeyOptions keys;
    @Parameters(index = "0", arity = "0..1", paramLabel = "DELEGATEE") String delegatee;

    @Override
    public Integer call() {
      try (Session s = new Session(rpc, keys)) {
        String to = delegatee != null ? delegatee : s.sender();
        TransactionReceipt r = s.send(s.staking(true).delegate(to));
        new Output("delegator", "delegatee", "tx").row(s.sender(), to, r.getTransactionHash()).print(System.out, rpc.json());
        return 0;
      }
    }
  }

  @Command(name = "positions", mixinStandardHelpOptions = true, description = "List an account's positions with pending rewards and current votes.")
  static final class Positions implements Callable<Integer> {
    @Mixin RpcOptions rpc;
    @Mixin KeyOptions keys;
    @Option(names = "--owner", description = "Address (default: the signing key's).") String owner;

    @Override
    public Integer call() {
      try (Session s = new Session(rpc, keys)) {
        String who = owner != null ? owner : s.sender();
        Staking staking = s.staking(false);
        @SuppressWarnings("unchecked")
        List<BigInteger> ids = s.view(staking.positionsOf(who));
        Output out = new Output("position", "model", "amount", "status", "pendingRewards", "activatableAtBlock", "withdrawableAtBlock");
        for (BigInteger id : ids) {
          Staking.Position p = s.view(staking.position(id));
          out.row(id, p.modelId, Open.format(p.amount), status(p.status), Open.format(s.view(staking.pendingRewards(id))), p.activatableAtBlock,
              p.withdrawableAtBlock);
        }
        out.print(System.out, rpc.json());
        if (!rpc.json()) System.out.println("votes of " + who + ": " + Open.format(s.view(staking.getVotes(who))) + " OPEN");
        return 0;
      }
    }
  }
}
