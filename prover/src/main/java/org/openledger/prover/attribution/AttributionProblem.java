package org.openledger.prover.attribution;

import org.openledger.prover.data.Images;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.model.LogisticRegression;

/**
 * A trained model, its training set and the test outputs to explain, with the gradients every
 * scorer shares: the negative loss gradient of each training example ({@code n × d}) and the margin
 * gradient of each test output at the model's predicted class ({@code tests × d}).
 */
public record AttributionProblem(
    LogisticRegression model, LabelledImages train, Images test, int[] classes,
    double[] trainGradients, double[] queryGradients) {

  public AttributionProblem {
    int d = Gradients.dimension(model);
    if (classes.length != test.count() || trainGradients.length != (long) train.size() * d
        || queryGradients.length != (long) classes.length * d) {
      throw new IllegalArgumentException("gradients do not match the model and data");
    }
  }

  /** Explains each test image's margin at the class {@code model} predicts for it. */
  public static AttributionProblem of(LogisticRegression model, LabelledImages train, Images test) {
    int[] classes = Gradients.predictions(model, test);
    return new AttributionProblem(model, train, test, classes,
        Gradients.training(model, train), Gradients.margin(model, test, classes));
  }

  public int trainSize() {
    return train.size();
  }

  public int tests() {
    return classes.length;
  }

  public int dimension() {
    return Gradients.dimension(model);
  }
}
