// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: metrics/plugin-api/src/main/java/org/hyperledger/besu/plugin/services/metrics/Counter.java
package org.hyperledger.besu.plugin.services.metrics;

/** Signatures only. */
public interface Counter {
  void inc();

  void inc(long amount);
}
