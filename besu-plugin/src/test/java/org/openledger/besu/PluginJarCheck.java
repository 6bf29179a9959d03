package org.openledger.besu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * What the plugin jar Besu loads must and must not hold; run on the built jar in the verify
 * phase (besu-plugin/pom.xml). Besu supplies its own classes, tuweni, Bouncy Castle, slf4j and
 * picocli, and its plugin class loader asks Besu first: a copy in the jar would be dead weight at
 * best and a version clash at worst. Everything else the plugin carries lives under
 * org/openledger/ — its own code, and third-party code relocated under org/openledger/besu/shaded/.
 */
public final class PluginJarCheck {
  static final String SERVICE = "META-INF/services/org.hyperledger.besu.plugin.BesuPlugin";
  static final String PLUGIN_CLASS = "org.openledger.besu.OpenLedgerPlugin";
  static final String RELOCATED_JACKSON = "org/openledger/besu/shaded/jackson/databind/ObjectMapper.class";

  private PluginJarCheck() {}

  /** Every rule {@code jar} breaks, one line each; empty when it is fit to drop into Besu's plugins folder. */
  public static List<String> problems(Path jar) throws IOException {
    List<String> out = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (ZipEntry e : Collections.list(file.entries())) {
        String name = e.getName();
        if (!name.endsWith(".class")) continue;
        String path = name.startsWith("META-INF/versions/") ? name.replaceFirst("^META-INF/versions/\\d+/", "") : name;
        if (path.startsWith("org/hyperledger/besu/")) out.add("contains a Besu class (Besu supplies it): " + name);
        else if (!path.startsWith("org/openledger/")) out.add("contains a class outside org/openledger/ (not relocated, or Besu's to supply): " + name);
      }
      ZipEntry service = file.getEntry(SERVICE);
      if (service == null) {
        out.add("has no " + SERVICE + ": Besu's ServiceLoader would not find the plugin");
      } else {
        String text = new String(file.getInputStream(service).readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!text.lines().map(String::strip).toList().contains(PLUGIN_CLASS)) out.add(SERVICE + " does not name " + PLUGIN_CLASS + ": " + text);
      }
      if (file.getEntry(PLUGIN_CLASS.replace('.', '/') + ".class") == null) out.add("has no " + PLUGIN_CLASS);
      if (file.getEntry(RELOCATED_JACKSON) == null) out.add("has no relocated Jackson (" + RELOCATED_JACKSON + "): the shade step did not run");
    }
    return out;
  }

  /** What Besu 26.8 puts on the plugin's parent class path that the plugin needs (here: the mirror stands in for Besu's API jars). */
  static final List<String> BESU_SUPPLIED = List.of("besu-api-mirror", "tuweni-", "bcprov-", "slf4j-api-", "picocli-", "framework-", "framework-internal-");

  /**
   * Loads the jar the way Besu does — in its own class loader over only what Besu supplies — and
   * runs code that needs it whole: the plugin through its ServiceLoader entry, and the contracts'
   * ABI JSON through the relocated Jackson.
   */
  public static String smoke(Path jar, List<Path> besuSupplied) throws Exception {
    List<java.net.URL> urls = new ArrayList<>();
    urls.add(jar.toUri().toURL());
    for (Path p : besuSupplied) urls.add(p.toUri().toURL());
    try (var loader = new java.net.URLClassLoader(urls.toArray(java.net.URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Class<?> pluginApi = loader.loadClass("org.hyperledger.besu.plugin.BesuPlugin");
      Object plugin = java.util.ServiceLoader.load(pluginApi, loader).findFirst()
          .orElseThrow(() -> new IllegalStateException("ServiceLoader found no BesuPlugin in " + jar));
      Object spec = loader.loadClass("org.openledger.contracts.inference.Inference").getField("SPEC").get(null);
      String abi = (String) loader.loadClass("org.openledger.precompiles.contract.AbiJson")
          .getMethod("render", loader.loadClass("org.openledger.precompiles.contract.ContractSpec")).invoke(null, spec);
      if (!abi.contains("\"settle\"")) throw new IllegalStateException("the relocated Jackson rendered no ABI for Inference.settle");
      return plugin.getClass().getName() + " via ServiceLoader; Inference ABI rendered by relocated Jackson (" + abi.length() + " chars)";
    }
  }

  /** {@code java PluginJarCheck <jar>}: prints the problems and fails (exit 1) when there are any, then loads the jar in isolation. */
  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    List<String> problems = problems(jar);
    if (problems.isEmpty()) {
      System.out.println("plugin jar " + jar.getFileName() + ": no Besu, tuweni or Bouncy Castle classes; ServiceLoader entry present; third-party code relocated");
      List<Path> supplied = new ArrayList<>();
      for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
        Path p = Path.of(entry);
        String name = p.getFileName().toString();
        boolean mirror = entry.contains("besu-api-mirror");
        if (mirror || BESU_SUPPLIED.stream().anyMatch(prefix -> name.startsWith(prefix) && name.endsWith(".jar"))) supplied.add(p);
      }
      System.out.println("plugin jar loaded alone over what Besu supplies: " + smoke(jar, supplied));
      return;
    }
    System.err.println("plugin jar " + jar + " is not fit for Besu's plugins folder:");
    problems.stream().limit(20).forEach(p -> System.err.println("  " + p));
    if (problems.size() > 20) System.err.println("  ... and " + (problems.size() - 20) + " more");
    System.exit(1);
  }
}
