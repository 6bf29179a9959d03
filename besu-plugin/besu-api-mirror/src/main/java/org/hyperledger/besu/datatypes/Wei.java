// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: datatypes/src/main/java/org/hyperledger/besu/datatypes/Wei.java
package org.hyperledger.besu.datatypes;

import java.math.BigInteger;
import java.util.Objects;

/** Signatures only; Besu's extends tuweni's BaseUInt256Value, which the adapter does not use. */
public final class Wei {
  private final BigInteger value;

  private Wei(final BigInteger value) { // mirror-only
    if (value.signum() < 0 || value.bitLength() > 256) throw new IllegalArgumentException("not a uint256: " + value);
    this.value = value;
  }

  public static Wei of(final BigInteger value) {
    return new Wei(value);
  }

  public BigInteger getAsBigInteger() {
    return value;
  }

  @Override
  public boolean equals(final Object o) { // mirror-only
    return o instanceof Wei w && value.equals(w.value);
  }

  @Override
  public int hashCode() { // mirror-only
    return Objects.hash(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
