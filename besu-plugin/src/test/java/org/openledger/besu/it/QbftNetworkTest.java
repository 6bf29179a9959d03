package org.openledger.besu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.staking.Staking;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.FunctionSpec;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;

/**
 * The 4-validator QBFT network of testnet/besu, started from the {@code hyperledger/besu} image with
 * this plugin mounted, driven through web3j as an application would. Skipped (a JUnit assumption,
 * with the reason) where no Docker engine runs — as on the machine this was written on, so it has
 * never run: see testnet/besu/README.md.
 *
 * <p>Needs the plugin directory built first (testnet/besu/README.md, "Plugin"), or
 * {@code -Dopenledger.besu.plugins=<dir>}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QbftNetworkTest {
  /** The newest Besu release in the plugin's compatibility matrix (docs/validators.md). */
  private static final DockerImageName BESU = DockerImageName.parse("hyperledger/besu:26.8.0");
  private static final int RPC = 8545;
  private static final int VALIDATORS = 4;
  private static final long CHAIN_ID = 1337;
  private static final BigInteger OPEN = BigInteger.TEN.pow(18);
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);
  /** Devnet test key 1 (public test mnemonic; see docs/devnet.md): funded and staked at genesis. */
  private static final Credentials BOB = Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private final List<GenericContainer<?>> nodes = new ArrayList<>();
  private Network network;
  private HttpService rpc1;
  private Web3j node1;
  private Web3j node4;

  /** Why the network could not start here, or null; each test reports it as its skip reason. */
  private String skipReason;

  @BeforeAll
  void startNetwork(@TempDir Path work) throws Exception {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      skipReason = "no Docker engine available: the Besu QBFT network test is skipped (it starts hyperledger/besu containers)";
      return;
    }
    Path plugins = Path.of(System.getProperty("openledger.besu.plugins", REPO.resolve("testnet/besu/plugins").toString()));
    if (!hasPluginJar(plugins)) {
      skipReason = "no besu-plugin-*.jar in " + plugins + ": build it as testnet/besu/README.md ('Plugin') says, or pass -Dopenledger.besu.plugins=<dir>";
      return;
    }

    Path networkFiles = generateKeysAndGenesis(work);
    List<Path> keys;
    try (Stream<Path> s = Files.list(networkFiles.resolve("keys"))) {
      keys = s.sorted().toList();
    }
    assertThat(keys).hasSize(VALIDATORS);

    network = Network.newNetwork();
    String bootnode = null;
    for (int i = 0; i < VALIDATORS; i++) {
      GenericContainer<?> node = validator(networkFiles, keys.get(i), plugins, bootnode);
      node.start();
      nodes.add(node);
      if (i == 0) bootnode = enode(keys.get(0), ipOf(node));
    }
    rpc1 = new HttpService(rpcUrl(nodes.get(0)));
    node1 = Web3j.build(rpc1);
    node4 = Web3j.build(new HttpService(rpcUrl(nodes.get(VALIDATORS - 1))));
  }

  @BeforeEach
  void requireTheNetwork() {
    assumeTrue(skipReason == null, skipReason);
  }

  @AfterAll
  void stopNetwork() {
    if (node1 != null) node1.shutdown();
    if (node4 != null) node4.shutdown();
    nodes.forEach(GenericContainer::stop);
    if (network != null) network.close();
  }

  @Test
  void fourValidatorsSealBlocks() throws Exception {
    long start = node1.ethBlockNumber().send().getBlockNumber().longValueExact();
    awaitBlock(node1, start + 3);
    List<?> validators = rpc(rpc1, "qbft_getValidatorsByBlockNumber", List.of("latest"), List.class);
    assertThat(validators).hasSize(VALIDATORS);
  }

  @Test
  void pluginIsInstalledFromBlockZero() throws Exception {
    Map<?, ?> info = rpc(rpc1, "openledger_pluginInfo", List.of(), Map.class);
    assertThat(((Number) info.get("activationBlock")).longValue()).isZero();
    assertThat(info.get("installed")).isEqualTo(true);
  }

  @Test
  void nativeContractsCarryTheMarkerCode() throws Exception {
    assertThat(node1.ethGetCode(Addresses.STAKING.toHexString(), DefaultBlockParameterName.LATEST).send().getCode()).isEqualTo("0xfe");
  }

  @Test
  void genesisStakeIsVisibleThroughTheContract() throws Exception {
    assertThat(votes(node1, Address.fromHex(BOB.getAddress()))).isEqualTo(OPEN.multiply(BigInteger.valueOf(10_000)));
  }

  /** The protocol flow: a staking transaction through one validator, its effect read back from another. */
  @Test
  void stakeSentToOneValidatorIsSeenByAnother() throws Exception {
    Address bob = Address.fromHex(BOB.getAddress());
    BigInteger before = votes(node4, bob);
    BigInteger amount = OPEN.multiply(BigInteger.valueOf(1_000));
    RawTransactionManager tm = new RawTransactionManager(node1, BOB, CHAIN_ID);
    EthSendTransaction sent = tm.sendEIP1559Transaction(CHAIN_ID, GWEI, GWEI.multiply(BigInteger.TEN), BigInteger.valueOf(500_000),
        Addresses.STAKING.toHexString(), Staking.STAKE.encodeCall(BigInteger.ZERO).toHexString(), amount);
    assertThat(sent.hasError()).as("eth_sendRawTransaction: %s", sent.getError() == null ? "" : sent.getError().getMessage()).isFalse();
    TransactionReceipt receipt = awaitReceipt(node1, sent.getTransactionHash());
    assertThat(receipt.isStatusOK()).as("receipt status of %s", receipt.getTransactionHash()).isTrue();
    awaitBlock(node4, receipt.getBlockNumber().longValueExact());
    assertThat(votes(node4, bob)).isEqualTo(before.add(amount));
  }

  // ------------------------------------------------------------------ network set-up

  /** Besu's own generator writes the validator keys and the genesis with the validator set in extraData. */
  private static Path generateKeysAndGenesis(Path work) throws IOException {
    Path out = work.resolve("out");
    Files.createDirectories(out);
    // the image runs as user 'besu': let it write into the host directory
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.copy(REPO.resolve("testnet/besu/qbftConfigFile.json"), work.resolve("qbftConfigFile.json"));
    try (GenericContainer<?> generator = new GenericContainer<>(BESU)) {
      generator.withFileSystemBind(work.resolve("qbftConfigFile.json").toString(), "/config/qbftConfigFile.json", BindMode.READ_ONLY)
          .withFileSystemBind(out.toString(), "/out", BindMode.READ_WRITE)
          .withCommand("operator", "generate-blockchain-config", "--config-file=/config/qbftConfigFile.json",
              "--to=/out/networkFiles", "--private-key-file-name=key")
          .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(2)))
          .start();
    }
    return out.resolve("networkFiles");
  }

  private GenericContainer<?> validator(Path networkFiles, Path keyDir, Path plugins, String bootnode) {
    List<String> args = new ArrayList<>(List.of(
        "--genesis-file=/network/genesis.json",
        "--node-private-key-file=/network/key",
        "--rpc-http-enabled", "--rpc-http-host=0.0.0.0", "--rpc-http-port=" + RPC,
        "--rpc-http-api=ETH,NET,WEB3,QBFT,ADMIN,TXPOOL,OPENLEDGER",
        "--host-allowlist=*",
        "--plugin-openledger-activation-block=0"));
    if (bootnode != null) args.add("--bootnodes=" + bootnode);
    return new GenericContainer<>(BESU)
        .withNetwork(network)
        .withFileSystemBind(networkFiles.resolve("genesis.json").toString(), "/network/genesis.json", BindMode.READ_ONLY)
        .withFileSystemBind(keyDir.resolve("key").toString(), "/network/key", BindMode.READ_ONLY)
        // the image's besu.home is /opt/besu: Besu loads plugins from /opt/besu/plugins
        .withFileSystemBind(plugins.toString(), "/opt/besu/plugins", BindMode.READ_ONLY)
        .withExposedPorts(RPC)
        .withCommand(args.toArray(String[]::new))
        .waitingFor(Wait.forHttp("/liveness").forPort(RPC).withStartupTimeout(Duration.ofMinutes(2)));
  }

  private static boolean hasPluginJar(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return false;
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().matches("besu-plugin-.*\\.jar"));
    }
  }

  private String ipOf(GenericContainer<?> node) {
    return node.getContainerInfo().getNetworkSettings().getNetworks().values().iterator().next().getIpAddress();
  }

  /** Besu's enode needs an IP address, not a host name, unless DNS support is switched on. */
  private static String enode(Path keyDir, String ip) throws IOException {
    String pub = Files.readString(keyDir.resolve("key.pub")).trim().replaceFirst("^0x", "");
    return "enode://" + pub + "@" + ip + ":30303";
  }

  private static String rpcUrl(GenericContainer<?> node) {
    return "http://" + node.getHost() + ":" + node.getMappedPort(RPC);
  }

  // ------------------------------------------------------------------ JSON-RPC helpers

  private static BigInteger votes(Web3j node, Address account) throws IOException {
    return (BigInteger) call(node, Staking.GET_VOTES, account);
  }

  private static Object call(Web3j node, FunctionSpec fn, Object... args) throws IOException {
    var result = node.ethCall(Transaction.createEthCallTransaction(null, Addresses.STAKING.toHexString(), fn.encodeCall(args).toHexString()),
        DefaultBlockParameterName.LATEST).send();
    assertThat(result.hasError()).as("eth_call %s: %s", fn.signature(), result.getError() == null ? "" : result.getError().getMessage()).isFalse();
    return fn.decodeOutput(Bytes.fromHexString(result.getValue()));
  }

  /** A method web3j has no typed request for (qbft_*, openledger_*). */
  private static <T> T rpc(HttpService service, String method, List<?> params, Class<T> type) throws IOException {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Response<Object> response = new Request<>(method, params, service, (Class) ObjectResponse.class).send();
    assertThat(response.hasError()).as("%s: %s", method, response.getError() == null ? "" : response.getError().getMessage()).isFalse();
    return type.cast(response.getResult());
  }

  public static final class ObjectResponse extends Response<Object> {}

  private static void awaitBlock(Web3j node, long number) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (node.ethBlockNumber().send().getBlockNumber().longValueExact() < number) {
      if (System.nanoTime() > deadline) throw new AssertionError("block " + number + " not reached within a minute");
      Thread.sleep(500);
    }
  }

  private static TransactionReceipt awaitReceipt(Web3j node, String hash) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (true) {
      Optional<TransactionReceipt> r = node.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
      if (r.isPresent()) return r.get();
      if (System.nanoTime() > deadline) throw new AssertionError("no receipt for " + hash + " within a minute");
      Thread.sleep(500);
    }
  }
}
