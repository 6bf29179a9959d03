package org.openledger.cli.payouts;

import java.io.IOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.KeyOptions;
import org.openledger.cli.chain.Open;
import org.openledger.cli.chain.Output;
import org.openledger.cli.chain.RpcOptions;
import org.openledger.cli.chain.Session;
import org.openledger.contracts.web3j.Inference;
import org.openledger.contracts.web3j.OpenLedgerContracts;
import org.openledger.contracts.web3j.Provers;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code openledger payouts}: every inference that paid a contributor, with the influence score
 * and the share of the contributor pool it earned — read from the Inference contract's {@code
 * ContributorPaid} and {@code Settled} events.
 */
@Command(
    name = "payouts",
    mixinStandardHelpOptions = true,
    description = {
      "Show every inference that paid a contributor, with its influence score and share.",
      "",
      "For each: the request, the model, the influence score the verified proof gave your data, your amount, your share of "
          + "what all contributors received, and the prover and hash of the proof (its bytes are in the prover's "
          + "submitProof transaction: re-verify or challenge them, docs/attribution.md).",
      "Requests still waiting for a proof are not listed: nothing is paid before verification."
    })
public final class PayoutsCommand implements Callable<Integer> {
  @Mixin RpcOptions rpc;
  @Mixin KeyOptions keys;
  @Option(names = "--contributor", description = "Address (default: the signing key's).") String contributor;
  @Option(names = "--from-block", defaultValue = "0", description = "First block to search (default ${DEFAULT-VALUE}).") BigInteger fromBlock;

  @Override
  public Integer call() {
    try (Session s = new Session(rpc, keys)) {
      String who = contributor != null ? contributor : s.sender();
      Output out = new Output("request", "model", "score", "amount", "shareOfContributors", "prover", "proofHash", "block", "tx");
      List<Payouts.Payout> paid = Payouts.of(s, who, fromBlock);
      BigInteger total = BigInteger.ZERO;
      for (Payouts.Payout p : paid) {
        out.row(p.requestId(), p.modelId() + " v" + p.version(), p.score(), Open.format(p.amount()), p.share(), p.prover() == null ? "-" : p.prover(),
            p.proofHash() == null ? "-" : p.proofHash(), p.block(), p.tx());
        total = total.add(p.amount());
      }
      out.print(System.out, rpc.json());
      if (!rpc.json()) System.out.println(paid.size() + " payouts to " + who + ", " + Open.format(total) + " OPEN in all");
      return 0;
    }
  }
}
