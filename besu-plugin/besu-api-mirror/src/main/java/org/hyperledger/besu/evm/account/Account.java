// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: evm/src/main/java/org/hyperledger/besu/evm/account/AccountState.java
package org.hyperledger.besu.evm.account;

import org.apache.tuweni.units.bigints.UInt256;
import org.hyperledger.besu.datatypes.Wei;

/** Signatures only: Besu declares these on AccountState, which Account extends. */
public interface Account {
  Wei getBalance();

  UInt256 getStorageValue(UInt256 key);
}
