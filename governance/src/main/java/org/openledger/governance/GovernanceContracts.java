package org.openledger.governance;

import java.util.List;
import java.util.Map;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Catalog;
import org.openledger.governance.governor.Governor;
import org.openledger.governance.timelock.Timelock;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.NativeContract;

/**
 * The governance contracts as {@link Catalog.Entry catalog entries} (contracts-java's {@link
 * Catalog} cannot name them: this module depends on it, not the reverse). Whatever lists every
 * OpenLedger contract — a fork's contract set, the CLI, interface artifacts — adds these to {@link
 * Catalog#all()}.
 */
public final class GovernanceContracts {
  private GovernanceContracts() {}

  private static final List<Catalog.Entry> ALL = List.of(
      new Catalog.Entry("governor", Addresses.GOVERNOR, Governor.SPEC,
          "Governor: proposals voted with staked OPEN at a snapshot (OpenZeppelin semantics), executed through the Timelock.",
          Governor::new),
      new Catalog.Entry("timelock", Addresses.TIMELOCK, Timelock.SPEC,
          "Timelock and treasury: runs queued proposals after a delay and within a grace period; sole caller of privileged functions.",
          Timelock::new));

  /** The Governor and the Timelock, in address order. */
  public static List<Catalog.Entry> all() {
    return ALL;
  }

  /** Fresh instances of every contract, the catalog's and governance's, keyed by address. */
  public static Map<Address, NativeContract> instancesWithCatalog() {
    Map<Address, NativeContract> out = new java.util.LinkedHashMap<>(Catalog.instances());
    for (Catalog.Entry e : ALL) e.instantiate().ifPresent(c -> out.put(e.address(), c));
    return out;
  }
}
