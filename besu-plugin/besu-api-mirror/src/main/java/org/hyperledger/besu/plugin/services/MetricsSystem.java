// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: metrics/plugin-api/src/main/java/org/hyperledger/besu/plugin/services/MetricsSystem.java
package org.hyperledger.besu.plugin.services;

import java.util.Set;
import org.hyperledger.besu.plugin.services.metrics.Counter;
import org.hyperledger.besu.plugin.services.metrics.LabelledMetric;
import org.hyperledger.besu.plugin.services.metrics.MetricCategory;

/**
 * Signatures only: the methods the plugin calls (Besu's also has gauges, timers, histograms,
 * summaries and a Guava cache collector). Besu registers it after building the controller:
 * available from start(), not register(). A counter in a category not enabled with
 * --metrics-category is a no-op.
 */
public interface MetricsSystem extends BesuService {
  LabelledMetric<Counter> createLabelledCounter(MetricCategory category, String name, String help, String... labelNames);

  Set<MetricCategory> getEnabledCategories();
}
