package org.openledger.precompiles.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.executor.Executor;
import org.openledger.precompiles.executor.Fork;
import org.openledger.precompiles.executor.ForkSchedule;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.CallResult.Status;
import org.openledger.precompiles.host.InMemoryHost;
import org.openledger.precompiles.host.Message;

class GuestbookTest {
  static final Address ALICE = Address.of(0xa11ce);
  static final Address BOB = Address.of(0xb0b);
  static final Bytes32 KEY = Bytes32.fromHexString("0x01");
  static final BigInteger GWEI = BigInteger.TEN.pow(9);

  final InMemoryHost host = new InMemoryHost();
  final Executor executor = new Executor(ForkSchedule.of(new Fork("v1", 0, GasSchedule.V1, Map.of(Guestbook.ADDRESS, new Guestbook()))));

  /** A transaction-like call: the value moves first, and back if the call fails (what a host does). */
  CallResult send(Address from, BigInteger value, Bytes data) {
    host.transfer(from, Guestbook.ADDRESS, value);
    CallResult r = executor.execute(host, Message.call(from, Guestbook.ADDRESS, value, data, 1_000_000));
    if (!r.isSuccess()) host.transfer(Guestbook.ADDRESS, from, value);
    return r;
  }

  @Test
  void signingStoresTheAuthorAndCountsTheEntry() {
    CallResult r = send(ALICE, BigInteger.ZERO, Guestbook.SIGN.encodeCall(KEY, "hello"));
    assertThat(Guestbook.SIGN.decodeOutput(r.output())).isEqualTo(BigInteger.ONE);
    assertThat(Guestbook.AUTHOR.decodeOutput(send(BOB, BigInteger.ZERO, Guestbook.AUTHOR.encodeCall(KEY)).output())).isEqualTo(ALICE);
    assertThat(host.logs()).containsExactly(Guestbook.SIGNED.toLog(Guestbook.ADDRESS, ALICE, KEY, "hello"));
  }

  @Test
  void storageIsReadableAtSoliditysSlots() {
    send(ALICE, BigInteger.ZERO, Guestbook.SIGN.encodeCall(KEY, "hello"));
    var slots = Guestbook.layout(KEY, ALICE);
    assertThat(host.storage(Guestbook.ADDRESS, slots.get(0).key()).toUnsignedBigInteger()).isEqualTo(BigInteger.ONE);
    assertThat(host.storage(Guestbook.ADDRESS, slots.get(1).key())).isEqualTo(Bytes32.leftPad(ALICE.toBytes()));
  }

  @Test
  void aKeyCanBeSignedOnlyOnce() {
    send(ALICE, BigInteger.ZERO, Guestbook.SIGN.encodeCall(KEY, "hello"));
    CallResult r = send(BOB, BigInteger.ZERO, Guestbook.SIGN.encodeCall(KEY, "mine now"));
    assertThat(r.status()).isEqualTo(Status.REVERT);
    assertThat(Guestbook.ALREADY_SIGNED.decode(r.output())).containsExactly(KEY, ALICE);
  }

  @Test
  void theMinimumTipDefaultsToOneGweiUntilSet() {
    host.setBalance(BOB, GWEI.multiply(BigInteger.TEN));
    send(ALICE, BigInteger.ZERO, Guestbook.SIGN.encodeCall(KEY, "hello"));
    CallResult small = send(BOB, GWEI.subtract(BigInteger.ONE), Guestbook.TIP.encodeCall(KEY));
    assertThat(Guestbook.TIP_TOO_SMALL.decode(small.output())).containsExactly(GWEI.subtract(BigInteger.ONE), GWEI);
    assertThat(send(BOB, GWEI, Guestbook.TIP.encodeCall(KEY)).status()).isEqualTo(Status.SUCCESS);
  }

  @Test
  void tipsAccrueToTheAuthorWhoWithdrawsThemExactly() {
    host.setBalance(BOB, GWEI.multiply(BigInteger.valueOf(100)));
    send(ALICE, BigInteger.ZERO, Guestbook.SIGN.encodeCall(KEY, "hello"));
    send(BOB, GWEI.multiply(BigInteger.valueOf(3)), Guestbook.TIP.encodeCall(KEY));
    send(BOB, GWEI.multiply(BigInteger.valueOf(4)), Guestbook.TIP.encodeCall(KEY));
    CallResult w = send(ALICE, BigInteger.ZERO, Guestbook.WITHDRAW.encodeCall());
    assertThat(Guestbook.WITHDRAW.decodeOutput(w.output())).isEqualTo(GWEI.multiply(BigInteger.valueOf(7)));
    assertThat(host.balance(ALICE)).isEqualTo(GWEI.multiply(BigInteger.valueOf(7)));
    assertThat(host.balance(Guestbook.ADDRESS)).isZero();
    assertThat(host.balance(BOB)).isEqualTo(GWEI.multiply(BigInteger.valueOf(93)));
  }

  @Test
  void tippingAnUnknownKeyRevertsAndReturnsTheValue() {
    host.setBalance(BOB, GWEI);
    CallResult r = send(BOB, GWEI, Guestbook.TIP.encodeCall(KEY));
    assertThat(Guestbook.UNKNOWN_ENTRY.decode(r.output())).containsExactly(KEY);
    assertThat(host.balance(BOB)).isEqualTo(GWEI);
  }

  @Test
  void withdrawingWithNoTipsReverts() {
    assertThat(Guestbook.NOTHING_TO_WITHDRAW.matches(send(ALICE, BigInteger.ZERO, Guestbook.WITHDRAW.encodeCall()).output())).isTrue();
  }

  @Test
  void declaredGasCoversALongMessage() {
    CallResult r = send(ALICE, BigInteger.ZERO, Guestbook.SIGN.encodeCall(KEY, "x".repeat(5_000)));
    assertThat(r.status()).isEqualTo(Status.SUCCESS);
  }
}
