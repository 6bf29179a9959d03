/** Batched Keccak-256 (Ethereum's, original padding) for leaves and Merkle levels. */
package org.openledger.compute.hash;
