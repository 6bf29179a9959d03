// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: evm/src/main/java/org/hyperledger/besu/evm/frame/ExceptionalHaltReason.java
package org.hyperledger.besu.evm.frame;

/** Signatures only. */
public interface ExceptionalHaltReason {
  ExceptionalHaltReason INSUFFICIENT_GAS = DefaultExceptionalHaltReason.INSUFFICIENT_GAS;

  ExceptionalHaltReason PRECOMPILE_ERROR = DefaultExceptionalHaltReason.PRECOMPILE_ERROR;

  String name();

  String getDescription();

  enum DefaultExceptionalHaltReason implements ExceptionalHaltReason {
    INSUFFICIENT_GAS("Out of gas"),
    PRECOMPILE_ERROR("Precompile error");

    final String description;

    DefaultExceptionalHaltReason(final String description) {
      this.description = description;
    }

    @Override
    public String getDescription() {
      return description;
    }
  }
}
