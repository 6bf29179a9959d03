package org.openledger.contracts.web3j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.governance.GovernanceContracts;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.executor.Executor;
import org.openledger.precompiles.executor.Fork;
import org.openledger.precompiles.executor.ForkSchedule;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.InMemoryHost;
import org.openledger.precompiles.host.Log;
import org.openledger.precompiles.host.Message;
import org.web3j.protocol.Service;

/**
 * A JSON-RPC node in a test: web3j's {@link Service} serialises every request to its JSON wire
 * form and hands it here; this answers in JSON, executing the real native contracts, governance's
 * included ({@link GovernanceContracts#instancesWithCatalog()}), on an {@link InMemoryHost} through
 * the real {@link Executor}. Accounts are
 * unlocked, as on a development node ({@code eth_sendTransaction} from any address, no gas
 * charged); every transaction is mined in a block of its own. Keeps every request and response.
 *
 * <p>Methods: {@code eth_chainId}, {@code net_version}, {@code eth_blockNumber}, {@code eth_getCode},
 * {@code eth_getBalance}, {@code eth_call}, {@code eth_sendTransaction}, {@code
 * eth_getTransactionReceipt}. A revert answers as geth does: error code 3, "execution reverted",
 * the revert data in {@code error.data}.
 */
final class FakeNode extends Service {
  static final long GAS_CAP = 30_000_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  final InMemoryHost host = new InMemoryHost();
  final Executor executor = new Executor(ForkSchedule.of(new Fork("test", 0, GasSchedule.V1, GovernanceContracts.instancesWithCatalog())));
  final List<JsonNode> requests = new ArrayList<>();
  final List<JsonNode> responses = new ArrayList<>();
  private final Map<String, ObjectNode> receipts = new HashMap<>();
  private long transactions;

  FakeNode() {
    super(false);
  }

  /** Mints {@code wei} to {@code account}. */
  void fund(Address account, BigInteger wei) {
    host.setBalance(account, host.balance(account).add(wei));
  }

  /** Mines {@code blocks} empty blocks. */
  void mine(long blocks) {
    host.setBlockNumber(host.block().number() + blocks);
  }

  /** The last request with {@code method}. */
  JsonNode lastRequest(String method) {
    for (int i = requests.size() - 1; i >= 0; i--) {
      if (requests.get(i).path("method").asText().equals(method)) return requests.get(i);
    }
    throw new AssertionError("no " + method + " request was sent");
  }

  /** The response to the last request with {@code method}. */
  JsonNode lastResponse(String method) {
    for (int i = requests.size() - 1; i >= 0; i--) {
      if (requests.get(i).path("method").asText().equals(method)) return responses.get(i);
    }
    throw new AssertionError("no " + method + " request was sent");
  }

  @Override
  protected InputStream performIO(String payload) throws IOException {
    JsonNode request = JSON.readTree(payload);
    requests.add(request);
    ObjectNode response = NODES.objectNode();
    response.put("jsonrpc", "2.0");
    response.set("id", request.get("id"));
    try {
      response.set("result", dispatch(request.path("method").asText(), request.path("params")));
    } catch (RpcError e) {
      ObjectNode error = response.putObject("error");
      error.put("code", e.code);
      error.put("message", e.getMessage());
      if (e.data != null) error.put("data", e.data);
    }
    responses.add(response);
    return new ByteArrayInputStream(JSON.writeValueAsBytes(response));
  }

  @Override
  public void close() {}

  private JsonNode dispatch(String method, JsonNode params) {
    return switch (method) {
      case "eth_chainId" -> quantity(BigInteger.valueOf(host.block().chainId()));
      case "net_version" -> NODES.textNode(Long.toString(host.block().chainId()));
      case "eth_blockNumber" -> quantity(BigInteger.valueOf(host.block().number()));
      case "eth_getCode" -> NODES.textNode(executor.isNativeContract(address(params.get(0)), host.block().number()) ? "0xfe" : "0x");
      case "eth_getBalance" -> quantity(host.balance(address(params.get(0))));
      case "eth_call" -> call(params.get(0));
      case "eth_sendTransaction" -> send(params.get(0));
      case "eth_getTransactionReceipt" -> receipts.getOrDefault(params.get(0).asText(), null) == null
          ? NullNode.getInstance() : receipts.get(params.get(0).asText());
      default -> throw new RpcError(-32601, "the method " + method + " does not exist/is not available", null);
    };
  }

  private JsonNode call(JsonNode tx) {
    Address from = tx.hasNonNull("from") ? address(tx.get("from")) : Address.ZERO;
    CallResult r = executor.execute(host, Message.staticCall(from, address(tx.get("to")), data(tx), gas(tx)));
    return switch (r.status()) {
      case SUCCESS -> NODES.textNode(r.output().toHexString());
      case REVERT -> throw new RpcError(3, "execution reverted", r.output().toHexString());
      case HALT -> throw new RpcError(-32000, "halted: " + r.haltReason(), null);
    };
  }

  private JsonNode send(JsonNode tx) {
    Address from = address(tx.get("from"));
    Address to = address(tx.get("to"));
    BigInteger value = tx.hasNonNull("value") ? new BigInteger(strip(tx.get("value").asText()), 16) : BigInteger.ZERO;
    if (host.balance(from).compareTo(value) < 0) {
      throw new RpcError(-32000, "insufficient funds for transfer", null);
    }
    mine(1);
    // as a block builder does: the value moves first, and back if the call fails
    host.transfer(from, to, value);
    CallResult r = executor.isNativeContract(to, host.block().number())
        ? executor.execute(host, Message.call(from, to, value, data(tx), gas(tx)))
        : CallResult.success(Bytes.EMPTY, 21_000, List.of());
    if (!r.isSuccess()) host.transfer(to, from, value);
    String hash = Bytes.wrap(Keccak.hash(("tx" + transactions++).getBytes(StandardCharsets.UTF_8))).toHexString();
    receipts.put(hash, receipt(hash, from, to, r));
    return NODES.textNode(hash);
  }

  private ObjectNode receipt(String hash, Address from, Address to, CallResult r) {
    String block = quantity(BigInteger.valueOf(host.block().number())).asText();
    String blockHash = Bytes32.leftPad(Bytes.ofUnsignedLong(host.block().number())).toHexString();
    ObjectNode n = NODES.objectNode();
    n.put("transactionHash", hash);
    n.put("transactionIndex", "0x0");
    n.put("blockHash", blockHash);
    n.put("blockNumber", block);
    n.put("from", from.toHexString());
    n.put("to", to.toHexString());
    n.put("cumulativeGasUsed", quantity(BigInteger.valueOf(r.gasUsed())).asText());
    n.put("gasUsed", quantity(BigInteger.valueOf(r.gasUsed())).asText());
    n.putNull("contractAddress");
    n.put("status", r.isSuccess() ? "0x1" : "0x0");
    n.put("logsBloom", "0x" + "00".repeat(256));
    n.put("type", "0x0");
    n.put("effectiveGasPrice", "0x0");
    ArrayNode logs = n.putArray("logs");
    int index = 0;
    for (Log log : r.logs()) {
      ObjectNode l = logs.addObject();
      l.put("removed", false);
      l.put("logIndex", quantity(BigInteger.valueOf(index++)).asText());
      l.put("transactionIndex", "0x0");
      l.put("transactionHash", hash);
      l.put("blockHash", blockHash);
      l.put("blockNumber", block);
      l.put("address", log.address().toHexString());
      l.put("data", log.data().toHexString());
      ArrayNode topics = l.putArray("topics");
      log.topics().forEach(t -> topics.add(t.toHexString()));
    }
    return n;
  }

  private static Address address(JsonNode n) {
    return Address.fromHex(n.asText());
  }

  private static Bytes data(JsonNode tx) {
    JsonNode d = tx.hasNonNull("data") ? tx.get("data") : tx.get("input");
    return d == null ? Bytes.EMPTY : Bytes.fromHexString(d.asText());
  }

  private static long gas(JsonNode tx) {
    return tx.hasNonNull("gas") ? Math.min(GAS_CAP, Long.parseLong(strip(tx.get("gas").asText()), 16)) : GAS_CAP;
  }

  private static String strip(String hex) {
    return hex.startsWith("0x") ? hex.substring(2) : hex;
  }

  private static JsonNode quantity(BigInteger v) {
    return NODES.textNode("0x" + v.toString(16));
  }

  private static final class RpcError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;
    final String data;

    RpcError(int code, String message, String data) {
      super(message);
      this.code = code;
      this.data = data;
    }
  }
}
