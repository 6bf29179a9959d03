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

  /**
   * Chosen Kronecker pairs (the prover's K-FAC / EK-FAC basis, rows picked by whitened variance
   * rather than a full grid): feature q of an example is
   * {@code weights[q] · (B_out p)[outSlots[q]] · (B_in x)[inSlots[q]]}, multiplied in that order.
   * Like {@link Kronecker}, two thin GEMMs and then one product per feature.
   */
  record KroneckerPairs(FloatMatrix outFactor, FloatMatrix inFactor, int[] outSlots, int[] inSlots, float[] weights)
      implements LayerBasis {
    public KroneckerPairs {
      if (outSlots.length != inSlots.length || outSlots.length != weights.length) {
        throw new IllegalArgumentException(outSlots.length + " output slots, " + inSlots.length + " input slots and "
            + weights.length + " weights: one of each per pair");
      }
      outSlots = outSlots.clone();
      inSlots = inSlots.clone();
      weights = weights.clone();
      for (int q = 0; q < outSlots.length; q++) {
        if (outSlots[q] < 0 || outSlots[q] >= outFactor.rows() || inSlots[q] < 0 || inSlots[q] >= inFactor.rows()) {
          throw new IllegalArgumentException("pair " + q + " (" + outSlots[q] + ", " + inSlots[q] + ") is outside factors of "
              + outFactor.rows() + " and " + inFactor.rows() + " rows");
        }
      }
    }

    @Override
    public int features() {
      return weights.length;
    }

    @Override
    public void checkFits(int outDim, int inDim) {
      if (outFactor.cols() != outDim || inFactor.cols() != inDim) {
        throw new IllegalArgumentException("Kronecker factors " + outFactor + " ⊗ " + inFactor
            + " do not fit a " + outDim + "x" + inDim + " layer");
      }
    }

    @Override
    public int[] outSlots() {
      return outSlots.clone();
    }

    @Override
    public int[] inSlots() {
      return inSlots.clone();
    }

    @Override
    public float[] weights() {
      return weights.clone();
    }
  }
}
