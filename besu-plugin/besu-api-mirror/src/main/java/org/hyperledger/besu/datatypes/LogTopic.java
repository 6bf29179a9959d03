// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: datatypes/src/main/java/org/hyperledger/besu/datatypes/LogTopic.java
package org.hyperledger.besu.datatypes;

import org.apache.tuweni.bytes.Bytes32;

/** Signatures only. */
public class LogTopic extends BytesHolder {
  protected LogTopic(final Bytes32 bytes) {
    super(bytes);
  }

  public static LogTopic create(final Bytes32 bytes) {
    return new LogTopic(bytes);
  }
}
