package org.openledger.devnet.besu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.staking.Staking;
import org.openledger.devnet.TestChain;
import org.openledger.devnet.Wallets;
import org.openledger.devnet.chain.Chain;
import org.openledger.devnet.genesis.GenesisConfig;
import org.openledger.devnet.state.BlockState;
import org.openledger.governance.governor.Governor;
import org.openledger.governance.timelock.Timelock;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.executor.Executor;
import org.openledger.precompiles.host.BlockContext;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.Host;
import org.openledger.precompiles.host.InMemoryHost;
import org.openledger.precompiles.host.Message;

/** The Besu genesis is read back as JSON, as Besu reads it, and compared with the devnet's block 0. */
class BesuGenesisWriterTest {
  private static final GenesisConfig DEVNET = GenesisConfig.defaultDevnet();
  private static final Path COMMITTED = Path.of("besu", "qbftConfigFile.json");

  @TempDir Path dir;

  private static JsonNode configFile() throws Exception {
    return new ObjectMapper().readTree(BesuGenesisWriter.toJson(BesuGenesisWriter.qbftConfigFile(DEVNET, QbftOptions.DEFAULT, 4)));
  }

  private static JsonNode alloc() throws Exception {
    return configFile().path("genesis").path("alloc");
  }

  private static BigInteger quantity(JsonNode n) {
    String t = n.asText();
    assertThat(t).startsWith("0x");
    return new BigInteger(t.substring(2), 16);
  }

  @Test
  void allocBalancesSumToTheDevnetSupply() throws Exception {
    BigInteger sum = BigInteger.ZERO;
    for (JsonNode account : alloc()) sum = sum.add(quantity(account.path("balance")));
    assertThat(sum).isEqualTo(DEVNET.supply());
  }

  @Test
  void stakedOpenSitsInTheStakingAccountAsOnTheDevnet() throws Exception {
    BigInteger staked = DEVNET.stake().stream().map(GenesisConfig.Stake::amount).reduce(BigInteger.ZERO, BigInteger::add);
    assertThat(quantity(alloc().path(Addresses.STAKING.toHexString()).path("balance"))).isEqualTo(staked);
  }

  @Test
  void stakingStorageEqualsTheDevnetChainsStorage() throws Exception {
    JsonNode storage = alloc().path(Addresses.STAKING.toHexString()).path("storage");
    assertThat(storage.size()).isPositive();
    try (TestChain t = new TestChain(dir)) {
      for (Iterator<Map.Entry<String, JsonNode>> it = storage.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        assertThat(t.chain.state().storage(Addresses.STAKING, Bytes32.fromHexString(e.getKey())))
            .as("slot %s", e.getKey()).isEqualTo(Bytes32.fromHexString(e.getValue().asText()));
      }
    }
  }

  /** Completeness: a slot missing from the alloc would make a view answer differently on Besu than on the devnet. */
  @Test
  void contractViewsOverTheAllocAnswerAsTheDevnetDoes() throws Exception {
    InMemoryHost besu = hostOf(alloc());
    List<Address> accounts = List.of(Wallets.address(Wallets.ALICE), Wallets.address(Wallets.BOB), Wallets.address(Wallets.CAROL));
    try (TestChain t = new TestChain(dir)) {
      BlockState devnet = new BlockState(t.chain.state(), besu.block());
      for (Address a : accounts) {
        assertSameView(devnet, besu, Addresses.STAKING, Staking.GET_VOTES, a);
        assertSameView(devnet, besu, Addresses.STAKING, Staking.DELEGATES, a);
        assertSameView(devnet, besu, Addresses.STAKING, Staking.POSITIONS_OF_FN, a);
      }
      for (long id = 1; id <= DEVNET.stake().size(); id++) assertSameView(devnet, besu, Addresses.STAKING, Staking.POSITION, BigInteger.valueOf(id));
      assertSameView(devnet, besu, Addresses.STAKING, Staking.TOTAL_BONDED);
      assertSameView(devnet, besu, Addresses.STAKING, Staking.TOTAL_PRINCIPAL_FN);
    }
  }

  @Test
  void governanceParameterOverridesAreInTheAlloc() throws Exception {
    InMemoryHost besu = hostOf(alloc());
    assertThat(view(besu, Addresses.GOVERNOR, Governor.VOTING_DELAY_FN)).isEqualTo(BigInteger.TWO);
    assertThat(view(besu, Addresses.GOVERNOR, Governor.VOTING_PERIOD_FN)).isEqualTo(BigInteger.valueOf(20));
    assertThat(view(besu, Addresses.TIMELOCK, Timelock.GET_MIN_DELAY)).isEqualTo(BigInteger.valueOf(5));
  }

  @Test
  void everyNativeContractCarriesTheInvalidOpcodeMarker() throws Exception {
    JsonNode alloc = alloc();
    for (Address contract : Chain.forks().at(0).orElseThrow().contracts().keySet()) {
      assertThat(alloc.path(contract.toHexString()).path("code").asText()).as("code at %s", contract).isEqualTo("0xfe");
    }
  }

  @Test
  void genesisCarriesChainIdLondonBaseFeeGasLimitAndQbft() throws Exception {
    JsonNode genesis = configFile().path("genesis");
    JsonNode config = genesis.path("config");
    assertThat(config.path("chainId").asLong()).isEqualTo(DEVNET.chainId());
    assertThat(config.path("londonBlock").asLong()).isZero();
    assertThat(config.path("zeroBaseFee").asBoolean(true)).isFalse();
    assertThat(config.path("qbft").path("blockperiodseconds").asInt()).isEqualTo(2);
    assertThat(config.path("qbft").path("epochlength").asLong()).isEqualTo(30_000);
    assertThat(config.path("qbft").path("requesttimeoutseconds").asInt()).isEqualTo(4);
    assertThat(config.path("qbft").path("miningbeneficiary").asText()).isEqualTo(DEVNET.feeRecipient().toHexString());
    assertThat(quantity(genesis.path("baseFeePerGas"))).isEqualTo(DEVNET.baseFeePerGas());
    assertThat(quantity(genesis.path("gasLimit"))).isEqualTo(BigInteger.valueOf(DEVNET.gasLimit()));
    assertThat(genesis.path("mixHash").asText()).isEqualTo(BesuGenesisWriter.BFT_MIX_HASH);
  }

  @Test
  void validatorSetIsLeftToBesusGenerator() throws Exception {
    JsonNode file = configFile();
    assertThat(file.path("genesis").has("extraData")).isFalse();
    assertThat(file.path("blockchain").path("nodes").path("generate").asBoolean()).isTrue();
    assertThat(file.path("blockchain").path("nodes").path("count").asInt()).isEqualTo(4);
  }

  @Test
  void committedQbftConfigFileIsWhatTheWriterProduces() throws Exception {
    assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
        .as("regenerate with the command in testnet/besu/README.md")
        .isEqualTo(BesuGenesisWriter.toJson(BesuGenesisWriter.qbftConfigFile(DEVNET, QbftOptions.DEFAULT, 4)));
  }

  @Test
  void requestTimeoutMustExceedTheBlockPeriod() {
    assertThatThrownBy(() -> new QbftOptions(4, 30_000, 4)).hasMessageContaining("must exceed blockperiodseconds");
  }

  private static InMemoryHost hostOf(JsonNode alloc) {
    InMemoryHost host = new InMemoryHost(new BlockContext(0, DEVNET.timestamp(), DEVNET.chainId()));
    for (Iterator<Map.Entry<String, JsonNode>> it = alloc.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> account = it.next();
      Address a = Address.fromHex(account.getKey());
      host.setBalance(a, quantity(account.getValue().path("balance")));
      for (Iterator<Map.Entry<String, JsonNode>> s = account.getValue().path("storage").fields(); s.hasNext(); ) {
        Map.Entry<String, JsonNode> slot = s.next();
        host.setStorage(a, Bytes32.fromHexString(slot.getKey()), Bytes32.fromHexString(slot.getValue().asText()));
      }
    }
    return host;
  }

  private static Bytes call(Host host, Address to, FunctionSpec fn, Object... args) {
    CallResult r = new Executor(Chain.forks()).execute(host, Message.call(Address.ZERO, to, BigInteger.ZERO, fn.encodeCall(args), 1_000_000));
    assertThat(r.isSuccess()).as("%s on %s", fn.signature(), host.getClass().getSimpleName()).isTrue();
    return r.output();
  }

  private static Object view(Host host, Address to, FunctionSpec fn, Object... args) {
    return fn.decodeOutput(call(host, to, fn, args));
  }

  private static void assertSameView(Host devnet, Host besu, Address to, FunctionSpec fn, Object... args) {
    assertThat(call(besu, to, fn, args)).as("%s%s", fn.signature(), List.of(args)).isEqualTo(call(devnet, to, fn, args));
  }
}
