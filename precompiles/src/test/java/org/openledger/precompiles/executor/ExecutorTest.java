package org.openledger.precompiles.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.FrameworkErrors;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.host.CallKind;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.CallResult.Status;
import org.openledger.precompiles.host.InMemoryHost;
import org.openledger.precompiles.host.Message;

class ExecutorTest {
  static final Address PROBE = Address.of(0x0b01);
  static final Address OTHER = Address.of(0x0b02);
  static final Address ALICE = Address.fromHex("0x00000000000000000000000000000000000a11ce");
  static final long GAS = 10_000_000;

  final InMemoryHost host = new InMemoryHost();
  final Executor executor = new Executor(ForkSchedule.of(
      new Fork("v1", 0, GasSchedule.V1, Map.of(PROBE, new Probe(1), OTHER, new Probe(1))),
      new Fork("v2", 100, GasSchedule.V1, Map.of(PROBE, new Probe(2), OTHER, new Probe(2)))));

  CallResult call(Address target, Bytes data) {
    return executor.execute(host, Message.call(ALICE, target, BigInteger.ZERO, data, GAS));
  }

  static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  Bytes32 stored(Address at, long key) {
    return host.storage(at, Probe.valueSlot(key));
  }

  @Test
  void successfulCallPersistsItsWrite() {
    CallResult r = call(PROBE, Probe.WRITE.encodeCall(big(7), big(42)));
    assertThat(r.status()).isEqualTo(Status.SUCCESS);
    assertThat(stored(PROBE, 7).toUnsignedBigInteger()).isEqualTo(big(42));
  }

  @Test
  void gasUsedIsTheRequirementComputedFromCalldataBeforeExecution() {
    Bytes data = Probe.WRITE.encodeCall(big(1), big(2));
    long required = executor.gasRequirement(PROBE, data, host.block().number());
    assertThat(required).isEqualTo(GasSchedule.V1.callBase(data.size()) + GasSchedule.V1.storageWrite());
    assertThat(call(PROBE, data).gasUsed()).isEqualTo(required);
  }

  @Test
  void unknownSelectorRevertsWithUnknownSelector() {
    Bytes data = Bytes.fromHexString("0xdeadbeef");
    CallResult r = call(PROBE, data);
    assertThat(r.status()).isEqualTo(Status.REVERT);
    assertThat(FrameworkErrors.UNKNOWN_SELECTOR.decode(r.output()).get(0)).isEqualTo(data);
  }

  @Test
  void calldataShorterThanASelectorRevertsWithMalformedCalldata() {
    CallResult r = call(PROBE, Bytes.fromHexString("0x0102"));
    assertThat(r.status()).isEqualTo(Status.REVERT);
    assertThat(FrameworkErrors.MALFORMED_CALLDATA.matches(r.output())).isTrue();
  }

  @Test
  void truncatedArgumentsRevertWithMalformedCalldataAndChangeNothing() {
    Bytes full = Probe.WRITE.encodeCall(big(1), big(2));
    Object before = host.snapshot();
    CallResult r = call(PROBE, full.slice(0, full.size() - 1));
    assertThat(FrameworkErrors.MALFORMED_CALLDATA.matches(r.output())).isTrue();
    assertThat(host.snapshot()).isEqualTo(before);
  }

  @Test
  void dirtyArgumentWordsRevertWithMalformedCalldata() {
    byte[] data = Probe.PAY.encodeCall(ALICE, big(1)).toArray();
    data[4] = 1; // a high byte of the address word
    assertThat(FrameworkErrors.MALFORMED_CALLDATA.matches(call(PROBE, Bytes.wrap(data)).output())).isTrue();
  }

  @Test
  void valueSentToANonPayableFunctionRevertsWithNotPayable() {
    CallResult r = executor.execute(host, Message.call(ALICE, PROBE, big(5), Probe.WRITE.encodeCall(big(1), big(1)), GAS));
    assertThat(r.status()).isEqualTo(Status.REVERT);
    assertThat(FrameworkErrors.NOT_PAYABLE.decode(r.output())).containsExactly(big(5));
    assertThat(stored(PROBE, 1)).isEqualTo(Bytes32.ZERO);
  }

  @Test
  void valueSentToAPayableFunctionIsAccepted() {
    host.setBalance(PROBE, big(5)); // the host moved the value before the call, as the EVM does
    CallResult r = executor.execute(host, Message.call(ALICE, PROBE, big(5), Probe.DEPOSIT.encodeCall(), GAS));
    assertThat(r.status()).isEqualTo(Status.SUCCESS);
    assertThat(Probe.DEPOSIT.decodeOutput(r.output())).isEqualTo(big(5));
  }

  @Test
  void writeInAStaticCallRevertsWithWriteInStaticCall() {
    CallResult r = executor.execute(host, Message.staticCall(ALICE, PROBE, Probe.WRITE.encodeCall(big(1), big(1)), GAS));
    assertThat(r.status()).isEqualTo(Status.REVERT);
    assertThat(FrameworkErrors.WRITE_IN_STATIC_CALL.matches(r.output())).isTrue();
    assertThat(stored(PROBE, 1)).isEqualTo(Bytes32.ZERO);
  }

  @Test
  void aViewFunctionThatWritesRevertsEvenInAPlainCall() {
    CallResult r = call(PROBE, Probe.WRITE_IN_VIEW.encodeCall(big(1)));
    assertThat(FrameworkErrors.WRITE_IN_STATIC_CALL.matches(r.output())).isTrue();
  }

  @Test
  void readsWorkInAStaticCall() {
    call(PROBE, Probe.WRITE.encodeCall(big(3), big(9)));
    CallResult r = executor.execute(host, Message.staticCall(ALICE, PROBE, Probe.READ.encodeCall(big(3)), GAS));
    assertThat(Probe.READ.decodeOutput(r.output())).isEqualTo(big(9));
  }

  @Test
  void gasBelowTheRequirementHaltsAndConsumesAllGas() {
    Bytes data = Probe.WRITE.encodeCall(big(1), big(2));
    long required = executor.gasRequirement(PROBE, data, 1);
    CallResult r = executor.execute(host, Message.call(ALICE, PROBE, BigInteger.ZERO, data, required - 1));
    assertThat(r.status()).isEqualTo(Status.HALT);
    assertThat(r.gasUsed()).isEqualTo(required - 1);
    assertThat(stored(PROBE, 1)).isEqualTo(Bytes32.ZERO);
  }

  @Test
  void workBeyondTheDeclaredGasHaltsWithNothingPersisted() {
    CallResult r = call(PROBE, Probe.UNDER_DECLARED.encodeCall(big(4)));
    assertThat(r.status()).isEqualTo(Status.HALT);
    assertThat(r.haltReason()).contains("out of gas");
    assertThat(r.gasUsed()).isEqualTo(GAS);
    assertThat(stored(PROBE, 4)).isEqualTo(Bytes32.ZERO);
  }

  @Test
  void revertMidCallDiscardsTheWritesBeforeIt() {
    CallResult r = call(PROBE, Probe.WRITE_THEN_REVERT.encodeCall(big(5), big(77)));
    assertThat(r.status()).isEqualTo(Status.REVERT);
    assertThat(Probe.BOOM.decode(r.output())).containsExactly(big(77));
    assertThat(stored(PROBE, 5)).isEqualTo(Bytes32.ZERO);
  }

  @Test
  void revertChargesTheRequirementNotAllGas() {
    Bytes data = Probe.WRITE_THEN_REVERT.encodeCall(big(5), big(77));
    assertThat(call(PROBE, data).gasUsed()).isEqualTo(executor.gasRequirement(PROBE, data, 1));
  }

  @Test
  void anExceptionInsideAContractHaltsWithNothingPersisted() {
    Object before = host.snapshot();
    CallResult r = call(PROBE, Probe.WRITE_THEN_THROW.encodeCall(big(6), big(1)));
    assertThat(r.status()).isEqualTo(Status.HALT);
    assertThat(r.haltReason()).contains("IllegalStateException");
    assertThat(r.output()).isEqualTo(Bytes.EMPTY);
    assertThat(r.gasUsed()).isEqualTo(GAS);
    assertThat(host.snapshot()).isEqualTo(before);
  }

  @Test
  void delegateCallIsRefused() {
    Message m = new Message(CallKind.DELEGATECALL, ALICE, PROBE, BigInteger.ZERO, Probe.WRITE.encodeCall(big(1), big(1)), false, GAS);
    CallResult r = executor.execute(host, m);
    assertThat(r.status()).isEqualTo(Status.REVERT);
    assertThat(FrameworkErrors.DELEGATE_CALL_REFUSED.matches(r.output())).isTrue();
    assertThat(stored(PROBE, 1)).isEqualTo(Bytes32.ZERO);
  }

  @Test
  void callCodeIsRefused() {
    Message m = new Message(CallKind.CALLCODE, ALICE, PROBE, BigInteger.ZERO, Probe.WRITE.encodeCall(big(1), big(1)), false, GAS);
    assertThat(FrameworkErrors.DELEGATE_CALL_REFUSED.matches(executor.execute(host, m).output())).isTrue();
  }

  @Test
  void logicSwitchesAtTheActivationBlock() {
    host.setBlockNumber(99);
    assertThat(Probe.VERSION.decodeOutput(call(PROBE, Probe.VERSION.encodeCall()).output())).isEqualTo(big(1));
    host.setBlockNumber(100);
    assertThat(Probe.VERSION.decodeOutput(call(PROBE, Probe.VERSION.encodeCall()).output())).isEqualTo(big(2));
  }

  @Test
  void beforeTheFirstActivationThereIsNoNativeContract() {
    Executor late = new Executor(ForkSchedule.of(new Fork("late", 50, GasSchedule.V1, Map.of(PROBE, new Probe(1)))));
    assertThat(late.isNativeContract(PROBE, 49)).isFalse();
    assertThat(late.isNativeContract(PROBE, 50)).isTrue();
    assertThat(late.execute(host, Message.call(ALICE, PROBE, BigInteger.ZERO, Probe.VERSION.encodeCall(), GAS)).status())
        .isEqualTo(Status.HALT);
  }

  @Test
  void nestedCallSeesTheCallingContractAsCaller() {
    call(PROBE, Probe.FORWARD.encodeCall(OTHER, big(10), big(3), BigInteger.ZERO));
    assertThat(stored(PROBE, 10).toUnsignedBigInteger()).isEqualTo(big(3));
    assertThat(stored(OTHER, 11).toUnsignedBigInteger()).isEqualTo(big(3));
  }

  @Test
  void aFailedNestedCallRollsBackOnlyItsOwnFrame() {
    host.setBalance(PROBE, big(100));
    // WRITE is not payable: the child reverts with NotPayable, the parent keeps its own write
    CallResult r = call(PROBE, Probe.FORWARD.encodeCall(OTHER, big(20), big(8), big(40)));
    assertThat(r.status()).isEqualTo(Status.SUCCESS);
    assertThat(Probe.FORWARD.decodeOutput(r.output())).isEqualTo(false);
    assertThat(stored(PROBE, 20).toUnsignedBigInteger()).isEqualTo(big(8));
    assertThat(stored(OTHER, 21)).isEqualTo(Bytes32.ZERO);
    assertThat(host.balance(PROBE)).isEqualTo(big(100));
    assertThat(host.balance(OTHER)).isEqualTo(BigInteger.ZERO);
  }

  @Test
  void transferMovesTheContractsOwnBalance() {
    host.setBalance(PROBE, big(10));
    assertThat(call(PROBE, Probe.PAY.encodeCall(ALICE, big(4))).status()).isEqualTo(Status.SUCCESS);
    assertThat(host.balance(PROBE)).isEqualTo(big(6));
    assertThat(host.balance(ALICE)).isEqualTo(big(4));
  }

  @Test
  void transferBeyondTheBalanceRevertsWithInsufficientBalance() {
    host.setBalance(PROBE, big(3));
    CallResult r = call(PROBE, Probe.PAY.encodeCall(ALICE, big(4)));
    assertThat(FrameworkErrors.INSUFFICIENT_BALANCE.decode(r.output())).containsExactly(PROBE, big(3), big(4));
    assertThat(host.balance(PROBE)).isEqualTo(big(3));
  }
}
