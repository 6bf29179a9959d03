package org.openledger.compute.features;

import org.openledger.compute.linalg.FloatMatrix;

/** The rows of the projection basis for one layer's flattened (out × in) weight gradient. */
public sealed interface LayerBasis {
  /** How many features this layer contributes. */
  int features();

  /** Checks that the basis fits a layer with these dimensions. */
  void checkFits(int outDim, int inDim);

  /**
   * A dense basis: k rows of length out·in (the logistic-regression case, where one whitened-PCA
   * basis covers the whole weight matrix).
   */
  record Dense(FloatMatrix rows) implements LayerBasis {
    @Override
    public int features() {
      return rows.rows();
    }

    @Override
    public void checkFits(int outDim, int inDim) {
      if (rows.cols() != (long) outDim * inDim) {
        throw new IllegalArgumentException("a dense basis with rows of " + rows.cols()
            + " values does not fit a " + outDim + "x" + inDim + " layer (needs " + (long) outDim * inDim + ")");
      }
    }
  }

  /**
   * A Kronecker-factored basis {@code B_out ⊗ B_in} (K-FAC / LoGra style, for MLP layers): feature
   * {@code a * kIn + b} of an example is {@code (B_out p)[a] · (B_in x)[b]}, so no row of length
   * out·in is ever formed.
   */
  record Kronecker(FloatMatrix outFactor, FloatMatrix inFactor) implements LayerBasis {
    @Override
    public int features() {
      return Math.multiplyExact(outFactor.rows(), inFactor.rows());
    }

    @Override
    public void checkFits(int outDim, int inDim) {
      if (outFactor.cols() != outDim || inFactor.cols() != inDim) {
        throw new IllegalArgumentException("Kronecker factors " + outFactor + " ⊗ " + inFactor
            + " do not fit a " + outDim + "x" + inDim + " layer");
      }
    }
  }
}
