package org.openledger.devnet.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.devnet.chain.Block;
import org.openledger.devnet.chain.Chain;
import org.openledger.devnet.chain.LogsBloom;
import org.openledger.devnet.chain.Receipt;
import org.openledger.devnet.rpc.RpcException;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.host.Log;

/**
 * {@code eth_getLogs}: a block range (or one block by hash), addresses (any of) and topics by
 * position (null matches anything, an array matches any of its members). Blocks whose bloom rules
 * the filter out are skipped without reading their receipts.
 */
final class LogQuery {
  private static final Set<String> FIELDS = Set.of("fromBlock", "toBlock", "address", "topics", "blockHash");

  private final List<Address> addresses = new ArrayList<>();
  /** Per position: null for a wildcard, else the accepted topics. */
  private final List<List<Bytes32>> topics = new ArrayList<>();
  private final BlockParam from;
  private final BlockParam to;
  private final Bytes32 blockHash;

  LogQuery(JsonNode filter) {
    if (!filter.isObject()) throw Params.invalid("filter: want an object");
    for (Iterator<String> it = filter.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) throw Params.invalid("filter: unknown field '" + f + "'");
    }
    JsonNode address = filter.get("address");
    if (address != null && !address.isNull()) {
      if (address.isArray()) {
        for (JsonNode a : address) addresses.add(Params.address(a, "filter.address"));
      } else {
        addresses.add(Params.address(address, "filter.address"));
      }
    }
    JsonNode t = filter.get("topics");
    if (t != null && !t.isNull()) {
      if (!t.isArray()) throw Params.invalid("filter.topics: want an array");
      if (t.size() > 4) throw Params.invalid("filter.topics: at most 4 positions");
      for (JsonNode position : t) {
        if (position.isNull()) {
          topics.add(null);
        } else if (position.isArray()) {
          List<Bytes32> any = new ArrayList<>();
          for (JsonNode x : position) any.add(Params.hash(x, "filter.topics"));
          topics.add(any.isEmpty() ? null : any);
        } else {
          topics.add(List.of(Params.hash(position, "filter.topics")));
        }
      }
    }
    JsonNode hash = filter.get("blockHash");
    blockHash = hash == null || hash.isNull() ? null : Params.hash(hash, "filter.blockHash");
    JsonNode f = filter.get("fromBlock");
    JsonNode tt = filter.get("toBlock");
    if (blockHash != null && ((f != null && !f.isNull()) || (tt != null && !tt.isNull()))) {
      throw Params.invalid("filter: blockHash excludes fromBlock and toBlock");
    }
    from = f == null || f.isNull() ? BlockParam.latest() : Params.block(f, "filter.fromBlock");
    to = tt == null || tt.isNull() ? BlockParam.latest() : Params.block(tt, "filter.toBlock");
  }

  ArrayNode run(Chain chain, Limits limits) {
    ArrayNode out = Json.F.arrayNode();
    if (blockHash != null) {
      Block b = chain.block(blockHash).orElseThrow(() -> new RpcException(RpcException.TRANSACTION_REFUSED, "unknown block"));
      collect(chain, b, out, limits);
      return out;
    }
    long head = chain.head().number();
    long first = from.resolve(head);
    long last = Math.min(to.resolve(head), head);
    if (first > last) {
      if (first > head) return out;
      throw Params.invalid("filter: fromBlock " + first + " is after toBlock " + last);
    }
    if (last - first + 1 > limits.maxLogBlockRange()) {
      throw new RpcException(RpcException.LIMIT_EXCEEDED, "query exceeds max block range " + limits.maxLogBlockRange());
    }
    for (long n = first; n <= last; n++) {
      Block b = chain.block(n).orElseThrow();
      collect(chain, b, out, limits);
    }
    return out;
  }

  private void collect(Chain chain, Block block, ArrayNode out, Limits limits) {
    if (block.transactionHashes().isEmpty() || !bloomMatches(block)) return;
    for (Receipt r : chain.receipts(block)) {
      for (int i = 0; i < r.logs().size(); i++) {
        Log log = r.logs().get(i);
        if (!matches(log)) continue;
        if (out.size() >= limits.maxLogResults()) {
          throw new RpcException(RpcException.LIMIT_EXCEEDED, "query returned more than " + limits.maxLogResults() + " results");
        }
        out.add(Json.log(log, r, r.firstLogIndex() + i));
      }
    }
  }

  private boolean bloomMatches(Block block) {
    var bloom = block.header().logsBloom();
    if (!addresses.isEmpty() && addresses.stream().noneMatch(a -> LogsBloom.mayContain(bloom, a))) return false;
    for (List<Bytes32> any : topics) {
      if (any != null && any.stream().noneMatch(t -> LogsBloom.mayContain(bloom, t))) return false;
    }
    return true;
  }

  private boolean matches(Log log) {
    if (!addresses.isEmpty() && !addresses.contains(log.address())) return false;
    // As geth: a filter with more topic positions than the log has topics does not match it.
    if (topics.size() > log.topics().size()) return false;
    for (int i = 0; i < topics.size(); i++) {
      List<Bytes32> any = topics.get(i);
      if (any != null && !any.contains(log.topics().get(i))) return false;
    }
    return true;
  }
}
