package org.openledger.devnet.besu;

import java.math.BigInteger;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.devnet.chain.Chain;
import org.openledger.devnet.genesis.Genesis;
import org.openledger.devnet.genesis.GenesisConfig;
import org.openledger.devnet.state.BlockState;
import org.openledger.devnet.state.StateKey;
import org.openledger.devnet.state.WorldState;
import org.openledger.devnet.state.WriteSet;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.executor.Executor;
import org.openledger.precompiles.host.BlockContext;

/**
 * Block 0's accounts as the devnet computes them: {@link Genesis#apply} — markers, allocations, the
 * governance-only stakes and the parameter calls, through the devnet's own executor and fork
 * schedule — and every piece of state it wrote, per account. Running the real contracts (rather
 * than writing their storage layout by hand) is what keeps a Besu network's genesis identical to
 * the devnet's when a contract's layout changes.
 */
public final class GenesisState {
  private GenesisState() {}

  /** Every account block 0 holds, by address. */
  public static SortedMap<Address, GenesisAccount> of(GenesisConfig config) {
    BlockState state = new BlockState(new WorldState(), new BlockContext(0, config.timestamp(), config.chainId()));
    Genesis.apply(config, state, new Executor(Chain.forks()));
    return accounts(state.writeSet());
  }

  static SortedMap<Address, GenesisAccount> accounts(WriteSet writes) {
    TreeMap<Address, GenesisAccount> out = new TreeMap<>();
    for (Map.Entry<StateKey, byte[]> e : writes.writes().entrySet()) {
      StateKey key = e.getKey();
      byte[] v = e.getValue();
      if (key.kind() == StateKey.BURNED) {
        // The devnet's running total of burned fees; genesis burns nothing, and Besu has no such account.
        if (v.length != 0 && new BigInteger(1, v).signum() != 0) throw new IllegalStateException("genesis burned " + new BigInteger(1, v) + " wei");
        continue;
      }
      Address a = key.account();
      GenesisAccount acc = out.getOrDefault(a, GenesisAccount.EMPTY);
      acc = switch (key.kind()) {
        case StateKey.BALANCE -> acc.withBalance(new BigInteger(1, v));
        case StateKey.NONCE -> acc.withNonce(new BigInteger(1, v).longValueExact());
        case StateKey.CODE -> acc.withCode(Bytes.wrap(v));
        case StateKey.STORAGE -> acc.withStorage(key.slot(), v.length == 0 ? Bytes32.ZERO : Bytes32.leftPad(Bytes.wrap(v)));
        default -> throw new IllegalStateException("unknown state key kind " + (char) key.kind());
      };
      out.put(a, acc);
    }
    out.values().removeIf(GenesisAccount.EMPTY::equals);
    return Collections.unmodifiableSortedMap(out);
  }
}
