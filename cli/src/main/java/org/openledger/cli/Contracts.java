package org.openledger.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openledger.precompiles.contract.ContractSpec;
import org.openledger.precompiles.example.Guestbook;

/** The contracts the CLI knows by name. Each issue that adds a contract adds it here. */
final class Contracts {
  private Contracts() {}

  static final Map<String, ContractSpec> BY_NAME = new LinkedHashMap<>();

  static {
    BY_NAME.put("guestbook", Guestbook.SPEC);
  }
}
