// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: evm/src/main/java/org/hyperledger/besu/evm/frame/BlockValues.java
package org.hyperledger.besu.evm.frame;

/** Signatures only. */
public interface BlockValues {
  default long getNumber() {
    return 0L;
  }

  default long getTimestamp() {
    return 0L;
  }
}
