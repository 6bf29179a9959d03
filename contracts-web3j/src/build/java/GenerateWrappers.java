import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.openledger.contracts.Catalog;
import org.openledger.governance.GovernanceContracts;
import org.web3j.codegen.SolidityFunctionWrapperGenerator;
import org.web3j.tx.Contract;

/**
 * Build step of contracts-web3j (Maven's generate-sources, run by the JDK's source launcher with
 * the module's classpath plus web3j's code generator): for every OpenLedger contract ({@link
 * GovernanceContracts#withCatalog()}), takes the ABI JSON that contracts-java or governance ships
 * under {@link Catalog#ARTIFACT_DIR} and runs web3j's own
 * {@link SolidityFunctionWrapperGenerator} on it, with no binary (so the wrapper has {@code load}
 * and no {@code deploy}: native contracts live at fixed addresses). The wrapper of {@code
 * IDatanets} is {@code Datanets}. Also writes {@code OpenLedgerContracts}: the fixed addresses and
 * one loader per contract.
 *
 * <p>Usage: {@code java -cp <classpath> GenerateWrappers.java <abi copy dir> <source root> <package>}.
 * Only files whose content changed are rewritten, and wrappers of removed contracts are deleted.
 */
public class GenerateWrappers {
  public static void main(String[] args) throws Exception {
    if (args.length != 3) throw new IllegalArgumentException("usage: GenerateWrappers <abi dir> <source root> <package>");
    Path abiDir = Path.of(args[0]);
    Path sourceRoot = Path.of(args[1]);
    String pkg = args[2];
    Files.createDirectories(abiDir);
    Path scratch = Files.createTempDirectory("web3j-wrappers");
    try {
      PrintStream out = System.out;
      System.setOut(new PrintStream(OutputStream.nullOutputStream())); // the generator narrates every file
      try {
        for (Catalog.Entry e : GovernanceContracts.withCatalog()) {
          Path abi = abiDir.resolve(e.abiFile());
          try (InputStream in = GenerateWrappers.class.getClassLoader().getResourceAsStream(Catalog.ARTIFACT_DIR + e.abiFile())) {
            if (in == null) {
              throw new IllegalStateException(Catalog.ARTIFACT_DIR + e.abiFile() + " is not in contracts-java's or governance's jar "
                  + "or classes: each writes its own in its compile phase (build them in one reactor: -pl contracts-web3j -am)");
            }
            Files.copy(in, abi, StandardCopyOption.REPLACE_EXISTING);
          }
          new SolidityFunctionWrapperGenerator(
              null, abi.toFile(), scratch.toFile(), wrapperName(e), pkg,
              true, false, false, Contract.class, 20, false).generate();
        }
      } finally {
        System.setOut(out);
      }
      Path pkgDir = scratch.resolve(pkg.replace('.', '/'));
      Files.writeString(pkgDir.resolve("OpenLedgerContracts.java"), contractsClass(pkg));
      sync(pkgDir, sourceRoot.resolve(pkg.replace('.', '/')));
    } finally {
      delete(scratch);
    }
  }

  /** {@code IDatanets} → {@code Datanets}. */
  static String wrapperName(Catalog.Entry e) {
    String i = e.interfaceName();
    return i.length() > 1 && i.charAt(0) == 'I' && Character.isUpperCase(i.charAt(1)) ? i.substring(1) : i;
  }

  static String contractsClass(String pkg) {
    StringBuilder sb = new StringBuilder();
    sb.append("package ").append(pkg).append(";\n\n");
    sb.append("import org.web3j.crypto.Credentials;\n");
    sb.append("import org.web3j.protocol.Web3j;\n");
    sb.append("import org.web3j.tx.TransactionManager;\n");
    sb.append("import org.web3j.tx.gas.ContractGasProvider;\n\n");
    sb.append("/**\n");
    sb.append(" * OpenLedger's contracts at their fixed addresses, as web3j wrappers. Native contracts are never\n");
    sb.append(" * deployed: every chain has them at these addresses, so a wrapper is only ever loaded there.\n");
    sb.append(" *\n");
    sb.append(" * <p>Generated from {@code org.openledger.governance.GovernanceContracts.withCatalog()} by contracts-web3j's\n");
    sb.append(" * {@code src/build/java/GenerateWrappers.java}; do not edit.\n");
    sb.append(" */\n");
    sb.append("public final class OpenLedgerContracts {\n");
    sb.append("  private OpenLedgerContracts() {}\n");
    for (Catalog.Entry e : GovernanceContracts.withCatalog()) {
      String constant = e.name().toUpperCase(java.util.Locale.ROOT);
      sb.append("\n  /** The address of {@code ").append(e.name()).append("} (").append(e.interfaceName()).append("): ")
          .append(html(e.purpose())).append(" */\n");
      sb.append("  public static final String ").append(constant).append(" = \"").append(e.address().toHexString()).append("\";\n");
    }
    for (Catalog.Entry e : GovernanceContracts.withCatalog()) {
      String w = wrapperName(e);
      String constant = e.name().toUpperCase(java.util.Locale.ROOT);
      sb.append("\n  /** {@link ").append(w).append("} at {@link #").append(constant).append("}, signing with {@code credentials}. */\n");
      sb.append("  public static ").append(w).append(' ').append(e.name())
          .append("(Web3j web3j, Credentials credentials, ContractGasProvider gasProvider) {\n");
      sb.append("    return ").append(w).append(".load(").append(constant).append(", web3j, credentials, gasProvider);\n  }\n");
      sb.append("\n  /** {@link ").append(w).append("} at {@link #").append(constant).append("}, sending through {@code transactionManager}. */\n");
      sb.append("  public static ").append(w).append(' ').append(e.name())
          .append("(Web3j web3j, TransactionManager transactionManager, ContractGasProvider gasProvider) {\n");
      sb.append("    return ").append(w).append(".load(").append(constant).append(", web3j, transactionManager, gasProvider);\n  }\n");
    }
    return sb.append("}\n").toString();
  }

  private static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;");
  }

  /** Makes {@code to} hold exactly the files of {@code from}, rewriting only those that differ. */
  private static void sync(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    Set<String> wanted = new HashSet<>();
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        wanted.add(name);
        Path target = to.resolve(name);
        if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(target))) {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    try (Stream<Path> files = Files.list(to)) {
      for (Path f : files.toList()) {
        if (!wanted.contains(f.getFileName().toString())) delete(f);
      }
    }
  }

  private static void delete(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> all = Files.walk(p)) {
      List<Path> paths = all.sorted(Comparator.reverseOrder()).toList();
      for (Path q : paths) Files.delete(q);
    }
  }
}
