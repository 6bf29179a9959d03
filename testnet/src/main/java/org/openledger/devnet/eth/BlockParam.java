package org.openledger.devnet.eth;

/**
 * A block parameter: a tag or a number. On a single node that seals its own blocks, {@code safe}
 * and {@code finalized} are the head (nothing can reorganise), and {@code pending} reads the head
 * state (with the pool's nonces for {@code eth_getTransactionCount}).
 */
public record BlockParam(Tag tag, long number) {
  public enum Tag { LATEST, EARLIEST, PENDING, SAFE, FINALIZED, NUMBER }

  public static BlockParam latest() {
    return new BlockParam(Tag.LATEST, -1);
  }

  public static BlockParam number(long n) {
    return new BlockParam(Tag.NUMBER, n);
  }

  /** The block number this parameter names when the head is {@code head}. */
  public long resolve(long head) {
    return switch (tag) {
      case EARLIEST -> 0;
      case NUMBER -> number;
      default -> head;
    };
  }
}
