// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: metrics/plugin-api/src/main/java/org/hyperledger/besu/plugin/services/metrics/MetricCategoryRegistry.java
package org.hyperledger.besu.plugin.services.metrics;

import org.hyperledger.besu.plugin.services.BesuService;

/** Signatures only. Available in register(): a plugin adds its categories there, before Besu validates --metrics-category. */
public interface MetricCategoryRegistry extends BesuService {
  void addMetricCategory(final MetricCategory newMetricCategory);

  boolean isMetricCategoryEnabled(final MetricCategory metricCategory);
}
