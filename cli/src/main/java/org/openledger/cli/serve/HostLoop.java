package org.openledger.cli.serve;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.Session;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.web3j.Inference;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.lora.BaseMlp;
import org.openledger.prover.lora.BatchedLora;
import org.openledger.prover.proof.ContentSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameterNumber;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The server as the host of on-chain requests: every tick it scans new blocks for
 * {@code Inference.Requested} on adapters of its base model whose snapshotted host is this
 * server's address, fetches each input from the content store (checked against the committed
 * input hash), runs it through the same micro-batcher as HTTP requests, and posts
 * {@code submitResult(keccak(classOutput(ŷ)), outTokens)}. Settlement then splits the fee — the
 * adapter owner's part shared with the base owner (docs/economics.md §2).
 *
 * <p>Restart-safe without a journal: a request is answered only while the chain still says
 * Requested, so rescanning from {@code --from-block} sends nothing twice.
 */
final class HostLoop {
  private static final Logger LOG = LoggerFactory.getLogger(HostLoop.class);
  static final long LOG_CHUNK = 5_000;
  private static final int REQUESTED = 1;

  private final Session session;
  private final AdapterRegistry registry;
  private final MicroBatcher batcher;
  private final ContentSource content;
  private final ServeMetrics metrics;
  private final Set<BigInteger> done = new HashSet<>();
  private long next;
  private long retryFrom = Long.MAX_VALUE;

  HostLoop(Session session, AdapterRegistry registry, MicroBatcher batcher, ContentSource content, ServeMetrics metrics, long fromBlock) {
    this.session = session;
    this.registry = registry;
    this.batcher = batcher;
    this.content = content;
    this.metrics = metrics;
    this.next = fromBlock;
  }

  /** Answers every request that is due; returns how many results it posted. */
  int tick() {
    long head = session.blockNumber().longValueExact();
    if (head < next) return 0;
    List<Inference.RequestedEventResponse> found = new ArrayList<>();
    for (Log log : requested(next, head)) found.add(Inference.getRequestedEventFromLog(log));
    int posted = 0;
    for (Inference.RequestedEventResponse e : found) {
      if (done.contains(e.requestId) || !registry.servesAdapter(e.modelId)) continue;
      if (answer(e)) posted++;
    }
    next = Math.min(head + 1, retryFrom);
    retryFrom = Long.MAX_VALUE;
    metrics.scannedBlock.set(head);
    return posted;
  }

  private boolean answer(Inference.RequestedEventResponse e) {
    Inference.Request r = session.view(session.inference(false).getRequest(e.requestId));
    if (r.state.intValue() != REQUESTED || !r.host.equalsIgnoreCase(session.sender())) {
      done.add(e.requestId); // answered already, refunded, or another host's
      return false;
    }
    byte[] pixels;
    try {
      pixels = content.get(Bytes32.wrap(r.inputHash));
    } catch (ContentSource.Unavailable u) {
      // without the input nobody can answer or prove it: it refunds at its deadline
      metrics.results.labels("unavailable_input").inc();
      LOG.warn("event=input_unavailable request={} model={} error=\"{}\"", e.requestId, r.modelId, u.getMessage());
      done.add(e.requestId);
      return false;
    }
    try {
      AdapterRegistry.Target target = registry.resolve(r.modelId, r.version);
      MicroBatcher.Output out = batcher.submit(target.adapter(), BaseMlp.pixels(pixels)).get(60, TimeUnit.SECONDS);
      int cls = BatchedLora.argmax(out.logits());
      if (target.integer() != null) {
        // the chain's output challenge recomputes the OLA2 integers: post their class, never a float near-tie's
        int exact = target.integer().predict(pixels);
        if (exact != cls) LOG.info("event=float_class_corrected request={} float={} integer={}", e.requestId, cls, exact);
        cls = exact;
      }
      BigInteger outTokens = target.tokenMode() == Models.TOKEN_MODE_FIXED ? target.fixedOutTokens() : BigInteger.ONE.min(r.maxOutTokens);
      session.send(session.inference(true).submitResult(e.requestId, Keccak.hash(FraudChecks.classOutput(cls)), outTokens));
      metrics.results.labels("posted").inc();
      metrics.requests.labels("chain", "ok").inc();
      LOG.info("event=result_posted request={} model={} version={} class={} batch={}", e.requestId, r.modelId, r.version, cls, out.batchSize());
      done.add(e.requestId);
      return true;
    } catch (AdapterRegistry.NotServable | ExecutionException | TimeoutException | UserError ex) {
      metrics.results.labels("failed").inc();
      metrics.requests.labels("chain", "failed").inc();
      LOG.warn("event=result_failed request={} model={} error=\"{}\" — retried next tick", e.requestId, r.modelId, ex.getMessage());
      retryFrom = Math.min(retryFrom, e.log.getBlockNumber().longValueExact()); // rescan from this request's block
      return false;
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private List<Log> requested(long from, long to) {
    List<Log> out = new ArrayList<>();
    for (long start = from; start <= to; start += LOG_CHUNK) {
      long end = Math.min(to, start + LOG_CHUNK - 1);
      EthFilter filter = new EthFilter(new DefaultBlockParameterNumber(start), new DefaultBlockParameterNumber(end), Addresses.INFERENCE.toHexString());
      filter.addSingleTopic(EventEncoder.encode(Inference.REQUESTED_EVENT));
      EthLog logs;
      try {
        logs = session.node().web3j().ethGetLogs(filter).send();
      } catch (IOException ex) {
        throw new UserError("cannot read logs from " + session.node().url() + ": " + ex.getMessage());
      }
      if (logs.hasError()) throw new UserError("eth_getLogs " + start + ".." + end + ": " + logs.getError().getMessage());
      for (EthLog.LogResult<?> result : logs.getLogs()) out.add((Log) result.get());
    }
    return out;
  }
}
