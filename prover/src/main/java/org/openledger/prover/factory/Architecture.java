package org.openledger.prover.factory;

/**
 * What a ModelFactory job asks to be trained ({@link JobSpec}): a whole model of one of the shipped
 * architectures ({@link VersionFactory}: logistic regression or the MLP, trained from scratch), or a
 * LoRA adapter of a deployed base model ({@link AdapterJob}, docs/openlora.md §5).
 */
public sealed interface Architecture permits VersionFactory, AdapterJob {

  /** The architecture's name, as {@code openledger factory open --architecture} and the specification's {@code architecture=} take it. */
  String architecture();

  /** Basis rank k asked for (a factory may cap it). */
  int rank();

  /** λ, the damping the version registers. */
  double damping();
}
