package org.openledger.prover.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdapterCacheTest {
  static final BaseMlp BASE = BaseMlp.random(1, 16, 8, 4);
  /** Every adapter here: rank 2 on 16→8 and 8→4, 2·(16+8) + 2·(8+4) = 72 floats = 288 bytes. */
  static final long SIZE = LoraAdapter.random(BASE, 2, 4, 0).memoryBytes();

  static final class Recorder implements AdapterCache.Listener<Integer> {
    final List<String> events = new ArrayList<>();

    @Override
    public void hit(Integer key) {
      events.add("hit " + key);
    }

    @Override
    public void loaded(Integer key, long bytes, long nanos) {
      events.add("load " + key);
    }

    @Override
    public void evicted(Integer key, long bytes) {
      events.add("evict " + key);
    }
  }

  static AdapterCache<Integer> cache(long bound, Recorder r) {
    return new AdapterCache<>(bound, k -> LoraAdapter.random(BASE, 2, 4, k), r);
  }

  @Test
  void aSecondRequestForAnAdapterIsAHitAndReturnsTheSameInstance() throws Exception {
    Recorder r = new Recorder();
    AdapterCache<Integer> c = cache(10 * SIZE, r);
    LoraAdapter first = c.get(1);
    assertThat(c.get(1)).isSameAs(first);
    assertThat(r.events).containsExactly("load 1", "hit 1");
  }

  @Test
  void theLeastRecentlyUsedAdapterIsEvictedToStayWithinTheByteBound() throws Exception {
    Recorder r = new Recorder();
    AdapterCache<Integer> c = cache(2 * SIZE, r);
    c.get(1);
    c.get(2);
    c.get(1); // 2 is now the least recently used
    c.get(3);
    assertThat(r.events).containsExactly("load 1", "load 2", "hit 1", "evict 2", "load 3");
    assertThat(c.contains(1)).isTrue();
    assertThat(c.contains(2)).isFalse();
    assertThat(c.bytes()).isEqualTo(2 * SIZE).isLessThanOrEqualTo(c.maxBytes());
  }

  @Test
  void anAdapterLargerThanTheWholeBoundIsRefusedWithTheFlagToRaise() {
    AdapterCache<Integer> c = cache(SIZE - 1, new Recorder());
    assertThatThrownBy(() -> c.get(1)).isInstanceOf(AdapterCache.TooLargeException.class).hasMessageContaining("--adapter-memory");
    assertThat(c.size()).isZero();
  }

  @Test
  void aFailedLoadCachesNothing() {
    AdapterCache<Integer> c = new AdapterCache<>(10 * SIZE, k -> {
      throw new IllegalStateException("content store down");
    }, new Recorder());
    assertThatThrownBy(() -> c.get(1)).hasMessageContaining("content store down");
    assertThat(c.size()).isZero();
    assertThat(c.bytes()).isZero();
  }
}
