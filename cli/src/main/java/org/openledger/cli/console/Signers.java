package org.openledger.cli.console;

import java.util.List;
import org.web3j.crypto.Credentials;

/** The keys the console signs with: the one the user gave, or on a fresh devnet its named development accounts. */
public record Signers(List<Signer> all) {
  /** A key and who it is on the page. */
  public record Signer(String name, String role, Credentials credentials) {
    public String address() {
      return credentials.getAddress();
    }
  }

  public Signer first() {
    return all.isEmpty() ? null : all.get(0);
  }

  public Signer byAddress(String address) {
    for (Signer s : all) if (s.address().equalsIgnoreCase(address)) return s;
    return null;
  }
}
