package org.openledger.cli.prover;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.Session;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.abi.AbiCodec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.core.DefaultBlockParameterNumber;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.utils.Numeric;

/**
 * One contract's logs of one event over a block range, read in windows of {@link ProverLoop#LOG_CHUNK}
 * blocks (nodes cap the range of one eth_getLogs); what every daemon loop scans.
 */
final class EventLogs {
  private EventLogs() {}

  /**
   * @param indexed topics after the event's signature, in order (null or empty: any; a null element: any value there)
   * @throws UserError when the node cannot be read or refuses the query
   */
  static List<Log> read(Session session, Address contract, Event event, long from, long to, List<String> indexed) {
    List<Log> out = new ArrayList<>();
    for (long start = from; start <= to; start += ProverLoop.LOG_CHUNK) {
      long end = Math.min(to, start + ProverLoop.LOG_CHUNK - 1);
      EthFilter filter = new EthFilter(new DefaultBlockParameterNumber(start), new DefaultBlockParameterNumber(end), contract.toHexString());
      filter.addSingleTopic(EventEncoder.encode(event));
      if (indexed != null) {
        for (String t : indexed) {
          if (t == null) filter.addNullTopic();
          else filter.addSingleTopic(t);
        }
      }
      EthLog logs;
      try {
        logs = session.node().web3j().ethGetLogs(filter).send();
      } catch (IOException e) {
        throw new UserError("cannot read logs from " + session.node().url() + ": " + e.getMessage());
      }
      if (logs.hasError()) throw new UserError("eth_getLogs " + start + ".." + end + ": " + logs.getError().getMessage());
      for (EthLog.LogResult<?> result : logs.getLogs()) out.add((Log) result.get());
    }
    return out;
  }

  /**
   * The arguments a transaction passed to {@code function}, read from its input: evidence the chain
   * keeps only as a hash (a proof, a leaf game's partial sums or example values). Empty when the
   * transaction called something else, or called it through another contract.
   *
   * @throws UserError when the node cannot return the transaction
   */
  static Optional<List<Object>> callArgs(Session session, String txHash, FunctionSpec function) {
    Transaction tx;
    try {
      tx = session.node().web3j().ethGetTransactionByHash(txHash).send().getTransaction()
          .orElseThrow(() -> new UserError("the node does not return transaction " + txHash));
    } catch (IOException e) {
      throw new UserError("cannot read transaction " + txHash + ": " + e.getMessage());
    }
    byte[] input = Numeric.hexStringToByteArray(tx.getInput());
    byte[] selector = function.selector();
    if (input.length < 4 || !java.util.Arrays.equals(input, 0, 4, selector, 0, 4)) return Optional.empty();
    try {
      return Optional.of(AbiCodec.decode(function.inputTypes(), input, 4, input.length - 4));
    } catch (RuntimeException malformed) {
      return Optional.empty(); // not this function's layout
    }
  }
}
