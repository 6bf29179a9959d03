// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: plugin-api/src/main/java/org/hyperledger/besu/plugin/services/WorldStateService.java
package org.hyperledger.besu.plugin.services;

import java.util.Optional;
import org.hyperledger.besu.datatypes.Hash;
import org.hyperledger.besu.evm.worldstate.WorldView;

/** Signatures only. Besu registers it after building the controller: available from start(), not register(). */
public interface WorldStateService extends BesuService {
  WorldView getWorldView();

  Optional<WorldView> getWorldView(final Hash blockHash);
}
