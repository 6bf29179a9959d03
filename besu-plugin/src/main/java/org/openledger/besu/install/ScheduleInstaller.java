package org.openledger.besu.install;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.LongFunction;
import org.hyperledger.besu.evm.precompile.PrecompileContractRegistry;
import org.openledger.besu.adapter.FrameHost;
import org.openledger.besu.adapter.NativePrecompile;

/**
 * Puts the native contracts into the precompile registry of every Besu protocol spec from the
 * activation block on. Besu's plugin API offers no way to add precompiles, so this reaches, by
 * reflection, what Besu 26.x keeps privately: BlockchainServiceImpl.protocolSchedule, then
 * DefaultProtocolSchedule.protocolSpecs (ScheduledProtocolSpec: fork().milestone(), spec()), then
 * ProtocolSpec.getPrecompileContractRegistry(). Anything not where expected refuses the start.
 *
 * <p>A precompile's gas is asked without a block, so a spec must not straddle the activation
 * block: activation must be a block-number milestone of Besu's schedule (block 0 for a new
 * network; on a running chain, a milestone added to every validator's genesis at that block).
 */
public final class ScheduleInstaller {
  /** What was installed, for the log and openledger_pluginInfo. */
  public record Installed(long activationBlock, List<String> specs, int contracts) {}

  private ScheduleInstaller() {}

  /**
   * @param blockchainService Besu's BlockchainService implementation
   * @param chainHead the current chain head block number
   * @param precompiles the wrappers for one OpenLedger fork, built for its activation block
   */
  public static Installed install(Object blockchainService, long activationBlock, long chainHead,
      LongFunction<List<NativePrecompile>> precompiles) {
    if (activationBlock <= chainHead && activationBlock != 0) {
      throw new PluginStartRefused("OpenLedger plugin: activation block " + activationBlock + " is not after the chain head "
          + chainHead + ": blocks already imported ran without the native contracts. Choose a future block and set it on every validator.");
    }
    Object schedule = field(blockchainService, "protocolSchedule");
    Object specsObject = field(schedule, "protocolSpecs");
    if (!(specsObject instanceof Collection<?> specs)) {
      throw internals("protocolSpecs of " + schedule.getClass().getName() + " is not a collection");
    }
    List<Object> from = new ArrayList<>();
    boolean milestoneAtActivation = false;
    List<Long> milestones = new ArrayList<>();
    for (Object scheduled : specs) {
      boolean byBlock = scheduled.getClass().getSimpleName().equals("BlockNumberProtocolSpec");
      long milestone = (Long) call(call(scheduled, "fork"), "milestone");
      if (byBlock) milestones.add(milestone);
      if (byBlock && milestone == activationBlock) milestoneAtActivation = true;
      // Timestamp milestones follow every block-number milestone in Besu's schedule, so they lie
      // after the activation milestone (which must be a block-number one, checked below).
      if (!byBlock || milestone >= activationBlock) from.add(scheduled);
    }
    if (!milestoneAtActivation) {
      throw new PluginStartRefused("OpenLedger plugin: activation block " + activationBlock + " is not a block milestone of Besu's "
          + "protocol schedule (block milestones: " + milestones + "). Add a milestone at that block to the genesis of every validator; "
          + "see docs/validators.md.");
    }
    List<NativePrecompile> contracts = precompiles.apply(activationBlock);
    List<String> names = new ArrayList<>();
    for (Object scheduled : from) {
      Object spec = call(scheduled, "spec");
      if (!(call(spec, "getPrecompileContractRegistry") instanceof PrecompileContractRegistry registry)) {
        throw internals("ProtocolSpec.getPrecompileContractRegistry() did not return a PrecompileContractRegistry");
      }
      for (NativePrecompile p : contracts) {
        var address = FrameHost.toBesu(p.address());
        if (registry.get(address) != null && !(registry.get(address) instanceof NativePrecompile)) {
          throw new PluginStartRefused("OpenLedger plugin: Besu already has precompile " + registry.get(address).getName() + " at " + p.address());
        }
        registry.put(address, p);
      }
      names.add(String.valueOf(call(scheduled, "fork")));
    }
    return new Installed(activationBlock, names, contracts.size());
  }

  private static PluginStartRefused internals(String what) {
    return new PluginStartRefused("OpenLedger plugin: Besu internals are not where this plugin expects them (" + what
        + "). This Besu build is not one the plugin was tested with; see docs/validators.md, compatibility matrix.");
  }

  private static Object field(Object owner, String name) {
    for (Class<?> c = owner.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        Object value = f.get(owner);
        if (value == null) throw internals(c.getName() + "." + name + " is null (not initialised yet?)");
        return value;
      } catch (NoSuchFieldException next) {
        // look in the superclass
      } catch (ReflectiveOperationException | RuntimeException e) {
        if (e instanceof PluginStartRefused r) throw r;
        throw new PluginStartRefused("OpenLedger plugin: cannot read " + c.getName() + "." + name + ": " + e, e);
      }
    }
    throw internals("no field '" + name + "' in " + owner.getClass().getName() + " or its superclasses");
  }

  private static Object call(Object owner, String method) {
    try {
      Method m = owner.getClass().getMethod(method);
      m.setAccessible(true);
      return m.invoke(owner);
    } catch (NoSuchMethodException e) {
      throw internals("no method " + method + "() on " + owner.getClass().getName());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new PluginStartRefused("OpenLedger plugin: " + owner.getClass().getName() + "." + method + "() failed: " + e, e);
    }
  }
}
