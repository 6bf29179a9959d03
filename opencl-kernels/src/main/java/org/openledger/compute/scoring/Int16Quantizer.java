package org.openledger.compute.scoring;

/**
 * Symmetric int16 quantization with a published scale: {@code q = round(x / scale)}, half to even
 * (Math.rint), in [-32767, 32767]. A value outside that range is an error, not a silent clamp: a
 * clamped coordinate would change a score the chain pays on without anyone noticing. Pure Java
 * and backend-independent, so the same float features quantize the same way everywhere.
 */
public final class Int16Quantizer {
  public static final int MAX = Short.MAX_VALUE;

  private Int16Quantizer() {}

  public static short[] quantize(float[] values, double scale) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be a positive finite number, got " + scale);
    }
    short[] out = new short[values.length];
    for (int i = 0; i < values.length; i++) {
      double q = Math.rint(values[i] / scale);
      if (!(Math.abs(q) <= MAX)) {
        throw new QuantizationRangeException(i, values[i], scale);
      }
      out[i] = (short) q;
    }
    return out;
  }

  /** The smallest scale at which every value fits: max |x| / 32767 (1 when all are zero). */
  public static double scaleFor(float[] values) {
    double max = 0;
    for (float v : values) {
      max = Math.max(max, Math.abs((double) v));
    }
    return max == 0 ? 1 : max / MAX;
  }

  /** A value that does not fit int16 at the given scale. */
  public static final class QuantizationRangeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    QuantizationRangeException(int index, float value, double scale) {
      super("value " + value + " at index " + index + " does not fit int16 at scale " + scale
          + " (|x / scale| must be at most " + MAX + "); use a larger scale");
    }
  }
}
