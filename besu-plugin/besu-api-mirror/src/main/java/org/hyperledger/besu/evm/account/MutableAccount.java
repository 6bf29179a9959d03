// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: evm/src/main/java/org/hyperledger/besu/evm/account/MutableAccount.java
package org.hyperledger.besu.evm.account;

import org.apache.tuweni.units.bigints.UInt256;
import org.hyperledger.besu.datatypes.Wei;

/** Signatures only. */
public interface MutableAccount extends Account {
  void setBalance(Wei value);

  void setStorageValue(UInt256 key, UInt256 value);
}
