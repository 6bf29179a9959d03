// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: plugin-api/core/src/main/java/org/hyperledger/besu/plugin/data/BlockBody.java
package org.hyperledger.besu.plugin.data;

import java.util.List;
import org.hyperledger.besu.datatypes.Transaction;

/** Signatures only. */
public interface BlockBody {
  List<? extends Transaction> getTransactions();
}
