package org.openledger.prover.model;

import org.openledger.prover.data.Images;
import org.openledger.prover.data.LabelledImages;

/** An image classifier: the float models and the committed integer one alike. */
public interface Classifier {

  /** The class of image {@code i} (lowest index on ties). */
  int predict(Images images, int i);

  /** Fraction of examples whose predicted class is the label. */
  default double accuracy(LabelledImages data) {
    int correct = 0;
    for (int i = 0; i < data.size(); i++) {
      if (predict(data.images(), i) == data.label(i)) correct++;
    }
    return (double) correct / data.size();
  }

  /** Softmax probabilities, with {@link StrictMath#exp} (Math.exp may be an intrinsic that differs in the last bit). */
  static double[] softmax(double[] z) {
    double max = z[LogisticRegression.argmax(z)];
    double[] p = new double[z.length];
    double sum = 0;
    for (int c = 0; c < z.length; c++) {
      p[c] = StrictMath.exp(z[c] - max);
      sum += p[c];
    }
    for (int c = 0; c < z.length; c++) p[c] /= sum;
    return p;
  }
}
