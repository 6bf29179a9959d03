package org.openledger.prover.data;

/** Images with one class label each; example {@code i} is {@code (images.pixel(i, ·), label(i))}. */
public record LabelledImages(Images images, byte[] labels) {

  public LabelledImages {
    if (images.count() != labels.length) {
      throw new IllegalArgumentException(images.count() + " images but " + labels.length + " labels");
    }
  }

  public int size() {
    return labels.length;
  }

  public int label(int i) {
    return labels[i] & 0xff;
  }

  /** The first {@code n} examples, in file order. */
  public LabelledImages first(int n) {
    if (n < 0 || n > size()) {
      throw new IllegalArgumentException("cannot take " + n + " of " + size() + " examples");
    }
    byte[] pixels = java.util.Arrays.copyOf(images.pixels(), n * images.size());
    return new LabelledImages(
        new Images(n, images.rows(), images.cols(), pixels), java.util.Arrays.copyOf(labels, n));
  }

  /** The examples at {@code indices}, in that order. */
  public LabelledImages select(int[] indices) {
    int size = images.size();
    byte[] pixels = new byte[Math.multiplyExact(indices.length, size)];
    byte[] picked = new byte[indices.length];
    for (int o = 0; o < indices.length; o++) {
      int i = indices[o];
      if (i < 0 || i >= size()) {
        throw new IllegalArgumentException("example " + i + " outside 0.." + (size() - 1));
      }
      System.arraycopy(images.pixels(), i * size, pixels, o * size, size);
      picked[o] = labels[i];
    }
    return new LabelledImages(new Images(indices.length, images.rows(), images.cols(), pixels), picked);
  }
}
