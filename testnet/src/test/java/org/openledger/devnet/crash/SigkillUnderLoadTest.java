package org.openledger.devnet.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openledger.contracts.Addresses;
import org.openledger.devnet.Wallets;
import org.openledger.devnet.crash.WriteLoad.Promised;
import org.openledger.devnet.genesis.GenesisConfig;
import org.openledger.precompiles.Address;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthGetBalance;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * The devnet's durability promise, tested the hard way: a {@code DevnetMain} node in its own JVM
 * takes a write load over JSON-RPC (transfers and native calls from the five development
 * accounts, through web3j), is SIGKILLed at a random moment, and is restarted on the same data
 * directory, {@value #KILLS} times; then a last restart is read from outside. The seed is printed
 * and can be replayed with {@code -Dcrash.seed=N}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SigkillUnderLoadTest {
  static final int KILLS = 6;
  /** The node's JVM: a small heap and the C1 compiler only, so six starts stay quick on two cores. */
  static final List<String> NODE_JVM = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  final GenesisConfig genesis = GenesisConfig.defaultDevnet();
  final long seed = Long.getLong("crash.seed", System.nanoTime());
  final Map<String, Promised> promised = new ConcurrentHashMap<>();
  /** Block number to hash, as the node reported its head (first report), across every life. */
  final Map<Long, String> reportedBlocks = new ConcurrentHashMap<>();
  final List<String> refusals = new ArrayList<>();
  final List<Integer> receiptsPerKilledLife = new ArrayList<>();
  /** Per start (the first one and every restart): the sum of balances plus burned. */
  final List<BigInteger> accountedAtEachStart = new ArrayList<>();
  final Map<String, TransactionReceipt> receiptsAfterwards = new TreeMap<>();
  final List<EthBlock.Block> chainAfterwards = new ArrayList<>();
  String genesisHashAtFirstStart;
  Path dir;

  @BeforeAll
  void killTheNodeRepeatedlyUnderLoadThenRestartIt() throws Exception {
    System.out.println("SigkillUnderLoadTest seed " + seed + " (replay with -Dcrash.seed=" + seed + ")");
    dir = Files.createTempDirectory("devnet-crash");
    Path data = dir.resolve("data");
    Random random = new Random(seed);
    ScriptedTransactions script = new ScriptedTransactions(seed);
    for (int life = 0; life <= KILLS; life++) {
      try (DevnetProcess node = DevnetProcess.start(data, 100, true, dir.resolve("node-" + life + ".log"), NODE_JVM)) {
        HttpService rpc = new HttpService(node.url());
        Web3j web3j = Web3j.build(rpc);
        try {
          accountedAtEachStart.add(accounted(web3j, rpc));
          if (life == 0) genesisHashAtFirstStart = block(web3j, 0).getHash();
          if (life == KILLS) {
            readBack(web3j);
            break;
          }
          WriteLoad load = new WriteLoad(web3j, script, life, promised, reportedBlocks).start();
          int thisLife = life;
          // a busy machine may take seconds before the first receipt: the kill must land after it, mid-load
          long deadline = System.nanoTime() + 60_000_000_000L;
          while (promised.values().stream().noneMatch(p -> p.life() == thisLife) && System.nanoTime() < deadline) {
            Thread.sleep(20);
          }
          Thread.sleep(random.nextInt(1_900));
          node.kill();
          refusals.addAll(load.stopAndJoin());
          receiptsPerKilledLife.add((int) promised.values().stream().filter(p -> p.life() == thisLife).count());
        } finally {
          web3j.shutdown();
        }
      }
    }
    System.out.printf("SigkillUnderLoadTest: %d kills, receipts returned per life %s, head after the last restart %d%n", KILLS,
        receiptsPerKilledLife, chainAfterwards.size() - 1);
  }

  private void readBack(Web3j web3j) throws IOException {
    for (String hash : promised.keySet()) {
      receiptsAfterwards.put(hash, web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt().orElse(null));
    }
    long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    for (long n = 0; n <= head; n++) chainAfterwards.add(block(web3j, n));
  }

  @AfterAll
  void deleteTheDataDirectory() throws IOException {
    if (dir == null) return;
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void everyLifeWasKilledWhileReceiptsWereBeingReturned() {
    assertThat(receiptsPerKilledLife).as("receipts returned in each life before its SIGKILL (seed %d)", seed)
        .hasSize(KILLS).allSatisfy(n -> assertThat(n).isPositive());
    assertThat(refusals).as("refused scripted transactions (seed %d)", seed).isEmpty();
  }

  @Test
  void theLoadHadTransfersAndNativeCallsThatSucceededAndThatReverted() {
    assertThat(promised.values()).extracting(Promised::status).contains("0x1", "0x0");
  }

  @Test
  void everyReceiptReturnedBeforeAKillIsStillThereWithTheSameBlockIndexAndStatus() {
    assertThat(promised).isNotEmpty();
    for (Promised before : promised.values()) {
      TransactionReceipt after = receiptsAfterwards.get(before.transactionHash());
      assertThat(after).as("receipt of %s, returned in life %d (seed %d)", before.transactionHash(), before.life(), seed).isNotNull();
      assertThat(Promised.of(after, before.life())).as("receipt of %s (seed %d)", before.transactionHash(), seed).isEqualTo(before);
    }
  }

  @Test
  void balancesOfEveryTouchedAccountPlusBurnedEqualTheGenesisSupplyAtEveryStart() {
    assertThat(accountedAtEachStart).as("balances + burned at each start (seed %d)", seed).hasSize(KILLS + 1)
        .allSatisfy(sum -> assertThat(sum).isEqualTo(genesis.supply()));
  }

  @Test
  void blockNumbersAreContiguousAndParentHashesLinkTheHeadBackToTheFirstGenesis() {
    assertThat(chainAfterwards.getFirst().getHash()).isEqualTo(genesisHashAtFirstStart);
    for (int n = 0; n < chainAfterwards.size(); n++) {
      EthBlock.Block b = chainAfterwards.get(n);
      assertThat(b.getNumber()).isEqualTo(BigInteger.valueOf(n));
      if (n > 0) assertThat(b.getParentHash()).as("parent of block %d (seed %d)", n, seed).isEqualTo(chainAfterwards.get(n - 1).getHash());
    }
    BigInteger highestPromised = promised.values().stream().map(Promised::blockNumber).max(BigInteger::compareTo).orElseThrow();
    assertThat(BigInteger.valueOf(chainAfterwards.size() - 1)).isGreaterThanOrEqualTo(highestPromised);
  }

  @Test
  void everyBlockTheNodeReportedAsItsHeadIsStillInTheChainWithTheSameHash() {
    assertThat(reportedBlocks).hasSizeGreaterThan(KILLS);
    reportedBlocks.forEach((number, hash) -> {
      assertThat(number).as("reported head %d (seed %d)", number, seed).isLessThan(chainAfterwards.size());
      assertThat(chainAfterwards.get(number.intValue()).getHash()).as("block %d (seed %d)", number, seed).isEqualTo(hash);
    });
  }

  @Test
  void everyReturnedReceiptsBlockHoldsItsTransactionAtItsIndex() {
    for (Promised p : promised.values()) {
      EthBlock.Block b = chainAfterwards.get(p.blockNumber().intValueExact());
      assertThat(b.getHash()).as("block %s of %s (seed %d)", p.blockNumber(), p.transactionHash(), seed).isEqualTo(p.blockHash());
      assertThat(b.getTransactions().get(p.transactionIndex().intValueExact()).get()).isEqualTo(p.transactionHash());
    }
  }

  /** The sum of the balances of every account the genesis or the load can touch, plus the OPEN burned. */
  private BigInteger accounted(Web3j web3j, HttpService rpc) throws IOException {
    Set<Address> accounts = new LinkedHashSet<>(genesis.alloc().keySet());
    for (var c : ScriptedTransactions.SENDERS) accounts.add(Wallets.address(c));
    accounts.addAll(ScriptedTransactions.RECIPIENTS);
    for (Address contract : List.of(Addresses.DATANETS, Addresses.MODELS, Addresses.INFERENCE, Addresses.STAKING, Addresses.PROVERS,
        Addresses.SERVICES, Addresses.GOVERNOR, Addresses.TIMELOCK)) {
      accounts.add(contract);
    }
    accounts.add(genesis.feeRecipient());
    BigInteger sum = new Request<>("openledger_burned", List.of(), rpc, EthGetBalance.class).send().getBalance();
    for (Address a : accounts) sum = sum.add(web3j.ethGetBalance(a.toHexString(), DefaultBlockParameterName.LATEST).send().getBalance());
    return sum;
  }

  private static EthBlock.Block block(Web3j web3j, long number) throws IOException {
    return web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false).send().getBlock();
  }
}
