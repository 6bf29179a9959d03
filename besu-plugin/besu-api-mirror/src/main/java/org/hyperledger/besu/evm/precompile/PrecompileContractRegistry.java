// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: evm/src/main/java/org/hyperledger/besu/evm/precompile/PrecompileContractRegistry.java
package org.hyperledger.besu.evm.precompile;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.hyperledger.besu.datatypes.Address;

/** Signatures only. */
public class PrecompileContractRegistry {
  private final Map<Address, PrecompiledContract> precompiles = new HashMap<>(16);

  public PrecompiledContract get(final Address address) {
    return precompiles.get(address);
  }

  public void put(final Address address, final PrecompiledContract precompile) {
    precompiles.put(address, precompile);
  }

  public Set<Address> getPrecompileAddresses() {
    return Collections.unmodifiableSet(precompiles.keySet());
  }
}
