package org.openledger.besu.metrics;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hyperledger.besu.plugin.services.MetricsSystem;
import org.hyperledger.besu.plugin.services.metrics.Counter;
import org.hyperledger.besu.plugin.services.metrics.LabelledMetric;
import org.hyperledger.besu.plugin.services.metrics.MetricCategory;
import org.hyperledger.besu.plugin.services.metrics.MetricCategoryRegistry;

/**
 * Besu's metrics system and category registry as the plugin sees them, keeping every counter
 * under its Prometheus name ({@code prefix + category + "_" + name}) and labels, the way
 * PrometheusMetricsSystem names them; a counter of a category not enabled counts nothing, as in Besu.
 */
public final class RecordingMetricsSystem implements MetricsSystem, MetricCategoryRegistry {
  public final Set<MetricCategory> registered = new HashSet<>();
  public final Set<MetricCategory> enabled = new HashSet<>();
  /** "name{label=value,...}" to count. */
  public final Map<String, Long> counts = new TreeMap<>();

  @Override
  public LabelledMetric<Counter> createLabelledCounter(MetricCategory category, String name, String help, String... labelNames) {
    String prefixed = category.getApplicationPrefix().orElse("") + category.getName() + "_" + name;
    return labels -> {
      if (labels.length != labelNames.length) throw new IllegalArgumentException(prefixed + " takes " + labelNames.length + " labels");
      StringBuilder key = new StringBuilder(prefixed).append('{');
      for (int i = 0; i < labels.length; i++) key.append(i == 0 ? "" : ",").append(labelNames[i]).append('=').append(labels[i]);
      String k = key.append('}').toString();
      return new Counter() {
        @Override public void inc() { inc(1); }
        @Override public void inc(long amount) { if (enabled.contains(category)) counts.merge(k, amount, Long::sum); }
      };
    };
  }

  @Override public Set<MetricCategory> getEnabledCategories() { return enabled; }
  @Override public void addMetricCategory(MetricCategory category) { registered.add(category); }
  @Override public boolean isMetricCategoryEnabled(MetricCategory category) { return enabled.contains(category); }

  public long count(String key) {
    return counts.getOrDefault(key, 0L);
  }
}
