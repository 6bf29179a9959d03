package org.openledger.contracts.attribution;

/**
 * A committed integer model as the leaf-coordinate challenge sees it: a training example's exact
 * negative-loss gradient over the {@code d} parameters a basis row spans. Logistic regression
 * ({@link FixedLogistic}) implements it; an MLP with an integer backward pass implements the same
 * three methods and the challenge's one step needs nothing else.
 */
public interface TrainedModel {
  /** {@code d}: the length of a gradient and of a basis row. */
  int parameters();

  /** Pixels per example. */
  int features();

  /** Labels run from 0 to {@code classes() − 1}. */
  int classes();

  /** The exact integer negative loss gradient {@code g} of one labelled example (docs/attribution.md §2). */
  long[] lossGradient(byte[] pixels, int label);
}
