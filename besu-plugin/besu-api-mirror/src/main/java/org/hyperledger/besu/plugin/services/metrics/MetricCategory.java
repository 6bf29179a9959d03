// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: metrics/plugin-api/src/main/java/org/hyperledger/besu/plugin/services/metrics/MetricCategory.java
package org.hyperledger.besu.plugin.services.metrics;

import java.util.Optional;

/** Signatures only. Prometheus names are applicationPrefix + name + "_" + metric name. */
public interface MetricCategory {
  String getName();

  Optional<String> getApplicationPrefix();
}
