/**
 * Exact integer scoring: int16 query vectors ψ against int16 contributor vectors, int64 scores,
 * and the per-row top M in one total order (higher score, then lower index).
 */
package org.openledger.compute.scoring;
