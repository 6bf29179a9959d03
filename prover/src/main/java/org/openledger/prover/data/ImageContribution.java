package org.openledger.prover.data;

import java.nio.ByteBuffer;

/**
 * What a contributor puts in the content store for an image-classification Datanet: one labelled
 * greyscale image. The chain holds {@code keccak(content ‖ contributor)} at submission and
 * {@code keccak(content)} once accepted; the trainer and every attester decode the same bytes.
 *
 * <p>Layout (big-endian): {@code "OLI1" ‖ uint16 rows ‖ uint16 cols ‖ uint8 classes ‖ uint8 label ‖
 * uint8 pixels[rows·cols]}.
 */
public record ImageContribution(int rows, int cols, int classes, int label, byte[] pixels) {
  private static final int MAGIC = 0x4f4c4931; // "OLI1"
  private static final int HEADER = 4 + 2 + 2 + 1 + 1;

  public ImageContribution {
    if (rows <= 0 || cols <= 0 || rows > 4096 || cols > 4096) throw new IllegalArgumentException("image size " + rows + "×" + cols);
    if (classes < 2 || classes > 255) throw new IllegalArgumentException("classes " + classes + " outside 2..255");
    if (label < 0 || label >= classes) throw new IllegalArgumentException("label " + label + " outside 0.." + (classes - 1));
    if (pixels.length != rows * cols) throw new IllegalArgumentException(pixels.length + " pixels for a " + rows + "×" + cols + " image");
  }

  /** Example {@code i} of a data set. */
  public static ImageContribution of(LabelledImages data, int i, int classes) {
    Images im = data.images();
    byte[] px = java.util.Arrays.copyOfRange(im.pixels(), i * im.size(), (i + 1) * im.size());
    return new ImageContribution(im.rows(), im.cols(), classes, data.label(i), px);
  }

  public byte[] encode() {
    return ByteBuffer.allocate(HEADER + pixels.length).putInt(MAGIC).putShort((short) rows).putShort((short) cols)
        .put((byte) classes).put((byte) label).put(pixels).array();
  }

  /** Decodes content; anything else is refused with what is wrong, so a bad contribution is named, not trained on. */
  public static ImageContribution decode(byte[] content) {
    if (content.length < HEADER) throw new IllegalArgumentException("not an image contribution: " + content.length + " bytes");
    ByteBuffer b = ByteBuffer.wrap(content);
    if (b.getInt() != MAGIC) throw new IllegalArgumentException("not an image contribution: it does not start with \"OLI1\"");
    int rows = b.getShort() & 0xffff, cols = b.getShort() & 0xffff, classes = b.get() & 0xff, label = b.get() & 0xff;
    if (content.length != HEADER + rows * cols) {
      throw new IllegalArgumentException("image contribution of " + rows + "×" + cols + " must be " + (HEADER + rows * cols) + " bytes, is " + content.length);
    }
    byte[] px = new byte[rows * cols];
    b.get(px);
    return new ImageContribution(rows, cols, classes, label, px);
  }

  /** Stacks contributions of one shape into a data set, in the given order. */
  public static LabelledImages stack(java.util.List<ImageContribution> items) {
    if (items.isEmpty()) throw new IllegalArgumentException("no examples");
    ImageContribution first = items.get(0);
    byte[] pixels = new byte[items.size() * first.pixels.length];
    byte[] labels = new byte[items.size()];
    for (int i = 0; i < items.size(); i++) {
      ImageContribution c = items.get(i);
      if (c.rows != first.rows || c.cols != first.cols || c.classes != first.classes) {
        throw new IllegalArgumentException("example " + i + " is " + c.rows + "×" + c.cols + " with " + c.classes + " classes, the first "
            + first.rows + "×" + first.cols + " with " + first.classes);
      }
      System.arraycopy(c.pixels, 0, pixels, i * c.pixels.length, c.pixels.length);
      labels[i] = (byte) c.label;
    }
    return new LabelledImages(new Images(items.size(), first.rows, first.cols, pixels), labels);
  }
}
