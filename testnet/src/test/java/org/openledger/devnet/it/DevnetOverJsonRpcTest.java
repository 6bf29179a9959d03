package org.openledger.devnet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.contracts.web3j.Datanets;
import org.openledger.contracts.web3j.OpenLedgerContracts;
import org.openledger.contracts.web3j.Staking;
import org.openledger.devnet.genesis.GenesisConfig;
import org.openledger.devnet.node.DevnetNode;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.utils.Numeric;

/**
 * The devnet as an Ethereum client sees it: a {@link DevnetNode} on a real port, driven only
 * through JSON-RPC with web3j — raw signed transactions, the generated wrappers, and plain HTTP
 * for the malformed requests web3j cannot send.
 */
class DevnetOverJsonRpcTest {
  static final BigInteger OPEN = BigInteger.TEN.pow(18);
  static final BigInteger GWEI = BigInteger.TEN.pow(9);
  static final long CHAIN_ID = 1337;

  @TempDir static Path dir;
  static DevnetNode node;
  static Web3j web3j;
  static HttpService http;
  static final List<Credentials> keys = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    node = DevnetNode.start(DevnetNode.Config.ephemeral(dir));
    http = new HttpService(node.rpcUrl());
    web3j = Web3j.build(http);
    Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed("test test test test test test test test test test test junk", ""));
    for (int i = 0; i < 5; i++) {
      int[] path = {44 | Bip32ECKeyPair.HARDENED_BIT, 60 | Bip32ECKeyPair.HARDENED_BIT, Bip32ECKeyPair.HARDENED_BIT, 0, i};
      keys.add(Credentials.create(Bip32ECKeyPair.deriveKeyPair(master, path)));
    }
  }

  @AfterAll
  static void stop() {
    web3j.shutdown();
    node.close();
  }

  // ------------------------------------------------------------------ helpers

  /** Signs locally; polls for receipts every 20 ms (web3j's default waits a 15 s block time). */
  static RawTransactionManager signer(Credentials k) {
    return new RawTransactionManager(web3j, k, CHAIN_ID, new org.web3j.tx.response.PollingTransactionReceiptProcessor(web3j, 20, 1_000));
  }

  static BigInteger nonce(Credentials k) throws IOException {
    return web3j.ethGetTransactionCount(k.getAddress(), DefaultBlockParameterName.PENDING).send().getTransactionCount();
  }

  static String signed1559(Credentials k, BigInteger nonce, String to, BigInteger value, String data, long chainId) {
    RawTransaction tx = RawTransaction.createTransaction(chainId, nonce, BigInteger.valueOf(200_000), to, value, data, GWEI, GWEI.multiply(BigInteger.valueOf(4)));
    return Numeric.toHexString(TransactionEncoder.signMessage(tx, k));
  }

  static String signedLegacy(Credentials k, BigInteger nonce, String to, BigInteger value, long chainId) {
    RawTransaction tx = RawTransaction.createEtherTransaction(nonce, GWEI.multiply(BigInteger.TWO), BigInteger.valueOf(21_000), to, value);
    return Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, k));
  }

  /** Waits for the receipt (automine seals on its own thread, right after admission). */
  static TransactionReceipt mined(EthSendTransaction sent) throws Exception {
    assertThat(sent.hasError()).as(() -> sent.getError().getMessage()).isFalse();
    return new org.web3j.tx.response.PollingTransactionReceiptProcessor(web3j, 10, 1_000).waitForTransactionReceipt(sent.getTransactionHash());
  }

  static String post(String body) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(node.rpcUrl())).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).body();
  }

  static Response.Error refusal(String rawHex) throws IOException {
    EthSendTransaction r = web3j.ethSendRawTransaction(rawHex).send();
    assertThat(r.hasError()).as("refused: " + rawHex).isTrue();
    return r.getError();
  }

  static BigInteger balance(String address) throws IOException {
    return web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
  }

  // ------------------------------------------------------------------ methods

  @Test
  void chainIdentityAnswersAsEthereumToolsExpect() throws Exception {
    assertThat(web3j.ethChainId().send().getChainId()).isEqualTo(BigInteger.valueOf(CHAIN_ID));
    assertThat(web3j.netVersion().send().getNetVersion()).isEqualTo("1337");
    assertThat(web3j.web3ClientVersion().send().getWeb3ClientVersion()).containsIgnoringCase("openledger");
    assertThat(web3j.ethGasPrice().send().getGasPrice()).isPositive();
    assertThat(web3j.ethMaxPriorityFeePerGas().send().getMaxPriorityFeePerGas()).isNotNegative();
    assertThat(web3j.ethFeeHistory(2, DefaultBlockParameterName.LATEST, List.of(50.0)).send().getFeeHistory().getBaseFeePerGas()).isNotEmpty();
  }

  @Test
  void nativeContractsHaveTheOneByteMarkerCodeAndAccountsHaveNone() throws Exception {
    assertThat(web3j.ethGetCode(OpenLedgerContracts.DATANETS, DefaultBlockParameterName.LATEST).send().getCode()).isEqualTo("0xfe");
    assertThat(web3j.ethGetCode(keys.get(0).getAddress(), DefaultBlockParameterName.LATEST).send().getCode()).isEqualTo("0x");
  }

  @Test
  void legacyEip155AndEip1559TransfersAreMinedWithReceiptsBlocksAndLookups() throws Exception {
    Credentials from = keys.get(4);
    String to = "0x00000000000000000000000000000000000b0b01";
    TransactionReceipt legacy = mined(web3j.ethSendRawTransaction(signedLegacy(from, nonce(from), to, OPEN, CHAIN_ID)).send());
    TransactionReceipt dynamic = mined(web3j.ethSendRawTransaction(signed1559(from, nonce(from), to, OPEN, "0x", CHAIN_ID)).send());
    assertThat(legacy.isStatusOK()).isTrue();
    assertThat(dynamic.isStatusOK()).isTrue();
    assertThat(dynamic.getType()).isEqualTo("0x2");
    assertThat(dynamic.getGasUsed()).isEqualTo(BigInteger.valueOf(21_000));
    assertThat(balance(to)).isEqualTo(OPEN.multiply(BigInteger.TWO));

    var tx = web3j.ethGetTransactionByHash(dynamic.getTransactionHash()).send().getTransaction().orElseThrow();
    assertThat(tx.getFrom()).isEqualToIgnoringCase(from.getAddress());
    EthBlock.Block byNumber = web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(dynamic.getBlockNumber()), true).send().getBlock();
    EthBlock.Block byHash = web3j.ethGetBlockByHash(dynamic.getBlockHash(), false).send().getBlock();
    assertThat(byNumber.getHash()).isEqualTo(byHash.getHash()).isEqualTo(dynamic.getBlockHash());
    assertThat(byHash.getTransactions()).extracting(t -> (String) t.get()).contains(dynamic.getTransactionHash());
    assertThat(web3j.ethBlockNumber().send().getBlockNumber()).isGreaterThanOrEqualTo(dynamic.getBlockNumber());
  }

  @Test
  void theGeneratedWrappersRunAContributionAndAStakeAndTheirEventsAndViewsComeBack() throws Exception {
    Credentials curator = keys.get(0), contributor = keys.get(1);
    StaticEIP1559GasProvider gas = new StaticEIP1559GasProvider(CHAIN_ID, GWEI.multiply(BigInteger.valueOf(4)), GWEI, BigInteger.valueOf(1_000_000));
    Datanets asCurator = OpenLedgerContracts.datanets(web3j, signer(curator), gas);
    Datanets asContributor = OpenLedgerContracts.datanets(web3j, signer(contributor), gas);

    TransactionReceipt created = asCurator.create("wrappers", "", OPEN, BigInteger.ZERO).send();
    BigInteger id = Datanets.getDatanetCreatedEvents(created).get(0).datanetId;
    byte[] content = "wrapped".getBytes(StandardCharsets.UTF_8);
    byte[] commitment = org.openledger.precompiles.Keccak.hash(content, Numeric.hexStringToByteArray(contributor.getAddress()));
    TransactionReceipt submitted = asContributor.submit(id, commitment, "uri", OPEN).send();
    BigInteger contribution = Datanets.getContributionSubmittedEvents(submitted).get(0).contributionId;
    asCurator.accept(contribution, org.openledger.precompiles.Keccak.hash(content)).send();
    assertThat(asContributor.isAccepted(contribution).send()).isTrue();

    Staking staking = OpenLedgerContracts.staking(web3j, signer(keys.get(3)), gas);
    TransactionReceipt staked = staking.stake(BigInteger.ZERO, OPEN.multiply(BigInteger.valueOf(100))).send();
    assertThat(Staking.getStakedEvents(staked)).hasSize(1);
    assertThat(staking.getVotes(keys.get(3).getAddress()).send()).isEqualTo(OPEN.multiply(BigInteger.valueOf(100)));
  }

  @Test
  void getLogsFiltersByContractEventTopicIndexedArgumentAndBlockRange() throws Exception {
    StaticEIP1559GasProvider gas = new StaticEIP1559GasProvider(CHAIN_ID, GWEI.multiply(BigInteger.valueOf(4)), GWEI, BigInteger.valueOf(1_000_000));
    Datanets a = OpenLedgerContracts.datanets(web3j, signer(keys.get(2)), gas);
    Datanets b = OpenLedgerContracts.datanets(web3j, signer(keys.get(3)), gas);
    TransactionReceipt first = a.create("logs a", "", OPEN, BigInteger.ZERO).send();
    TransactionReceipt second = b.create("logs b", "", OPEN, BigInteger.ZERO).send();
    String topic = org.web3j.abi.EventEncoder.encode(Datanets.DATANETCREATED_EVENT);

    EthFilter byOwner = new EthFilter(DefaultBlockParameter.valueOf(first.getBlockNumber()), DefaultBlockParameterName.LATEST, OpenLedgerContracts.DATANETS);
    byOwner.addSingleTopic(topic).addNullTopic().addSingleTopic(Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(keys.get(3).getAddress()), 64));
    List<EthLog.LogResult> logs = web3j.ethGetLogs(byOwner).send().getLogs();
    assertThat(logs).hasSize(1);
    assertThat(((EthLog.LogObject) logs.get(0)).getTransactionHash()).isEqualTo(second.getTransactionHash());

    EthFilter onlyFirstBlock = new EthFilter(DefaultBlockParameter.valueOf(first.getBlockNumber()), DefaultBlockParameter.valueOf(first.getBlockNumber()),
        OpenLedgerContracts.DATANETS);
    onlyFirstBlock.addSingleTopic(topic);
    assertThat(web3j.ethGetLogs(onlyFirstBlock).send().getLogs()).extracting(l -> ((EthLog.LogObject) l).getTransactionHash())
        .containsExactly(first.getTransactionHash());

    EthFilter otherContract = new EthFilter(DefaultBlockParameter.valueOf(first.getBlockNumber()), DefaultBlockParameterName.LATEST, OpenLedgerContracts.MODELS);
    otherContract.addSingleTopic(topic);
    assertThat(web3j.ethGetLogs(otherContract).send().getLogs()).isEmpty();
  }

  @Test
  void callAndEstimateGasReportARevertAsCode3WithTheCustomErrorData() throws Exception {
    String data = org.openledger.contracts.datanet.Datanets.ACCEPT.encodeCall(BigInteger.valueOf(999_999), org.apache.tuweni.bytes.Bytes32.ZERO).toHexString();
    Transaction call = Transaction.createEthCallTransaction(keys.get(0).getAddress(), OpenLedgerContracts.DATANETS, data);
    EthCall result = web3j.ethCall(call, DefaultBlockParameterName.LATEST).send();
    assertThat(result.getError().getCode()).isEqualTo(3);
    assertThat(result.getError().getMessage()).startsWith("execution reverted");
    var estimate = web3j.ethEstimateGas(call).send();
    assertThat(estimate.getError().getCode()).isEqualTo(3);

    String view = org.openledger.contracts.datanet.Datanets.DATANET_COUNT.encodeCall().toHexString();
    EthCall ok = web3j.ethCall(Transaction.createEthCallTransaction(null, OpenLedgerContracts.DATANETS, view), DefaultBlockParameterName.LATEST).send();
    assertThat(ok.hasError()).isFalse();
    assertThat(web3j.ethGetStorageAt(OpenLedgerContracts.DATANETS, BigInteger.ZERO, DefaultBlockParameterName.LATEST).send().getData()).hasSize(66);
  }

  // ------------------------------------------------------------------ bad input

  @Test
  void everyBadTransactionIsRefusedWithTheStandardErrorAndChangesNothing() throws Exception {
    Credentials k = keys.get(1);
    String to = "0x00000000000000000000000000000000000bad01";
    long head = node.devnet().chain().head().number();
    BigInteger before = balance(k.getAddress());
    BigInteger n = nonce(k);

    assertThat(refusal("0xdeadbeef").getCode()).isEqualTo(-32000);                              // malformed RLP
    assertThat(refusal(signed1559(k, n, to, OPEN, "0x", 1)).getMessage()).contains("chain");      // wrong chain id
    String good = signed1559(k, n, to, OPEN, "0x", CHAIN_ID);
    byte[] tampered = Numeric.hexStringToByteArray(good);
    tampered[tampered.length - 40] ^= 0x01;                                                          // inside r or s
    assertThat(refusal(Numeric.toHexString(tampered)).getCode()).isIn(-32000, -32602);               // bad signature
    assertThat(refusal(signed1559(k, n.add(BigInteger.TWO), to, OPEN, "0x", CHAIN_ID)).getMessage()).contains("nonce too high");
    assertThat(refusal(signed1559(k, n, to, before.multiply(BigInteger.TWO), "0x", CHAIN_ID)).getMessage()).contains("insufficient funds");
    RawTransaction create = RawTransaction.createContractTransaction(n, GWEI, BigInteger.valueOf(100_000), BigInteger.ZERO, "0x6000");
    assertThat(refusal(Numeric.toHexString(TransactionEncoder.signMessage(create, CHAIN_ID, k))).getMessage()).contains("Besu");

    assertThat(node.devnet().chain().head().number()).isEqualTo(head);
    assertThat(balance(k.getAddress())).isEqualTo(before);

    TransactionReceipt sent = mined(web3j.ethSendRawTransaction(good).send());
    assertThat(sent.isStatusOK()).isTrue();
    Response.Error replay = refusal(good);
    assertThat(replay.getMessage()).containsAnyOf("nonce too low", "already known");
    assertThat(refusal(signed1559(k, n, to, OPEN, "0x01", CHAIN_ID)).getMessage()).contains("nonce too low");
  }

  @Test
  void malformedRequestsGetJsonRpcErrorsAndTheNodeKeepsServing() throws Exception {
    assertThat(post("{not json")).contains("-32700");
    assertThat(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_noSuchMethod\",\"params\":[]}")).contains("-32601");
    assertThat(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBalance\",\"params\":[\"0x12\",\"latest\"]}")).contains("-32602");
    String batch = post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"net_version\"}]");
    assertThat(batch).contains("\"0x539\"", "\"1337\"");
    String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[\"" + "a".repeat(6 * 1024 * 1024) + "\"]}";
    assertThat(post(huge)).contains("-32005");
    assertThat(web3j.ethChainId().send().getChainId()).isEqualTo(BigInteger.valueOf(CHAIN_ID));
  }

  // ------------------------------------------------------------------ conservation

  @Test
  void afterARandomWorkloadEveryBalancePlusTheBurnedFeesEqualsTheGenesisSupply() throws Exception {
    Random random = new Random(20261205);
    Set<String> accounts = new LinkedHashSet<>();
    for (Credentials k : keys) accounts.add(k.getAddress());
    for (var e : org.openledger.governance.GovernanceContracts.withCatalog()) accounts.add(e.address().toHexString());
    List<String> strangers = new ArrayList<>();
    for (int i = 0; i < 6; i++) strangers.add(String.format("0x%040x", 0xc0ffee00L + i));
    accounts.addAll(strangers);
    accounts.add("0x00000000000000000000000000000000000b0b01");
    accounts.add("0x00000000000000000000000000000000000bad01");

    for (int i = 0; i < 60; i++) {
      Credentials k = keys.get(random.nextInt(keys.size()));
      BigInteger n = nonce(k);
      String raw = switch (random.nextInt(4)) {
        case 0 -> signed1559(k, n, strangers.get(random.nextInt(strangers.size())), BigInteger.valueOf(random.nextInt(1_000_000)).multiply(GWEI), "0x", CHAIN_ID);
        case 1 -> signedLegacy(k, n, strangers.get(random.nextInt(strangers.size())), OPEN, CHAIN_ID);
        case 2 -> signed1559(k, n, OpenLedgerContracts.STAKING, OPEN.multiply(BigInteger.valueOf(1 + random.nextInt(5))),
            org.openledger.contracts.staking.Staking.STAKE.encodeCall(BigInteger.ZERO).toHexString(), CHAIN_ID);
        default -> signed1559(k, n, OpenLedgerContracts.DATANETS, BigInteger.ZERO, // reverts: an unknown contribution
            org.openledger.contracts.datanet.Datanets.ACCEPT.encodeCall(BigInteger.valueOf(10_000 + i), org.apache.tuweni.bytes.Bytes32.ZERO).toHexString(), CHAIN_ID);
      };
      mined(web3j.ethSendRawTransaction(raw).send());
    }
    BigInteger held = BigInteger.ZERO;
    for (String a : accounts) held = held.add(balance(a));
    var burned = new Request<>("openledger_burned", List.<String>of(), http, BurnedResponse.class).send();
    BigInteger supply = GenesisConfig.defaultDevnet().alloc().values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    assertThat(held.add(Numeric.decodeQuantity(burned.getResult()))).isEqualTo(supply);
  }

  public static final class BurnedResponse extends Response<String> {}
}
