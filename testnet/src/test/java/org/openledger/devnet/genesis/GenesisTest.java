package org.openledger.devnet.genesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.staking.Staking;
import org.openledger.devnet.TestChain;
import org.openledger.devnet.Wallets;
import org.openledger.devnet.chain.CallRequest;
import org.openledger.devnet.chain.Chain;
import org.openledger.governance.governor.Governor;
import org.openledger.governance.timelock.Timelock;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.FunctionSpec;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

class GenesisTest {
  @TempDir Path dir;

  private static Object view(TestChain t, Address to, FunctionSpec fn, Object... args) {
    return fn.decodeOutput(t.chain.simulate(new CallRequest(null, to, null, null, fn.encodeCall(args))).result().output());
  }

  @Test
  void theDevelopmentAccountsAreTheTestMnemonicsFirstFiveKeys() {
    byte[] seed = MnemonicUtils.generateSeed("test test test test test test test test test test test junk", "");
    Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(seed);
    GenesisConfig g = GenesisConfig.defaultDevnet();
    for (int i = 0; i < 5; i++) {
      int[] path = {44 | Bip32ECKeyPair.HARDENED_BIT, 60 | Bip32ECKeyPair.HARDENED_BIT, Bip32ECKeyPair.HARDENED_BIT, 0, i};
      Address a = Address.fromHex(Credentials.create(Bip32ECKeyPair.deriveKeyPair(master, path)).getAddress());
      assertThat(g.alloc()).containsKey(a);
    }
  }

  @Test
  void everyNativeContractHoldsTheMarkerCode() {
    try (TestChain t = new TestChain(dir)) {
      var contracts = Chain.forks().at(0).orElseThrow().contracts().keySet();
      assertThat(contracts).hasSize(8);
      for (Address a : contracts) assertThat(t.chain.state().code(a)).isEqualTo(Bytes.of(0xfe));
      assertThat(t.chain.state().code(Wallets.address(Wallets.ALICE))).isEqualTo(Bytes.EMPTY);
    }
  }

  @Test
  void stakeAtGenesisGivesVotesSoTheFirstProposalCanPass() {
    try (TestChain t = new TestChain(dir)) {
      Address alice = Wallets.address(Wallets.ALICE);
      assertThat(view(t, Addresses.STAKING, Staking.GET_VOTES, alice)).isEqualTo(Wallets.OPEN.multiply(BigInteger.valueOf(20_000)));
      assertThat((BigInteger) view(t, Addresses.STAKING, Staking.GET_VOTES, alice))
          .isGreaterThanOrEqualTo((BigInteger) view(t, Addresses.GOVERNOR, Governor.PROPOSAL_THRESHOLD_FN));
      assertThat(t.balance(Addresses.STAKING)).isEqualTo(Wallets.OPEN.multiply(BigInteger.valueOf(35_000)));
    }
  }

  @Test
  void genesisCallsOverrideGovernanceParameters() {
    try (TestChain t = new TestChain(dir)) {
      assertThat(view(t, Addresses.GOVERNOR, Governor.VOTING_DELAY_FN)).isEqualTo(BigInteger.TWO);
      assertThat(view(t, Addresses.GOVERNOR, Governor.VOTING_PERIOD_FN)).isEqualTo(BigInteger.valueOf(20));
      assertThat(view(t, Addresses.TIMELOCK, Timelock.GET_MIN_DELAY)).isEqualTo(BigInteger.valueOf(5));
    }
  }

  @Test
  void genesisMintsExactlyTheAllocations() {
    try (TestChain t = new TestChain(dir)) {
      assertThat(t.accounted()).isEqualTo(t.genesis.supply());
      assertThat(t.chain.burned()).isZero();
    }
  }

  @Test
  void aDataDirectoryRefusesAnotherGenesis() {
    new TestChain(dir).close();
    GenesisConfig other = GenesisConfig.defaultDevnet().withGasLimit(40_000_000);
    assertThatThrownBy(() -> new TestChain(dir, other)).isInstanceOf(GenesisException.class).hasMessageContaining("another data directory");
  }

  private static GenesisConfig parse(String json) throws Exception {
    return GenesisConfig.parse(new ObjectMapper().readTree(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void refusesAnUnknownField() {
    assertThatThrownBy(() -> parse("{\"chainId\": 5, \"gaslimit\": 1}")).isInstanceOf(GenesisException.class).hasMessageContaining("gaslimit");
  }

  @Test
  void refusesAFractionalAmount() {
    assertThatThrownBy(() -> parse("{\"chainId\": 5, \"alloc\": {\"0x0000000000000000000000000000000000000001\": 1.5}}"))
        .isInstanceOf(GenesisException.class).hasMessageContaining("integer");
  }

  @Test
  void refusesACallToAFunctionTheContractLacks() throws Exception {
    GenesisConfig g = parse("{\"chainId\": 5, \"calls\": [{\"from\": \"0x0000000000000000000000000000000000000a08\", "
        + "\"to\": \"0x0000000000000000000000000000000000000a07\", \"function\": \"setVotingDelay(uint8)\", \"args\": [2]}]}");
    assertThatThrownBy(() -> new TestChain(dir, g)).isInstanceOf(GenesisException.class).hasMessageContaining("no function setVotingDelay(uint8)");
  }

  @Test
  void refusesACallTheContractReverts() throws Exception {
    GenesisConfig g = parse("{\"chainId\": 5, \"calls\": [{\"from\": \"0x0000000000000000000000000000000000000001\", "
        + "\"to\": \"0x0000000000000000000000000000000000000a07\", \"function\": \"setVotingDelay(uint256)\", \"args\": [2]}]}");
    assertThatThrownBy(() -> new TestChain(dir, g)).isInstanceOf(GenesisException.class).hasMessageContaining("failed");
  }

  @Test
  void refusesAStakeTheAccountCannotPay() throws Exception {
    GenesisConfig g = parse("{\"chainId\": 5, \"stake\": [{\"account\": \"0x0000000000000000000000000000000000000001\", \"amount\": \"5\"}]}");
    assertThatThrownBy(() -> new TestChain(dir, g)).isInstanceOf(GenesisException.class).hasMessageContaining("allocate it first");
  }

  @Test
  void omittedFieldsTakeTheirDocumentedDefaults() throws Exception {
    GenesisConfig g = parse("{\"chainId\": 5}");
    assertThat(g.gasLimit()).isEqualTo(GenesisConfig.DEFAULT_GAS_LIMIT);
    assertThat(g.baseFeePerGas()).isEqualTo(GenesisConfig.GWEI);
    assertThat(g.minBaseFeePerGas()).isEqualTo(GenesisConfig.GWEI);
    assertThat(g.feeRecipient()).isEqualTo(Addresses.TREASURY);
    assertThat(g.alloc()).isEmpty();
    assertThat(List.of(g.stake(), g.calls())).allMatch(List::isEmpty);
  }
}
