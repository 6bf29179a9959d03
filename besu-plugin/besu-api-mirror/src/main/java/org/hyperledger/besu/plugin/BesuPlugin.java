// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: plugin-api/core/src/main/java/org/hyperledger/besu/plugin/BesuPlugin.java
package org.hyperledger.besu.plugin;

/** Signatures only (the defaults the adapter does not override are left out). */
public interface BesuPlugin {
  default String getName() {
    return this.getClass().getName();
  }

  void register(ServiceManager context);

  void start();

  void stop();
}
