package org.openledger.prover.factory;

import java.util.Objects;
import org.openledger.prover.lora.AdapterFactory;

/**
 * A job asking for a LoRA adapter (docs/openlora.md §5): fine-tune an adapter of version
 * {@code baseVersion} of base model {@code baseModel} on the adapter model's datanets with
 * {@code config}'s training, then build its K-FAC basis over the adapter's parameters and the
 * integer index ({@link AdapterFactory}). The job's model is the adapter model (proposed with
 * {@code baseModelId = baseModel}); the version it delivers is that model's next version.
 *
 * @param baseModel the base model; 0 only in a trainer's own settings, where it means "the job's
 *     model's base" ({@link #on} fills it in)
 * @param baseVersion the base version the adapter is fine-tuned on and whose weights root every
 *     basis row names; 0 only in a trainer's own settings: "the base's deployed version"
 * @param config the adapter's training (LoRA rank, α, epochs, batch, η, seed) and basis (k, λ)
 */
public record AdapterJob(long baseModel, long baseVersion, AdapterFactory.Config config) implements Architecture {
  public static final String NAME = "adapter";

  public AdapterJob {
    if (baseModel < 0 || baseVersion < 0) throw new IllegalArgumentException("base model " + baseModel + " version " + baseVersion);
    Objects.requireNonNull(config, "config");
  }

  /** {@link AdapterFactory.Config#defaults()} on the job's model's base, at its deployed version. */
  public static AdapterJob defaults() {
    return new AdapterJob(0, 0, AdapterFactory.Config.defaults());
  }

  /** True when both the base model and its version are named (what a specification commits). */
  public boolean resolved() {
    return baseModel > 0 && baseVersion > 0;
  }

  /** The same settings on version {@code version} of base model {@code model}. */
  public AdapterJob on(long model, long version) {
    return new AdapterJob(model, version, config);
  }

  @Override
  public String architecture() {
    return NAME;
  }

  /** k: the basis rows kept over every block of every layer. */
  @Override
  public int rank() {
    return config.basis().k();
  }

  /** λ as a fraction of the mean corrected eigenvalue (docs/openlora.md §5). */
  @Override
  public double damping() {
    return config.basis().damping();
  }
}
