package org.openledger.devnet.chain;

import java.math.BigInteger;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.devnet.rlp.Rlp;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;

/**
 * A block header with London's fields in London's RLP order, so its hash is computed the way every
 * Ethereum tool expects. A single-node devnet has no uncles, no proof of work and no randomness:
 * {@code sha3Uncles} is the hash of the empty list, difficulty 0, mixHash and nonce zero.
 * {@code stateRoot} is the devnet's write-set hash chain, not a Merkle Patricia root (see {@code
 * WriteSet#chainRoot}); the transactions and receipts roots are Ethereum's ordered tries.
 */
public record BlockHeader(
    Bytes32 parentHash,
    Address miner,
    Bytes32 stateRoot,
    Bytes32 transactionsRoot,
    Bytes32 receiptsRoot,
    Bytes logsBloom,
    long number,
    long gasLimit,
    long gasUsed,
    long timestamp,
    Bytes extraData,
    BigInteger baseFeePerGas) {

  /** keccak(rlp([])). */
  public static final Bytes32 EMPTY_UNCLES_HASH = Bytes32.wrap(Keccak.hash(Rlp.encodeList()));
  public static final Bytes32 MIX_HASH = Bytes32.ZERO;
  public static final Bytes NONCE = Bytes.wrap(new byte[8]);

  public BlockHeader {
    Objects.requireNonNull(parentHash);
    Objects.requireNonNull(miner);
    if (logsBloom.size() != LogsBloom.BYTES) throw new IllegalArgumentException("logs bloom is 256 bytes");
    if (extraData.size() > 32) throw new IllegalArgumentException("extraData is at most 32 bytes");
  }

  public byte[] rlp() {
    return Rlp.encodeList(
        Rlp.encodeBytes(parentHash.toArrayUnsafe()),
        Rlp.encodeBytes(EMPTY_UNCLES_HASH.toArrayUnsafe()),
        Rlp.encodeBytes(miner.toArrayUnsafe()),
        Rlp.encodeBytes(stateRoot.toArrayUnsafe()),
        Rlp.encodeBytes(transactionsRoot.toArrayUnsafe()),
        Rlp.encodeBytes(receiptsRoot.toArrayUnsafe()),
        Rlp.encodeBytes(logsBloom.toArrayUnsafe()),
        Rlp.encodeUint(0),
        Rlp.encodeUint(number),
        Rlp.encodeUint(gasLimit),
        Rlp.encodeUint(gasUsed),
        Rlp.encodeUint(timestamp),
        Rlp.encodeBytes(extraData.toArrayUnsafe()),
        Rlp.encodeBytes(MIX_HASH.toArrayUnsafe()),
        Rlp.encodeBytes(NONCE.toArrayUnsafe()),
        Rlp.encodeUint(baseFeePerGas));
  }

  public Bytes32 hash() {
    return Bytes32.wrap(Keccak.hash(rlp()));
  }

  public static BlockHeader fromRlp(byte[] rlp) {
    Rlp.Seq f = Rlp.decode(rlp).seq("header");
    return new BlockHeader(
        Bytes32.wrap(f.get(0).str("parentHash").bytes()),
        Address.wrap(f.get(2).str("miner").bytes()),
        Bytes32.wrap(f.get(3).str("stateRoot").bytes()),
        Bytes32.wrap(f.get(4).str("transactionsRoot").bytes()),
        Bytes32.wrap(f.get(5).str("receiptsRoot").bytes()),
        Bytes.wrap(f.get(6).str("logsBloom").bytes()),
        f.get(8).str("number").uint64("number"),
        f.get(9).str("gasLimit").uint64("gasLimit"),
        f.get(10).str("gasUsed").uint64("gasUsed"),
        f.get(11).str("timestamp").uint64("timestamp"),
        Bytes.wrap(f.get(12).str("extraData").bytes()),
        f.get(15).str("baseFeePerGas").uint("baseFeePerGas"));
  }
}
