// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: datatypes/src/main/java/org/hyperledger/besu/datatypes/Hash.java
package org.hyperledger.besu.datatypes;

import org.apache.tuweni.bytes.Bytes32;

/** Signatures only. */
public class Hash extends BytesHolder {
  protected Hash(final Bytes32 bytes) {
    super(bytes);
  }

  public static Hash wrap(final Bytes32 bytes) {
    return new Hash(bytes);
  }

  public static Hash fromHexString(final String str) {
    return new Hash(Bytes32.fromHexStringStrict(str));
  }
}
