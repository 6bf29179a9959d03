package org.openledger.compute;

/** Cholesky met a non-positive pivot: the matrix is not positive definite (damp it). */
public final class NotPositiveDefiniteException extends LapackException {
  private static final long serialVersionUID = 1L;

  public NotPositiveDefiniteException(String routine, int info) {
    super(routine, info, "the leading minor of order " + info + " is not positive definite; add damping");
  }
}
