package org.openledger.devnet.transaction;

import java.util.List;
import org.apache.tuweni.bytes.Bytes;

/** Gas a transaction pays before anything runs: Ethereum's (Berlin/London) intrinsic cost, without creation. */
public final class IntrinsicGas {
  private IntrinsicGas() {}

  public static final long TRANSACTION = 21_000;
  public static final long ZERO_BYTE = 4;
  /** EIP-2028. */
  public static final long NON_ZERO_BYTE = 16;
  /** EIP-2930. */
  public static final long ACCESS_LIST_ADDRESS = 2_400;
  public static final long ACCESS_LIST_STORAGE_KEY = 1_900;

  public static long of(Bytes data, List<AccessListEntry> accessList) {
    long gas = TRANSACTION;
    int n = data.size();
    for (int i = 0; i < n; i++) gas += data.get(i) == 0 ? ZERO_BYTE : NON_ZERO_BYTE;
    for (AccessListEntry e : accessList) {
      gas += ACCESS_LIST_ADDRESS + ACCESS_LIST_STORAGE_KEY * e.storageKeys().size();
    }
    return gas;
  }

  public static long of(Transaction tx) {
    return of(tx.data(), tx.accessList());
  }
}
