package org.openledger.prover.data;

import java.io.IOException;

/** An IDX file that is not what it claims to be; {@link #kind()} says which check failed. */
public final class IdxFormatException extends IOException {

  /** Why the file was refused. */
  public enum Kind {
    /** The magic number is not the expected IDX type and rank. */
    BAD_MAGIC,
    /** A dimension is zero, negative, too large, or not the shape the caller requires. */
    BAD_DIMENSIONS,
    /** The file ends before the header or the data it declares. */
    TRUNCATED,
    /** Bytes follow the declared data: the header undercounts, so the file is not trusted. */
    TRAILING_BYTES,
    /** A label is outside the class range. */
    LABEL_OUT_OF_RANGE,
    /** Image and label files disagree on the number of examples. */
    COUNT_MISMATCH
  }

  private final Kind kind;

  public IdxFormatException(Kind kind, String message) {
    super(kind + ": " + message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
