package org.openledger.cli.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.openledger.cli.UserError;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.utils.Numeric;

/** The devnet's own methods that Ethereum clients do not have: sealing blocks on demand and the burn total. */
public final class DevChain {
  public static final class Hex extends Response<String> {}

  private final Connection node;

  public DevChain(Connection node) {
    this.node = node;
  }

  /** Blocks sealed per openledger_mine call: each call stays well inside the HTTP client's read timeout on a busy machine. */
  static final long MINE_CHUNK = 500;

  /** Seals {@code blocks} blocks now (openledger_mine, in chunks); returns the new head. */
  public BigInteger mine(long blocks) {
    BigInteger head = null;
    for (long left = blocks; left > 0 || head == null; left -= MINE_CHUNK) {
      long n = Math.min(Math.max(left, 0), MINE_CHUNK);
      head = Numeric.decodeQuantity(call(node, "openledger_mine", List.of(Numeric.encodeQuantity(BigInteger.valueOf(n))), NOT_A_DEVNET));
      if (left <= MINE_CHUNK) break;
    }
    return head;
  }

  /** Base fees burned since genesis, wei. */
  public BigInteger burned() {
    return Numeric.decodeQuantity(call(node, "openledger_burned", List.of(), NOT_A_DEVNET));
  }

  private static final String NOT_A_DEVNET = " — this is a devnet method; the node is not an OpenLedger devnet";

  /** Calls an {@code openledger_*} method that answers a hex string; {@code ifMissing} explains a -32601. */
  static String call(Connection node, String method, List<String> params, String ifMissing) {
    try {
      Hex r = new Request<>(method, params, node.service(), Hex.class).send();
      if (r.hasError()) {
        throw new UserError(method + " failed at " + node.url() + ": " + r.getError().getMessage()
            + (r.getError().getCode() == -32601 ? ifMissing : ""));
      }
      return r.getResult();
    } catch (IOException e) {
      throw Connection.unreachable(node.url(), e);
    }
  }
}
