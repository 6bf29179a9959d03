package org.openledger.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.devnet.TestChain;
import org.openledger.devnet.Wallets;
import org.openledger.devnet.genesis.GenesisConfig;
import org.openledger.precompiles.Address;

/**
 * How a block is filled from the pool when the pool holds more than fits: with a gas limit of
 * three transfers, the builder reads the pool three transactions at a time.
 */
class BlockFillingTest {
  static final long THREE_TRANSFERS = 63_000;
  static final Address SINK = Address.of(0x5111c);

  @TempDir Path dir;
  TestChain t;

  @BeforeEach
  void open() {
    t = new TestChain(dir, GenesisConfig.defaultDevnet().withGasLimit(THREE_TRANSFERS));
  }

  @AfterEach
  void close() {
    t.close();
  }

  private Bytes32 transfer(org.web3j.crypto.Credentials from, long nonce, long gas) {
    return t.send(Wallets.eip1559(from, nonce, SINK, BigInteger.ONE, Bytes.EMPTY, gas));
  }

  @Test
  void aBlockTakesPendingTransactionsUpToItsGasLimitAndLeavesTheRestForTheNext() {
    List<Bytes32> sent = List.of(transfer(Wallets.ALICE, 0, 21_000), transfer(Wallets.ALICE, 1, 21_000), transfer(Wallets.ALICE, 2, 21_000),
        transfer(Wallets.ALICE, 3, 21_000), transfer(Wallets.ALICE, 4, 21_000));

    assertThat(t.chain.seal().transactionHashes()).containsExactlyElementsOf(sent.subList(0, 3));
    assertThat(t.chain.pool().size()).isEqualTo(2);
    assertThat(t.chain.seal().transactionHashes()).containsExactlyElementsOf(sent.subList(3, 5));
  }

  @Test
  void transactionsBeyondTheFirstBlocksWorthOfThePoolStillFillTheBlockWhenEarlierOnesMustWait() {
    Bytes32 bob = transfer(Wallets.BOB, 0, 21_000);
    Bytes32 aliceWhole = transfer(Wallets.ALICE, 0, THREE_TRANSFERS); // does not fit after Bob's: Alice waits
    Bytes32 aliceNext = transfer(Wallets.ALICE, 1, 21_000); // behind her first nonce: waits too
    Bytes32 carol = transfer(Wallets.CAROL, 0, 21_000); // the fourth pending: past the first read of three

    assertThat(t.chain.seal().transactionHashes()).containsExactly(bob, carol);
    // a block counts the gas used, not the gas limits: Alice's first uses 21,000 and her next fits after it
    assertThat(t.chain.seal().transactionHashes()).containsExactly(aliceWhole, aliceNext);
  }

  @Test
  void aSendersPendingCountAndCostShrinkByWhatTheBlockTookFromIt() {
    Address alice = Wallets.address(Wallets.ALICE);
    for (long nonce = 0; nonce < 5; nonce++) transfer(Wallets.ALICE, nonce, 21_000);

    t.chain.seal();

    assertThat(t.chain.pool().pendingCount(alice)).isEqualTo(2);
    assertThat(t.chain.pendingNonce(alice)).isEqualTo(5);
    transfer(Wallets.ALICE, 5, 21_000); // admitted against the cost of the two still pending, not the five sent
    assertThat(t.chain.pool().pendingCount(alice)).isEqualTo(3);
  }
}
