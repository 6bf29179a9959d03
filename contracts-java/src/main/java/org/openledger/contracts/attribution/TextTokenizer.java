package org.openledger.contracts.attribution;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Keccak;

/**
 * The committed tokenizer {@code ol-bytes-v1} (docs/text-attribution.md §2), shared by the chain
 * (span proofs, token counts) and the prover: a 256-byte class table, a token being a maximal run
 * of one class except that every {@link #PUNCT} byte is a token of its own.
 *
 * <p>Whether a boundary lies between two bytes depends on those two bytes only, so the chain checks
 * that a span is token-aligned inside a chunk from the bytes either side of it, without
 * tokenizing the chunk.
 */
public final class TextTokenizer {
  /** One byte, one token: ASCII punctuation, symbols and control bytes other than whitespace. */
  public static final byte PUNCT = 0;
  /** ASCII letters and every byte ≥ 0x80, so a UTF-8 character never splits. */
  public static final byte LETTER = 1;
  public static final byte DIGIT = 2;
  /** Space, tab, line feed, vertical tab, form feed, carriage return. */
  public static final byte SPACE = 3;

  /** The version tag hashed into the commitment. */
  public static final String NAME = "ol-bytes-v1";

  private static final byte[] CLASSES = classTable();
  /** {@code keccak256("ol-bytes-v1" ‖ classTable[256])}: what a text-spans model version registers as its basisRoot. */
  public static final Bytes32 COMMITMENT = Bytes32.wrap(Keccak.hash(NAME.getBytes(StandardCharsets.US_ASCII), CLASSES));

  private TextTokenizer() {}

  private static byte[] classTable() {
    byte[] t = new byte[256];
    for (int b = 0; b < 256; b++) {
      if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80) t[b] = LETTER;
      else if (b >= '0' && b <= '9') t[b] = DIGIT;
      else if (b == ' ' || b >= '\t' && b <= '\r') t[b] = SPACE;
      else t[b] = PUNCT;
    }
    return t;
  }

  /** A copy of the committed class table, indexed by unsigned byte value. */
  public static byte[] classTable256() {
    return CLASSES.clone();
  }

  public static byte classOf(byte b) {
    return CLASSES[b & 0xff];
  }

  /** Whether a token boundary lies between bytes {@code left} and {@code right}. */
  public static boolean boundaryBetween(byte left, byte right) {
    byte c = CLASSES[right & 0xff];
    return c == PUNCT || c != CLASSES[left & 0xff];
  }

  /** Whether a token boundary lies before {@code text[at]} within {@code text[from, to)}; its two ends always are. */
  public static boolean isBoundary(byte[] text, int from, int to, int at) {
    return at == from || at == to || boundaryBetween(text[at - 1], text[at]);
  }

  /**
   * The token boundaries of {@code text}: {@code 0 = b[0] < b[1] < … < b[T] = length}; an empty
   * text has the one boundary 0 and no token.
   */
  public static int[] boundaries(byte[] text) {
    int[] b = new int[text.length + 1];
    int n = 0;
    b[n++] = 0;
    for (int i = 1; i < text.length; i++) if (boundaryBetween(text[i - 1], text[i])) b[n++] = i;
    if (text.length > 0) b[n++] = text.length;
    return Arrays.copyOf(b, n);
  }

  /** The token count of {@code text}, as fees count it. */
  public static int count(byte[] text) {
    if (text.length == 0) return 0;
    int n = 1;
    for (int i = 1; i < text.length; i++) if (boundaryBetween(text[i - 1], text[i])) n++;
    return n;
  }
}
