// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: plugin-api/core/src/main/java/org/hyperledger/besu/plugin/data/Log.java
package org.hyperledger.besu.plugin.data;

import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.hyperledger.besu.datatypes.Address;
import org.hyperledger.besu.datatypes.LogTopic;

/** Signatures only: a log as receipts hand it to plugins. */
public interface Log {
  Address getLogger();

  List<LogTopic> getTopics();

  Bytes getData();
}
