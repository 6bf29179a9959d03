package org.openledger.devnet.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.devnet.rlp.Rlp;
import org.openledger.devnet.transaction.TransactionType;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.host.Log;

/**
 * The outcome of one included transaction.
 *
 * @param success status 1 (the call succeeded or the transfer happened) or 0 (reverted or halted: only gas and nonce changed)
 * @param firstLogIndex the block-wide index of this receipt's first log
 * @param output the revert data when the call reverted (a custom error), else empty; not part of the consensus encoding
 */
public record Receipt(
    Bytes32 transactionHash,
    int transactionIndex,
    long blockNumber,
    Bytes32 blockHash,
    TransactionType type,
    Address from,
    Address to,
    boolean success,
    long gasUsed,
    long cumulativeGasUsed,
    BigInteger effectiveGasPrice,
    List<Log> logs,
    int firstLogIndex,
    Bytes output) {

  public Receipt {
    logs = List.copyOf(logs);
  }

  public Bytes logsBloom() {
    return LogsBloom.of(logs);
  }

  /** Ethereum's receipt encoding (EIP-2718: the type byte, then rlp([status, cumulativeGas, bloom, logs])): the receipts trie's values. */
  public byte[] consensusEncoding() {
    byte[] body = Rlp.encodeList(
        Rlp.encodeUint(success ? 1 : 0),
        Rlp.encodeUint(cumulativeGasUsed),
        Rlp.encodeBytes(logsBloom().toArrayUnsafe()),
        encodeLogs(logs));
    if (type == TransactionType.LEGACY) return body;
    byte[] out = new byte[body.length + 1];
    out[0] = (byte) type.code();
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  public static byte[] encodeLogs(List<Log> logs) {
    List<byte[]> items = new ArrayList<>(logs.size());
    for (Log log : logs) {
      List<byte[]> topics = new ArrayList<>(log.topics().size());
      for (Bytes32 t : log.topics()) topics.add(Rlp.encodeBytes(t.toArrayUnsafe()));
      items.add(Rlp.encodeList(Rlp.encodeBytes(log.address().toArrayUnsafe()), Rlp.encodeList(topics), Rlp.encodeBytes(log.data().toArrayUnsafe())));
    }
    return Rlp.encodeList(items);
  }

  public static List<Log> decodeLogs(Rlp.Item item) {
    List<Log> logs = new ArrayList<>();
    for (Rlp.Item l : item.seq("logs").items()) {
      Rlp.Seq f = l.seq("log");
      List<Bytes32> topics = new ArrayList<>();
      for (Rlp.Item t : f.get(1).seq("topics").items()) topics.add(Bytes32.wrap(t.str("topic").bytes()));
      logs.add(new Log(Address.wrap(f.get(0).str("address").bytes()), topics, Bytes.wrap(f.get(2).str("data").bytes())));
    }
    return logs;
  }
}
