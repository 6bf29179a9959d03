/**
 * Projected per-example gradient features: the weight gradient of a linear layer for one example
 * is an outer product, so its projection onto a basis is computed from the two factors without
 * ever materialising the n × (out·in) per-example gradients.
 */
package org.openledger.compute.features;
