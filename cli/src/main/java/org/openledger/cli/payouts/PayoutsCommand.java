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
      EthFilter mine = new EthFilter(DefaultBlockParameter.valueOf(fromBlock), DefaultBlockParameterName.LATEST, OpenLedgerContracts.INFERENCE);
      mine.addSingleTopic(EventEncoder.encode(Inference.CONTRIBUTORPAID_EVENT));
      mine.addNullTopic();
      mine.addSingleTopic("0x" + TypeEncoder.encode(new Address(who)));
      List<Log> paid = logs(s, mine);
      Output out = new Output("request", "model", "score", "amount", "shareOfContributors", "prover", "proofHash", "block", "tx");
      Map<BigInteger, BigInteger> poolByRequest = new HashMap<>();
      BigInteger total = BigInteger.ZERO;
      for (Log log : paid) {
        Inference.ContributorPaidEventResponse e = Inference.getContributorPaidEventFromLog(log);
        BigInteger pool = poolByRequest.computeIfAbsent(e.requestId, id -> contributorPool(s, id, log.getBlockNumber()));
        Inference.Request r = s.view(s.inference(false).getRequest(e.requestId));
        String share = pool.signum() == 0 ? "-" : new java.math.BigDecimal(e.amount).multiply(java.math.BigDecimal.valueOf(100))
            .divide(new java.math.BigDecimal(pool), 2, java.math.RoundingMode.DOWN).toPlainString() + "%";
        Provers.ProofAcceptedEventResponse proof = proofOf(s, e.requestId, log.getBlockNumber());
        out.row(e.requestId, r.modelId + " v" + r.version, e.score, Open.format(e.amount), share, proof == null ? "-" : proof.prover,
            proof == null ? "-" : org.web3j.utils.Numeric.toHexString(proof.proofHash), log.getBlockNumber(), log.getTransactionHash());
        total = total.add(e.amount);
      }
      out.print(System.out, rpc.json());
      if (!rpc.json()) System.out.println(paid.size() + " payouts to " + who + ", " + Open.format(total) + " OPEN in all");
      return 0;
    }
  }

  /**
   * The verified proof that settled {@code requestId}: the last ProofAccepted for it up to the
   * settlement block (a slashed proof is followed by the one that replaced it). Its bytes are in the
   * submitting transaction; anyone can re-verify or challenge them (docs/attribution.md §6–§8).
   */
  private static Provers.ProofAcceptedEventResponse proofOf(Session s, BigInteger requestId, BigInteger settledAt) {
    EthFilter f = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.ZERO), DefaultBlockParameter.valueOf(settledAt), OpenLedgerContracts.PROVERS);
    f.addSingleTopic(EventEncoder.encode(Provers.PROOFACCEPTED_EVENT));
    f.addSingleTopic(org.web3j.utils.Numeric.toHexStringWithPrefixZeroPadded(requestId, 64));
    List<Log> found = logs(s, f);
    return found.isEmpty() ? null : Provers.getProofAcceptedEventFromLog(found.get(found.size() - 1));
  }

  /** What all contributors of {@code requestId} received: the sum of its ContributorPaid events. */
  private static BigInteger contributorPool(Session s, BigInteger requestId, BigInteger block) {
    EthFilter f = new EthFilter(DefaultBlockParameter.valueOf(block), DefaultBlockParameter.valueOf(block), OpenLedgerContracts.INFERENCE);
    f.addSingleTopic(EventEncoder.encode(Inference.CONTRIBUTORPAID_EVENT));
    f.addSingleTopic(org.web3j.utils.Numeric.toHexStringWithPrefixZeroPadded(requestId, 64));
    BigInteger sum = BigInteger.ZERO;
    for (Log log : logs(s, f)) sum = sum.add(Inference.getContributorPaidEventFromLog(log).amount);
    return sum;
  }

  private static List<Log> logs(Session s, EthFilter filter) {
    try {
      EthLog result = s.node().web3j().ethGetLogs(filter).send();
      if (result.hasError()) throw new UserError("eth_getLogs failed: " + result.getError().getMessage() + " — narrow the range with --from-block");
      return result.getLogs().stream().map(r -> (Log) r.get()).toList();
    } catch (IOException e) {
      throw new UserError("cannot read logs from " + s.node().url() + ": " + e.getMessage());
    }
  }
}
