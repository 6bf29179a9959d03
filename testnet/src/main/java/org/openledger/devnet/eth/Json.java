package org.openledger.devnet.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.devnet.chain.Block;
import org.openledger.devnet.chain.BlockHeader;
import org.openledger.devnet.chain.Receipt;
import org.openledger.devnet.transaction.AccessListEntry;
import org.openledger.devnet.transaction.Transaction;
import org.openledger.devnet.transaction.TransactionType;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.host.Log;

/** The JSON shapes of Ethereum's JSON-RPC: hex quantities and data, blocks, transactions, receipts, logs. */
public final class Json {
  public static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Json() {}

  public static TextNode hex(long v) {
    return TextNode.valueOf("0x" + Long.toHexString(v));
  }

  public static TextNode hex(BigInteger v) {
    return TextNode.valueOf("0x" + v.toString(16));
  }

  public static TextNode data(Bytes b) {
    return TextNode.valueOf(b.toHexString());
  }

  public static JsonNode address(Address a) {
    return a == null ? F.nullNode() : TextNode.valueOf(a.toHexString());
  }

  public static ObjectNode block(Block block, List<Transaction> fullTransactions) {
    BlockHeader h = block.header();
    ObjectNode o = F.objectNode();
    o.set("number", hex(h.number()));
    o.set("hash", data(block.hash()));
    o.set("parentHash", data(h.parentHash()));
    o.set("nonce", data(BlockHeader.NONCE));
    o.set("mixHash", data(BlockHeader.MIX_HASH));
    o.set("sha3Uncles", data(BlockHeader.EMPTY_UNCLES_HASH));
    o.set("logsBloom", data(h.logsBloom()));
    o.set("transactionsRoot", data(h.transactionsRoot()));
    o.set("stateRoot", data(h.stateRoot()));
    o.set("receiptsRoot", data(h.receiptsRoot()));
    o.set("miner", address(h.miner()));
    o.set("difficulty", hex(0));
    o.set("totalDifficulty", hex(0));
    o.set("extraData", data(h.extraData()));
    o.set("size", hex(block.size()));
    o.set("gasLimit", hex(h.gasLimit()));
    o.set("gasUsed", hex(h.gasUsed()));
    o.set("timestamp", hex(h.timestamp()));
    o.set("baseFeePerGas", hex(h.baseFeePerGas()));
    ArrayNode txs = o.putArray("transactions");
    if (fullTransactions == null) {
      for (Bytes32 t : block.transactionHashes()) txs.add(data(t));
    } else {
      for (int i = 0; i < fullTransactions.size(); i++) txs.add(transaction(fullTransactions.get(i), block, i));
    }
    o.putArray("uncles");
    return o;
  }

  /** A transaction; {@code block} null for a pending one. */
  public static ObjectNode transaction(Transaction tx, Block block, int index) {
    ObjectNode o = F.objectNode();
    o.set("blockHash", block == null ? F.nullNode() : data(block.hash()));
    o.set("blockNumber", block == null ? F.nullNode() : hex(block.number()));
    o.set("transactionIndex", block == null ? F.nullNode() : hex(index));
    o.set("hash", data(tx.hash()));
    o.set("type", hex(tx.type().code()));
    o.set("from", address(tx.sender()));
    o.set("to", address(tx.to()));
    o.set("nonce", hex(tx.nonce()));
    o.set("gas", hex(tx.gasLimit()));
    o.set("value", hex(tx.value()));
    o.set("input", data(tx.data()));
    if (tx.type() == TransactionType.EIP1559) {
      o.set("maxFeePerGas", hex(tx.maxFeePerGas()));
      o.set("maxPriorityFeePerGas", hex(tx.maxPriorityFeePerGas()));
      // What was paid once mined; the cap while pending (geth does the same).
      o.set("gasPrice", hex(block == null ? tx.maxFeePerGas() : tx.effectiveGasPrice(block.header().baseFeePerGas())));
    } else {
      o.set("gasPrice", hex(tx.maxFeePerGas()));
    }
    if (tx.type() != TransactionType.LEGACY) {
      ArrayNode al = o.putArray("accessList");
      for (AccessListEntry e : tx.accessList()) {
        ObjectNode entry = al.addObject();
        entry.set("address", address(e.address()));
        ArrayNode keys = entry.putArray("storageKeys");
        for (Bytes32 k : e.storageKeys()) keys.add(data(k));
      }
      o.set("yParity", hex(tx.yParity()));
    }
    o.set("chainId", hex(tx.chainId()));
    o.set("v", hex(tx.v()));
    o.set("r", hex(tx.r()));
    o.set("s", hex(tx.s()));
    return o;
  }

  public static ObjectNode receipt(Receipt r) {
    ObjectNode o = F.objectNode();
    o.set("transactionHash", data(r.transactionHash()));
    o.set("transactionIndex", hex(r.transactionIndex()));
    o.set("blockHash", data(r.blockHash()));
    o.set("blockNumber", hex(r.blockNumber()));
    o.set("from", address(r.from()));
    o.set("to", address(r.to()));
    o.set("cumulativeGasUsed", hex(r.cumulativeGasUsed()));
    o.set("gasUsed", hex(r.gasUsed()));
    o.set("effectiveGasPrice", hex(r.effectiveGasPrice()));
    o.set("contractAddress", F.nullNode());
    ArrayNode logs = o.putArray("logs");
    for (int i = 0; i < r.logs().size(); i++) logs.add(log(r.logs().get(i), r, r.firstLogIndex() + i));
    o.set("logsBloom", data(r.logsBloom()));
    o.set("type", hex(r.type().code()));
    o.set("status", hex(r.success() ? 1 : 0));
    // Besu's field: the revert data (a custom error) of a failed call, so tools can decode it.
    if (!r.success() && !r.output().isEmpty()) o.set("revertReason", data(r.output()));
    return o;
  }

  public static ObjectNode log(Log log, Receipt r, int logIndex) {
    ObjectNode o = F.objectNode();
    o.set("address", address(log.address()));
    ArrayNode topics = o.putArray("topics");
    for (Bytes32 t : log.topics()) topics.add(data(t));
    o.set("data", data(log.data()));
    o.set("blockNumber", hex(r.blockNumber()));
    o.set("blockHash", data(r.blockHash()));
    o.set("transactionHash", data(r.transactionHash()));
    o.set("transactionIndex", hex(r.transactionIndex()));
    o.set("logIndex", hex(logIndex));
    o.put("removed", false);
    return o;
  }
}
