package org.openledger.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/contracts/ holds, for humans, exactly the interfaces the code declares. */
class ContractDocsTest {

  /** The repository's docs/contracts, found from the module directory the tests run in. */
  static Path docsDir() {
    String override = System.getProperty("openledger.contractDocs");
    if (override != null) return Path.of(override);
    Path module = Path.of("").toAbsolutePath();
    for (Path p = module; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("docs/contracts")) && Files.exists(p.resolve("contracts-java/pom.xml"))) {
        return p.resolve("docs/contracts");
      }
    }
    throw new AssertionError("no docs/contracts above " + module + " (set -Dopenledger.contractDocs=<dir>)");
  }

  @Test
  void theCommittedInterfacesAbisAndCatalogTableAreUpToDate() {
    List<String> problems = ArtifactWriter.docsDifferences(docsDir());
    assertThat(problems)
        .withFailMessage("docs/contracts/ is out of date with the code:%n  %s%nRegenerate it with:%n  %s%n",
            String.join("\n  ", problems), ArtifactWriter.REGENERATE_DOCS)
        .isEmpty();
  }

  @Test
  void theCheckSeesEveryKindOfDrift(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("README.md"), "# x\n" + ArtifactWriter.TABLE_BEGIN + "\nold\n" + ArtifactWriter.TABLE_END + "\n");
    assertThat(ArtifactWriter.docsDifferences(dir)).contains("IModels.sol is missing", "README.md: the catalog table is out of date");

    assertThat(ArtifactWriter.writeDocs(dir)).contains("wrote IModels.abi.json", "updated README.md");
    assertThat(ArtifactWriter.docsDifferences(dir)).isEmpty();
    assertThat(Files.readString(dir.resolve("README.md"))).startsWith("# x\n").contains("`0x0000000000000000000000000000000000000a02`");

    Files.writeString(dir.resolve("IModels.abi.json"), "[]");
    Files.writeString(dir.resolve("IGone.sol"), "interface IGone {}");
    assertThat(ArtifactWriter.docsDifferences(dir))
        .containsExactlyInAnyOrder("IModels.abi.json is out of date", "IGone.sol belongs to no contract of the catalog");
    assertThat(ArtifactWriter.writeDocs(dir)).containsExactlyInAnyOrder("wrote IModels.abi.json", "deleted IGone.sol");
    assertThat(ArtifactWriter.docsDifferences(dir)).isEmpty();
    assertThat(ArtifactWriter.writeDocs(dir)).isEmpty();
  }
}
