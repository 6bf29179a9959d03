/**
 * The Besu adapter: native contracts as Besu precompiles (issue [5/9]).
 */
package org.openledger.besu;
