package org.openledger.cli.serve;

import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.Session;
import org.openledger.cli.factory.AdapterBase;
import org.openledger.contracts.attribution.FixedLora;
import org.openledger.contracts.model.Models;
import org.openledger.prover.attribution.adapter.IntegerAdapter;
import org.openledger.prover.lora.AdapterCache;
import org.openledger.prover.lora.BaseMlp;
import org.openledger.prover.lora.LoraAdapter;
import org.openledger.prover.proof.ContentSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which models this server serves, resolved from the chain: the base model (its deployed version's
 * weights) and every Deployed adapter model whose {@code baseModelId} is that base. An adapter's
 * weights come from the content store under its version's weights root (the bytes are checked
 * against the root) and live in a byte-bounded LRU cache.
 */
final class AdapterRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(AdapterRegistry.class);
  /** How long a model's deployed version is trusted before it is read again (governance may switch it). */
  private static final long DEPLOYED_TTL_NANOS = 5_000_000_000L;

  /** A request's target: the base (adapter null) or an adapter version, with what the chain says about it. */
  /**
   * @param integer the OLA2 adapter the version commits (docs/openlora.md §8), whose integer class
   *     the chain's output challenge recomputes; {@code null} for the base or an OLA1 version
   */
  record Target(BigInteger modelId, BigInteger version, Bytes32 weightsRoot, LoraAdapter adapter, int tokenMode, BigInteger fixedOutTokens,
      FixedLora integer) {}

  /** The OLA2 adapters in the cache, by weights root (removed with their float form on eviction). */
  private final Map<Bytes32, FixedLora> integers = new ConcurrentHashMap<>();

  /** The model cannot be served here; {@code status} is the HTTP status that says why. */
  static final class NotServable extends Exception {
    final int status;

    NotServable(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private record Version(Bytes32 weightsRoot, int tokenMode, BigInteger fixedOutTokens) {}

  private record Deployed(BigInteger version, long readAt) {}

  private final Session session;
  private final ContentSource content;
  private final BigInteger baseModelId;
  private final BaseMlp base;
  private final BigInteger baseVersion;
  private final AdapterCache<Bytes32> cache;
  private final Map<BigInteger, Boolean> isOurAdapter = new ConcurrentHashMap<>();
  private final Map<BigInteger, Deployed> deployed = new ConcurrentHashMap<>();
  private final Map<String, Version> versions = new ConcurrentHashMap<>();

  AdapterRegistry(Session session, ContentSource content, BigInteger baseModelId, long adapterMemory, ServeMetrics metrics) {
    this.session = session;
    this.content = content;
    this.baseModelId = baseModelId;
    org.openledger.contracts.web3j.Models.Model m = model(baseModelId);
    if (m.baseModelId.signum() != 0) {
      throw new UserError("model " + baseModelId + " is an adapter of model " + m.baseModelId + ": give --base-model " + m.baseModelId);
    }
    // the base adapters are fine-tuned on and served with: the same checks as the adapter trainer's
    AdapterBase b = AdapterBase.resolve(session, content, baseModelId, null);
    baseVersion = b.version();
    base = b.model();
    cache = new AdapterCache<>(adapterMemory, this::load, new AdapterCache.Listener<>() {
      @Override
      public void hit(Bytes32 key) {
        metrics.hits.inc();
      }

      @Override
      public void loaded(Bytes32 key, long bytes, long nanos) {
        metrics.loads.inc();
        metrics.loadSeconds.observe(nanos / 1e9);
        LOG.info("event=adapter_loaded root={} bytes={} ms={}", key.toHexString(), bytes, nanos / 1_000_000);
      }

      @Override
      public void evicted(Bytes32 key, long bytes) {
        metrics.evictions.inc();
        integers.remove(key);
        LOG.info("event=adapter_evicted root={} bytes={}", key.toHexString(), bytes);
      }
    });
    metrics.registry.gauge("openledger_serve_adapter_memory_bytes", "The --adapter-memory bound.", () -> adapterMemory);
  }

  BaseMlp base() {
    return base;
  }

  BigInteger baseModelId() {
    return baseModelId;
  }

  BigInteger baseVersion() {
    return baseVersion;
  }

  AdapterCache<Bytes32> cache() {
    return cache;
  }

  /** Whether {@code modelId} is an adapter of this server's base model (remembered: a model's base never changes). */
  boolean servesAdapter(BigInteger modelId) {
    // a node that cannot be read throws (UserError) and nothing is remembered: the next scan asks again
    return isOurAdapter.computeIfAbsent(modelId,
        id -> id.signum() > 0 && id.compareTo(modelCount()) <= 0 && model(id).baseModelId.equals(baseModelId));
  }

  /**
   * The target for {@code modelId} at {@code version} (null: its deployed version), with the
   * adapter loaded. The base model itself is a target too (adapter null).
   */
  Target resolve(BigInteger modelId, BigInteger version) throws NotServable {
    if (modelId.equals(baseModelId)) {
      if (version != null && !version.equals(baseVersion)) {
        throw new NotServable(404, "this server runs base model " + baseModelId + " v" + baseVersion + ", not v" + version);
      }
      Version v = version(baseModelId, baseVersion);
      return new Target(baseModelId, baseVersion, v.weightsRoot(), null, v.tokenMode(), v.fixedOutTokens(), null);
    }
    org.openledger.contracts.web3j.Models.Model m;
    try {
      if (modelId.signum() <= 0 || modelId.compareTo(modelCount()) > 0) throw new NotServable(404, "model " + modelId + " does not exist");
      m = model(modelId);
    } catch (UserError e) {
      throw new NotServable(503, "the node cannot be read: " + e.getMessage());
    }
    if (!m.baseModelId.equals(baseModelId)) {
      throw new NotServable(422, "model " + modelId + (m.baseModelId.signum() == 0 ? " is a base model" : " is an adapter of model " + m.baseModelId)
          + "; this server serves adapters of model " + baseModelId);
    }
    BigInteger v = version;
    if (v == null) {
      Deployed d = deployed.get(modelId);
      if (d == null || System.nanoTime() - d.readAt() > DEPLOYED_TTL_NANOS) {
        if (m.state.intValue() != Models.State.DEPLOYED.code()) {
          throw new NotServable(409, "adapter model " + modelId + " is not Deployed (state " + Models.State.of(m.state.intValue()) + ")");
        }
        d = new Deployed(m.deployedVersion, System.nanoTime());
        deployed.put(modelId, d);
      }
      v = d.version();
    }
    Version spec;
    try {
      spec = version(modelId, v);
    } catch (UserError e) {
      throw new NotServable(503, "the node cannot be read: " + e.getMessage());
    } catch (RuntimeException e) {
      throw new NotServable(404, "model " + modelId + " has no version " + v);
    }
    try {
      LoraAdapter adapter = cache.get(spec.weightsRoot());
      return new Target(modelId, v, spec.weightsRoot(), adapter, spec.tokenMode(), spec.fixedOutTokens(), integers.get(spec.weightsRoot()));
    } catch (AdapterCache.TooLargeException e) {
      throw new NotServable(507, e.getMessage());
    } catch (ContentSource.Unavailable | IllegalArgumentException e) {
      throw new NotServable(502, "adapter model " + modelId + " v" + v + " cannot be loaded: " + e.getMessage());
    } catch (Exception e) {
      throw new NotServable(500, "adapter model " + modelId + " v" + v + ": " + e);
    }
  }

  private LoraAdapter load(Bytes32 root) throws ContentSource.Unavailable {
    byte[] blob = content.get(root); // the source checks keccak(bytes) == root
    // OLA2 is served in its float reading (batched) and answered on-chain with its integer class
    FixedLora integer = FixedLora.isLora(blob) ? FixedLora.decode(blob) : null;
    LoraAdapter adapter = integer != null ? IntegerAdapter.dequantize(integer) : LoraAdapter.fromWeightsBytes(blob);
    if (!adapter.fits(base)) throw new IllegalArgumentException("its layers do not match base model " + baseModelId + "'s");
    if (integer != null) integers.put(root, integer);
    return adapter;
  }

  private synchronized BigInteger modelCount() {
    return session.view(session.models(false).modelCount());
  }

  private synchronized org.openledger.contracts.web3j.Models.Model model(BigInteger id) {
    return session.view(session.models(false).model(id));
  }

  private Version version(BigInteger modelId, BigInteger v) {
    String key = modelId + "/" + v;
    Version known = versions.get(key); // the weights root and token terms of a version are immutable
    if (known != null) return known;
    org.openledger.contracts.web3j.Models.VersionSpec spec;
    synchronized (this) {
      spec = session.view(session.models(false).version(modelId, v)).component1();
    }
    Version fresh = new Version(Bytes32.wrap(spec.weightsRoot), spec.tokenMode.intValue(), spec.fixedOutTokens);
    versions.put(key, fresh);
    return fresh;
  }
}
