// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: datatypes/src/main/java/org/hyperledger/besu/datatypes/Address.java
package org.hyperledger.besu.datatypes;

import org.apache.tuweni.bytes.Bytes;

/** Signatures only. */
public class Address extends BytesHolder {
  protected Address(final Bytes bytes) {
    super(bytes);
  }

  public static Address wrap(final Bytes value) {
    if (value.size() != 20) throw new IllegalArgumentException("An account address must be 20 bytes long, got " + value.size());
    return new Address(value);
  }
}
