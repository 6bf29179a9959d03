package org.openledger.besu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules the verify phase applies to the built plugin jar, on jars made to break each one. */
class PluginJarCheckTest {
  @TempDir Path dir;

  private Path jar(Map<String, String> entries) throws IOException {
    Path jar = dir.resolve("p" + entries.hashCode() + ".jar");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
      for (var e : entries.entrySet()) {
        j.putNextEntry(new ZipEntry(e.getKey()));
        j.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        j.closeEntry();
      }
    }
    return jar;
  }

  private Map<String, String> good() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(PluginJarCheck.SERVICE, PluginJarCheck.PLUGIN_CLASS + "\n");
    m.put("org/openledger/besu/OpenLedgerPlugin.class", "");
    m.put(PluginJarCheck.RELOCATED_JACKSON, "");
    m.put("META-INF/versions/21/org/openledger/besu/shaded/jackson/core/io/X.class", "");
    return m;
  }

  @Test
  void aJarOfOnlyPluginAndRelocatedClassesWithItsServiceEntryPasses() throws IOException {
    assertThat(PluginJarCheck.problems(jar(good()))).isEmpty();
  }

  @Test
  void aMirroredBesuClassFails() throws IOException {
    Map<String, String> m = good();
    m.put("org/hyperledger/besu/datatypes/Address.class", "");
    assertThat(PluginJarCheck.problems(jar(m))).singleElement().asString().startsWith("contains a Besu class");
  }

  @Test
  void tuweniBouncyCastleOrUnrelocatedJacksonFail() throws IOException {
    Map<String, String> m = good();
    m.put("org/apache/tuweni/bytes/Bytes.class", "");
    m.put("org/bouncycastle/jcajce/provider/digest/Keccak.class", "");
    m.put("META-INF/versions/17/com/fasterxml/jackson/core/X.class", "");
    assertThat(PluginJarCheck.problems(jar(m))).hasSize(3).allMatch(p -> p.startsWith("contains a class outside org/openledger/"));
  }

  @Test
  void aMissingServiceLoaderEntryFails() throws IOException {
    Map<String, String> m = good();
    m.remove(PluginJarCheck.SERVICE);
    assertThat(PluginJarCheck.problems(jar(m))).singleElement().asString().contains("ServiceLoader would not find the plugin");
  }

  @Test
  void aJarThatWasNotShadedFails() throws IOException {
    Map<String, String> m = good();
    m.remove(PluginJarCheck.RELOCATED_JACKSON);
    assertThat(PluginJarCheck.problems(jar(m))).singleElement().asString().contains("the shade step did not run");
  }
}
