/**
 * The float side of attribution for logistic regression (DESIGN §6, docs/attribution.md): the
 * margin output function, per-example gradients, the exact damped Hessian, the whitened-PCA basis
 * and its int16 quantization, and the influence scorers that {@code eval lds} compares.
 */
package org.openledger.prover.attribution;
