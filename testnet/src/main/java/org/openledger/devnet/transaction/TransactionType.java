package org.openledger.devnet.transaction;

/** The transaction envelopes the devnet accepts (EIP-2718 type bytes). */
public enum TransactionType {
  /** Pre-typed, with EIP-155 replay protection (unprotected ones are refused). */
  LEGACY(0),
  /** EIP-2930: access list, one gas price. */
  ACCESS_LIST(1),
  /** EIP-1559: max fee and max priority fee. */
  EIP1559(2);

  private final int code;

  TransactionType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
