package org.openledger.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openledger.precompiles.contract.AbiJson;
import org.openledger.precompiles.contract.SolidityInterface;

/**
 * Writes {@code <Interface>.sol} ({@link SolidityInterface#render}) and {@code <Interface>.abi.json}
 * ({@link AbiJson#render}, byte for byte) for every contract of a {@link ContractSet}: this
 * module's {@link #CATALOG}, or the set of a module that builds on it (governance's Governor and
 * Timelock), so that every module ships and documents its contracts the same way.
 *
 * <ul>
 *   <li>{@code <dir>}: the build runs this in {@code compile}, after javac, with {@code
 *       target/classes/META-INF/openledger/abi}, so the files ship in the module's jar ({@link
 *       Catalog#ARTIFACT_DIR}) and {@code contracts-web3j} generates its wrappers from them.
 *   <li>{@code --docs <docs/contracts>}: refreshes the committed copies for humans, rewrites the
 *       set's table in that folder's {@code README.md} (between {@link ContractSet#tableBegin()}
 *       and {@link ContractSet#tableEnd()}), and deletes interface files that no generated table
 *       of the README lists — so each set owns its rows and files, and the folder holds all sets.
 * </ul>
 *
 * Files whose content is unchanged are not touched, so incremental builds stay incremental.
 */
public final class ArtifactWriter {
  /** The command that brings {@code docs/contracts/} up to date with contracts-java's code. */
  public static final String REGENERATE_DOCS = "./mvnw -q -B -pl contracts-java -am test-compile -Dcontract-docs";

  /**
   * Contracts whose artifacts are written together, with one table in the docs README.
   *
   * @param name the table's marker name, e.g. {@code catalog}
   * @param origin the class that lists them, named in the table's marker
   * @param contracts the contracts, in table order
   * @param regenerateCommand the command that refreshes {@code docs/contracts/} for this set
   */
  public record ContractSet(String name, String origin, List<Catalog.Entry> contracts, String regenerateCommand) {
    public ContractSet {
      if (!name.matches("[a-z][a-z0-9-]*")) throw new IllegalArgumentException("a set name is lower-case letters, digits and '-': " + name);
      contracts = List.copyOf(contracts);
    }

    /** The line that opens this set's table in the README. */
    public String tableBegin() {
      return "<!-- " + name + ":begin (generated from " + origin + "; do not edit) -->";
    }

    /** The line that closes this set's table in the README. */
    public String tableEnd() {
      return "<!-- " + name + ":end -->";
    }
  }

  /** contracts-java's own contracts: the {@link Catalog}. */
  public static final ContractSet CATALOG = new ContractSet("catalog", Catalog.class.getName(), Catalog.all(), REGENERATE_DOCS);
  public static final String TABLE_BEGIN = CATALOG.tableBegin();
  public static final String TABLE_END = CATALOG.tableEnd();
  static final String README = "README.md";

  /** Any generated table of the README, whichever set wrote it (group 2 is its body). */
  private static final Pattern ANY_TABLE =
      Pattern.compile("<!-- ([a-z][a-z0-9-]*):begin \\(generated from [^;]*; do not edit\\) -->(.*?)<!-- \\1:end -->", Pattern.DOTALL);
  /** A Markdown link to an interface file, e.g. {@code (IModels.sol)}. */
  private static final Pattern FILE_LINK = Pattern.compile("\\]\\(([^)/]+\\.(?:sol|abi\\.json))\\)");

  private ArtifactWriter() {}

  /** {@link #artifacts(ContractSet)} of the {@link #CATALOG}. */
  public static Map<String, String> artifacts() {
    return artifacts(CATALOG);
  }

  /** File name to content, for every contract of {@code set}: {@code IDatanets.sol}, {@code IDatanets.abi.json}, … */
  public static Map<String, String> artifacts(ContractSet set) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Catalog.Entry e : set.contracts()) {
      out.put(e.solidityFile(), SolidityInterface.render(e.spec()));
      out.put(e.abiFile(), AbiJson.render(e.spec()));
    }
    return out;
  }

  /** {@link #write(ContractSet, Path)} of the {@link #CATALOG}. */
  public static List<Path> write(Path dir) {
    return write(CATALOG, dir);
  }

  /** Writes every artifact of {@code set} into {@code dir} (created if missing); returns the files that changed. */
  public static List<Path> write(ContractSet set, Path dir) {
    List<Path> changed = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, String> a : artifacts(set).entrySet()) {
        if (writeIfChanged(dir.resolve(a.getKey()), a.getValue())) changed.add(dir.resolve(a.getKey()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the contract interfaces to " + dir, e);
    }
    return changed;
  }

  /** {@link #catalogTable(ContractSet)} of the {@link #CATALOG}. */
  public static String catalogTable() {
    return catalogTable(CATALOG);
  }

  /** The Markdown table of {@code set}: name, address, interface files, purpose. */
  public static String catalogTable(ContractSet set) {
    StringBuilder sb = new StringBuilder();
    sb.append("| name | address | interface | ABI | purpose |\n");
    sb.append("|---|---|---|---|---|\n");
    for (Catalog.Entry e : set.contracts()) {
      sb.append("| `").append(e.name()).append("` | `").append(e.address().toHexString()).append("` | [`")
          .append(e.interfaceName()).append("`](").append(e.solidityFile()).append(") | [`").append(e.abiFile()).append("`](")
          .append(e.abiFile()).append(") | ").append(e.purpose()).append(" |\n");
    }
    return sb.toString();
  }

  /** {@link #withCatalogTable(ContractSet, String)} of the {@link #CATALOG}. */
  public static String withCatalogTable(String readme) {
    return withCatalogTable(CATALOG, readme);
  }

  /** {@code readme} with the text between {@code set}'s markers replaced by its {@link #catalogTable(ContractSet)}. */
  public static String withCatalogTable(ContractSet set, String readme) {
    int begin = readme.indexOf(set.tableBegin());
    int end = readme.indexOf(set.tableEnd());
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("the README has no " + set.name() + " table: it needs the lines\n" + set.tableBegin() + "\n" + set.tableEnd());
    }
    return readme.substring(0, begin + set.tableBegin().length()) + "\n" + catalogTable(set) + readme.substring(end);
  }

  /** {@link #docsDifferences(ContractSet, Path)} of the {@link #CATALOG}. */
  public static List<String> docsDifferences(Path docsDir) {
    return docsDifferences(CATALOG, docsDir);
  }

  /**
   * What differs between {@code docsDir} and the code of {@code set}, one line per problem (empty
   * when up to date): its missing or out-of-date interface files, an out-of-date table in the
   * README, and interface files that no generated table of the README lists.
   */
  public static List<String> docsDifferences(ContractSet set, Path docsDir) {
    List<String> problems = new ArrayList<>();
    Map<String, String> expected = artifacts(set);
    try {
      for (Map.Entry<String, String> a : expected.entrySet()) {
        Path file = docsDir.resolve(a.getKey());
        if (!Files.exists(file)) problems.add(a.getKey() + " is missing");
        else if (!Files.readString(file, StandardCharsets.UTF_8).equals(a.getValue())) problems.add(a.getKey() + " is out of date");
      }
      Path readme = docsDir.resolve(README);
      String updated = "";
      if (!Files.exists(readme)) {
        problems.add(README + " is missing");
      } else {
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        try {
          updated = withCatalogTable(set, text);
          if (!updated.equals(text)) problems.add(README + ": the " + set.name() + " table is out of date");
        } catch (IllegalArgumentException e) {
          problems.add(README + ": " + e.getMessage());
        }
      }
      for (Path extra : unlisted(docsDir, expected.keySet(), updated)) {
        problems.add(extra.getFileName() + " belongs to no contract of the catalog");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + docsDir, e);
    }
    return problems;
  }

  /** {@link #writeDocs(ContractSet, Path)} of the {@link #CATALOG}. */
  public static List<String> writeDocs(Path docsDir) {
    return writeDocs(CATALOG, docsDir);
  }

  /** Brings {@code docsDir} up to date with {@code set} (see the class comment); returns what it changed. */
  public static List<String> writeDocs(ContractSet set, Path docsDir) {
    List<String> done = new ArrayList<>();
    for (Path p : write(set, docsDir)) done.add("wrote " + p.getFileName());
    try {
      Path readme = docsDir.resolve(README);
      if (!Files.exists(readme)) throw new IllegalStateException(readme + " is missing: restore it (git checkout) and run again");
      String updated = withCatalogTable(set, Files.readString(readme, StandardCharsets.UTF_8));
      if (writeIfChanged(readme, updated)) done.add("updated " + README);
      for (Path extra : unlisted(docsDir, artifacts(set).keySet(), updated)) {
        Files.delete(extra);
        done.add("deleted " + extra.getFileName());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + docsDir, e);
    }
    return done;
  }

  /** {@link #run(ContractSet, String...)} for the {@link #CATALOG}. */
  public static void main(String[] args) {
    run(CATALOG, args);
  }

  /** The command line of a module's build: {@code <output dir>} or {@code --docs <docs/contracts dir>}. */
  public static void run(ContractSet set, String... args) {
    if (args.length == 1 && !args[0].startsWith("-")) {
      write(set, Path.of(args[0]));
    } else if (args.length == 2 && args[0].equals("--docs")) {
      Path docs = Path.of(args[1]).toAbsolutePath().normalize();
      List<String> done = writeDocs(set, docs);
      System.out.println(docs + " (" + set.name() + "): " + (done.isEmpty() ? "up to date" : String.join(", ", done)));
    } else {
      throw new IllegalArgumentException("usage: <output dir> | --docs <docs/contracts dir>");
    }
  }

  /**
   * Interface files in {@code dir} that are not {@code own} and that no generated table of {@code
   * readme} links to: left over from a contract that no set has any more.
   */
  private static List<Path> unlisted(Path dir, Set<String> own, String readme) throws IOException {
    Set<String> listed = new HashSet<>(own);
    Matcher table = ANY_TABLE.matcher(readme);
    while (table.find()) {
      Matcher link = FILE_LINK.matcher(table.group(2));
      while (link.find()) listed.add(link.group(1));
    }
    return interfaceFiles(dir).stream().filter(p -> !listed.contains(p.getFileName().toString())).toList();
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
