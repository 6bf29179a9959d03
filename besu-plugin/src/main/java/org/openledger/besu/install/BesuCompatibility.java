package org.openledger.besu.install;

import java.util.List;

/**
 * The Besu releases this plugin's mirror was checked against. The installer reaches Besu
 * internals reflectively, which no API promises to keep, so any other release is refused.
 */
public record BesuCompatibility(List<String> testedVersions) {
  /** besu-eth/besu develop at 683880b is 26.7.0 + 167 commits, the line released as 26.8.0. */
  public static final BesuCompatibility CURRENT = new BesuCompatibility(List.of("26.7.0", "26.8.0"));

  public BesuCompatibility {
    testedVersions = List.copyOf(testedVersions);
  }

  /** Refuses {@code besuVersion} (e.g. "26.8.0", or "26.8.0-RC1"; a suffix is ignored) unless tested. */
  public void check(String besuVersion) {
    String release = besuVersion == null ? "" : besuVersion.split("[-+]", 2)[0];
    if (!testedVersions.contains(release)) {
      throw new PluginStartRefused("OpenLedger plugin: Besu version '" + besuVersion + "' is untested (tested: "
          + String.join(", ", testedVersions) + "). Run a tested Besu release; see docs/validators.md, compatibility matrix.");
    }
  }

  /** Besu's own version, as its util module reports it; "unknown" when that class is not where 26.x keeps it. */
  public static String detect(ClassLoader loader) {
    try {
      return (String) Class.forName("org.hyperledger.besu.util.BesuVersionUtils", true, loader).getMethod("shortVersion").invoke(null);
    } catch (ReflectiveOperationException | LinkageError e) {
      return "unknown";
    }
  }
}
