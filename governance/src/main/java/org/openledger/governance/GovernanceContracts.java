package org.openledger.governance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.ArtifactWriter;
import org.openledger.contracts.Catalog;
import org.openledger.governance.governor.Governor;
import org.openledger.governance.timelock.Timelock;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.NativeContract;

/**
 * The governance contracts as {@link Catalog.Entry catalog entries} (contracts-java's {@link
 * Catalog} cannot name them: this module depends on it, not the reverse). Whatever lists every
 * OpenLedger contract — a fork's contract set, the CLI, the web3j wrappers — uses {@link
 * #withCatalog()}.
 *
 * <p>The build runs {@link #main} as contracts-java runs {@link ArtifactWriter}: it writes {@code
 * IGovernor} and {@code ITimelock} ({@code .sol}, {@code .abi.json}) into this module's jar under
 * {@link Catalog#ARTIFACT_DIR}, and with {@code -Dcontract-docs} into {@code docs/contracts/}.
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

  /** Refreshes every table and interface file of {@code docs/contracts/}: the catalog's and governance's. */
  public static final String REGENERATE_DOCS = "./mvnw -q -B -pl contracts-java,governance -am test-compile -Dcontract-docs";

  /** The Governor and the Timelock as an artifact set: their files and their table in {@code docs/contracts/README.md}. */
  public static final ArtifactWriter.ContractSet ARTIFACTS =
      new ArtifactWriter.ContractSet("governance", GovernanceContracts.class.getName(), ALL, REGENERATE_DOCS);

  /** The Governor and the Timelock, in address order. */
  public static List<Catalog.Entry> all() {
    return ALL;
  }

  /** Every OpenLedger contract: the catalog's and governance's, in address order. */
  public static List<Catalog.Entry> withCatalog() {
    List<Catalog.Entry> out = new ArrayList<>(Catalog.all());
    out.addAll(ALL);
    out.sort(Comparator.comparing(e -> e.address().toHexString()));
    return List.copyOf(out);
  }

  /** Fresh instances of every contract, the catalog's and governance's, keyed by address. */
  public static Map<Address, NativeContract> instancesWithCatalog() {
    Map<Address, NativeContract> out = new LinkedHashMap<>();
    for (Catalog.Entry e : withCatalog()) e.instantiate().ifPresent(c -> out.put(e.address(), c));
    return out;
  }

  /** {@link ArtifactWriter#run}'s command line for {@link #ARTIFACTS}: {@code <output dir>} or {@code --docs <docs/contracts dir>}. */
  public static void main(String[] args) {
    ArtifactWriter.run(ARTIFACTS, args);
  }
}
