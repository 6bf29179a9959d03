/** Dense matrices (row-major) and the results of factorising them. */
package org.openledger.compute.linalg;
