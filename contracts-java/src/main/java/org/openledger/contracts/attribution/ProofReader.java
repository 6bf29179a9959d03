package org.openledger.contracts.attribution;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A cursor over a proof's bytes (big-endian), shared by the v1 gradient and v2 span codecs: every
 * read names what it reads, so a short or overlong proof is refused with the offset and the field.
 */
final class ProofReader {
  final byte[] data;
  int at;

  ProofReader(byte[] data) {
    this.data = data;
  }

  byte[] take(int bytes, String what) {
    if (data.length - at < bytes) throw new AttributionProof.MalformedException(at, what + " runs past the end");
    byte[] out = Arrays.copyOfRange(data, at, at + bytes);
    at += bytes;
    return out;
  }

  private ByteBuffer buffer(int bytes, String what) {
    if (data.length - at < bytes) throw new AttributionProof.MalformedException(at, what + " runs past the end");
    ByteBuffer b = ByteBuffer.wrap(data, at, bytes);
    at += bytes;
    return b;
  }

  int u8(String what) {
    return buffer(1, what).get() & 0xFF;
  }

  int u16(String what) {
    return buffer(2, what).getShort() & 0xFFFF;
  }

  long u32(String what) {
    return buffer(4, what).getInt() & 0xFFFF_FFFFL;
  }

  long int64(String what) {
    return buffer(8, what).getLong();
  }

  Bytes32 bytes32(String what) {
    return Bytes32.wrap(take(32, what));
  }

  short[] int16s(int count, String what) {
    ByteBuffer b = buffer(2 * count, what);
    short[] out = new short[count];
    for (int i = 0; i < count; i++) out[i] = b.getShort();
    return out;
  }

  /** A uint32 length that must fit in what is left. */
  int length(String what) {
    int lenAt = at;
    long len = u32(what);
    if (len > data.length - at) throw new AttributionProof.MalformedException(lenAt, what + " " + len + " runs past the end");
    return (int) len;
  }

  /** Refuses bytes after the last field. */
  void end() {
    if (at != data.length) throw new AttributionProof.MalformedException(at, (data.length - at) + " trailing bytes");
  }
}
