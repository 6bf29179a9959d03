// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: datatypes/src/main/java/org/hyperledger/besu/datatypes/LogsBloomFilter.java
package org.hyperledger.besu.datatypes;

import org.apache.tuweni.bytes.Bytes;

/** Signatures only: the plugin reads the 256 bytes (getBytes) and tests bits itself. */
public class LogsBloomFilter extends BytesHolder {
  public static final int BYTE_SIZE = 256;

  public LogsBloomFilter(final Bytes data) {
    super(data);
    if (data.size() != BYTE_SIZE) throw new IllegalArgumentException("Invalid size for bloom filter backing array: " + data.size()); // mirror-only
  }
}
