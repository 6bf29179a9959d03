package org.openledger.devnet;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.devnet.chain.Block;
import org.openledger.devnet.chain.Chain;
import org.openledger.devnet.chain.Receipt;
import org.openledger.devnet.crypto.Recoveries;
import org.openledger.devnet.genesis.GenesisConfig;
import org.openledger.precompiles.Address;

/** A chain in a temporary directory, sealed by hand (no producer thread): deterministic tests. */
public final class TestChain implements AutoCloseable {
  public final Path dir;
  public final GenesisConfig genesis;
  public Chain chain;

  public TestChain(Path dir) {
    this(dir, GenesisConfig.defaultDevnet());
  }

  public TestChain(Path dir, GenesisConfig genesis) {
    this.dir = dir;
    this.genesis = genesis;
    this.chain = Chain.open(dir, genesis, Recoveries.best(), 10_000, Clock.systemUTC());
  }

  /** Closes and opens the same directory again, as a restarted node does. */
  public TestChain reopen() {
    chain.close();
    chain = Chain.open(dir, genesis, Recoveries.best(), 10_000, Clock.systemUTC());
    return this;
  }

  public Bytes32 send(byte[] raw) {
    return chain.submit(raw);
  }

  /** Submits, seals one block, returns the receipt. */
  public Receipt include(byte[] raw) {
    Bytes32 hash = send(raw);
    Block b = chain.seal();
    if (!b.transactionHashes().contains(hash)) throw new AssertionError("transaction " + hash + " not included");
    return chain.receipt(hash).orElseThrow();
  }

  public BigInteger balance(Address a) {
    return chain.state().balance(a);
  }

  public long nonce(Address a) {
    return chain.state().nonce(a);
  }

  /** Sum of every balance plus the burned total: must always equal the genesis supply. */
  public BigInteger accounted() {
    return chain.state().balances().values().stream().reduce(BigInteger.ZERO, BigInteger::add).add(chain.burned());
  }

  public Map<Address, BigInteger> balances() {
    return chain.state().balances();
  }

  public static Bytes noData() {
    return Bytes.EMPTY;
  }

  @Override
  public void close() {
    chain.close();
  }
}
