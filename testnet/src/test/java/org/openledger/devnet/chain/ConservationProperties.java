package org.openledger.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.staking.Staking;
import org.openledger.devnet.TestChain;
import org.openledger.devnet.Wallets;
import org.openledger.devnet.transaction.InvalidTransactionException;
import org.openledger.precompiles.Address;
import org.web3j.crypto.Credentials;

/**
 * Conservation: after any workload — transfers, native calls that succeed, revert or run out of
 * gas, transactions the pool refuses — the sum of all balances plus the burned total equals the
 * genesis supply, in every block.
 */
class ConservationProperties {
  private static final List<Credentials> SENDERS = List.of(Wallets.ALICE, Wallets.BOB, Wallets.CAROL, Wallets.PAUPER);
  private static final List<Address> TARGETS = List.of(Wallets.address(Wallets.DAVE), Address.of(0xdead), Addresses.STAKING,
      Addresses.GOVERNOR, Addresses.TREASURY, Wallets.address(Wallets.ALICE));

  enum Kind { TRANSFER, STAKE, BAD_CALLDATA, OUT_OF_GAS, WRONG_NONCE, SEAL }

  record Step(Kind kind, int sender, int target, BigInteger value, BigInteger tip) {}

  @Provide
  Arbitrary<List<Step>> workloads() {
    Arbitrary<Step> step = Combinators.combine(
        Arbitraries.of(Kind.class), Arbitraries.integers().between(0, SENDERS.size() - 1), Arbitraries.integers().between(0, TARGETS.size() - 1),
        Arbitraries.oneOf(Arbitraries.just(BigInteger.ZERO), Arbitraries.bigIntegers().between(BigInteger.ONE, Wallets.OPEN.multiply(BigInteger.valueOf(3)))),
        Arbitraries.bigIntegers().between(BigInteger.ZERO, Wallets.GWEI.multiply(BigInteger.TWO))).as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(25);
  }

  @Property(tries = 30)
  void balancesPlusBurnedAlwaysEqualTheGenesisSupply(@ForAll("workloads") List<Step> steps) throws IOException {
    Path dir = Files.createTempDirectory("conservation");
    try (TestChain t = new TestChain(dir)) {
      BigInteger supply = t.genesis.supply();
      assertThat(t.accounted()).isEqualTo(supply);
      Map<Integer, Long> nonces = new HashMap<>();
      for (Step s : steps) {
        if (s.kind() == Kind.SEAL) {
          t.chain.seal();
          assertThat(t.accounted()).isEqualTo(supply);
          continue;
        }
        Credentials c = SENDERS.get(s.sender());
        long nonce = nonces.getOrDefault(s.sender(), 0L);
        Address to = TARGETS.get(s.target());
        BigInteger maxFee = Wallets.GWEI.multiply(BigInteger.valueOf(5));
        byte[] raw = switch (s.kind()) {
          case TRANSFER -> Wallets.eip1559(c, nonce, to, s.value(), Bytes.EMPTY, 21_000, s.tip(), maxFee);
          case STAKE -> Wallets.eip1559(c, nonce, Addresses.STAKING, s.value(), Staking.STAKE.encodeCall(BigInteger.ZERO), 400_000, s.tip(), maxFee);
          case BAD_CALLDATA -> Wallets.eip1559(c, nonce, to, s.value(), Bytes.of(1, 2, 3, 4, 5), 100_000, s.tip(), maxFee);
          case OUT_OF_GAS -> Wallets.eip1559(c, nonce, Addresses.STAKING, s.value(), Staking.STAKE.encodeCall(BigInteger.ZERO), 22_000, s.tip(), maxFee);
          case WRONG_NONCE -> Wallets.eip1559(c, nonce + 3, to, s.value(), Bytes.EMPTY, 21_000, s.tip(), maxFee);
          case SEAL -> throw new AssertionError();
        };
        try {
          t.send(raw);
          nonces.put(s.sender(), nonce + 1);
        } catch (InvalidTransactionException refused) {
          // refused at admission: nothing to account for
        }
      }
      t.chain.seal();
      assertThat(t.chain.pool().size()).isZero();
      assertThat(t.accounted()).isEqualTo(supply);
      t.reopen();
      assertThat(t.accounted()).isEqualTo(supply);
    } finally {
      deleteRecursively(dir);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
