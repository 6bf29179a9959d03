package org.openledger.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openledger.contracts.Catalog;
import org.openledger.governance.GovernanceContracts;
import org.openledger.precompiles.contract.ContractSpec;
import org.openledger.precompiles.example.Guestbook;

/**
 * The contracts the CLI knows by name: every OpenLedger contract (the catalog's and governance's, in
 * address order), and the framework's example.
 */
final class Contracts {
  private Contracts() {}

  static final Map<String, ContractSpec> BY_NAME = new LinkedHashMap<>();

  static {
    for (Catalog.Entry e : GovernanceContracts.withCatalog()) BY_NAME.put(e.name(), e.spec());
    BY_NAME.put("guestbook", Guestbook.SPEC);
  }
}
