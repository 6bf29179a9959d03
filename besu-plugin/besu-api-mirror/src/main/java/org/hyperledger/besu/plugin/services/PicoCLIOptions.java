// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: plugin-api/core/src/main/java/org/hyperledger/besu/plugin/services/PicoCLIOptions.java
package org.hyperledger.besu.plugin.services;

/** Signatures only. */
public interface PicoCLIOptions extends BesuService {
  void addPicoCLIOptions(String namespace, Object optionObject);
}
