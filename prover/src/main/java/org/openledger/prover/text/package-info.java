/**
 * Model-agnostic text attribution (docs/text-attribution.md): a committed byte-level tokenizer, text
 * contributions cut into chunks committed in a keccak Merkle tree, a suffix array over the chunks,
 * and the maximal spans of a generated text that occur verbatim in contributors' chunks, weighted
 * by the output tokens they cover and by how many chunks share them.
 */
package org.openledger.prover.text;
