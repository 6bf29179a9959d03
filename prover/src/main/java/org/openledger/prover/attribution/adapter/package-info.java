/**
 * The attribution index of an OpenLoRA adapter version over the adapter's own parameters (every
 * layer's A and B, the base frozen): a per-block eigenvalue-corrected K-FAC basis committed as
 * int16 Kronecker pairs, integer contributor leaves and ψ (docs/openlora.md §5).
 */
package org.openledger.prover.attribution.adapter;
