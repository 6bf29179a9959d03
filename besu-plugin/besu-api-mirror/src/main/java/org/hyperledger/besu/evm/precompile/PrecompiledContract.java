// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: evm/src/main/java/org/hyperledger/besu/evm/precompile/PrecompiledContract.java
package org.hyperledger.besu.evm.precompile;

import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.hyperledger.besu.evm.frame.ExceptionalHaltReason;
import org.hyperledger.besu.evm.frame.MessageFrame;

/** Signatures only. */
public interface PrecompiledContract {

  String getName();

  long gasRequirement(Bytes input);

  PrecompileContractResult computePrecompile(final Bytes input, final MessageFrame messageFrame);

  record PrecompileContractResult(Bytes output, boolean isRefundGas, MessageFrame.State state, Optional<ExceptionalHaltReason> haltReason) {

    public static PrecompileContractResult success(final Bytes output) {
      return new PrecompileContractResult(output, false, MessageFrame.State.COMPLETED_SUCCESS, Optional.empty());
    }

    public static PrecompileContractResult revert(final Bytes output) {
      return new PrecompileContractResult(output, false, MessageFrame.State.REVERT, Optional.empty());
    }

    public static PrecompileContractResult halt(final Bytes output, final Optional<ExceptionalHaltReason> haltReason) {
      if (haltReason.isEmpty()) {
        throw new IllegalArgumentException("Halt reason cannot be empty");
      }
      return new PrecompileContractResult(output, false, MessageFrame.State.EXCEPTIONAL_HALT, haltReason);
    }
  }
}
