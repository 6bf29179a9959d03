package org.openledger.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.contracts.ArtifactWriter;
import org.openledger.contracts.Catalog;
import org.openledger.precompiles.contract.AbiJson;
import org.openledger.precompiles.contract.SolidityInterface;

/**
 * IGovernor and ITimelock are published like the catalog's interfaces, by the same writer: in
 * this module's jar and in docs/contracts/, with their own table in its README.
 */
class GovernanceDocsTest {

  /** The repository's docs/contracts, found from the module directory the tests run in. */
  static Path docsDir() {
    String override = System.getProperty("openledger.contractDocs");
    if (override != null) return Path.of(override);
    Path module = Path.of("").toAbsolutePath();
    for (Path p = module; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("docs/contracts")) && Files.exists(p.resolve("governance/pom.xml"))) {
        return p.resolve("docs/contracts");
      }
    }
    throw new AssertionError("no docs/contracts above " + module + " (set -Dopenledger.contractDocs=<dir>)");
  }

  @Test
  void theCommittedGovernanceInterfacesAbisAndTableAreUpToDate() {
    List<String> problems = ArtifactWriter.docsDifferences(GovernanceContracts.ARTIFACTS, docsDir());
    assertThat(problems)
        .withFailMessage("docs/contracts/ is out of date with the governance contracts:%n  %s%nRegenerate it with:%n  %s%n",
            String.join("\n  ", problems), GovernanceContracts.ARTIFACTS.regenerateCommand())
        .isEmpty();
  }

  @Test
  void theJarShipsBothInterfacesAndAbisExactlyAsRendered() throws IOException {
    for (Catalog.Entry e : GovernanceContracts.all()) {
      assertThat(resource(e.abiFile())).as(e.abiFile()).isEqualTo(AbiJson.render(e.spec()));
      assertThat(resource(e.solidityFile())).as(e.solidityFile()).isEqualTo(SolidityInterface.render(e.spec()));
    }
  }

  @Test
  void theCatalogAndGovernanceShareOneFolderWithoutDeletingEachOthersFiles(@TempDir Path dir) throws IOException {
    ArtifactWriter.ContractSet gov = GovernanceContracts.ARTIFACTS;
    Files.writeString(dir.resolve("README.md"),
        ArtifactWriter.TABLE_BEGIN + "\n" + ArtifactWriter.TABLE_END + "\n\n" + gov.tableBegin() + "\n" + gov.tableEnd() + "\n");
    ArtifactWriter.writeDocs(dir);
    assertThat(ArtifactWriter.writeDocs(gov, dir)).contains("wrote IGovernor.sol", "wrote ITimelock.abi.json", "updated README.md");

    assertThat(ArtifactWriter.docsDifferences(dir)).isEmpty();
    assertThat(ArtifactWriter.docsDifferences(gov, dir)).isEmpty();
    assertThat(ArtifactWriter.writeDocs(dir)).isEmpty();
    assertThat(ArtifactWriter.writeDocs(gov, dir)).isEmpty();
    assertThat(dir.resolve("IGovernor.sol")).exists();
    assertThat(dir.resolve("IModels.sol")).exists();
  }

  @Test
  void anInterfaceFileNoTableListsIsFlaggedByEitherCheck(@TempDir Path dir) throws IOException {
    ArtifactWriter.ContractSet gov = GovernanceContracts.ARTIFACTS;
    Files.writeString(dir.resolve("README.md"), gov.tableBegin() + "\n" + gov.tableEnd() + "\n");
    ArtifactWriter.writeDocs(gov, dir);
    Files.writeString(dir.resolve("IGone.sol"), "interface IGone {}");

    assertThat(ArtifactWriter.docsDifferences(gov, dir)).containsExactly("IGone.sol belongs to no contract of the catalog");
    assertThat(ArtifactWriter.writeDocs(gov, dir)).containsExactly("deleted IGone.sol");
    assertThat(ArtifactWriter.docsDifferences(gov, dir)).isEmpty();
  }

  @Test
  void withoutItsTableInTheReadmeGovernanceFilesAreStrayToTheCatalogCheck(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("README.md"), ArtifactWriter.TABLE_BEGIN + "\n" + ArtifactWriter.TABLE_END + "\n");
    ArtifactWriter.writeDocs(dir);
    ArtifactWriter.write(GovernanceContracts.ARTIFACTS, dir);

    assertThat(ArtifactWriter.docsDifferences(dir)).containsExactlyInAnyOrder(
        "IGovernor.sol belongs to no contract of the catalog", "IGovernor.abi.json belongs to no contract of the catalog",
        "ITimelock.sol belongs to no contract of the catalog", "ITimelock.abi.json belongs to no contract of the catalog");
    assertThat(ArtifactWriter.docsDifferences(GovernanceContracts.ARTIFACTS, dir))
        .contains("README.md: the README has no governance table: it needs the lines\n"
            + GovernanceContracts.ARTIFACTS.tableBegin() + "\n" + GovernanceContracts.ARTIFACTS.tableEnd());
  }

  @Test
  void everyOpenLedgerContractIsListedOnceInAddressOrder() {
    List<Catalog.Entry> all = GovernanceContracts.withCatalog();
    assertThat(all).extracting(Catalog.Entry::name)
        .containsExactly("datanets", "models", "inference", "staking", "provers", "services", "governor", "timelock");
    assertThat(all).extracting(e -> e.address().toHexString()).isSorted().doesNotHaveDuplicates();
  }

  private static String resource(String file) throws IOException {
    try (InputStream in = GovernanceContracts.class.getClassLoader().getResourceAsStream(Catalog.ARTIFACT_DIR + file)) {
      if (in == null) {
        throw new AssertionError(Catalog.ARTIFACT_DIR + file + " is not on the classpath: the compile phase of governance writes it");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
