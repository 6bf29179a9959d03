/** The CPU backend: native OpenBLAS/LAPACK through netlib, Vector API kernels, parallel Keccak. */
package org.openledger.compute.cpu;
