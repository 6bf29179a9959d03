/**
 * Models whose outputs are attributed: multinomial logistic regression trained deterministically in
 * Java, and its fixed-point (integer) form that anyone can re-run bit for bit to check an output.
 */
package org.openledger.prover.model;
