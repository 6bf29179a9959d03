package org.openledger.prover.text;

import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.TextTokenizer;

/**
 * The committed tokenizer {@code ol-bytes-v1} (docs/text-attribution.md §2), as the prover uses it.
 * The definition lives once, in {@link TextTokenizer}, which the chain's span verifier runs: this
 * class delegates, so prover and chain cannot count tokens differently.
 */
public final class ByteTokenizer {
  public static final byte PUNCT = TextTokenizer.PUNCT;
  public static final byte LETTER = TextTokenizer.LETTER;
  public static final byte DIGIT = TextTokenizer.DIGIT;
  public static final byte SPACE = TextTokenizer.SPACE;
  public static final String NAME = TextTokenizer.NAME;
  /** {@code keccak256("ol-bytes-v1" ‖ classTable[256])}: what a model version commits to. */
  public static final Bytes32 COMMITMENT = TextTokenizer.COMMITMENT;

  private ByteTokenizer() {}

  public static byte[] classTable256() {
    return TextTokenizer.classTable256();
  }

  public static byte classOf(byte b) {
    return TextTokenizer.classOf(b);
  }

  public static boolean boundaryBetween(byte left, byte right) {
    return TextTokenizer.boundaryBetween(left, right);
  }

  public static boolean isBoundary(byte[] text, int from, int to, int at) {
    return TextTokenizer.isBoundary(text, from, to, at);
  }

  public static int[] boundaries(byte[] text) {
    return TextTokenizer.boundaries(text);
  }

  public static int count(byte[] text) {
    return TextTokenizer.count(text);
  }
}
