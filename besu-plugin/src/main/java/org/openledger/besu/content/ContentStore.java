package org.openledger.besu.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Keccak;

/**
 * Content addressed by its keccak-256 — what datanet contributions and model artefacts point to
 * on chain — kept as one file per item under the node's data directory ({@code
 * <data-path>/openledger/content/<hash>}). Not chain state: each node holds what was put to it.
 * A write goes to a temporary file first and is moved into place, so a reader never sees half an
 * item; an item whose bytes no longer hash to its name is reported, not served.
 */
public final class ContentStore {
  /** The default size limit of one item, the devnet's. */
  public static final int DEFAULT_MAX_BYTES = 1 << 20;

  private final Path directory;
  private final int maxBytes;

  public ContentStore(Path directory, int maxBytes) {
    if (maxBytes <= 0) throw new IllegalArgumentException("content size limit must be positive, got " + maxBytes);
    this.directory = directory;
    this.maxBytes = maxBytes;
  }

  /** The store under Besu's data directory. */
  public static ContentStore under(Path besuDataPath, int maxBytes) {
    return new ContentStore(besuDataPath.resolve("openledger").resolve("content"), maxBytes);
  }

  public int maxBytes() {
    return maxBytes;
  }

  public Path directory() {
    return directory;
  }

  /** Stores {@code content}; returns its hash. Storing the same bytes again is harmless. */
  public Bytes32 put(Bytes content) {
    if (content.size() > maxBytes) throw new TooLarge(content.size(), maxBytes);
    Bytes32 hash = Keccak.hash(content);
    Path target = file(hash);
    if (Files.exists(target)) return hash;
    try {
      Files.createDirectories(directory);
      Path temporary = Files.createTempFile(directory, ".put-", ".tmp");
      try {
        Files.write(temporary, content.toArrayUnsafe());
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store content " + hash + " under " + directory, e);
    }
    return hash;
  }

  public Optional<Bytes> get(Bytes32 hash) {
    Path file = file(hash);
    if (!Files.exists(file)) return Optional.empty();
    try {
      Bytes content = Bytes.wrap(Files.readAllBytes(file));
      if (!Keccak.hash(content).equals(hash)) throw new Corrupt(hash, file);
      return Optional.of(content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read content " + hash + " from " + file, e);
    }
  }

  private Path file(Bytes32 hash) {
    return directory.resolve(hash.toUnprefixedHexString());
  }

  /** Content above the size limit. */
  public static final class TooLarge extends RuntimeException {
    public TooLarge(int size, int limit) {
      super("content is " + size + " bytes; the limit is " + limit + " (--plugin-openledger-content-max-bytes)");
    }
  }

  /** A stored item whose bytes do not hash to its name (disk corruption or a hand edit). */
  public static final class Corrupt extends RuntimeException {
    public Corrupt(Bytes32 hash, Path file) {
      super("stored content " + file + " does not hash to " + hash + "; remove the file and put the content again");
    }
  }
}
