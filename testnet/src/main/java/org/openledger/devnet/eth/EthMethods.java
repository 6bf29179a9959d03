package org.openledger.devnet.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.devnet.chain.Block;
import org.openledger.devnet.chain.CallRequest;
import org.openledger.devnet.chain.Chain;
import org.openledger.devnet.chain.Receipt;
import org.openledger.devnet.content.ContentStore;
import org.openledger.devnet.rpc.RpcException;
import org.openledger.devnet.rpc.RpcMethod;
import org.openledger.devnet.transaction.InvalidTransactionException;
import org.openledger.devnet.transaction.Transaction;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.host.CallResult;

/**
 * The Ethereum JSON-RPC methods of DESIGN §7 and the {@code openledger_*} methods, over a {@link
 * Chain}: a name → {@link RpcMethod} registry for the HTTP server. Every method documents its
 * limits and errors in docs/devnet.md.
 */
public final class EthMethods {
  public static final String CLIENT_VERSION = "OpenLedger-devnet/v0.1.0/java";
  /** What eth_maxPriorityFeePerGas suggests: a single node has no competition for block space. */
  public static final BigInteger SUGGESTED_TIP = BigInteger.ZERO;

  private final Chain chain;
  private final ContentStore content;
  private final Limits limits;

  private EthMethods(Chain chain, ContentStore content, Limits limits) {
    this.chain = chain;
    this.content = content;
    this.limits = limits;
  }

  public static Map<String, RpcMethod> of(Chain chain, ContentStore content, Limits limits) {
    return new EthMethods(chain, content, limits).registry();
  }

  public static Map<String, RpcMethod> of(Chain chain, ContentStore content) {
    return of(chain, content, Limits.DEFAULT);
  }

  private Map<String, RpcMethod> registry() {
    Map<String, RpcMethod> m = new LinkedHashMap<>();
    m.put("web3_clientVersion", p -> none(p, TextNode.valueOf(CLIENT_VERSION)));
    m.put("net_version", p -> none(p, TextNode.valueOf(Long.toString(chain.chainId()))));
    m.put("eth_chainId", p -> none(p, Json.hex(chain.chainId())));
    m.put("eth_blockNumber", p -> none(p, Json.hex(chain.head().number())));
    m.put("eth_accounts", p -> none(p, Json.F.arrayNode()));
    m.put("eth_syncing", p -> none(p, BooleanNode.FALSE));
    m.put("eth_gasPrice", p -> none(p, Json.hex(chain.nextBaseFee().add(SUGGESTED_TIP))));
    m.put("eth_maxPriorityFeePerGas", p -> none(p, Json.hex(SUGGESTED_TIP)));
    m.put("eth_getBalance", this::getBalance);
    m.put("eth_getCode", this::getCode);
    m.put("eth_getStorageAt", this::getStorageAt);
    m.put("eth_getTransactionCount", this::getTransactionCount);
    m.put("eth_feeHistory", this::feeHistory);
    m.put("eth_call", this::call);
    m.put("eth_estimateGas", this::estimateGas);
    m.put("eth_sendRawTransaction", this::sendRawTransaction);
    m.put("eth_getTransactionByHash", this::getTransactionByHash);
    m.put("eth_getTransactionReceipt", this::getTransactionReceipt);
    m.put("eth_getBlockByNumber", this::getBlockByNumber);
    m.put("eth_getBlockByHash", this::getBlockByHash);
    m.put("eth_getBlockTransactionCountByNumber", this::getBlockTransactionCountByNumber);
    m.put("eth_getBlockTransactionCountByHash", this::getBlockTransactionCountByHash);
    m.put("eth_getLogs", this::getLogs);
    m.put("openledger_mine", this::mine);
    m.put("openledger_burned", p -> none(p, Json.hex(chain.burned())));
    m.put("openledger_putContent", this::putContent);
    m.put("openledger_getContent", this::getContent);
    return Collections.unmodifiableMap(m);
  }

  private static JsonNode none(ArrayNode params, JsonNode result) {
    new Params(params).atMost(0);
    return result;
  }

  // ------------------------------------------------------------------ state

  /** Checks that {@code block} names the head state: the only state this node keeps. */
  private void stateAt(JsonNode blockParam) {
    BlockParam b = blockParam == null ? BlockParam.latest() : Params.block(blockParam, "block");
    long head = chain.head().number();
    long n = b.resolve(head);
    if (n > head) throw new RpcException(RpcException.TRANSACTION_REFUSED, "header not found");
    if (n != head) {
      throw new RpcException(RpcException.TRANSACTION_REFUSED,
          "historical state not available: this devnet keeps only the state at the head (block " + head + "), asked for block " + n);
    }
  }

  private JsonNode getBalance(ArrayNode p) {
    Params ps = new Params(p).atMost(2);
    Address a = Params.address(ps.required(0, "address"), "address");
    stateAt(ps.optional(1));
    return Json.hex(chain.state().balance(a));
  }

  private JsonNode getCode(ArrayNode p) {
    Params ps = new Params(p).atMost(2);
    Address a = Params.address(ps.required(0, "address"), "address");
    stateAt(ps.optional(1));
    return Json.data(chain.state().code(a));
  }

  private JsonNode getStorageAt(ArrayNode p) {
    Params ps = new Params(p).atMost(3);
    Address a = Params.address(ps.required(0, "address"), "address");
    BigInteger slot = Params.quantity(ps.required(1, "slot"), "slot");
    stateAt(ps.optional(2));
    return Json.data(chain.state().storage(a, Bytes32.leftPad(Bytes.wrap(org.openledger.devnet.rlp.Rlp.minimal(slot)))));
  }

  private JsonNode getTransactionCount(ArrayNode p) {
    Params ps = new Params(p).atMost(2);
    Address a = Params.address(ps.required(0, "address"), "address");
    JsonNode b = ps.optional(1);
    if (b != null && Params.block(b, "block").tag() == BlockParam.Tag.PENDING) return Json.hex(chain.pendingNonce(a));
    stateAt(b);
    return Json.hex(chain.state().nonce(a));
  }

  // ------------------------------------------------------------------ fees

  private JsonNode feeHistory(ArrayNode p) {
    Params ps = new Params(p).atMost(3);
    long count = Params.count(ps.required(0, "blockCount"), "blockCount");
    if (count > limits.maxFeeHistoryBlocks()) {
      throw new RpcException(RpcException.LIMIT_EXCEEDED, "blockCount " + count + " is above the limit of " + limits.maxFeeHistoryBlocks());
    }
    long head = chain.head().number();
    long newest = Math.min(Params.block(ps.required(1, "newestBlock"), "newestBlock").resolve(head), head);
    List<Double> percentiles = new ArrayList<>();
    JsonNode pj = ps.optional(2);
    if (pj != null) {
      if (!pj.isArray()) throw Params.invalid("rewardPercentiles: want an array of numbers");
      double previous = -1;
      for (JsonNode x : pj) {
        if (!x.isNumber() || x.doubleValue() < 0 || x.doubleValue() > 100 || x.doubleValue() < previous) {
          throw Params.invalid("rewardPercentiles: want increasing numbers from 0 to 100");
        }
        previous = x.doubleValue();
        percentiles.add(x.doubleValue());
      }
    }
    long oldest = Math.max(0, newest - count + 1);
    ObjectNode o = Json.F.objectNode();
    ArrayNode baseFees = o.putArray("baseFeePerGas");
    ArrayNode ratios = o.putArray("gasUsedRatio");
    ArrayNode rewards = Json.F.arrayNode();
    if (count == 0) {
      o.set("oldestBlock", Json.hex(0));
      return o;
    }
    o.set("oldestBlock", Json.hex(oldest));
    for (long n = oldest; n <= newest; n++) {
      Block b = chain.block(n).orElseThrow();
      baseFees.add(Json.hex(b.header().baseFeePerGas()));
      ratios.add((double) b.header().gasUsed() / b.header().gasLimit());
      if (pj != null) rewards.add(rewards(b, percentiles));
    }
    // The base fee of the block after the newest, as geth reports it.
    Block last = chain.block(newest).orElseThrow();
    baseFees.add(Json.hex(org.openledger.devnet.chain.BaseFee.next(last.header().baseFeePerGas(), last.header().gasUsed(),
        last.header().gasLimit(), chain.genesis().minBaseFeePerGas())));
    if (pj != null) o.set("reward", rewards);
    return o;
  }

  /** The priority fee paid at each gas-weighted percentile of a block (geth's algorithm). */
  private ArrayNode rewards(Block b, List<Double> percentiles) {
    ArrayNode out = Json.F.arrayNode();
    List<Receipt> receipts = chain.receipts(b);
    if (receipts.isEmpty()) {
      for (int i = 0; i < percentiles.size(); i++) out.add(Json.hex(0));
      return out;
    }
    BigInteger baseFee = b.header().baseFeePerGas();
    List<long[]> byTip = new ArrayList<>();
    List<BigInteger> tips = new ArrayList<>();
    for (Receipt r : receipts) tips.add(r.effectiveGasPrice().subtract(baseFee));
    Integer[] order = new Integer[receipts.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    java.util.Arrays.sort(order, (x, y) -> tips.get(x).compareTo(tips.get(y)));
    for (Integer i : order) byTip.add(new long[] {i, receipts.get(i).gasUsed()});
    int k = 0;
    long sum = byTip.get(0)[1];
    for (double pc : percentiles) {
      double threshold = b.header().gasUsed() * pc / 100;
      while (sum < threshold && k < byTip.size() - 1) {
        k++;
        sum += byTip.get(k)[1];
      }
      out.add(Json.hex(tips.get((int) byTip.get(k)[0])));
    }
    return out;
  }

  // ------------------------------------------------------------------ calls

  private CallRequest callRequest(JsonNode o) {
    if (!o.isObject()) throw Params.invalid("transaction: want an object");
    for (var it = o.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!java.util.Set.of("from", "to", "gas", "gasPrice", "maxFeePerGas", "maxPriorityFeePerGas", "value", "data", "input", "nonce",
          "type", "chainId", "accessList").contains(f)) {
        throw Params.invalid("transaction: unknown field '" + f + "'");
      }
    }
    Address from = o.hasNonNull("from") ? Params.address(o.get("from"), "transaction.from") : null;
    if (!o.hasNonNull("to")) throw new RpcException(RpcException.TRANSACTION_REFUSED, org.openledger.devnet.chain.Refusals.CONTRACT_CREATION);
    Address to = Params.address(o.get("to"), "transaction.to");
    Long gas = o.hasNonNull("gas") ? Params.quantityLong(o.get("gas"), "transaction.gas") : null;
    BigInteger value = o.hasNonNull("value") ? Params.quantity(o.get("value"), "transaction.value") : null;
    Bytes data = o.hasNonNull("input") ? Params.data(o.get("input"), "transaction.input")
        : o.hasNonNull("data") ? Params.data(o.get("data"), "transaction.data") : null;
    if (o.hasNonNull("input") && o.hasNonNull("data") && !Params.data(o.get("data"), "transaction.data").equals(data)) {
      throw Params.invalid("transaction: both input and data given, and they differ");
    }
    return new CallRequest(from, to, gas, value, data);
  }

  private Chain.Simulation simulate(ArrayNode p) {
    Params ps = new Params(p).atMost(2);
    CallRequest request = callRequest(ps.required(0, "transaction"));
    stateAt(ps.optional(1));
    try {
      return chain.simulate(request);
    } catch (InvalidTransactionException e) {
      throw RpcException.refused(e.getMessage());
    }
  }

  private JsonNode call(ArrayNode p) {
    Chain.Simulation s = simulate(p);
    failed(s.result());
    return Json.data(s.result().output());
  }

  private JsonNode estimateGas(ArrayNode p) {
    Chain.Simulation s = simulate(p);
    failed(s.result());
    return Json.hex(s.totalGas());
  }

  /** A revert answers code 3 with the revert data, as geth; a halt -32000 with its reason. */
  private static void failed(CallResult r) {
    if (r.status() == CallResult.Status.REVERT) {
      throw new RpcException(RpcException.EXECUTION_REVERTED, "execution reverted", Json.data(r.output()));
    }
    if (r.status() == CallResult.Status.HALT) {
      throw RpcException.refused(r.haltReason() != null && r.haltReason().startsWith("out of gas")
          ? "gas required exceeds allowance: " + r.haltReason() : "execution halted: " + r.haltReason());
    }
  }

  // ------------------------------------------------------------------ transactions

  private JsonNode sendRawTransaction(ArrayNode p) {
    Params ps = new Params(p).atMost(1);
    Bytes raw = Params.data(ps.required(0, "transaction"), "transaction");
    try {
      return Json.data(chain.submit(raw.toArrayUnsafe()));
    } catch (InvalidTransactionException e) {
      throw RpcException.refused(e.getMessage());
    }
  }

  private JsonNode getTransactionByHash(ArrayNode p) {
    Params ps = new Params(p).atMost(1);
    Bytes32 hash = Params.hash(ps.required(0, "hash"), "hash");
    Optional<Transaction> pending = chain.pool().get(hash);
    if (pending.isPresent()) return Json.transaction(pending.get(), null, 0);
    return chain.includedTransaction(hash)
        .<JsonNode>map(i -> Json.transaction(i.transaction(), chain.block(i.location().blockNumber()).orElseThrow(), i.location().index()))
        .orElse(NullNode.getInstance());
  }

  private JsonNode getTransactionReceipt(ArrayNode p) {
    Params ps = new Params(p).atMost(1);
    Bytes32 hash = Params.hash(ps.required(0, "hash"), "hash");
    return chain.receipt(hash).<JsonNode>map(Json::receipt).orElse(NullNode.getInstance());
  }

  // ------------------------------------------------------------------ blocks

  private Optional<Block> blockByNumber(JsonNode param) {
    long head = chain.head().number();
    return chain.block(Params.block(param, "block").resolve(head));
  }

  private JsonNode blockJson(Optional<Block> block, boolean full) {
    if (block.isEmpty()) return NullNode.getInstance();
    Block b = block.get();
    List<Transaction> txs = null;
    if (full) {
      txs = new ArrayList<>();
      for (Bytes32 h : b.transactionHashes()) txs.add(chain.includedTransaction(h).orElseThrow().transaction());
    }
    return Json.block(b, txs);
  }

  private JsonNode getBlockByNumber(ArrayNode p) {
    Params ps = new Params(p).atMost(2);
    Optional<Block> b = blockByNumber(ps.required(0, "block"));
    return blockJson(b, Params.bool(ps.required(1, "fullTransactions"), "fullTransactions"));
  }

  private JsonNode getBlockByHash(ArrayNode p) {
    Params ps = new Params(p).atMost(2);
    Optional<Block> b = chain.block(Params.hash(ps.required(0, "hash"), "hash"));
    return blockJson(b, Params.bool(ps.required(1, "fullTransactions"), "fullTransactions"));
  }

  private JsonNode getBlockTransactionCountByNumber(ArrayNode p) {
    Params ps = new Params(p).atMost(1);
    return blockByNumber(ps.required(0, "block")).<JsonNode>map(b -> Json.hex(b.transactionHashes().size())).orElse(NullNode.getInstance());
  }

  private JsonNode getBlockTransactionCountByHash(ArrayNode p) {
    Params ps = new Params(p).atMost(1);
    return chain.block(Params.hash(ps.required(0, "hash"), "hash"))
        .<JsonNode>map(b -> Json.hex(b.transactionHashes().size())).orElse(NullNode.getInstance());
  }

  private JsonNode getLogs(ArrayNode p) {
    Params ps = new Params(p).atMost(1);
    return new LogQuery(ps.required(0, "filter")).run(chain, limits);
  }

  // ------------------------------------------------------------------ openledger_*

  /** {@code openledger_mine(count?)}: seals {@code count} blocks (default 1) now; returns the new head number. */
  private JsonNode mine(ArrayNode p) {
    Params ps = new Params(p).atMost(1);
    JsonNode c = ps.optional(0);
    long count = c == null ? 1 : Params.count(c, "count");
    if (count < 1) throw Params.invalid("count: at least 1");
    if (count > limits.maxMineBlocks()) {
      throw new RpcException(RpcException.LIMIT_EXCEEDED, "count " + count + " is above the limit of " + limits.maxMineBlocks() + " blocks per call");
    }
    return Json.hex(chain.mine((int) count).number());
  }

  private JsonNode putContent(ArrayNode p) {
    Params ps = new Params(p).atMost(1);
    Bytes data = Params.data(ps.required(0, "content"), "content");
    try {
      return Json.data(content.put(data));
    } catch (ContentStore.ContentTooLargeException e) {
      throw new RpcException(RpcException.LIMIT_EXCEEDED, e.getMessage());
    }
  }

  private JsonNode getContent(ArrayNode p) {
    Params ps = new Params(p).atMost(1);
    Bytes32 hash = Params.hash(ps.required(0, "hash"), "hash");
    return content.get(hash).<JsonNode>map(Json::data).orElse(NullNode.getInstance());
  }
}
