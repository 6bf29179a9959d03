package org.openledger.precompiles.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiles a contract's generated Solidity interface with solc-js (tools/solc, pinned in its
 * package.json) and asserts that {@code solc --abi} equals the ABI JSON the Java contract serves.
 * Reused by every module that declares contracts (this module's test-jar).
 */
public final class SolcAbiCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SolcAbiCheck() {}

  public static void assertAbiMatchesSolc(ContractSpec spec) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("solc-" + spec.name());
    Path source = dir.resolve(spec.name() + ".sol");
    Files.writeString(source, SolidityInterface.render(spec));
    Path out = dir.resolve("out");
    ProcessBuilder pb = new ProcessBuilder("node", solcjs().toString(), "--abi", "-o", out.toString(), source.getFileName().toString())
        .directory(dir.toFile()).redirectErrorStream(true);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("solcjs finished").isTrue();
    assertThat(p.exitValue()).as("solc compiles %s:%n%s%n%s", spec.name(), output, Files.readString(source)).isZero();
    Path abi = out.resolve(spec.name() + "_sol_" + spec.name() + ".abi");
    JsonNode fromSolc = JSON.readTree(Files.readString(abi));
    assertThat(sorted(AbiJson.tree(spec))).isEqualTo(sorted(fromSolc));
    // and the same order, as solc prints it
    assertThat(AbiJson.tree(spec)).isEqualTo(fromSolc);
  }

  private static List<JsonNode> sorted(JsonNode array) {
    List<JsonNode> entries = new ArrayList<>();
    array.forEach(entries::add);
    entries.sort(Comparator.comparing(JsonNode::toString));
    return entries;
  }

  /** solc.js from the {@code solcjs} system property (set by the build), else found from the working directory up. */
  static Path solcjs() {
    String configured = System.getProperty("solcjs");
    if (configured != null && Files.isRegularFile(Path.of(configured))) return Path.of(configured);
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("tools/solc/node_modules/solc/solc.js");
      if (Files.isRegularFile(candidate)) return candidate;
    }
    throw new IllegalStateException("solc-js is not installed: run `bash tools/solc/ensure.sh` (the build does this in generate-test-resources)");
  }
}
