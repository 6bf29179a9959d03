// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: evm/src/main/java/org/hyperledger/besu/evm/worldstate/WorldUpdater.java
// besu: evm/src/main/java/org/hyperledger/besu/evm/worldstate/WorldView.java
package org.hyperledger.besu.evm.worldstate;

import org.hyperledger.besu.datatypes.Address;
import org.hyperledger.besu.evm.account.Account;
import org.hyperledger.besu.evm.account.MutableAccount;

/** Signatures only: get is WorldView's; getOrCreate is a default method in Besu. */
public interface WorldUpdater {
  Account get(Address address);

  MutableAccount getOrCreate(final Address address);
}
