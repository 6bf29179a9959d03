package org.openledger.devnet.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openledger.devnet.Wallets.ALICE;
import static org.openledger.devnet.Wallets.BOB;
import static org.openledger.devnet.Wallets.OPEN;
import static org.openledger.devnet.Wallets.address;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.staking.Staking;
import org.openledger.devnet.TestChain;
import org.openledger.devnet.Wallets;
import org.openledger.devnet.content.ContentStore;
import org.openledger.devnet.rpc.RpcException;
import org.openledger.devnet.rpc.RpcMethod;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;

/** Each method's answer to a good request, and -32602 (or the method's own code) to a bad one. */
class EthMethodsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  TestChain t;
  Map<String, RpcMethod> methods;
  final Address alice = address(ALICE);
  final String aliceHex = alice.toHexString();
  final String bobHex = address(BOB).toHexString();

  @BeforeEach
  void open() {
    t = new TestChain(dir);
    methods = EthMethods.of(t.chain, new ContentStore(t.chain.store(), 64), new Limits(3, 2, 50, 16));
  }

  @AfterEach
  void close() {
    t.close();
  }

  private JsonNode call(String method, Object... params) {
    ArrayNode p = JSON.valueToTree(params);
    return methods.get(method).call(p);
  }

  private void invalid(String method, String messagePart, Object... params) {
    failsWith(RpcException.INVALID_PARAMS, messagePart, method, params);
  }

  private void failsWith(int code, String messagePart, String method, Object... params) {
    assertThatThrownBy(() -> call(method, params)).isInstanceOfSatisfying(RpcException.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.getMessage()).contains(messagePart);
    });
  }

  private static String hex(byte[] raw) {
    return Bytes.wrap(raw).toHexString();
  }

  private String sendAndMine(byte[] raw) {
    String hash = call("eth_sendRawTransaction", hex(raw)).asText();
    call("openledger_mine");
    return hash;
  }

  @Test
  void identityMethods() {
    assertThat(call("eth_chainId").asText()).isEqualTo("0x539");
    assertThat(call("net_version").asText()).isEqualTo("1337");
    assertThat(call("web3_clientVersion").asText()).startsWith("OpenLedger");
    assertThat(call("eth_accounts").size()).isZero();
    assertThat(call("eth_syncing").asBoolean()).isFalse();
    invalid("eth_chainId", "too many arguments", 1);
  }

  @Test
  void blockNumberFollowsMining() {
    assertThat(call("eth_blockNumber").asText()).isEqualTo("0x0");
    assertThat(call("openledger_mine", "0x3").asText()).isEqualTo("0x3");
    assertThat(call("eth_blockNumber").asText()).isEqualTo("0x3");
    invalid("openledger_mine", "count", "0x03");
    failsWith(RpcException.LIMIT_EXCEEDED, "limit of 50", "openledger_mine", 51);
  }

  @Test
  void balanceCodeAndStorage() {
    assertThat(new BigInteger(call("eth_getBalance", aliceHex, "latest").asText().substring(2), 16)).isEqualTo(t.balance(alice));
    assertThat(call("eth_getCode", Addresses.STAKING.toHexString(), "latest").asText()).isEqualTo("0xfe");
    assertThat(call("eth_getCode", aliceHex).asText()).isEqualTo("0x");
    assertThat(call("eth_getStorageAt", Addresses.STAKING.toHexString(), "0x0", "latest").asText()).hasSize(66);
    invalid("eth_getBalance", "address: an address is 20 bytes", "0x1234", "latest");
    invalid("eth_getBalance", "block", aliceHex, "newest");
    invalid("eth_getStorageAt", "slot", Addresses.STAKING.toHexString(), "0x00", "latest");
  }

  @Test
  void olderBlocksHaveNoState() {
    call("openledger_mine");
    failsWith(RpcException.TRANSACTION_REFUSED, "historical state not available", "eth_getBalance", aliceHex, "0x0");
    failsWith(RpcException.TRANSACTION_REFUSED, "header not found", "eth_getBalance", aliceHex, "0x9");
    assertThat(call("eth_getBalance", aliceHex, "0x1").asText()).startsWith("0x");
  }

  @Test
  void transactionCountLatestAndPending() {
    call("eth_sendRawTransaction", hex(Wallets.transfer(ALICE, 0, address(BOB), OPEN)));
    assertThat(call("eth_getTransactionCount", aliceHex, "latest").asText()).isEqualTo("0x0");
    assertThat(call("eth_getTransactionCount", aliceHex, "pending").asText()).isEqualTo("0x1");
    call("openledger_mine");
    assertThat(call("eth_getTransactionCount", aliceHex, "latest").asText()).isEqualTo("0x1");
    invalid("eth_getTransactionCount", "address", 42, "latest");
  }

  @Test
  void feesAndFeeHistory() {
    assertThat(call("eth_gasPrice").asText()).isEqualTo("0x3b9aca00");
    assertThat(call("eth_maxPriorityFeePerGas").asText()).isEqualTo("0x0");
    sendAndMine(Wallets.transfer(ALICE, 0, address(BOB), OPEN));
    JsonNode h = call("eth_feeHistory", "0x2", "latest", new double[] {50});
    assertThat(h.get("oldestBlock").asText()).isEqualTo("0x0");
    assertThat(h.get("baseFeePerGas")).hasSize(3);
    assertThat(h.get("gasUsedRatio")).hasSize(2);
    assertThat(h.get("reward").get(1).get(0).asText()).isEqualTo("0x3b9aca00");
    failsWith(RpcException.LIMIT_EXCEEDED, "limit of 16", "eth_feeHistory", "0x20", "latest");
    invalid("eth_feeHistory", "rewardPercentiles", "0x1", "latest", new double[] {60, 50});
  }

  @Test
  void callAnswersReturnDataAndRevertsWithCode3AndTheErrorData() {
    String votes = Staking.GET_VOTES.encodeCall(alice).toHexString();
    JsonNode out = call("eth_call", Map.of("to", Addresses.STAKING.toHexString(), "data", votes), "latest");
    assertThat(new BigInteger(out.asText().substring(2), 16)).isEqualTo(OPEN.multiply(BigInteger.valueOf(20_000)));
    String stake = Staking.STAKE.encodeCall(BigInteger.ZERO).toHexString();
    assertThatThrownBy(() -> call("eth_call", Map.of("from", aliceHex, "to", Addresses.STAKING.toHexString(), "input", stake, "value", "0x1")))
        .isInstanceOfSatisfying(RpcException.class, e -> {
          assertThat(e.code()).isEqualTo(RpcException.EXECUTION_REVERTED);
          assertThat(e.getMessage()).isEqualTo("execution reverted");
          assertThat(Staking.STAKE_BELOW_MINIMUM.matches(Bytes.fromHexString(e.data().asText()))).isTrue();
        });
    invalid("eth_call", "transaction.data", Map.of("to", Addresses.STAKING.toHexString(), "data", "0x123"));
    failsWith(RpcException.TRANSACTION_REFUSED, "Besu", "eth_call", Map.of("data", "0x6000"));
  }

  @Test
  void estimateGasIsWhatTheTransactionUses() {
    String stake = Staking.STAKE.encodeCall(BigInteger.ZERO).toHexString();
    long estimate = Long.decode(call("eth_estimateGas", Map.of("from", aliceHex, "to", Addresses.STAKING.toHexString(), "data", stake,
        "value", "0xde0b6b3a7640000")).asText());
    String hash = sendAndMine(Wallets.eip1559(ALICE, 0, Addresses.STAKING, OPEN, Bytes.fromHexString(stake), estimate));
    JsonNode receipt = call("eth_getTransactionReceipt", hash);
    assertThat(receipt.get("status").asText()).isEqualTo("0x1");
    assertThat(Long.decode(receipt.get("gasUsed").asText())).isEqualTo(estimate);
    assertThat(call("eth_estimateGas", Map.of("to", bobHex)).asText()).isEqualTo("0x5208");
    invalid("eth_estimateGas", "unknown field 'gasLimit'", Map.of("to", bobHex, "gasLimit", "0x1"));
  }

  @Test
  void sendRawTransactionAnswersTheHashOrTheRefusal() {
    byte[] raw = Wallets.transfer(ALICE, 0, address(BOB), OPEN);
    assertThat(call("eth_sendRawTransaction", hex(raw)).asText()).isEqualTo(Keccak.hash(Bytes.wrap(raw)).toHexString());
    failsWith(RpcException.TRANSACTION_REFUSED, "already known", "eth_sendRawTransaction", hex(raw));
    failsWith(RpcException.TRANSACTION_REFUSED, "rlp:", "eth_sendRawTransaction", "0xf801");
    invalid("eth_sendRawTransaction", "transaction", "f801");
  }

  @Test
  void transactionByHashFindsPendingAndIncludedTransactions() {
    String hash = call("eth_sendRawTransaction", hex(Wallets.transfer(ALICE, 0, address(BOB), OPEN))).asText();
    JsonNode pending = call("eth_getTransactionByHash", hash);
    assertThat(pending.get("blockHash").isNull()).isTrue();
    assertThat(pending.get("from").asText()).isEqualTo(aliceHex);
    call("openledger_mine");
    JsonNode included = call("eth_getTransactionByHash", hash);
    assertThat(included.get("blockNumber").asText()).isEqualTo("0x1");
    assertThat(included.get("type").asText()).isEqualTo("0x2");
    assertThat(included.get("gasPrice").asText()).isEqualTo("0x77359400");
    assertThat(call("eth_getTransactionByHash", "0x" + "00".repeat(32)).isNull()).isTrue();
    invalid("eth_getTransactionByHash", "hash: a hash is 32 bytes", "0x00");
  }

  @Test
  void receiptsCarryStatusLogsAndRevertData() {
    String ok = sendAndMine(Wallets.eip1559(ALICE, 0, Addresses.STAKING, OPEN, Staking.STAKE.encodeCall(BigInteger.ZERO), 500_000));
    JsonNode r = call("eth_getTransactionReceipt", ok);
    assertThat(r.get("status").asText()).isEqualTo("0x1");
    assertThat(r.get("logs").size()).isPositive();
    assertThat(r.get("logs").get(0).get("address").asText()).isEqualTo(Addresses.STAKING.toHexString());
    assertThat(r.get("contractAddress").isNull()).isTrue();
    String failed = sendAndMine(Wallets.eip1559(ALICE, 1, Addresses.STAKING, BigInteger.ONE, Staking.STAKE.encodeCall(BigInteger.ZERO), 500_000));
    JsonNode f = call("eth_getTransactionReceipt", failed);
    assertThat(f.get("status").asText()).isEqualTo("0x0");
    assertThat(Staking.STAKE_BELOW_MINIMUM.matches(Bytes.fromHexString(f.get("revertReason").asText()))).isTrue();
    assertThat(call("eth_getTransactionReceipt", "0x" + "11".repeat(32)).isNull()).isTrue();
  }

  @Test
  void blocksByNumberAndHashWithHashesOrFullTransactions() {
    String hash = sendAndMine(Wallets.transfer(ALICE, 0, address(BOB), OPEN));
    JsonNode b = call("eth_getBlockByNumber", "latest", false);
    assertThat(b.get("transactions").get(0).asText()).isEqualTo(hash);
    for (String f : new String[] {"number", "hash", "parentHash", "stateRoot", "transactionsRoot", "receiptsRoot", "logsBloom", "gasLimit",
        "gasUsed", "baseFeePerGas", "miner", "extraData", "mixHash", "nonce", "difficulty", "sha3Uncles", "size", "timestamp"}) {
      assertThat(b.has(f)).as(f).isTrue();
    }
    JsonNode full = call("eth_getBlockByHash", b.get("hash").asText(), true);
    assertThat(full.get("transactions").get(0).get("hash").asText()).isEqualTo(hash);
    assertThat(call("eth_getBlockByNumber", "earliest", false).get("number").asText()).isEqualTo("0x0");
    assertThat(call("eth_getBlockByNumber", "0x64", false).isNull()).isTrue();
    assertThat(call("eth_getBlockTransactionCountByNumber", "0x1").asText()).isEqualTo("0x1");
    assertThat(call("eth_getBlockTransactionCountByHash", b.get("hash").asText()).asText()).isEqualTo("0x1");
    invalid("eth_getBlockByNumber", "fullTransactions", "latest", "yes");
    invalid("eth_getBlockByNumber", "missing value for required argument 1", "latest");
  }

  @Test
  void logsFilterByAddressTopicsAndRange() {
    sendAndMine(Wallets.eip1559(ALICE, 0, Addresses.STAKING, OPEN, Staking.STAKE.encodeCall(BigInteger.ZERO), 500_000));
    JsonNode all = call("eth_getLogs", Map.of("fromBlock", "0x0", "toBlock", "latest"));
    assertThat(all.size()).isPositive();
    String topic0 = all.get(0).get("topics").get(0).asText();
    java.util.List<Object> anyOf = new java.util.ArrayList<>();
    anyOf.add(java.util.List.of("0x" + "00".repeat(32), topic0));
    long withTopic0 = java.util.stream.StreamSupport.stream(all.spliterator(), false)
        .filter(l -> l.get("topics").get(0).asText().equals(topic0)).count();
    JsonNode filtered = call("eth_getLogs", Map.of("address", java.util.List.of(Addresses.STAKING.toHexString()), "topics", anyOf, "fromBlock", "0x1"));
    assertThat(filtered).hasSize((int) withTopic0);
    assertThat(filtered).allMatch(l -> l.get("topics").get(0).asText().equals(topic0));
    java.util.List<Object> wildcardThenNone = new java.util.ArrayList<>();
    wildcardThenNone.add(null);
    wildcardThenNone.add("0x" + "ab".repeat(32));
    assertThat(call("eth_getLogs", Map.of("topics", wildcardThenNone, "fromBlock", "0x0"))).isEmpty();
    assertThat(call("eth_getLogs", Map.of("address", Addresses.MODELS.toHexString(), "fromBlock", "0x0"))).isEmpty();
    String blockHash = all.get(0).get("blockHash").asText();
    assertThat(call("eth_getLogs", Map.of("blockHash", blockHash))).hasSize(all.size());
    call("openledger_mine", 3);
    failsWith(RpcException.LIMIT_EXCEEDED, "max block range 3", "eth_getLogs", Map.of("fromBlock", "0x0"));
    invalid("eth_getLogs", "blockHash excludes", Map.of("blockHash", blockHash, "fromBlock", "0x0"));
  }

  @Test
  void logsOverTheResultLimitAnswer32005() {
    for (int n = 0; n < 3; n++) {
      call("eth_sendRawTransaction", hex(Wallets.eip1559(ALICE, n, Addresses.STAKING, OPEN, Staking.STAKE.encodeCall(BigInteger.ZERO), 500_000)));
    }
    call("openledger_mine");
    failsWith(RpcException.LIMIT_EXCEEDED, "more than 2 results", "eth_getLogs", Map.of("fromBlock", "0x1"));
  }

  @Test
  void burnedGrowsWithEveryBlockThatUsesGas() {
    assertThat(call("openledger_burned").asText()).isEqualTo("0x0");
    sendAndMine(Wallets.transfer(ALICE, 0, address(BOB), OPEN));
    assertThat(new BigInteger(call("openledger_burned").asText().substring(2), 16)).isEqualTo(t.chain.burned()).isPositive();
  }

  @Test
  void contentRoundTripsByItsKeccak() {
    String hash = call("openledger_putContent", "0x68656c6c6f").asText();
    assertThat(hash).isEqualTo(Keccak.hash(Bytes.fromHexString("0x68656c6c6f")).toHexString());
    assertThat(call("openledger_getContent", hash).asText()).isEqualTo("0x68656c6c6f");
    assertThat(call("openledger_getContent", "0x" + "00".repeat(32)).isNull()).isTrue();
    failsWith(RpcException.LIMIT_EXCEEDED, "the limit is 64", "openledger_putContent", "0x" + "00".repeat(65));
    invalid("openledger_putContent", "content", "hello");
  }

  @Test
  void contentSurvivesARestart() {
    String hash = call("openledger_putContent", "0x0102").asText();
    t.reopen();
    methods = EthMethods.of(t.chain, new ContentStore(t.chain.store(), 64));
    assertThat(call("openledger_getContent", hash).asText()).isEqualTo("0x0102");
  }
}
