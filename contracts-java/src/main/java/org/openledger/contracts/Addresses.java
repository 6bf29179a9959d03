package org.openledger.contracts;

import org.openledger.precompiles.Address;

/**
 * The fixed addresses of OpenLedger's native contracts (DESIGN §3). Each holds the one-byte code
 * {@code 0xfe} in genesis so that tools and Solidity's extcodesize check see a contract.
 */
public final class Addresses {
  private Addresses() {}

  public static final Address DATANETS = Address.of(0x0a01);
  public static final Address MODELS = Address.of(0x0a02);
  public static final Address INFERENCE = Address.of(0x0a03);
  public static final Address STAKING = Address.of(0x0a04);
  public static final Address PROVERS = Address.of(0x0a05);
  public static final Address SERVICES = Address.of(0x0a06);
  public static final Address GOVERNOR = Address.of(0x0a07);
  /** The Timelock: sole caller of every privileged function, and holder of the treasury. */
  public static final Address TIMELOCK = Address.of(0x0a08);
  /** Every remainder, slash and unpaid share goes here. */
  public static final Address TREASURY = TIMELOCK;
}
