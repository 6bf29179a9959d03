package org.openledger.cli.payouts;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openledger.cli.UserError;
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
import org.web3j.utils.Numeric;

/**
 * Every inference that paid a contributor, read from the Inference contract's {@code
 * ContributorPaid} events, with the verified proof (Provers' {@code ProofAccepted}) that settled it.
 * Shared by {@code openledger payouts} and the console's contributor page.
 */
public final class Payouts {
  private Payouts() {}

  /**
   * One payout. {@code shareBp} is the contributor's part of what all contributors of the request
   * received, in basis points rounded down (display only; the amounts are exact). {@code prover}
   * and {@code proofHash} are null when no ProofAccepted precedes the settlement.
   */
  public record Payout(BigInteger requestId, BigInteger modelId, BigInteger version, BigInteger score, BigInteger amount, BigInteger contributorPool,
      String prover, String proofHash, String proofTx, BigInteger block, String tx) {

    /** The share as text with two decimals, rounded down; "-" when the pool is empty. */
    public String share() {
      if (contributorPool.signum() == 0) return "-";
      return new BigDecimal(amount).multiply(BigDecimal.valueOf(100)).divide(new BigDecimal(contributorPool), 2, RoundingMode.DOWN).toPlainString() + "%";
    }
  }

  /** Payouts to {@code contributor} from {@code fromBlock} on, in block order. */
  public static List<Payout> of(Session s, String contributor, BigInteger fromBlock) {
    EthFilter mine = new EthFilter(DefaultBlockParameter.valueOf(fromBlock), DefaultBlockParameterName.LATEST, OpenLedgerContracts.INFERENCE);
    mine.addSingleTopic(EventEncoder.encode(Inference.CONTRIBUTORPAID_EVENT));
    mine.addNullTopic();
    mine.addSingleTopic("0x" + TypeEncoder.encode(new Address(contributor)));
    Map<BigInteger, BigInteger> poolByRequest = new HashMap<>();
    List<Payout> out = new ArrayList<>();
    for (Log log : logs(s, mine)) {
      Inference.ContributorPaidEventResponse e = Inference.getContributorPaidEventFromLog(log);
      BigInteger pool = poolByRequest.computeIfAbsent(e.requestId, id -> contributorPool(s, id, log.getBlockNumber()));
      Inference.Request r = s.view(s.inference(false).getRequest(e.requestId));
      Log proof = proofOf(s, e.requestId, log.getBlockNumber());
      Provers.ProofAcceptedEventResponse p = proof == null ? null : Provers.getProofAcceptedEventFromLog(proof);
      out.add(new Payout(e.requestId, r.modelId, r.version, e.score, e.amount, pool, p == null ? null : p.prover,
          p == null ? null : Numeric.toHexString(p.proofHash), proof == null ? null : proof.getTransactionHash(), log.getBlockNumber(),
          log.getTransactionHash()));
    }
    return out;
  }

  /**
   * The verified proof that settled {@code requestId}: the last ProofAccepted for it up to the
   * settlement block (a slashed proof is followed by the one that replaced it). Its bytes are in the
   * submitting transaction; anyone can re-verify or challenge them (docs/attribution.md §6–§8).
   */
  private static Log proofOf(Session s, BigInteger requestId, BigInteger settledAt) {
    EthFilter f = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.ZERO), DefaultBlockParameter.valueOf(settledAt), OpenLedgerContracts.PROVERS);
    f.addSingleTopic(EventEncoder.encode(Provers.PROOFACCEPTED_EVENT));
    f.addSingleTopic(Numeric.toHexStringWithPrefixZeroPadded(requestId, 64));
    List<Log> found = logs(s, f);
    return found.isEmpty() ? null : found.get(found.size() - 1);
  }

  /** What all contributors of {@code requestId} received: the sum of its ContributorPaid events. */
  private static BigInteger contributorPool(Session s, BigInteger requestId, BigInteger block) {
    EthFilter f = new EthFilter(DefaultBlockParameter.valueOf(block), DefaultBlockParameter.valueOf(block), OpenLedgerContracts.INFERENCE);
    f.addSingleTopic(EventEncoder.encode(Inference.CONTRIBUTORPAID_EVENT));
    f.addSingleTopic(Numeric.toHexStringWithPrefixZeroPadded(requestId, 64));
    BigInteger sum = BigInteger.ZERO;
    for (Log log : logs(s, f)) sum = sum.add(Inference.getContributorPaidEventFromLog(log).amount);
    return sum;
  }

  /** The logs {@code filter} matches; a {@link UserError} when the node cannot answer. */
  public static List<Log> logs(Session s, EthFilter filter) {
    try {
      EthLog result = s.node().web3j().ethGetLogs(filter).send();
      if (result.hasError()) throw new UserError("eth_getLogs failed: " + result.getError().getMessage() + " — narrow the range with --from-block");
      return result.getLogs().stream().map(r -> (Log) r.get()).toList();
    } catch (IOException e) {
      throw new UserError("cannot read logs from " + s.node().url() + ": " + e.getMessage());
    }
  }
}
