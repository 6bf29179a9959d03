package org.openledger.devnet.crash;

import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.contracts.Addresses;
import org.openledger.devnet.Wallets;
import org.openledger.precompiles.Address;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;

/**
 * The one signed transaction each development account sends at each nonce, fixed by the seed: a
 * restarted node loses its pool, so a sender resumes at its account nonce with exactly the
 * transaction it would have sent there. Mostly OPEN transfers, plus native calls that move OPEN
 * into a contract ({@code Staking.stake(0)} with 1 OPEN), succeed without value
 * ({@code Staking.delegate(account)}) or revert ({@code Staking.delegate(0)}: InvalidDelegatee),
 * so receipts of both statuses are at stake.
 */
final class ScriptedTransactions {
  static final List<Credentials> SENDERS = List.of(Wallets.ALICE, Wallets.BOB, Wallets.CAROL, Wallets.DAVE, Wallets.ERIN);
  /** Accounts that only receive: fresh at genesis. */
  static final List<Address> RECIPIENTS = IntStream.range(0, 16).mapToObj(i -> Address.of(0xc0ffee00L + i)).toList();
  static final BigInteger MAX_FEE = Wallets.GWEI.multiply(BigInteger.valueOf(100));

  private static final Bytes STAKE_GOVERNANCE = call("stake", new Uint256(0));
  private static final Bytes DELEGATE_TO_ZERO = call("delegate", new org.web3j.abi.datatypes.Address(160, BigInteger.ZERO));

  private final long seed;
  private final ConcurrentHashMap<Long, byte[]> signed = new ConcurrentHashMap<>();

  ScriptedTransactions(long seed) {
    this.seed = seed;
  }

  /** The raw transaction {@code SENDERS.get(sender)} sends with {@code nonce}; the same bytes every time. */
  byte[] signed(int sender, long nonce) {
    return signed.computeIfAbsent(nonce * SENDERS.size() + sender, k -> sign(sender, nonce));
  }

  private byte[] sign(int sender, long nonce) {
    SplittableRandom random = new SplittableRandom(seed ^ (nonce * 0x9E3779B97F4A7C15L) ^ sender);
    Credentials from = SENDERS.get(sender);
    int kind = random.nextInt(100);
    if (kind < 10) {
      return Wallets.eip1559(from, nonce, Addresses.STAKING, Wallets.OPEN, STAKE_GOVERNANCE, 600_000, Wallets.GWEI, MAX_FEE);
    }
    if (kind < 25) {
      Address delegatee = Wallets.address(SENDERS.get(random.nextInt(SENDERS.size())));
      Bytes data = call("delegate", new org.web3j.abi.datatypes.Address(delegatee.toHexString()));
      return Wallets.eip1559(from, nonce, Addresses.STAKING, BigInteger.ZERO, data, 300_000, Wallets.GWEI, MAX_FEE);
    }
    if (kind < 30) {
      return Wallets.eip1559(from, nonce, Addresses.STAKING, BigInteger.ZERO, DELEGATE_TO_ZERO, 300_000, Wallets.GWEI, MAX_FEE);
    }
    Address to = kind < 90 ? RECIPIENTS.get(random.nextInt(RECIPIENTS.size())) : Wallets.address(SENDERS.get(random.nextInt(SENDERS.size())));
    BigInteger value = BigInteger.valueOf(random.nextLong(1, 1_000_000_000_000_000L)); // up to 0.001 OPEN, odd amounts in wei
    return Wallets.eip1559(from, nonce, to, value, Bytes.EMPTY, 21_000, Wallets.GWEI, MAX_FEE);
  }

  private static Bytes call(String name, org.web3j.abi.datatypes.Type<?> argument) {
    return Bytes.fromHexString(FunctionEncoder.encode(new Function(name, List.of(argument), List.of())));
  }
}
