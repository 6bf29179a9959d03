package org.openledger.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.devnet.Wallets.ALICE;
import static org.openledger.devnet.Wallets.BOB;
import static org.openledger.devnet.Wallets.OPEN;
import static org.openledger.devnet.Wallets.address;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.devnet.Devnet;
import org.openledger.devnet.Wallets;

class BlockProducerTest {
  @TempDir Path dir;

  private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) throw new AssertionError("condition not met within 10 s");
      Thread.sleep(10);
    }
  }

  @Test
  void automineSealsAPendingTransactionWithoutWaitingForAnInterval() throws Exception {
    try (Devnet d = Devnet.start(Devnet.Options.defaults(dir).withProduction(Duration.ZERO, true))) {
      Bytes32 hash = d.chain().submit(Wallets.transfer(ALICE, 0, address(BOB), OPEN));
      awaitTrue(() -> d.chain().receipt(hash).isPresent());
      assertThat(d.chain().head().number()).isEqualTo(1);
    }
  }

  @Test
  void theIntervalSealsEmptyBlocksSoBlockNumbersFollowTime() throws Exception {
    try (Devnet d = Devnet.start(Devnet.Options.defaults(dir).withProduction(Duration.ofMillis(50), false))) {
      awaitTrue(() -> d.chain().head().number() >= 3);
      assertThat(d.chain().head().transactionHashes()).isEmpty();
    }
  }

  @Test
  void withoutAProducerBlocksComeOnlyOnDemand() throws Exception {
    try (Devnet d = Devnet.start(Devnet.Options.defaults(dir).withProduction(Duration.ZERO, false))) {
      d.chain().submit(Wallets.transfer(ALICE, 0, address(BOB), OPEN));
      Thread.sleep(200);
      assertThat(d.chain().head().number()).isZero();
      assertThat(d.chain().mine(2).number()).isEqualTo(2);
    }
  }
}
