/**
 * The prover's compute backends behind one API, {@link org.openledger.compute.ComputeBackend}:
 * float GEMM, symmetric eigendecomposition and Cholesky, fused projected gradient features, exact
 * int16 scoring with top-M, batched Keccak-256. {@link org.openledger.compute.ComputeBackends}
 * picks the backend at run time (OpenCL GPU, else CPU) and logs it. Integer scores and hashes are
 * bit-identical on every backend. The package knows no protocol: the prover gives it matrices and
 * messages and gets numbers back. See docs/provers.md.
 */
package org.openledger.compute;
