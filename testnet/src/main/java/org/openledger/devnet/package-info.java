/**
 * The embedded single-node devnet (issue [4/9]).
 */
package org.openledger.devnet;
