/**
 * OpenLoRA (docs/openlora.md): low-rank adapters on a shared base MLP, the batched multi-adapter
 * forward pass that runs the base GEMM once per mixed batch and each adapter's {@code B(A x)} per
 * segment, the naive merged-weights baseline it is measured against, a byte-bounded adapter cache,
 * and the per-example gradient over an adapter's parameters that attribution builds on.
 */
package org.openledger.prover.lora;
