package org.openledger.prover.factory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Where a long factory build keeps the results of its expensive stages (the trained model, the
 * Hessian's eigendecomposition, the basis), so a build that is stopped or crashes resumes at the
 * first stage it had not finished instead of from scratch.
 *
 * <p>Each stage's file is named by the stage and a key that hashes everything the stage depends on
 * (the training data, the configuration, the previous stage's key): a changed input gives another
 * key, so a checkpoint is never reused for data it was not computed from. A file is written to a
 * temporary name, forced to disk and renamed, so it is either whole or absent; its payload carries
 * a CRC-32C, and a file that fails the check is reported and recomputed, never trusted.
 *
 * <p>Checkpoints only cache what this machine computed: the results the chain checks are rebuilt
 * from them deterministically, and any file may be deleted at any time.
 */
public final class Checkpoints {
  /** Keeps nothing: every stage is computed. */
  public static final Checkpoints NONE = new Checkpoints(null);

  private static final int MAGIC = 0x4f4c434b; // "OLCK"
  private static final int FORMAT = 1;
  private static final System.Logger LOG = System.getLogger(Checkpoints.class.getName());

  /** How a stage's value is written and read back. */
  public interface Codec<T> {
    void write(T value, DataOutputStream out) throws IOException;

    T read(DataInputStream in) throws IOException;
  }

  /** Whether a stage was computed or read back, for the progress display. */
  public enum Outcome { COMPUTED, RESUMED }

  private final Path dir;

  private Checkpoints(Path dir) {
    this.dir = dir;
  }

  /** Checkpoints in {@code dir}, created if missing. */
  public static Checkpoints in(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the checkpoint directory " + dir + ": " + e.getMessage(), e);
    }
    return new Checkpoints(dir);
  }

  public boolean enabled() {
    return dir != null;
  }

  /** The file stage {@code stage} with key {@code key} lives in (null when disabled). */
  public Path file(String stage, byte[] key) {
    return dir == null ? null : dir.resolve(stage + "-" + HexFormat.of().formatHex(key, 0, 16) + ".ckpt");
  }

  /**
   * The stage's value: read back when a whole, matching checkpoint exists, else computed and saved.
   * A checkpoint that cannot be saved (disk full, permissions) is reported and the build goes on.
   */
  public <T> T stage(String stage, byte[] key, Codec<T> codec, Supplier<T> compute, java.util.function.Consumer<Outcome> outcome) {
    if (dir == null) {
      outcome.accept(Outcome.COMPUTED);
      return compute.get();
    }
    Path file = file(stage, key);
    T resumed = read(file, key, codec);
    if (resumed != null) {
      outcome.accept(Outcome.RESUMED);
      return resumed;
    }
    outcome.accept(Outcome.COMPUTED);
    T value = compute.get();
    try {
      write(file, key, codec, value);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "checkpoint not saved: file={0} error={1}", file, e.getMessage());
    }
    return value;
  }

  private static <T> T read(Path file, byte[] key, Codec<T> codec) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      DataInputStream header = new DataInputStream(raw);
      byte[] storedKey = new byte[key.length];
      if (header.readInt() != MAGIC || header.readInt() != FORMAT) throw new IOException("not a checkpoint of this format");
      header.readFully(storedKey);
      if (!Arrays.equals(storedKey, key)) throw new IOException("the key inside does not match its name");
      CRC32C crc = new CRC32C();
      CheckedInputStream checked = new CheckedInputStream(raw, crc);
      DataInputStream payload = new DataInputStream(checked);
      T value = codec.read(payload);
      long computed = crc.getValue();
      if ((header.readInt() & 0xffffffffL) != computed) throw new IOException("CRC-32C mismatch");
      if (raw.read() != -1) throw new IOException("trailing bytes");
      return value;
    } catch (NoSuchFileException absent) {
      return null;
    } catch (EOFException e) {
      LOG.log(System.Logger.Level.WARNING, "checkpoint ignored, recomputing: file={0} error=truncated", file);
      return null;
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "checkpoint ignored, recomputing: file={0} error={1}", file, e.getMessage());
      return null;
    }
  }

  private static <T> void write(Path file, byte[] key, Codec<T> codec, T value) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      OutputStream raw = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
      DataOutputStream header = new DataOutputStream(raw);
      header.writeInt(MAGIC);
      header.writeInt(FORMAT);
      header.write(key);
      CRC32C crc = new CRC32C();
      DataOutputStream payload = new DataOutputStream(new CheckedOutputStream(raw, crc));
      codec.write(value, payload);
      payload.flush();
      header.writeInt((int) crc.getValue());
      header.flush();
      channel.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    try (FileChannel d = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      d.force(true); // the rename itself survives a crash
    } catch (IOException ignored) {
      // some file systems cannot open a directory; the file itself is already on disk
    }
  }

  // ------------------------------------------------------------------ codecs of the factory's stages

  static void writeDoubles(DataOutputStream out, double[] v) throws IOException {
    out.writeInt(v.length);
    for (double x : v) out.writeDouble(x);
  }

  static double[] readDoubles(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) throw new IOException("negative length");
    double[] v = new double[n];
    for (int q = 0; q < n; q++) v[q] = in.readDouble();
    return v;
  }
}
