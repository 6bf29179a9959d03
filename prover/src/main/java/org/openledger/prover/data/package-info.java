/**
 * Training data for the attribution models: a strict IDX reader and Fashion-MNIST, from Debian's
 * {@code dataset-fashion-mnist} package or the subset shipped in this module's resources.
 */
package org.openledger.prover.data;
