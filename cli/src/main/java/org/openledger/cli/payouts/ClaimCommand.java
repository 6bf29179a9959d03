package org.openledger.cli.payouts;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.openledger.cli.chain.KeyOptions;
import org.openledger.cli.chain.Open;
import org.openledger.cli.chain.Output;
import org.openledger.cli.chain.RpcOptions;
import org.openledger.cli.chain.Session;
import org.openledger.contracts.web3j.Datanets;
import org.openledger.contracts.web3j.Staking;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code openledger claim}: collect everything the signer can claim, in as few transactions as possible. */
@Command(
    name = "claim",
    mixinStandardHelpOptions = true,
    description = {
      "Claim your staking rewards and Datanet access fees.",
      "",
      "Claims staking rewards of all your positions (Staking.claimAll) and",
      "the access fees accrued to your accepted contributions (Datanets.claim). Inference payouts to",
      "contributors are paid directly at settlement and need no claim: see 'openledger payouts'."
    })
public final class ClaimCommand implements Callable<Integer> {
  @Mixin RpcOptions rpc;
  @Mixin KeyOptions keys;

  @Override
  public Integer call() {
    try (Session s = new Session(rpc, keys)) {
      Output out = new Output("source", "amount", "tx");
      Staking staking = s.staking(true);
      @SuppressWarnings("unchecked")
      List<BigInteger> positions = s.view(s.staking(false).positionsOf(s.sender()));
      BigInteger pending = BigInteger.ZERO;
      for (BigInteger p : positions) pending = pending.add(s.view(s.staking(false).pendingRewards(p)));
      if (pending.signum() > 0) {
        TransactionReceipt r = s.send(staking.claimAll());
        BigInteger got = BigInteger.ZERO;
        for (var e : Staking.getRewardsClaimedEvents(r)) got = got.add(e.amount);
        out.row("staking rewards", Open.format(got), r.getTransactionHash());
      }
      Datanets reader = s.datanets(false);
      @SuppressWarnings("unchecked")
      List<BigInteger> contributions = s.view(reader.contributionsOf(s.sender()));
      List<BigInteger> claimable = new ArrayList<>();
      for (BigInteger c : contributions) if (s.view(reader.claimable(c)).signum() > 0) claimable.add(c);
      if (!claimable.isEmpty()) {
        TransactionReceipt r = s.send(s.datanets(true).claim(claimable));
        BigInteger got = BigInteger.ZERO;
        for (var e : Datanets.getClaimedEvents(r)) got = got.add(e.amount);
        out.row("datanet access fees (" + claimable.size() + " contributions)", Open.format(got), r.getTransactionHash());
      }
      if (out.size() == 0 && !rpc.json()) {
        System.out.println("nothing to claim for " + s.sender());
        return 0;
      }
      out.print(System.out, rpc.json());
      return 0;
    }
  }
}
