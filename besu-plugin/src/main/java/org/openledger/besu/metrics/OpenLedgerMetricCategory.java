package org.openledger.besu.metrics;

import java.util.Optional;
import org.hyperledger.besu.plugin.services.metrics.MetricCategory;

/**
 * The plugin's metric category, registered with Besu's MetricCategoryRegistry in register().
 * Besu enables only the categories named by --metrics-category (its default list holds only its
 * own), so operators add OPENLEDGER to it; Prometheus names are "openledger_" + the metric name.
 */
public enum OpenLedgerMetricCategory implements MetricCategory {
  OPENLEDGER;

  @Override
  public String getName() {
    return "openledger";
  }

  @Override
  public Optional<String> getApplicationPrefix() {
    return Optional.empty();
  }
}
