package org.openledger.cli.devnet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.WalletUtils;

/**
 * Keystore files of the first five development accounts (0 alice … 4 erin) with one password file,
 * so a test runs commands signed as them, the way a user with a keystore does.
 *
 * @param files the accounts' keystore files, by account index
 * @param password the file holding their password
 */
public record DevelopmentKeystores(List<String> files, Path password) {
  private static final String PASSWORD = "correct horse";

  public DevelopmentKeystores {
    files = List.copyOf(files);
  }

  /** Writes the keystores under {@code dir/keys} and the password to {@code dir/password}. */
  public static DevelopmentKeystores write(Path dir) throws Exception {
    Path password = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
    Path keys = Files.createDirectories(dir.resolve("keys"));
    List<String> files = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      files.add(keys.resolve(WalletUtils.generateWalletFile(PASSWORD, DevelopmentKeys.account(i).getEcKeyPair(), keys.toFile(), false)).toString());
    }
    return new DevelopmentKeystores(files, password);
  }

  /** {@code args} followed by the options that send it to {@code rpcUrl} signed as account {@code user}. */
  public String[] signedAs(int user, String rpcUrl, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--rpc-url", rpcUrl, "--keystore", files.get(user), "--password-file", password.toString()));
    return all.toArray(String[]::new);
  }
}
