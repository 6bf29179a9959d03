package org.openledger.compute.features;

import org.openledger.compute.linalg.FloatMatrix;

/**
 * What one layer {@code y = W x} (W of shape out × in) needs to know about n examples to give their
 * weight gradients without forming them: example i's gradient is the outer product
 * {@code outputGrads[i] ⊗ inputs[i]} (out × in, flattened row-major, index {@code o * in + j}).
 * A bias is a constant 1 appended to the inputs.
 *
 * @param outputGrads n × out: ∂loss/∂y for each example (backpropagated to this layer's output)
 * @param inputs n × in: the layer's input for each example
 */
public record LayerGradients(FloatMatrix outputGrads, FloatMatrix inputs) {
  public LayerGradients {
    if (outputGrads.rows() != inputs.rows()) {
      throw new IllegalArgumentException(
          "output gradients for " + outputGrads.rows() + " examples but inputs for " + inputs.rows());
    }
  }

  public int examples() {
    return inputs.rows();
  }

  public int outDim() {
    return outputGrads.cols();
  }

  public int inDim() {
    return inputs.cols();
  }
}
