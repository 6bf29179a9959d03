package org.openledger.cli;

import picocli.CommandLine.IVersionProvider;

/** Prints the build's version (from the jar manifest) and the Java running it. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = OpenLedger.class.getPackage().getImplementationVersion();
    return new String[] {"openledger " + (v == null ? "(development build)" : v), "Java " + Runtime.version()};
  }
}
