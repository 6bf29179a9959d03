package org.openledger.cli.chain;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openledger.cli.UserError;
import org.web3j.crypto.exception.CipherException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import picocli.CommandLine.Option;

/**
 * The signing key of a command that sends transactions. It comes from an Ethereum keystore file
 * (password from the environment or a prompt) or from the environment — never from a
 * command-line argument, which other users of the machine can read in the process list, and it
 * is never printed.
 */
public final class KeyOptions {
  public static final String PRIVATE_KEY_ENV = "OPENLEDGER_PRIVATE_KEY";
  public static final String PASSWORD_ENV = "OPENLEDGER_KEYSTORE_PASSWORD";
  public static final String KEYSTORE_ENV = "OPENLEDGER_KEYSTORE";

  @Option(
      names = "--keystore",
      paramLabel = "FILE",
      defaultValue = "${env:" + KEYSTORE_ENV + "}",
      description = "Ethereum keystore (JSON) file holding the signing key (env " + KEYSTORE_ENV + "). "
          + "Its password comes from " + PASSWORD_ENV + " or is asked for. Without a keystore, the key is read from " + PRIVATE_KEY_ENV + ".")
  Path keystore;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "File whose first line is the keystore's password (instead of " + PASSWORD_ENV + " or the prompt).")
  Path passwordFile;

  /** The signer; a {@link UserError} naming both ways to provide one when there is none. */
  public Credentials credentials() {
    if (keystore != null) return fromKeystore(keystore);
    String hex = System.getenv(PRIVATE_KEY_ENV);
    if (hex != null && !hex.isBlank()) {
      String key = hex.strip();
      if (!WalletUtils.isValidPrivateKey(key)) {
        throw new UserError(PRIVATE_KEY_ENV + " is not a 32-byte hex private key; set it to 64 hex digits (0x optional)");
      }
      return Credentials.create(key);
    }
    throw new UserError("this command signs a transaction and no key was given: pass --keystore FILE (password in "
        + PASSWORD_ENV + " or at the prompt) or set " + PRIVATE_KEY_ENV);
  }

  /** The address the key signs for, or null when no key is configured (read-only commands). */
  public String addressOrNull() {
    if (keystore == null && (System.getenv(PRIVATE_KEY_ENV) == null || System.getenv(PRIVATE_KEY_ENV).isBlank())) return null;
    return credentials().getAddress();
  }

  private static String readPassword(Path file) {
    try {
      return Files.readAllLines(file).stream().findFirst().orElse("");
    } catch (IOException e) {
      throw new UserError("cannot read the password file " + file + ": " + e.getMessage());
    }
  }

  private Credentials fromKeystore(Path file) {
    if (!Files.isReadable(file)) throw new UserError("keystore " + file + " does not exist or is not readable");
    String password = passwordFile != null ? readPassword(passwordFile) : System.getenv(PASSWORD_ENV);
    if (password == null) {
      Console console = System.console();
      if (console == null) {
        throw new UserError("keystore " + file + " needs its password: set " + PASSWORD_ENV + " (no terminal to ask on)");
      }
      char[] typed = console.readPassword("Password for %s: ", file.getFileName());
      if (typed == null) throw new UserError("no password given for keystore " + file);
      password = new String(typed);
    }
    try {
      return WalletUtils.loadCredentials(password, file.toFile());
    } catch (CipherException e) {
      throw new UserError("wrong password for keystore " + file + " (or the file is corrupt): " + e.getMessage());
    } catch (IOException e) {
      throw new UserError("cannot read keystore " + file + ": " + e.getMessage() + " — is it an Ethereum JSON keystore (web3j, geth, cast wallet)?");
    }
  }
}
