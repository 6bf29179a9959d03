/**
 * Measuring attribution quality: the linear datamodeling score (LDS) of DESIGN §6 — retrain on
 * random halves, rank the retrained outputs against the predicted sums of influence — and the
 * proof size each basis choice costs.
 */
package org.openledger.prover.eval;
