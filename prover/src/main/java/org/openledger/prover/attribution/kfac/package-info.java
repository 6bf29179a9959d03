/**
 * Influence for the MLP without ever forming a d×d matrix (DESIGN §6): per layer, Kronecker
 * factors of the damped Gauss–Newton Hessian with eigenvalue correction (EK-FAC), and an
 * attribution basis whose rows are Kronecker products {@code b_out ⊗ b_in} of the factors'
 * eigenvectors, whitened by H^{-1/2} — so a row is two short vectors, and projecting a layer
 * gradient {@code G = s ãᵀ} onto it is {@code (b_outᵀ s)(b_inᵀ ã)}.
 *
 * <p>Sign convention of docs/attribution.md §1: training gradients are the <em>negative</em> loss
 * gradients, queries the gradient of the margin of the returned class, and
 * {@code τ_i = ∇f(x)ᵀ H⁻¹ g_i}.
 */
package org.openledger.prover.attribution.kfac;
