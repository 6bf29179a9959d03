package org.openledger.besu.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes;
import org.hyperledger.besu.datatypes.Wei;
import org.hyperledger.besu.evm.frame.BlockValues;
import org.hyperledger.besu.evm.frame.MessageFrame;
import org.hyperledger.besu.evm.precompile.PrecompiledContract.PrecompileContractResult;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.governance.GovernanceContracts;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.FrameworkErrors;
import org.openledger.precompiles.executor.Executor;
import org.openledger.precompiles.executor.Fork;
import org.openledger.precompiles.executor.ForkSchedule;
import org.openledger.precompiles.gas.GasSchedule;

class NativePrecompileTest {
  private final Executor executor =
      new Executor(ForkSchedule.of(new Fork("v1", 0, GasSchedule.V1, GovernanceContracts.instancesWithCatalog())));
  private final NativePrecompile provers = new NativePrecompile("OpenLedgerProvers", Addresses.PROVERS, executor, 0, () -> 1337);
  private final InMemoryWorld world = new InMemoryWorld();
  private final Address caller = Address.of(0xc0de);

  private MessageFrame frame(Address recipient, Bytes input) {
    var sender = FrameHost.toBesu(caller);
    return MessageFrame.builder().type(MessageFrame.Type.MESSAGE_CALL).worldUpdater(world).initialGas(1_000_000)
        .address(FrameHost.toBesu(recipient)).originator(sender).contract(FrameHost.toBesu(Addresses.PROVERS))
        .inputData(input).sender(sender).value(Wei.of(BigInteger.ZERO)).apparentValue(Wei.of(BigInteger.ZERO))
        .blockValues(new BlockValues() { @Override public long getNumber() { return 5; } }).isStatic(false).build();
  }

  @Test
  void aDelegateStyleCallIsRefusedWithTheRevertReasonSetAndNothingWritten() {
    Bytes input = Bytes.fromHexString("0x00000000");
    MessageFrame frame = frame(caller, input); // DELEGATECALL/CALLCODE: recipient is the caller, code address the contract
    PrecompileContractResult result = provers.computePrecompile(input, frame);
    assertThat(result.state()).isEqualTo(MessageFrame.State.REVERT);
    assertThat(result.output()).isEqualTo(FrameworkErrors.DELEGATE_CALL_REFUSED.encode());
    assertThat(frame.getRevertReason()).contains(result.output());
    assertThat(world.storage()).isEmpty();
  }

  @Test
  void gasRequirementIsTheExecutorsForTheSameCalldata() {
    Bytes input = Bytes.fromHexString("0x12345678");
    assertThat(provers.gasRequirement(input)).isEqualTo(executor.gasRequirement(Addresses.PROVERS, input, 0)).isPositive();
  }
}
