package org.openledger.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openledger.devnet.Wallets.ALICE;
import static org.openledger.devnet.Wallets.BOB;
import static org.openledger.devnet.Wallets.OPEN;
import static org.openledger.devnet.Wallets.PAUPER;
import static org.openledger.devnet.Wallets.address;

import java.math.BigInteger;
import java.nio.file.Path;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.devnet.TestChain;
import org.openledger.devnet.Wallets;
import org.openledger.devnet.transaction.InvalidTransactionException;
import org.openledger.precompiles.Address;

/** Every refusal of the pool, worded as geth words it; a refused transaction changes nothing. */
class PoolTest {
  @TempDir Path dir;
  TestChain t;
  final Address bob = address(BOB);

  @BeforeEach
  void open() {
    t = new TestChain(dir);
  }

  @AfterEach
  void close() {
    t.close();
  }

  private void refused(byte[] raw, String messageStart) {
    int before = t.chain.pool().size();
    assertThatThrownBy(() -> t.send(raw)).isInstanceOf(InvalidTransactionException.class).hasMessageStartingWith(messageStart);
    assertThat(t.chain.pool().size()).isEqualTo(before);
  }

  @Test
  void aReplayedTransactionIsAlreadyKnown() {
    byte[] raw = Wallets.transfer(ALICE, 0, bob, OPEN);
    t.send(raw);
    refused(raw, "already known");
  }

  @Test
  void anIncludedTransactionSentAgainIsNonceTooLow() {
    byte[] raw = Wallets.transfer(ALICE, 0, bob, OPEN);
    t.include(raw);
    refused(raw, "nonce too low: address " + address(ALICE) + ", tx: 0 state: 1");
  }

  @Test
  void aNonceGapIsNonceTooHigh() {
    refused(Wallets.transfer(ALICE, 1, bob, OPEN), "nonce too high: address " + address(ALICE) + ", tx: 1 state: 0");
  }

  @Test
  void consecutiveNoncesQueueAndAllGoIntoOneBlock() {
    for (int n = 0; n < 5; n++) t.send(Wallets.transfer(ALICE, n, bob, OPEN));
    assertThat(t.chain.pendingNonce(address(ALICE))).isEqualTo(5);
    assertThat(t.chain.seal().transactionHashes()).hasSize(5);
    assertThat(t.nonce(address(ALICE))).isEqualTo(5);
  }

  @Test
  void aSecondTransactionForAPendingNonceIsRefused() {
    t.send(Wallets.transfer(ALICE, 0, bob, OPEN));
    refused(Wallets.transfer(ALICE, 0, bob, OPEN.add(BigInteger.ONE)), "replacement transaction not supported");
  }

  @Test
  void anEmptyAccountHasInsufficientFunds() {
    refused(Wallets.transfer(PAUPER, 0, bob, BigInteger.ONE), "insufficient funds for gas * price + value: address " + address(PAUPER));
  }

  @Test
  void fundsAreCheckedAgainstEverythingTheSenderHasPending() {
    BigInteger balance = t.balance(address(ALICE));
    BigInteger fee = Wallets.GWEI.multiply(BigInteger.TEN).multiply(BigInteger.valueOf(21_000));
    BigInteger most = balance.subtract(fee).divide(BigInteger.TWO);
    t.send(Wallets.transfer(ALICE, 0, bob, most));
    refused(Wallets.transfer(ALICE, 1, bob, most), "insufficient funds for gas * price + value");
  }

  @Test
  void gasBelowTheIntrinsicCostIsRefused() {
    refused(Wallets.eip1559(ALICE, 0, bob, BigInteger.ONE, Bytes.of(1), 21_000), "intrinsic gas too low: gas 21000, minimum needed 21016");
  }

  @Test
  void gasAboveTheBlockGasLimitIsRefused() {
    refused(Wallets.eip1559(ALICE, 0, bob, BigInteger.ONE, Bytes.EMPTY, 30_000_001), "exceeds block gas limit");
  }

  @Test
  void aFeeCapBelowTheBaseFeeIsRefused() {
    refused(Wallets.eip1559(ALICE, 0, bob, BigInteger.ONE, Bytes.EMPTY, 21_000, BigInteger.ZERO, BigInteger.ONE),
        "max fee per gas less than block base fee");
  }

  @Test
  void pendingTransactionsAreNotPersisted() {
    t.send(Wallets.transfer(ALICE, 0, bob, OPEN));
    t.reopen();
    assertThat(t.chain.pool().size()).isZero();
    assertThat(t.chain.pendingNonce(address(ALICE))).isZero();
  }
}
