package org.openledger.besu.adapter;

import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.tuweni.bytes.Bytes;
import org.hyperledger.besu.evm.frame.ExceptionalHaltReason;
import org.hyperledger.besu.evm.frame.MessageFrame;
import org.hyperledger.besu.evm.precompile.PrecompiledContract;
import org.openledger.besu.metrics.PluginMetrics;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.executor.Executor;
import org.openledger.precompiles.host.CallKind;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One native contract as a Besu precompile.
 *
 * <p>Gas: Besu charges {@link #gasRequirement} before {@link #computePrecompile} and has no block
 * at hand when it asks, so the requirement is priced under the OpenLedger fork this instance was
 * installed for ({@code forkBlock}); the installer puts instances only into protocol specs that
 * start at or after that block. The executor charges exactly that requirement on success and
 * revert; a halt consumes all the frame's gas, which Besu does for an exceptional halt.
 */
public final class NativePrecompile implements PrecompiledContract {
  private static final Logger LOG = LoggerFactory.getLogger(NativePrecompile.class);

  private final String name;
  private final Address address;
  private final org.hyperledger.besu.datatypes.Address besuAddress;
  private final Executor executor;
  private final long forkBlock;
  private final LongSupplier chainId;
  private final PluginMetrics metrics;
  private final String metricLabel;

  /** {@code chainId} is read on each call: Besu's BlockchainService knows it only once the chain is up. */
  public NativePrecompile(String name, Address address, Executor executor, long forkBlock, LongSupplier chainId) {
    this(name, address, executor, forkBlock, chainId, PluginMetrics.NONE, name);
  }

  /** {@code metricLabel}: the contract label of this precompile's calls in {@code metrics} (the catalog name, e.g. "inference"). */
  public NativePrecompile(String name, Address address, Executor executor, long forkBlock, LongSupplier chainId,
      PluginMetrics metrics, String metricLabel) {
    this.metrics = metrics;
    this.metricLabel = metricLabel;
    this.name = name;
    this.address = address;
    this.besuAddress = FrameHost.toBesu(address);
    this.executor = executor;
    this.forkBlock = forkBlock;
    this.chainId = chainId;
  }

  @Override
  public String getName() {
    return name;
  }

  public Address address() {
    return address;
  }

  @Override
  public long gasRequirement(Bytes input) {
    return executor.gasRequirement(address, input, forkBlock);
  }

  @Override
  public PrecompileContractResult computePrecompile(Bytes input, MessageFrame frame) {
    // Besu looks precompiles up by code address: a DELEGATECALL or CALLCODE arrives here with the
    // caller's account as recipient. The two are indistinguishable from the frame, and the
    // executor refuses both alike.
    CallKind kind = !frame.getRecipientAddress().equals(besuAddress) ? CallKind.DELEGATECALL
        : frame.isStatic() ? CallKind.STATICCALL : CallKind.CALL;
    // Besu has already deducted gasRequirement(input): give the executor the gas the call came with.
    long gas = Math.addExact(frame.getRemainingGas(), gasRequirement(input));
    Message message = new Message(kind, FrameHost.fromBesu(frame.getSenderAddress()), address,
        frame.getValue().getAsBigInteger(), input, frame.isStatic(), gas);
    CallResult result;
    try {
      result = executor.execute(new FrameHost(frame, chainId.getAsLong()), message);
    } catch (IllegalStateException refused) {
      // The world state refused a committed change (e.g. a balance Besu saw differently): halt, Besu discards the frame's updater.
      LOG.error("{}: world state refused a change in block {}; call halted", name, frame.getBlockValues().getNumber(), refused);
      metrics.precompileCall(metricLabel, CallResult.Status.HALT, gas);
      return PrecompileContractResult.halt(Bytes.EMPTY, Optional.of(ExceptionalHaltReason.PRECOMPILE_ERROR));
    }
    metrics.precompileCall(metricLabel, result.status(), result.gasUsed());
    return switch (result.status()) {
      case SUCCESS -> PrecompileContractResult.success(result.output());
      case REVERT -> {
        // Besu passes a precompile's revert output to the caller, but puts it in the receipt only through setRevertReason.
        frame.setRevertReason(result.output());
        yield PrecompileContractResult.revert(result.output());
      }
      case HALT -> {
        LOG.debug("{} halted: {}", name, result.haltReason());
        ExceptionalHaltReason reason = result.haltReason() != null && result.haltReason().startsWith("out of gas")
            ? ExceptionalHaltReason.INSUFFICIENT_GAS : ExceptionalHaltReason.PRECOMPILE_ERROR;
        yield PrecompileContractResult.halt(Bytes.EMPTY, Optional.of(reason));
      }
    };
  }
}
