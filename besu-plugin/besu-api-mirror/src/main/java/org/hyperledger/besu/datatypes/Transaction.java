// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: datatypes/src/main/java/org/hyperledger/besu/datatypes/Transaction.java
package org.hyperledger.besu.datatypes;

/** Signatures only. */
public interface Transaction {
  Hash getHash();
}
