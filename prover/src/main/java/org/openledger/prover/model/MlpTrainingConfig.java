package org.openledger.prover.model;

/**
 * Everything that determines an {@link Mlp} training run besides the data (and, for a warm start,
 * the starting weights). Same config and same data give the same weights bit for bit: the initial
 * weights and the mini-batch order come from {@code seed}, the arithmetic is sequential IEEE-754
 * double with {@link StrictMath}, and nothing runs in parallel.
 *
 * <p>The step size decays linearly from {@code learningRate} to zero over the run, so the last
 * epochs average out mini-batch noise and the run ends close to a minimum of the regularised loss —
 * what influence functions (and retraining for LDS) assume.
 *
 * @param seed initial weights (He-uniform) and the shuffle at the start of each epoch
 * @param hidden width of the hidden ReLU layer
 * @param epochs passes over the training set
 * @param batchSize examples per gradient step (the last batch of an epoch may be smaller)
 * @param learningRate initial step size of mini-batch SGD
 * @param l2 λ: the loss is mean cross-entropy + λ/2·‖θ‖² over every parameter, biases included, so
 *     the damped Hessian is GGN + λI on the whole parameter vector (see the kfac package)
 */
public record MlpTrainingConfig(long seed, int hidden, int epochs, int batchSize, double learningRate, double l2) {

  public MlpTrainingConfig {
    if (hidden <= 0 || epochs <= 0 || batchSize <= 0 || !(learningRate > 0) || !(l2 >= 0)) {
      throw new IllegalArgumentException("invalid MLP training config " + this);
    }
  }

  /** 784 → 64 → 10, 30 epochs: the shipped model (accuracy on the shipped subset: see MlpTest). */
  public static MlpTrainingConfig defaults() {
    return new MlpTrainingConfig(11, 64, 30, 32, 0.1, 1e-3);
  }

  public MlpTrainingConfig withSeed(long newSeed) {
    return new MlpTrainingConfig(newSeed, hidden, epochs, batchSize, learningRate, l2);
  }

  public MlpTrainingConfig withEpochs(int newEpochs) {
    return new MlpTrainingConfig(seed, hidden, newEpochs, batchSize, learningRate, l2);
  }

  public MlpTrainingConfig withHidden(int newHidden) {
    return new MlpTrainingConfig(seed, newHidden, epochs, batchSize, learningRate, l2);
  }
}
