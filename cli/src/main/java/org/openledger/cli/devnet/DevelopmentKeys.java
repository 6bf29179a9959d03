package org.openledger.cli.devnet;

import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

/**
 * DEVELOPMENT-ONLY keys: the accounts of the publicly known test mnemonic ("test test … junk",
 * the one Hardhat, Anvil and Foundry use) at m/44'/60'/0'/0/i. Anyone can derive them; the devnet
 * genesis funds them so the demo can act as several users. Never send real value to them.
 */
public final class DevelopmentKeys {
  public static final String MNEMONIC = "test test test test test test test test test test test junk";

  private DevelopmentKeys() {}

  /** The account at index {@code i} of the test mnemonic. */
  public static Credentials account(int i) {
    Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(MNEMONIC, ""));
    int[] path = {44 | Bip32ECKeyPair.HARDENED_BIT, 60 | Bip32ECKeyPair.HARDENED_BIT, Bip32ECKeyPair.HARDENED_BIT, 0, i};
    return Credentials.create(Bip32ECKeyPair.deriveKeyPair(master, path));
  }

  /** The first {@code n} accounts. */
  public static List<Credentials> accounts(int n) {
    List<Credentials> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(account(i));
    return out;
  }
}
