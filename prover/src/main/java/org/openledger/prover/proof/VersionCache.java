package org.openledger.prover.proof;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The versions a prover has loaded, a few, least recently used first out: loading one fetches its
 * whole basis and index, and every request on a deployed version reuses them. One cache serves
 * every engine of a daemon, so a version is fetched once whatever its model kind.
 */
final class VersionCache {
  private static final int CACHED_VERSIONS = 4;

  private final ContentSource content;
  private final Map<ProofEngine.Version, VersionArtifacts> cache = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<ProofEngine.Version, VersionArtifacts> eldest) {
      return size() > CACHED_VERSIONS;
    }
  };

  VersionCache(ContentSource content) {
    this.content = content;
  }

  ContentSource content() {
    return content;
  }

  synchronized VersionArtifacts artifacts(ProofEngine.Version v) throws ContentSource.Unavailable {
    VersionArtifacts a = cache.get(v);
    if (a == null) {
      a = VersionArtifacts.load(content, v);
      cache.put(v, a);
    }
    return a;
  }
}
