package org.openledger.cli.prover;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.Session;
import org.openledger.precompiles.Address;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.core.DefaultBlockParameterNumber;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * One contract's logs of one event over a block range, read in windows of {@link ProverLoop#LOG_CHUNK}
 * blocks (nodes cap the range of one eth_getLogs); what every daemon loop scans.
 */
final class EventLogs {
  private EventLogs() {}

  /**
   * @param indexed topics after the event's signature, in order (null or empty: any)
   * @throws UserError when the node cannot be read or refuses the query
   */
  static List<Log> read(Session session, Address contract, Event event, long from, long to, List<String> indexed) {
    List<Log> out = new ArrayList<>();
    for (long start = from; start <= to; start += ProverLoop.LOG_CHUNK) {
      long end = Math.min(to, start + ProverLoop.LOG_CHUNK - 1);
      EthFilter filter = new EthFilter(new DefaultBlockParameterNumber(start), new DefaultBlockParameterNumber(end), contract.toHexString());
      filter.addSingleTopic(EventEncoder.encode(event));
      if (indexed != null) for (String t : indexed) filter.addSingleTopic(t);
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
}
