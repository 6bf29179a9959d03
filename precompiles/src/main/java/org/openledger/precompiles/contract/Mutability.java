package org.openledger.precompiles.contract;

/** Solidity's state mutability, which decides whether a function may receive value or write. */
public enum Mutability {
  PURE,
  VIEW,
  NONPAYABLE,
  PAYABLE;

  public String solidity() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public boolean writes() {
    return this == NONPAYABLE || this == PAYABLE;
  }
}
