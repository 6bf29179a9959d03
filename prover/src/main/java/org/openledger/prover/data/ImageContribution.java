package org.openledger.prover.data;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * What a contributor puts in the content store for an image-classification Datanet: one or more
 * labelled greyscale images of one shape (a contributor's upload). The chain holds
 * {@code keccak(content ‖ contributor)} at submission and {@code keccak(content)} once accepted;
 * the trainer and every attester decode the same bytes, and a leaf of the attribution index sums
 * the examples of all of a contributor's accepted contributions to a datanet.
 *
 * <p>Layout (big-endian): {@code "OLI1" ‖ uint16 rows ‖ uint16 cols ‖ uint8 classes ‖
 * uint16 count ‖ count × (uint8 label ‖ uint8 pixels[rows·cols])}.
 */
public record ImageContribution(int rows, int cols, int classes, byte[] labels, byte[] pixels) {
  private static final int MAGIC = 0x4f4c4931; // "OLI1"
  private static final int HEADER = 4 + 2 + 2 + 1 + 2;
  /** Keeps one contribution within a content store item (the devnet's limit is 1 MiB). */
  public static final int MAX_IMAGES = 1_024;

  public ImageContribution {
    if (rows <= 0 || cols <= 0 || rows > 1024 || cols > 1024) throw new IllegalArgumentException("image size " + rows + "×" + cols);
    if (classes < 2 || classes > 255) throw new IllegalArgumentException("classes " + classes + " outside 2..255");
    if (labels.length == 0 || labels.length > MAX_IMAGES) throw new IllegalArgumentException(labels.length + " images; a contribution holds 1.." + MAX_IMAGES);
    for (int i = 0; i < labels.length; i++) {
      if ((labels[i] & 0xff) >= classes) throw new IllegalArgumentException("image " + i + ": label " + (labels[i] & 0xff) + " outside 0.." + (classes - 1));
    }
    if (pixels.length != labels.length * rows * cols) {
      throw new IllegalArgumentException(pixels.length + " pixels for " + labels.length + " images of " + rows + "×" + cols);
    }
  }

  /** Examples {@code from} (inclusive) to {@code to} (exclusive) of a data set. */
  public static ImageContribution of(LabelledImages data, int from, int to, int classes) {
    Images im = data.images();
    if (from < 0 || to > data.size() || from >= to) throw new IllegalArgumentException("examples " + from + ".." + to + " of " + data.size());
    return new ImageContribution(im.rows(), im.cols(), classes, Arrays.copyOfRange(data.labels(), from, to),
        Arrays.copyOfRange(im.pixels(), from * im.size(), to * im.size()));
  }

  public int count() {
    return labels.length;
  }

  public byte[] encode() {
    int size = rows * cols;
    ByteBuffer b = ByteBuffer.allocate(HEADER + labels.length * (1 + size)).putInt(MAGIC).putShort((short) rows).putShort((short) cols)
        .put((byte) classes).putShort((short) labels.length);
    for (int i = 0; i < labels.length; i++) b.put(labels[i]).put(pixels, i * size, size);
    return b.array();
  }

  /** Decodes content; anything else is refused with what is wrong, so a bad contribution is named, not trained on. */
  public static ImageContribution decode(byte[] content) {
    if (content.length < HEADER) throw new IllegalArgumentException("not an image contribution: " + content.length + " bytes");
    ByteBuffer b = ByteBuffer.wrap(content);
    if (b.getInt() != MAGIC) throw new IllegalArgumentException("not an image contribution: it does not start with \"OLI1\"");
    int rows = b.getShort() & 0xffff, cols = b.getShort() & 0xffff, classes = b.get() & 0xff, count = b.getShort() & 0xffff;
    long expected = HEADER + (long) count * (1 + (long) rows * cols);
    if (content.length != expected) {
      throw new IllegalArgumentException("an image contribution of " + count + " " + rows + "×" + cols + " images is " + expected + " bytes, this is " + content.length);
    }
    int size = rows * cols;
    byte[] labels = new byte[count], px = new byte[count * size];
    for (int i = 0; i < count; i++) {
      labels[i] = b.get();
      b.get(px, i * size, size);
    }
    return new ImageContribution(rows, cols, classes, labels, px);
  }

  /** Stacks contributions of one shape into a data set, in the given order. */
  public static LabelledImages stack(List<ImageContribution> items) {
    if (items.isEmpty()) throw new IllegalArgumentException("no examples");
    ImageContribution first = items.get(0);
    int total = items.stream().mapToInt(ImageContribution::count).sum();
    byte[] pixels = new byte[total * first.rows * first.cols];
    byte[] labels = new byte[total];
    int at = 0;
    for (int i = 0; i < items.size(); i++) {
      ImageContribution c = items.get(i);
      if (c.rows != first.rows || c.cols != first.cols || c.classes != first.classes) {
        throw new IllegalArgumentException("contribution " + i + " holds " + c.rows + "×" + c.cols + " images of " + c.classes + " classes, the first "
            + first.rows + "×" + first.cols + " of " + first.classes);
      }
      System.arraycopy(c.pixels, 0, pixels, at * c.rows * c.cols, c.pixels.length);
      System.arraycopy(c.labels, 0, labels, at, c.count());
      at += c.count();
    }
    return new LabelledImages(new Images(total, first.rows, first.cols, pixels), labels);
  }
}
