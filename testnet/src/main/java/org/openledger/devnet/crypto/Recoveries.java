package org.openledger.devnet.crypto;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the recovery a node uses: native libsecp256k1 when it loads, Bouncy Castle otherwise. */
public final class Recoveries {
  private static final Logger LOG = LoggerFactory.getLogger(Recoveries.class);

  private Recoveries() {}

  private static final class Holder {
    static final SenderRecovery BEST = choose();
  }

  /** The fastest recovery this platform has, chosen once; a fallback is logged once as a warning. */
  public static SenderRecovery best() {
    return Holder.BEST;
  }

  private static SenderRecovery choose() {
    try {
      return NativeRecovery.load();
    } catch (Throwable e) {
      LOG.warn("native libsecp256k1 did not load ({}); recovering senders with Bouncy Castle, about 5x slower", e.toString());
      return new BouncyCastleRecovery();
    }
  }
}
