// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: plugin-api/core/src/main/java/org/hyperledger/besu/plugin/ServiceManager.java
package org.hyperledger.besu.plugin;

import java.util.Optional;
import org.hyperledger.besu.plugin.services.BesuService;

/** Signatures only. */
public interface ServiceManager {
  <T extends BesuService> void addService(final Class<T> serviceType, final T service);

  <T extends BesuService> Optional<T> getService(Class<T> serviceType);
}
