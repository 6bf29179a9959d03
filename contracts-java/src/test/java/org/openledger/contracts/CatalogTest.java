package org.openledger.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.AbiJson;
import org.openledger.precompiles.contract.NativeContract;
import org.openledger.precompiles.contract.SolidityInterface;

/** The catalog lists every contract once, and the jar ships exactly the interfaces the code declares. */
class CatalogTest {

  @Test
  void listsTheProtocolContractsAtTheirFixedAddresses() {
    assertThat(Catalog.all()).extracting(Catalog.Entry::name).startsWith("datanets", "models", "inference", "staking", "provers", "services");
    assertThat(Catalog.named("models").orElseThrow().address()).isEqualTo(Addresses.MODELS);
    assertThat(Catalog.named("models").orElseThrow().interfaceName()).isEqualTo("IModels");
    assertThat(Catalog.at(Address.of(0x0a01)).orElseThrow().name()).isEqualTo("datanets");
    assertThat(Catalog.at(Addresses.TIMELOCK)).isEmpty();
    assertThat(Catalog.named("nope")).isEmpty();
    for (Catalog.Entry e : Catalog.all()) {
      assertThat(e.name()).matches("[a-z]+");
      assertThat(e.interfaceName()).matches("I[A-Z][A-Za-z]+");
      assertThat(e.purpose()).as(e.name()).isNotBlank().doesNotContain("|", "\n");
    }
  }

  @Test
  void everyFactoryMakesACompleteContractServingItsSpec() {
    Map<Address, NativeContract> instances = Catalog.instances();
    for (Catalog.Entry e : Catalog.all()) {
      NativeContract c = e.instantiate().orElseThrow(() -> new AssertionError(e.name() + " has no factory"));
      assertThat(c.spec()).as(e.name()).isSameAs(e.spec());
      c.checkComplete();
      assertThat(instances.get(e.address()).spec()).isSameAs(e.spec());
    }
    assertThat(Catalog.instances().get(Addresses.MODELS)).isNotSameAs(instances.get(Addresses.MODELS));
  }

  @Test
  void theJarShipsEveryInterfaceAndAbiExactlyAsRendered() throws IOException {
    for (Catalog.Entry e : Catalog.all()) {
      assertThat(resource(e.abiFile())).as(e.abiFile()).isEqualTo(AbiJson.render(e.spec()));
      assertThat(resource(e.solidityFile())).as(e.solidityFile()).isEqualTo(SolidityInterface.render(e.spec()));
    }
  }

  @Test
  void theWriterWritesWhatItRendersAndLeavesUnchangedFilesAlone(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    assertThat(ArtifactWriter.write(dir)).hasSize(2 * Catalog.all().size());
    for (Catalog.Entry e : Catalog.all()) {
      assertThat(Files.readString(dir.resolve(e.abiFile()))).isEqualTo(AbiJson.render(e.spec()));
    }
    assertThat(ArtifactWriter.write(dir)).isEmpty();
  }

  /**
   * A contract class that is not in the catalog would ship without interface files and web3j
   * wrapper: every concrete NativeContract under org.openledger.contracts must be listed.
   */
  @Test
  void everyContractClassOfThisModuleIsInTheCatalog() throws Exception {
    Path classes = Path.of(Catalog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> missing = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes.resolve("org/openledger/contracts"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> c = Class.forName(name, false, getClass().getClassLoader());
        if (!NativeContract.class.isAssignableFrom(c) || Modifier.isAbstract(c.getModifiers())) continue;
        boolean listed = Catalog.all().stream().anyMatch(e -> e.instantiate().map(i -> i.getClass() == c).orElse(false));
        if (!listed) missing.add(c.getName());
      }
    }
    assertThat(missing).as("native contracts missing from org.openledger.contracts.Catalog (add an Entry)").isEmpty();
  }

  private static String resource(String file) throws IOException {
    try (InputStream in = Catalog.class.getClassLoader().getResourceAsStream(Catalog.ARTIFACT_DIR + file)) {
      if (in == null) {
        throw new AssertionError(Catalog.ARTIFACT_DIR + file + " is not on the classpath: the compile phase of "
            + "contracts-java writes it (run the tests through ./mvnw)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
