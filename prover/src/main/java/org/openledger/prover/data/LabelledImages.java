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
}
