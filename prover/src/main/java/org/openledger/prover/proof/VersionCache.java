package org.openledger.prover.proof;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The versions a prover has loaded, a few, least recently used first out: loading one fetches its
 * whole basis and index, and every request on a deployed version reuses them. One cache serves
 * every whole-model engine of a daemon, so a version is fetched once whatever its model kind; the
 * adapter engine keeps one of its own kind.
 *
 * @param <A> what a loaded version is ({@link VersionArtifacts}, an adapter's artifacts)
 */
public final class VersionCache<A> {
  private static final int CACHED_VERSIONS = 4;

  /** How a version's artifacts are fetched and checked against its registered roots. */
  @FunctionalInterface
  public interface Loader<A> {
    A load(ContentSource content, ProofEngine.Version version) throws ContentSource.Unavailable;
  }

  private final ContentSource content;
  private final Loader<A> loader;
  private final Map<ProofEngine.Version, A> cache = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<ProofEngine.Version, A> eldest) {
      return size() > CACHED_VERSIONS;
    }
  };

  public VersionCache(ContentSource content, Loader<A> loader) {
    this.content = content;
    this.loader = loader;
  }

  public ContentSource content() {
    return content;
  }

  /** The version's artifacts, fetched once. */
  public synchronized A artifacts(ProofEngine.Version v) throws ContentSource.Unavailable {
    A a = cache.get(v);
    if (a == null) {
      a = loader.load(content, v);
      cache.put(v, a);
    }
    return a;
  }
}
