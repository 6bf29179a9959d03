package org.openledger.prover.proof;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FixedLora;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.prover.lora.AdapterArtifacts;
import org.openledger.prover.lora.AdapterProofEngine;

/**
 * The prover daemon's engine: loads a version once (one cache for every kind) and hands the
 * request to the engine of the model its weights blob commits — an OpenLoRA adapter's for a blob
 * tagged {@code "OLA1"} ({@link AdapterProofEngine}), the MLP's for a blob tagged
 * {@link FixedMlp#TAG}, logistic regression's otherwise — exactly as the chain's fraud proofs pick
 * the model ({@code CommittedModel.fromWeightsBytes}).
 */
public final class ProofEngines implements ProofEngine, ProofAuditor {
  private final VersionCache<VersionArtifacts> versions;
  private final LogisticProofEngine logistic;
  private final MlpProofEngine mlp;
  private final AdapterProofEngine adapters;
  /** Whether a weights root names an OpenLoRA adapter blob, remembered so a request costs no extra fetch. */
  private final Map<Bytes32, Boolean> adapterRoots = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Bytes32, Boolean> eldest) {
      return size() > 256;
    }
  };

  public ProofEngines(ContentSource content) {
    this.versions = new VersionCache<>(content, VersionArtifacts::load);
    this.logistic = new LogisticProofEngine(versions);
    this.mlp = new MlpProofEngine(versions);
    this.adapters = new AdapterProofEngine(content);
  }

  @Override
  public Outcome prove(AttributionVerifier.Binding binding, Version version) {
    try {
      if (isAdapter(version)) return adapters.prove(binding, version);
      return engineFor(version).prove(binding, version);
    } catch (ContentSource.Unavailable e) {
      return new Outcome.NotProvable(e.getMessage());
    }
  }

  @Override
  public Finding audit(AttributionVerifier.Binding binding, Version version, Bytes proof) {
    try {
      if (isAdapter(version)) return adapters.audit(binding, version, proof);
      return engineFor(version).audit(binding, version, proof);
    } catch (ContentSource.Unavailable e) {
      return new Finding.Uncheckable(e.getMessage());
    }
  }

  /** Whether the version's weights blob is an OpenLoRA adapter ({@code "OLA1"} or {@code "OLA2"}): its requests are proven over the adapter's parameters. */
  public boolean isAdapter(Version version) throws ContentSource.Unavailable {
    synchronized (adapterRoots) {
      Boolean known = adapterRoots.get(version.weightsRoot());
      if (known != null) return known;
    }
    boolean adapter = AdapterArtifacts.isAdapter(versions.content().get(version.weightsRoot()));
    synchronized (adapterRoots) {
      adapterRoots.put(version.weightsRoot(), adapter);
    }
    return adapter;
  }

  /** The engine for the version's model kind, as its committed weights name it. */
  public CommittedProofEngine engineFor(Version version) throws ContentSource.Unavailable {
    return switch (versions.artifacts(version).model()) {
      case FixedLogistic l -> logistic;
      case FixedMlp m -> mlp;
      case FixedLora a -> throw new IllegalStateException("an OLA2 adapter version is proven by the adapter engine (isAdapter)");
    };
  }
}
