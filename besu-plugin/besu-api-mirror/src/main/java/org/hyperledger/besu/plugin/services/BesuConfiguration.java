// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: services/kvstore/plugin-api/src/main/java/org/hyperledger/besu/plugin/services/BesuConfiguration.java
package org.hyperledger.besu.plugin.services;

import java.nio.file.Path;

/** Signatures only (Besu's has more: RPC host and port, storage path, database format, min gas price). */
public interface BesuConfiguration extends BesuService {
  Path getDataPath();
}
