/**
 * Compute backends behind one small API: OpenCL (LWJGL) and CPU paths (issue [6/9]).
 */
package org.openledger.compute;
