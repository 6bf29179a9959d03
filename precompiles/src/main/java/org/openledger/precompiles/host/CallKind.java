package org.openledger.precompiles.host;

/** How a native contract was reached, as the EVM's call opcodes name it. */
public enum CallKind {
  CALL,
  STATICCALL,
  /** Refused: a native contract's storage always lives at its own address. */
  DELEGATECALL,
  /** Refused for the same reason as {@link #DELEGATECALL}. */
  CALLCODE
}
