/**
 * The devnet's genesis as a Besu QBFT genesis: the same chain id, gas limit, base fee, allocations
 * and native-contract state, so a Besu network with the OpenLedger plugin starts exactly where the
 * devnet does. The validator set ({@code extraData}) is left to Besu's
 * {@code operator generate-blockchain-config} (see testnet/besu/README.md).
 */
package org.openledger.devnet.besu;
