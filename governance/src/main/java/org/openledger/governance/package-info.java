/**
 * Governor and Timelock/Treasury as native contracts (issue [3/9]).
 */
package org.openledger.governance;
