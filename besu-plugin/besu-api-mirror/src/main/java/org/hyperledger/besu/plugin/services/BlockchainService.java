// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: ethereum/core/plugin-api-chain/src/main/java/org/hyperledger/besu/plugin/services/BlockchainService.java
package org.hyperledger.besu.plugin.services;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.hyperledger.besu.datatypes.Hash;
import org.hyperledger.besu.plugin.data.BlockContext;
import org.hyperledger.besu.plugin.data.BlockHeader;
import org.hyperledger.besu.plugin.data.TransactionReceipt;

/** Signatures only. Besu's implementation (BlockchainServiceImpl) holds the protocol schedule in a private field: see the plugin's ScheduleInstaller. */
public interface BlockchainService extends BesuService {
  Optional<BlockContext> getBlockByNumber(final long number);

  Optional<List<TransactionReceipt>> getReceiptsByBlockHash(Hash blockHash);

  BlockHeader getChainHeadHeader();

  Optional<BigInteger> getChainId();
}
