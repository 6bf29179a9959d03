// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: plugin-api/core/src/main/java/org/hyperledger/besu/plugin/data/BlockHeader.java
// besu: plugin-api/core/src/main/java/org/hyperledger/besu/plugin/data/ProcessableBlockHeader.java
package org.hyperledger.besu.plugin.data;

import org.hyperledger.besu.datatypes.Hash;
import org.hyperledger.besu.datatypes.LogsBloomFilter;

/** Signatures only: getNumber and getTimestamp are declared on ProcessableBlockHeader, which BlockHeader extends. */
public interface BlockHeader {
  long getNumber();

  long getTimestamp();

  LogsBloomFilter getLogsBloom();

  Hash getBlockHash();
}
