package org.openledger.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openledger.precompiles.contract.AbiJson;
import org.openledger.precompiles.contract.SolidityInterface;

/**
 * Writes {@code <Interface>.sol} ({@link SolidityInterface#render}) and {@code <Interface>.abi.json}
 * ({@link AbiJson#render}, byte for byte) for every {@link Catalog} contract.
 *
 * <ul>
 *   <li>{@code ArtifactWriter <dir>}: the build runs this in {@code compile}, after javac, with {@code
 *       target/classes/META-INF/openledger/abi}, so the files ship in the jar ({@link
 *       Catalog#ARTIFACT_DIR}) and {@code contracts-web3j} generates its wrappers from them.
 *   <li>{@code ArtifactWriter --docs <docs/contracts>}: refreshes the committed copies for humans,
 *       deletes interface files of contracts no longer in the catalog, and rewrites the catalog
 *       table of that folder's {@code README.md} between {@link #TABLE_BEGIN} and {@link #TABLE_END}.
 *       Run through Maven as {@link #REGENERATE_DOCS}.
 * </ul>
 *
 * Files whose content is unchanged are not touched, so incremental builds stay incremental.
 */
public final class ArtifactWriter {
  /** The command that brings {@code docs/contracts/} up to date with the code. */
  public static final String REGENERATE_DOCS = "./mvnw -q -B -pl contracts-java -am process-classes -Dcontract-docs";
  public static final String TABLE_BEGIN = "<!-- catalog:begin (generated from org.openledger.contracts.Catalog; do not edit) -->";
  public static final String TABLE_END = "<!-- catalog:end -->";
  static final String README = "README.md";

  private ArtifactWriter() {}

  /** File name to content, for every contract: {@code IDatanets.sol}, {@code IDatanets.abi.json}, … */
  public static Map<String, String> artifacts() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Catalog.Entry e : Catalog.all()) {
      out.put(e.solidityFile(), SolidityInterface.render(e.spec()));
      out.put(e.abiFile(), AbiJson.render(e.spec()));
    }
    return out;
  }

  /** Writes every artifact into {@code dir} (created if missing); returns the files that changed. */
  public static List<Path> write(Path dir) {
    List<Path> changed = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, String> a : artifacts().entrySet()) {
        if (writeIfChanged(dir.resolve(a.getKey()), a.getValue())) changed.add(dir.resolve(a.getKey()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the contract interfaces to " + dir, e);
    }
    return changed;
  }

  /** The Markdown table of the catalog: name, address, interface files, purpose. */
  public static String catalogTable() {
    StringBuilder sb = new StringBuilder();
    sb.append("| name | address | interface | ABI | purpose |\n");
    sb.append("|---|---|---|---|---|\n");
    for (Catalog.Entry e : Catalog.all()) {
      sb.append("| `").append(e.name()).append("` | `").append(e.address().toHexString()).append("` | [`")
          .append(e.interfaceName()).append("`](").append(e.solidityFile()).append(") | [`").append(e.abiFile()).append("`](")
          .append(e.abiFile()).append(") | ").append(e.purpose()).append(" |\n");
    }
    return sb.toString();
  }

  /** {@code readme} with the text between the catalog markers replaced by {@link #catalogTable()}. */
  public static String withCatalogTable(String readme) {
    int begin = readme.indexOf(TABLE_BEGIN);
    int end = readme.indexOf(TABLE_END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("the README has no catalog table: it needs the lines\n" + TABLE_BEGIN + "\n" + TABLE_END);
    }
    return readme.substring(0, begin + TABLE_BEGIN.length()) + "\n" + catalogTable() + readme.substring(end);
  }

  /**
   * What differs between {@code docsDir} and the code, one line per problem (empty when up to
   * date): missing or out-of-date interface files, interface files of no catalog contract, and an
   * out-of-date catalog table in its README.
   */
  public static List<String> docsDifferences(Path docsDir) {
    List<String> problems = new ArrayList<>();
    Map<String, String> expected = artifacts();
    try {
      for (Map.Entry<String, String> a : expected.entrySet()) {
        Path file = docsDir.resolve(a.getKey());
        if (!Files.exists(file)) problems.add(a.getKey() + " is missing");
        else if (!Files.readString(file, StandardCharsets.UTF_8).equals(a.getValue())) problems.add(a.getKey() + " is out of date");
      }
      for (Path extra : interfaceFiles(docsDir)) {
        if (!expected.containsKey(extra.getFileName().toString())) {
          problems.add(extra.getFileName() + " belongs to no contract of the catalog");
        }
      }
      Path readme = docsDir.resolve(README);
      if (!Files.exists(readme)) {
        problems.add(README + " is missing");
      } else {
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        try {
          if (!withCatalogTable(text).equals(text)) problems.add(README + ": the catalog table is out of date");
        } catch (IllegalArgumentException e) {
          problems.add(README + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + docsDir, e);
    }
    return problems;
  }

  /** Brings {@code docsDir} up to date (see the class comment); returns what it changed. */
  public static List<String> writeDocs(Path docsDir) {
    List<String> done = new ArrayList<>();
    for (Path p : write(docsDir)) done.add("wrote " + p.getFileName());
    Map<String, String> expected = artifacts();
    try {
      for (Path extra : interfaceFiles(docsDir)) {
        if (!expected.containsKey(extra.getFileName().toString())) {
          Files.delete(extra);
          done.add("deleted " + extra.getFileName());
        }
      }
      Path readme = docsDir.resolve(README);
      if (!Files.exists(readme)) throw new IllegalStateException(readme + " is missing: restore it (git checkout) and run again");
      if (writeIfChanged(readme, withCatalogTable(Files.readString(readme, StandardCharsets.UTF_8)))) done.add("updated " + README);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + docsDir, e);
    }
    return done;
  }

  public static void main(String[] args) {
    if (args.length == 1 && !args[0].startsWith("-")) {
      write(Path.of(args[0]));
    } else if (args.length == 2 && args[0].equals("--docs")) {
      Path docs = Path.of(args[1]).toAbsolutePath().normalize();
      List<String> done = writeDocs(docs);
      System.out.println(docs + ": " + (done.isEmpty() ? "up to date" : String.join(", ", done)));
    } else {
      throw new IllegalArgumentException("usage: ArtifactWriter <output dir> | ArtifactWriter --docs <docs/contracts dir>");
    }
  }

  private static List<Path> interfaceFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> {
        String n = p.getFileName().toString();
        return n.endsWith(".sol") || n.endsWith(".abi.json");
      }).sorted().toList();
    }
  }

  private static boolean writeIfChanged(Path file, String content) throws IOException {
    if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) return false;
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return true;
  }
}
