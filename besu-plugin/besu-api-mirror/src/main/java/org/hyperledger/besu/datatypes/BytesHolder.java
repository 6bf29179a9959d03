// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: datatypes/src/main/java/org/hyperledger/besu/datatypes/BytesHolder.java
package org.hyperledger.besu.datatypes;

import org.apache.tuweni.bytes.Bytes;

/** Signatures only. Equality by bytes, as Besu's. */
public class BytesHolder {
  private final Bytes value;

  protected BytesHolder(final Bytes value) {
    this.value = value;
  }

  public final Bytes getBytes() {
    return value;
  }

  public final String toHexString() {
    return value.toHexString();
  }

  @Override
  public boolean equals(final Object obj) {
    return obj instanceof BytesHolder other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value.toHexString();
  }
}
