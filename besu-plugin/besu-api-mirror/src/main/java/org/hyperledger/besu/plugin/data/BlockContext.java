// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: ethereum/core/plugin-api-chain/src/main/java/org/hyperledger/besu/plugin/data/BlockContext.java
package org.hyperledger.besu.plugin.data;

/** Signatures only. */
public interface BlockContext {
  BlockHeader getBlockHeader();

  BlockBody getBlockBody();
}
