/**
 * The off-chain prover: attribution index, per-inference proofs, challenges (issue [7/9]).
 */
package org.openledger.prover;
