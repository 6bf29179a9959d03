package org.openledger.prover.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What a contributor puts in the content store for a text Datanet: one UTF-8 text. As for images
 * (ImageContribution), the chain holds {@code keccak(content ‖ contributor)} at submission and
 * {@code keccak(content)} once accepted; everyone chunks the same bytes the same way.
 *
 * <p>Layout (big-endian): {@code "OLT1" ‖ uint32 length ‖ uint8 utf8[length]}. The text must be
 * well-formed UTF-8, which never contains the byte 0xFF: the corpus uses that byte to separate
 * chunks, so no match can run from one chunk into the next.
 */
public record TextContribution(byte[] utf8) {
  private static final int MAGIC = 0x4f4c5431; // "OLT1"
  private static final int HEADER = 8;
  /** Keeps one contribution within a content store item (the devnet's limit is 1 MiB). */
  public static final int MAX_BYTES = (1 << 20) - HEADER;

  public TextContribution {
    if (utf8.length == 0 || utf8.length > MAX_BYTES) throw new IllegalArgumentException(utf8.length + " bytes of text; a contribution holds 1.." + MAX_BYTES);
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(utf8));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("text contribution is not well-formed UTF-8: " + e.getMessage());
    }
    utf8 = utf8.clone();
  }

  public static TextContribution of(String text) {
    return new TextContribution(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public byte[] utf8() {
    return utf8.clone();
  }

  /** The text without a defensive copy, for the chunker that only reads it. */
  byte[] bytes() {
    return utf8;
  }

  public byte[] encode() {
    return ByteBuffer.allocate(HEADER + utf8.length).putInt(MAGIC).putInt(utf8.length).put(utf8).array();
  }

  /** Decodes content; anything else is refused with what is wrong. */
  public static TextContribution decode(byte[] content) {
    if (content.length < HEADER) throw new IllegalArgumentException("not a text contribution: " + content.length + " bytes");
    ByteBuffer b = ByteBuffer.wrap(content);
    if (b.getInt() != MAGIC) throw new IllegalArgumentException("not a text contribution: it does not start with \"OLT1\"");
    long length = b.getInt() & 0xffff_ffffL;
    if (content.length != HEADER + length) {
      throw new IllegalArgumentException("a text contribution of " + length + " bytes is " + (HEADER + length) + " bytes, this is " + content.length);
    }
    byte[] text = new byte[(int) length];
    b.get(text);
    return new TextContribution(text);
  }
}
