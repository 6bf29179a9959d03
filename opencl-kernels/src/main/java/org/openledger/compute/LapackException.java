package org.openledger.compute;

/** A LAPACK routine returned a non-zero INFO. */
public sealed class LapackException extends ComputeException permits NotPositiveDefiniteException {
  private static final long serialVersionUID = 1L;

  private final String routine;
  private final int info;

  public LapackException(String routine, int info, String meaning) {
    super(routine + " returned INFO=" + info + ": " + meaning, null);
    this.routine = routine;
    this.info = info;
  }

  public String routine() {
    return routine;
  }

  public int info() {
    return info;
  }
}
