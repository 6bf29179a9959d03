package org.openledger.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MetricsRegistryTest {
  final MetricsRegistry registry = new MetricsRegistry();

  @Test
  void counterIsExposedWithHelpTypeAndItsValue() {
    Counter blocks = registry.counter("openledger_chain_blocks_total", "Blocks committed");
    blocks.inc();
    blocks.inc(41);

    Exposition e = Exposition.parse(registry.scrape());
    assertThat(e.type("openledger_chain_blocks_total")).isEqualTo("counter");
    assertThat(e.help("openledger_chain_blocks_total")).isEqualTo("Blocks committed");
    assertThat(e.value("openledger_chain_blocks_total")).isEqualTo(42);
  }

  @Test
  void labelledChildrenAreSeparateSeries() {
    Counter requests = registry.counter("requests_total", "Requests", "method", "outcome");
    requests.labels("eth_call", "ok").inc();
    requests.labels("eth_call", "ok").inc();
    requests.labels("eth_call", "error").inc();

    Exposition e = Exposition.parse(registry.scrape());
    assertThat(e.value("requests_total", Map.of("method", "eth_call", "outcome", "ok"))).isEqualTo(2);
    assertThat(e.value("requests_total", Map.of("method", "eth_call", "outcome", "error"))).isEqualTo(1);
  }

  @Test
  void labelValuesAndHelpAreEscapedAndReadBackUnchanged() {
    String nasty = "a\\b \"quoted\"\nnext line";
    Counter c = registry.counter("escaped_total", "help with \\ and\na newline", "value");
    c.labels(nasty).inc();

    Exposition e = Exposition.parse(registry.scrape());
    assertThat(e.help("escaped_total")).isEqualTo("help with \\ and\na newline");
    assertThat(e.value("escaped_total", Map.of("value", nasty))).isEqualTo(1);
  }

  @Test
  void setGaugeGoesUpAndDown() {
    Gauge inFlight = registry.gauge("in_flight", "Requests in flight");
    inFlight.inc();
    inFlight.inc();
    inFlight.dec();
    Gauge ratio = registry.gauge("ratio", "A fraction");
    ratio.set(0.25);

    Exposition e = Exposition.parse(registry.scrape());
    assertThat(e.type("in_flight")).isEqualTo("gauge");
    assertThat(e.value("in_flight")).isEqualTo(1);
    assertThat(e.value("ratio")).isEqualTo(0.25);
  }

  @Test
  void suppliedGaugeIsReadAtEachScrape() {
    AtomicLong head = new AtomicLong(7);
    registry.gauge("openledger_chain_head_number", "Head block number", head::get);
    assertThat(Exposition.parse(registry.scrape()).value("openledger_chain_head_number")).isEqualTo(7);
    head.set(8);
    assertThat(Exposition.parse(registry.scrape()).value("openledger_chain_head_number")).isEqualTo(8);
  }

  @Test
  void suppliedGaugeCannotBeSet() {
    Gauge g = registry.gauge("supplied", "Supplied", () -> 1);
    assertThatThrownBy(() -> g.set(2)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void histogramBucketsAreCumulativeWithInfEqualToCount() {
    Histogram h = registry.histogram("latency_seconds", "Latency", new double[] {0.1, 1}, "method");
    Histogram.Child call = h.labels("eth_call");
    call.observe(0.05);
    call.observe(0.1); // on a bound: counts in that bound's bucket (le is inclusive)
    call.observe(0.5);
    call.observe(3);

    Exposition e = Exposition.parse(registry.scrape());
    assertThat(e.type("latency_seconds")).isEqualTo("histogram");
    assertThat(e.value("latency_seconds_bucket", Map.of("method", "eth_call", "le", "0.1"))).isEqualTo(2);
    assertThat(e.value("latency_seconds_bucket", Map.of("method", "eth_call", "le", "1"))).isEqualTo(3);
    assertThat(e.value("latency_seconds_bucket", Map.of("method", "eth_call", "le", "+Inf"))).isEqualTo(4);
    assertThat(e.value("latency_seconds_count", Map.of("method", "eth_call"))).isEqualTo(4);
    assertThat(e.value("latency_seconds_sum", Map.of("method", "eth_call"))).isEqualTo(3.65);
  }

  @Test
  void concurrentIncrementsAreAllCounted() {
    Counter c = registry.counter("hits_total", "Hits");
    Histogram h = registry.histogram("sizes", "Sizes", new double[] {1});
    IntStream.range(0, 10_000).parallel().forEach(i -> {
      c.inc();
      h.observe(i % 2);
    });
    Exposition e = Exposition.parse(registry.scrape());
    assertThat(e.value("hits_total")).isEqualTo(10_000);
    assertThat(e.value("sizes_count")).isEqualTo(10_000);
  }

  @Test
  void seriesAppearOnlyOnceUsed() {
    registry.counter("unused_total", "Never incremented", "method");
    Exposition e = Exposition.parse(registry.scrape());
    assertThat(e.type("unused_total")).isEqualTo("counter");
    assertThat(e.samples()).isEmpty();
  }

  @Test
  void sameNameTwiceIsRefused() {
    registry.counter("dup_total", "First");
    assertThatThrownBy(() -> registry.gauge("dup_total", "Second"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dup_total");
  }

  @Test
  void nameTakenByAHistogramSeriesIsRefused() {
    registry.histogram("rpc_latency", "Latency", new double[] {1});
    assertThatThrownBy(() -> registry.counter("rpc_latency_count", "Clash"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invalidNamesAreRefused() {
    assertThatThrownBy(() -> registry.counter("has-dash", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.counter("ok_total", "x", "bad-label")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.counter("ok2_total", "x", "__reserved")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.histogram("h", "x", new double[] {1}, "le")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void histogramBoundsMustIncrease() {
    assertThatThrownBy(() -> registry.histogram("h", "x", new double[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly increasing");
  }

  @Test
  void wrongNumberOfLabelValuesIsRefused() {
    Counter c = registry.counter("two_total", "x", "a", "b");
    assertThatThrownBy(() -> c.labels("only one")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void counterRefusesToGoDown() {
    Counter c = registry.counter("up_total", "x");
    assertThatThrownBy(() -> c.inc(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void specialValuesUseThePrometheusSpelling() {
    registry.gauge("inf", "x").set(Double.POSITIVE_INFINITY);
    registry.gauge("nan", "x").set(Double.NaN);
    String text = registry.scrape();
    assertThat(text).contains("inf +Inf\n").contains("nan NaN\n");
    assertThat(Exposition.parse(text).value("inf")).isInfinite();
  }
}
