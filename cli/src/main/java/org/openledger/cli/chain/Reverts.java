package org.openledger.cli.chain;

import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.contracts.Catalog;
import org.openledger.governance.GovernanceContracts;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.ContractSpec;
import org.openledger.precompiles.contract.ErrorSpec;

/**
 * Turns revert data into words: the custom error's name, its arguments and what it means (the
 * NatSpec the contract declares). The called contract's errors are tried first; a nested call
 * can surface another contract's error, so every OpenLedger contract is tried next.
 */
public final class Reverts {
  private Reverts() {}

  private static final List<Catalog.Entry> ALL = new ArrayList<>();

  static {
    ALL.addAll(Catalog.all());
    ALL.addAll(GovernanceContracts.all());
  }

  /** Every OpenLedger contract, the catalog's and governance's. */
  public static List<Catalog.Entry> contracts() {
    return List.copyOf(ALL);
  }

  /** The contract at {@code address}, or null when none of ours is there. */
  public static Catalog.Entry at(String address) {
    if (address == null) return null;
    Address a;
    try {
      a = Address.fromHex(address);
    } catch (IllegalArgumentException e) {
      return null;
    }
    for (Catalog.Entry e : ALL) if (e.address().equals(a)) return e;
    return null;
  }

  /**
   * A sentence for {@code revertData} returned by a call to {@code target}: e.g. {@code
   * DuplicateContent(0x12…) — this content was already accepted in the datanet}. Unknown data is
   * shown as hex.
   */
  public static String describe(String target, String revertDataHex) {
    // web3j hands error.data over as JSON text: a hex string arrives with its quotes
    if (revertDataHex != null && revertDataHex.length() >= 2 && revertDataHex.startsWith("\"") && revertDataHex.endsWith("\"")) {
      revertDataHex = revertDataHex.substring(1, revertDataHex.length() - 1);
    }
    if (revertDataHex == null || revertDataHex.isBlank() || revertDataHex.equals("0x")) {
      return "reverted without data";
    }
    Bytes data;
    try {
      data = Bytes.fromHexString(revertDataHex);
    } catch (IllegalArgumentException e) {
      return "reverted with undecodable data " + revertDataHex;
    }
    Catalog.Entry first = at(target);
    if (first != null) {
      String d = describe(first.spec(), data);
      if (d != null) return d;
    }
    for (Catalog.Entry e : ALL) {
      String d = describe(e.spec(), data);
      if (d != null) return d;
    }
    return "reverted with unknown error data " + revertDataHex;
  }

  private static String describe(ContractSpec spec, Bytes data) {
    ErrorSpec error = spec.errorOf(data);
    if (error == null) return null;
    String words = spec.describeRevert(data);
    String doc = error.doc() == null ? "" : error.doc().strip().replaceAll("\\s+", " ");
    return doc.isEmpty() ? words : words + " — " + doc;
  }
}
