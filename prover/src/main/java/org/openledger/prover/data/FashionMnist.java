package org.openledger.prover.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.openledger.prover.data.IdxFormatException.Kind;

/**
 * Fashion-MNIST (Zalando, MIT): 28×28 greyscale clothing images in 10 classes, 60,000 train and
 * 10,000 test. Two sources: the full set from Debian's {@code dataset-fashion-mnist} package, and
 * its first 2,000 train / 500 test examples shipped in this module so a fresh clone can train.
 */
public final class FashionMnist {

  public static final int ROWS = 28;
  public static final int COLS = 28;
  public static final int PIXELS = ROWS * COLS;
  public static final int CLASSES = 10;
  /** The classes' names, by label. */
  public static final java.util.List<String> CLASS_NAMES = java.util.List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
      "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  /** Where {@code apt-get install dataset-fashion-mnist} puts the files. */
  public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  public static final int SHIPPED_TRAIN = 2_000;
  public static final int SHIPPED_TEST = 500;

  private static final String RESOURCES = "fashion-mnist/";

  /** One of the two splits; names the IDX files of both sources. */
  public enum Split {
    TRAIN("train"),
    TEST("t10k");

    private final String prefix;

    Split(String prefix) {
      this.prefix = prefix;
    }

    String images() {
      return prefix + "-images-idx3-ubyte.gz";
    }

    String labels() {
      return prefix + "-labels-idx1-ubyte.gz";
    }
  }

  private FashionMnist() {}

  /** The subset shipped in the jar: 2,000 train or 500 test examples. */
  public static LabelledImages shipped(Split split) {
    try (InputStream images = resource(split.images());
        InputStream labels = resource(split.labels())) {
      return read(images, labels);
    } catch (IOException e) {
      // The resources are part of this build; failing to read them is a packaging bug.
      throw new UncheckedIOException("shipped Fashion-MNIST " + split + " is unreadable", e);
    }
  }

  /** Whether Debian's package is installed at {@link #DEBIAN_DIR}. */
  public static boolean debianInstalled() {
    return Files.isRegularFile(DEBIAN_DIR.resolve(Split.TRAIN.images()));
  }

  /** The full split from a directory laid out like Debian's package (gzip IDX files). */
  public static LabelledImages load(Path dir, Split split) throws IOException {
    try (InputStream images = Files.newInputStream(dir.resolve(split.images()));
        InputStream labels = Files.newInputStream(dir.resolve(split.labels()))) {
      return read(images, labels);
    }
  }

  /** Reads an image file and a label file (each gzip-compressed or raw IDX) and pairs them. */
  public static LabelledImages read(InputStream images, InputStream labels) throws IOException {
    Images pixels = IdxReader.readImages(decompressed(images), ROWS, COLS);
    byte[] classes = IdxReader.readLabels(decompressed(labels), CLASSES);
    if (pixels.count() != classes.length) {
      throw new IdxFormatException(
          Kind.COUNT_MISMATCH, pixels.count() + " images but " + classes.length + " labels");
    }
    return new LabelledImages(pixels, classes);
  }

  /** Gzip is recognised by its magic bytes, so raw IDX files read the same way. */
  private static InputStream decompressed(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new GZIPInputStream(buffered);
    }
    return buffered;
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = FashionMnist.class.getResourceAsStream(RESOURCES + name);
    if (in == null) {
      throw new IOException("missing resource " + RESOURCES + name);
    }
    return in;
  }
}
