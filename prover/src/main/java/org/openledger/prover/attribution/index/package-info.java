/**
 * The integer side of Proof of Attribution for logistic regression (docs/attribution.md §2–§4):
 * contributor leaves built from exact integer gradients, the per-inference query ψ, and exact
 * scores of ψ against every leaf. Every value here is one the chain can re-check bit for bit.
 */
package org.openledger.prover.attribution.index;
