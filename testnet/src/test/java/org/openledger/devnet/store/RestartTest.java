package org.openledger.devnet.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.devnet.Wallets.ALICE;
import static org.openledger.devnet.Wallets.BOB;
import static org.openledger.devnet.Wallets.OPEN;
import static org.openledger.devnet.Wallets.address;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.staking.Staking;
import org.openledger.devnet.TestChain;
import org.openledger.devnet.Wallets;
import org.openledger.devnet.chain.Block;
import org.openledger.devnet.chain.Receipt;
import org.openledger.precompiles.Address;

class RestartTest {
  @TempDir Path dir;

  @Test
  void aReopenedStoreHasEveryBlockReceiptTransactionAndTheState() {
    try (TestChain t = new TestChain(dir)) {
      Receipt transfer = t.include(Wallets.transfer(ALICE, 0, address(BOB), OPEN));
      Receipt stake = t.include(Wallets.eip1559(ALICE, 1, Addresses.STAKING, OPEN, Staking.STAKE.encodeCall(BigInteger.ZERO), 500_000));
      t.chain.seal();
      Block head = t.chain.head();
      Map<Address, BigInteger> balances = t.balances();
      BigInteger burned = t.chain.burned();
      Bytes32 slotValue = t.chain.state().storage(Addresses.STAKING, Bytes32.ZERO);

      t.reopen();

      assertThat(t.chain.head()).isEqualTo(head);
      assertThat(t.balances()).isEqualTo(balances);
      assertThat(t.chain.burned()).isEqualTo(burned).isPositive();
      assertThat(t.nonce(address(ALICE))).isEqualTo(2);
      assertThat(t.chain.state().storage(Addresses.STAKING, Bytes32.ZERO)).isEqualTo(slotValue);
      assertThat(t.chain.receipt(transfer.transactionHash())).contains(transfer);
      assertThat(t.chain.receipt(stake.transactionHash())).contains(stake);
      assertThat(t.chain.includedTransaction(stake.transactionHash()).orElseThrow().transaction().sender()).isEqualTo(address(ALICE));
      assertThat(t.chain.block(head.hash())).contains(head);
      for (long n = 0; n <= head.number(); n++) {
        Block b = t.chain.block(n).orElseThrow();
        if (n > 0) assertThat(b.header().parentHash()).isEqualTo(t.chain.block(n - 1).orElseThrow().hash());
      }
    }
  }

  @Test
  void theChainGoesOnFromTheLastCommittedBlockAfterARestart() {
    try (TestChain t = new TestChain(dir)) {
      t.include(Wallets.transfer(ALICE, 0, address(BOB), OPEN));
      Block before = t.chain.head();
      t.reopen();
      Receipt next = t.include(Wallets.transfer(ALICE, 1, address(BOB), OPEN));
      assertThat(next.blockNumber()).isEqualTo(before.number() + 1);
      assertThat(t.chain.head().header().parentHash()).isEqualTo(before.hash());
      assertThat(t.accounted()).isEqualTo(t.genesis.supply());
    }
  }
}
