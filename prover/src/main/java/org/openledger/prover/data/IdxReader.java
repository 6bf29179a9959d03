package org.openledger.prover.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

import org.openledger.prover.data.IdxFormatException.Kind;

/**
 * Reads the IDX format (LeCun's MNIST layout): big-endian magic {@code 0x0000TTRR} (T = element type,
 * R = rank), R big-endian dimensions, then the elements. Only unsigned bytes ({@code 0x08}) are
 * accepted. The reader is strict — a file that is short, long, or mis-shaped is refused rather than
 * silently producing a different training set, because the model, and every attribution score
 * derived from it, is committed on-chain.
 */
public final class IdxReader {

  static final int UNSIGNED_BYTE = 0x08;
  /** Keeps a corrupt header from asking for an absurd allocation. */
  static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  private IdxReader() {}

  /** Reads a rank-3 image file; every image must be {@code rows × cols}. */
  public static Images readImages(InputStream in, int rows, int cols) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int[] dims = header(data, 3);
    if (dims[1] != rows || dims[2] != cols) {
      throw new IdxFormatException(
          Kind.BAD_DIMENSIONS, "images are " + dims[1] + "×" + dims[2] + ", expected " + rows + "×" + cols);
    }
    byte[] pixels = body(data, (long) dims[0] * rows * cols);
    return new Images(dims[0], rows, cols, pixels);
  }

  /** Reads a rank-1 label file; every label must be in {@code [0, classes)}. */
  public static byte[] readLabels(InputStream in, int classes) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int[] dims = header(data, 1);
    byte[] labels = body(data, dims[0]);
    for (int i = 0; i < labels.length; i++) {
      if ((labels[i] & 0xff) >= classes) {
        throw new IdxFormatException(
            Kind.LABEL_OUT_OF_RANGE, "label " + (labels[i] & 0xff) + " at " + i + " is not below " + classes);
      }
    }
    return labels;
  }

  private static int[] header(DataInputStream data, int rank) throws IOException {
    int magic = readInt(data, "magic number");
    int expected = (UNSIGNED_BYTE << 8) | rank;
    if (magic != expected) {
      throw new IdxFormatException(
          Kind.BAD_MAGIC, String.format("magic 0x%08x, expected 0x%08x", magic, expected));
    }
    int[] dims = new int[rank];
    long elements = 1;
    for (int d = 0; d < rank; d++) {
      dims[d] = readInt(data, "dimension " + d);
      // The count may be zero (an empty split); the shape of one element may not.
      if (dims[d] < 0 || (d > 0 && dims[d] == 0)) {
        throw new IdxFormatException(Kind.BAD_DIMENSIONS, "dimension " + d + " is " + dims[d]);
      }
      elements *= dims[d];
      if (elements > MAX_ELEMENTS) {
        throw new IdxFormatException(Kind.BAD_DIMENSIONS, "more than " + MAX_ELEMENTS + " elements");
      }
    }
    return dims;
  }

  private static int readInt(DataInputStream data, String what) throws IOException {
    try {
      return data.readInt();
    } catch (EOFException e) {
      throw new IdxFormatException(Kind.TRUNCATED, "file ends inside the " + what);
    }
  }

  private static byte[] body(DataInputStream data, long length) throws IOException {
    byte[] bytes = new byte[(int) length];
    int read;
    boolean more;
    try {
      read = data.readNBytes(bytes, 0, bytes.length);
      more = read == bytes.length && data.read() != -1;
    } catch (EOFException e) {
      // A gzip stream cut short ends this way rather than with a short read.
      throw new IdxFormatException(Kind.TRUNCATED, "compressed stream ends early: " + e.getMessage());
    }
    if (read != bytes.length) {
      throw new IdxFormatException(
          Kind.TRUNCATED, "declares " + length + " data bytes, file has " + read);
    }
    if (more) {
      throw new IdxFormatException(Kind.TRAILING_BYTES, "bytes follow the " + length + " declared");
    }
    return bytes;
  }
}
