/**
 * OpenLedger's protocol contracts, written on the native-contract framework (issue [2/9]).
 */
package org.openledger.contracts;
