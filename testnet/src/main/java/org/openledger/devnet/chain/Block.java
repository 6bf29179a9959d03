package org.openledger.devnet.chain;

import java.util.List;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A sealed block: its header, hash and the hashes of its transactions in order.
 *
 * @param size the byte length of the block's RLP ({@code [header, transactions, uncles]}), as {@code eth_getBlockBy*} reports it
 */
public record Block(BlockHeader header, Bytes32 hash, List<Bytes32> transactionHashes, long size) {
  public Block {
    transactionHashes = List.copyOf(transactionHashes);
  }

  public long number() {
    return header.number();
  }
}
