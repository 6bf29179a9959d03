package org.openledger.prover.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prover daemon's memory across restarts: an append-only log of what it decided to do for each
 * request, forced to disk before the transaction it records is sent. After a crash the daemon
 * replays it and asks the chain how each intent ended, so it never sends the same claim or proof
 * twice and never forgets a request it is bonded for.
 *
 * <p>Record: {@code uint32 length ‖ uint32 crc32c(payload) ‖ payload}, payload
 * {@code uint8 stage ‖ uint16 idLength ‖ requestId ‖ uint64 block ‖ uint16 noteLength ‖ note (UTF-8)}.
 * A torn last record (a crash mid-write) fails its length or checksum and is cut off on open;
 * a bad record anywhere else is corruption and refuses to open.
 */
public final class Journal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
  private static final int MAX_PAYLOAD = 1 << 16;

  /** What the daemon did for a request, in the order it does it. */
  public enum Stage {
    /** About to send a claim. */
    CLAIMING,
    /** About to send a proof (note: the proof's keccak). */
    PROVING,
    /** About to send a settlement. */
    SETTLING,
    /** Nothing more to do: settled, refunded, lost to another prover, or not provable (note: why). */
    DONE,
    // appended, so the ordinals on disk keep their meaning; the two below live in their own journals, keyed by what they concern
    /** About to send a one-step challenge against another prover's proof (note: {@code request=ID block=N kind=K}). */
    CHALLENGING,
    /** About to send an attestation of a model version (note: {@code model=M version=V}). */
    ATTESTING,
    /** A won challenge reopened the request: prove it afresh. */
    REOPENED,
    /** About to open a leaf-coordinate challenge, posting its bond (note: {@code model=M version=V leaf=L coordinate=J kind=K}). */
    LEAF_OPENING,
    /**
     * A leaf-coordinate game this prover is a party to: waiting for the other side ({@code move=watch}) or about to send
     * the move named (note: {@code game=G role=challenger|defender move=M ...}).
     */
    LEAF_GAME
  }

  /** One record. */
  public record Entry(BigInteger requestId, Stage stage, long block, String note) {}

  private final Path file;
  private final FileChannel channel;
  private final Map<BigInteger, Entry> latest = new LinkedHashMap<>();
  private long scannedTo;

  private Journal(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Opens (creating if absent) the journal at {@code file} and replays it. */
  public static Journal open(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    Journal j = new Journal(file, ch);
    try {
      j.replay();
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    return j;
  }

  private void replay() throws IOException {
    long size = channel.size();
    ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(size));
    channel.read(all, 0);
    all.flip();
    long good = 0;
    while (all.remaining() > 0) {
      int start = all.position();
      if (tornTail(all)) {
        LOG.warn("event=journal_torn_tail file={} offset={} bytes={} — cut off (a crash during the last write)", file, start, all.limit() - start);
        break;
      }
      int length = all.getInt();
      int crc = all.getInt();
      byte[] payload = new byte[length];
      all.get(payload);
      CRC32C c = new CRC32C();
      c.update(payload);
      if ((int) c.getValue() != crc || length < 12) {
        throw new IOException(file + " is corrupt at byte " + start + " (a complete record fails its checksum); move it aside to start afresh");
      }
      apply(decode(payload));
      good = all.position();
    }
    if (good < size) {
      channel.truncate(good);
      channel.force(true);
    }
    channel.position(good);
  }

  /**
   * Whether the bytes from the buffer's position on are what a crash during an append leaves: a
   * prefix of one record (too short for its header or its declared payload), or zeros (a file
   * system that extended the file before writing the data).
   */
  private static boolean tornTail(ByteBuffer in) {
    int rest = in.remaining();
    if (rest < 8) return true;
    int length = in.getInt(in.position());
    if (length >= 0 && length <= MAX_PAYLOAD && rest - 8 < length) return true;
    for (int i = in.position(); i < in.limit(); i++) if (in.get(i) != 0) return false;
    return true;
  }

  private static Entry decode(byte[] payload) {
    ByteBuffer p = ByteBuffer.wrap(payload);
    Stage stage = Stage.values()[p.get()];
    byte[] id = new byte[p.getShort() & 0xffff];
    p.get(id);
    long block = p.getLong();
    byte[] note = new byte[p.getShort() & 0xffff];
    p.get(note);
    return new Entry(id.length == 0 ? BigInteger.ZERO : new BigInteger(1, id), stage, block, new String(note, StandardCharsets.UTF_8));
  }

  private void apply(Entry e) {
    if (e.requestId().signum() == 0 && e.stage() == Stage.DONE && e.note().startsWith("scanned")) {
      scannedTo = Math.max(scannedTo, e.block());
      return;
    }
    latest.remove(e.requestId()); // keep insertion order = order of last change
    latest.put(e.requestId(), e);
  }

  /** Appends {@code e} and forces it to disk before returning. */
  public synchronized void record(Entry e) {
    if (e.requestId().signum() < 0) throw new IllegalArgumentException("request ids are unsigned");
    byte[] id = e.requestId().signum() == 0 ? new byte[0] : unsigned(e.requestId());
    byte[] note = e.note().getBytes(StandardCharsets.UTF_8);
    if (note.length > 4096) throw new IllegalArgumentException("journal notes are short: " + note.length + " bytes");
    ByteBuffer p = ByteBuffer.allocate(1 + 2 + id.length + 8 + 2 + note.length);
    p.put((byte) e.stage().ordinal()).putShort((short) id.length).put(id).putLong(e.block()).putShort((short) note.length).put(note);
    byte[] payload = p.array();
    CRC32C c = new CRC32C();
    c.update(payload);
    ByteBuffer rec = ByteBuffer.allocate(8 + payload.length).putInt(payload.length).putInt((int) c.getValue()).put(payload).flip();
    try {
      while (rec.hasRemaining()) channel.write(rec);
      channel.force(false);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write the prover journal " + file, ex);
    }
    apply(e);
  }

  /** Records that every block up to {@code block} was scanned for requests. */
  public void scanned(long block) {
    if (block > scannedTo) record(new Entry(BigInteger.ZERO, Stage.DONE, block, "scanned"));
  }

  /** The last block scanned for requests (0: none yet). */
  public synchronized long scannedTo() {
    return scannedTo;
  }

  /** The latest record for {@code requestId}, or null. */
  public synchronized Entry latest(BigInteger requestId) {
    return latest.get(requestId);
  }

  /** Requests whose latest record is not {@link Stage#DONE}: work to resume after a restart. */
  public synchronized List<Entry> unfinished() {
    List<Entry> out = new ArrayList<>();
    for (Entry e : latest.values()) if (e.stage() != Stage.DONE) out.add(e);
    return Collections.unmodifiableList(out);
  }

  private static byte[] unsigned(BigInteger v) {
    byte[] b = v.toByteArray();
    if (b.length > 1 && b[0] == 0) return java.util.Arrays.copyOfRange(b, 1, b.length);
    return b;
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }
}
