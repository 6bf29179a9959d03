/**
 * The OpenCL backend through LWJGL: device discovery, one context and queue per backend, kernels
 * compiled once per context, device buffers released by the call that made them.
 */
package org.openledger.compute.opencl;
