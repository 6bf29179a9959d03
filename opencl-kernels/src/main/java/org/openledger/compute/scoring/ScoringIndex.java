package org.openledger.compute.scoring;

/**
 * Contributor vectors prepared once by one backend for many scoring calls — the index of a model
 * version is fixed while inferences keep arriving. The CPU backend keeps a float copy and the row
 * norms; the OpenCL backend keeps the vectors resident on the device. Close it to free them.
 * An index only works with the backend that prepared it.
 */
public interface ScoringIndex extends AutoCloseable {
  /** The contributor vectors, as given. */
  Int16Matrix contributors();

  @Override
  void close();
}
