// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: evm/src/main/java/org/hyperledger/besu/evm/worldstate/WorldView.java
package org.hyperledger.besu.evm.worldstate;

import org.hyperledger.besu.datatypes.Address;
import org.hyperledger.besu.evm.account.Account;

/** Signatures only. */
public interface WorldView {
  Account get(Address address);
}
