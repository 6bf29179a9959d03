package org.openledger.devnet.store;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.devnet.chain.Block;
import org.openledger.devnet.chain.BlockHeader;
import org.openledger.devnet.chain.Receipt;
import org.openledger.devnet.rlp.Rlp;
import org.openledger.devnet.state.StateKey;
import org.openledger.devnet.state.WorldState;
import org.openledger.devnet.state.WriteSet;
import org.openledger.devnet.transaction.TransactionType;
import org.openledger.precompiles.Address;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The chain on disk, in RocksDB. Each block is one {@link WriteBatch} written with {@code
 * sync=true}: the header, its transactions and receipts, their hash index, the state writes and
 * the new head all land together or not at all. So a receipt the node has answered with is on
 * disk, and a restart resumes at the last block whose batch completed.
 *
 * <p>Column families: {@code blocks} (number → header, transaction hashes, size), {@code
 * blockHashes} (hash → number), {@code transactions} (hash → bytes, sender, location), {@code
 * receipts} (transaction hash → receipt), {@code state} ({@link StateKey} → value), {@code
 * content} (keccak → bytes, the content store) and the default family for meta (head, genesis hash).
 */
public final class ChainStore implements AutoCloseable {
  private static final byte[] HEAD = "head".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] GENESIS = "genesis".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final List<String> FAMILIES = List.of("blocks", "blockHashes", "transactions", "receipts", "state", "content");

  static {
    RocksDB.loadLibrary();
  }

  private final RocksDB db;
  private final DBOptions options;
  private final ColumnFamilyOptions familyOptions;
  private final List<ColumnFamilyHandle> handles;
  private final ColumnFamilyHandle meta;
  private final ColumnFamilyHandle blocks;
  private final ColumnFamilyHandle blockHashes;
  private final ColumnFamilyHandle transactions;
  private final ColumnFamilyHandle receipts;
  private final ColumnFamilyHandle state;
  private final ColumnFamilyHandle content;
  private final WriteOptions syncWrite;

  private ChainStore(RocksDB db, DBOptions options, ColumnFamilyOptions familyOptions, List<ColumnFamilyHandle> handles) {
    this.db = db;
    this.options = options;
    this.familyOptions = familyOptions;
    this.handles = handles;
    this.meta = handles.get(0);
    this.blocks = handles.get(1);
    this.blockHashes = handles.get(2);
    this.transactions = handles.get(3);
    this.receipts = handles.get(4);
    this.state = handles.get(5);
    this.content = handles.get(6);
    this.syncWrite = new WriteOptions().setSync(true);
  }

  public static ChainStore open(Path directory) {
    try {
      Files.createDirectories(directory);
      DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
      ColumnFamilyOptions familyOptions = new ColumnFamilyOptions();
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions));
      for (String f : FAMILIES) descriptors.add(new ColumnFamilyDescriptor(f.getBytes(java.nio.charset.StandardCharsets.US_ASCII), familyOptions));
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      RocksDB db = RocksDB.open(options, directory.toString(), descriptors, handles);
      return new ChainStore(db, options, familyOptions, handles);
    } catch (RocksDBException | java.io.IOException e) {
      throw new StoreException("cannot open the chain database at " + directory + ": " + e.getMessage(), e);
    }
  }

  /** The number of the last committed block; empty for a new database. */
  public Optional<Long> head() {
    byte[] v = get(meta, HEAD);
    return v == null ? Optional.empty() : Optional.of(ByteBuffer.wrap(v).getLong());
  }

  public Optional<Bytes32> genesisHash() {
    byte[] v = get(meta, GENESIS);
    return v == null ? Optional.empty() : Optional.of(Bytes32.wrap(v));
  }

  /** Writes a block and everything it produced in one synced batch; the block becomes the head. */
  public void commit(Block block, List<StoredTransaction> txs, List<Receipt> blockReceipts, WriteSet writes) {
    try (WriteBatch batch = new WriteBatch()) {
      byte[] number = key(block.number());
      List<byte[]> hashes = new ArrayList<>();
      for (Bytes32 h : block.transactionHashes()) hashes.add(Rlp.encodeBytes(h.toArrayUnsafe()));
      batch.put(blocks, number, Rlp.encodeList(block.header().rlp(), Rlp.encodeList(hashes), Rlp.encodeUint(block.size())));
      batch.put(blockHashes, block.hash().toArrayUnsafe(), number);
      for (StoredTransaction t : txs) {
        batch.put(transactions, t.hash().toArrayUnsafe(), Rlp.encodeList(
            Rlp.encodeBytes(t.raw().toArrayUnsafe()), Rlp.encodeBytes(t.sender().toArrayUnsafe()), Rlp.encodeUint(t.blockNumber()),
            Rlp.encodeBytes(t.blockHash().toArrayUnsafe()), Rlp.encodeUint(t.index())));
      }
      for (Receipt r : blockReceipts) batch.put(receipts, r.transactionHash().toArrayUnsafe(), encode(r));
      for (var w : writes.writes().entrySet()) {
        if (w.getValue().length == 0) batch.delete(state, w.getKey().bytesUnsafe());
        else batch.put(state, w.getKey().bytesUnsafe(), w.getValue());
      }
      if (block.number() == 0) batch.put(meta, GENESIS, block.hash().toArray());
      batch.put(meta, HEAD, number);
      db.write(syncWrite, batch);
    } catch (RocksDBException e) {
      throw new StoreException("cannot commit block " + block.number() + ": " + e.getMessage(), e);
    }
  }

  public Optional<Block> block(long number) {
    byte[] v = get(blocks, key(number));
    if (v == null) return Optional.empty();
    Rlp.Seq f = Rlp.decode(v).seq("stored block");
    BlockHeader header = BlockHeader.fromRlp(Rlp.encode(f.get(0)));
    List<Bytes32> hashes = new ArrayList<>();
    for (Rlp.Item h : f.get(1).seq("hashes").items()) hashes.add(Bytes32.wrap(h.str("hash").bytes()));
    return Optional.of(new Block(header, header.hash(), hashes, f.get(2).str("size").uint64("size")));
  }

  public Optional<Long> numberOf(Bytes32 blockHash) {
    byte[] v = get(blockHashes, blockHash.toArrayUnsafe());
    return v == null ? Optional.empty() : Optional.of(ByteBuffer.wrap(v).getLong());
  }

  public Optional<StoredTransaction> transaction(Bytes32 hash) {
    byte[] v = get(transactions, hash.toArrayUnsafe());
    if (v == null) return Optional.empty();
    Rlp.Seq f = Rlp.decode(v).seq("stored transaction");
    return Optional.of(new StoredTransaction(hash, Bytes.wrap(f.get(0).str("raw").bytes()), Address.wrap(f.get(1).str("sender").bytes()),
        f.get(2).str("block").uint64("block"), Bytes32.wrap(f.get(3).str("blockHash").bytes()), (int) f.get(4).str("index").uint64("index")));
  }

  public Optional<Receipt> receipt(Bytes32 transactionHash) {
    byte[] v = get(receipts, transactionHash.toArrayUnsafe());
    return v == null ? Optional.empty() : Optional.of(decodeReceipt(v));
  }

  /** Loads every state entry into {@code world}: what a restart resumes from. */
  public void loadState(WorldState world) {
    try (RocksIterator it = db.newIterator(state)) {
      for (it.seekToFirst(); it.isValid(); it.next()) world.load(StateKey.fromBytes(it.key()), it.value());
    }
  }

  public void putContent(Bytes32 hash, byte[] data) {
    try {
      db.put(content, syncWrite, hash.toArrayUnsafe(), data);
    } catch (RocksDBException e) {
      throw new StoreException("cannot store content: " + e.getMessage(), e);
    }
  }

  public Optional<byte[]> content(Bytes32 hash) {
    return Optional.ofNullable(get(content, hash.toArrayUnsafe()));
  }

  private byte[] get(ColumnFamilyHandle family, byte[] key) {
    try {
      return db.get(family, key);
    } catch (RocksDBException e) {
      throw new StoreException("database read failed: " + e.getMessage(), e);
    }
  }

  private static byte[] key(long number) {
    return ByteBuffer.allocate(8).putLong(number).array();
  }


  private static byte[] encode(Receipt r) {
    return Rlp.encodeList(
        Rlp.encodeBytes(r.transactionHash().toArrayUnsafe()), Rlp.encodeUint(r.transactionIndex()), Rlp.encodeUint(r.blockNumber()),
        Rlp.encodeBytes(r.blockHash().toArrayUnsafe()), Rlp.encodeUint(r.type().code()), Rlp.encodeBytes(r.from().toArrayUnsafe()),
        Rlp.encodeBytes(r.to() == null ? new byte[0] : r.to().toArrayUnsafe()), Rlp.encodeUint(r.success() ? 1 : 0),
        Rlp.encodeUint(r.gasUsed()), Rlp.encodeUint(r.cumulativeGasUsed()), Rlp.encodeUint(r.effectiveGasPrice()),
        Receipt.encodeLogs(r.logs()), Rlp.encodeUint(r.firstLogIndex()), Rlp.encodeBytes(r.output().toArrayUnsafe()));
  }

  private static Receipt decodeReceipt(byte[] v) {
    Rlp.Seq f = Rlp.decode(v).seq("stored receipt");
    byte[] to = f.get(6).str("to").bytes();
    return new Receipt(
        Bytes32.wrap(f.get(0).str("hash").bytes()), (int) f.get(1).str("index").uint64("index"), f.get(2).str("block").uint64("block"),
        Bytes32.wrap(f.get(3).str("blockHash").bytes()), TransactionType.values()[(int) f.get(4).str("type").uint64("type")],
        Address.wrap(f.get(5).str("from").bytes()), to.length == 0 ? null : Address.wrap(to), f.get(7).str("status").uint64("status") == 1,
        f.get(8).str("gasUsed").uint64("gasUsed"), f.get(9).str("cumulative").uint64("cumulative"), f.get(10).str("price").uint("price"),
        Receipt.decodeLogs(f.get(11)), (int) f.get(12).str("firstLog").uint64("firstLog"), Bytes.wrap(f.get(13).str("output").bytes()));
  }

  @Override
  public void close() {
    for (ColumnFamilyHandle h : handles) h.close();
    db.close();
    syncWrite.close();
    options.close();
    familyOptions.close();
  }
}
