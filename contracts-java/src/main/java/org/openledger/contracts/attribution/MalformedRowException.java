package org.openledger.contracts.attribution;

/** A basis-row leaf that does not decode as the row it is offered as; {@link #reason()} says why. */
public final class MalformedRowException extends IllegalArgumentException {

  /** What is wrong with the leaf. */
  public enum Reason {
    /** Not the length the model and the row's layer give. */
    LENGTH,
    /** The first byte is not the leaf prefix 0x00. */
    PREFIX,
    /** The leaf names another row. */
    INDEX,
    /** An MLP row names a layer the model does not have. */
    LAYER,
    /** An MLP or adapter row's product shift is above {@link Rounding#MAX_PRODUCT_SHIFT}. */
    SHIFT,
    /** An adapter row names another base's weights root than its adapter's. */
    BASE
  }

  private final Reason reason;

  public MalformedRowException(Reason reason, String detail) {
    super(reason + ": " + detail);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
