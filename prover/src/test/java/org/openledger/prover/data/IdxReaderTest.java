package org.openledger.prover.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.openledger.prover.data.IdxFormatException.Kind;

class IdxReaderTest {

  private static byte[] idx(int magic, int[] dims, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + body.length);
    b.putInt(magic);
    for (int d : dims) {
      b.putInt(d);
    }
    return b.put(body).array();
  }

  private static byte[] images(int count, int rows, int cols) {
    byte[] body = new byte[count * rows * cols];
    for (int k = 0; k < body.length; k++) {
      body[k] = (byte) (k * 37);
    }
    return idx(0x0803, new int[] {count, rows, cols}, body);
  }

  private static byte[] labels(byte... values) {
    return idx(0x0801, new int[] {values.length}, values);
  }

  private static Kind refusal(byte[] file, int rows, int cols) {
    try {
      IdxReader.readImages(new ByteArrayInputStream(file), rows, cols);
    } catch (IdxFormatException e) {
      return e.kind();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("accepted");
  }

  @Test
  void readsImagesRowMajorAsUnsignedBytes() throws IOException {
    Images read = IdxReader.readImages(new ByteArrayInputStream(images(2, 3, 4)), 3, 4);
    assertThat(read.count()).isEqualTo(2);
    assertThat(read.pixel(1, 5)).isEqualTo(((12 + 5) * 37) & 0xff);
  }

  @Test
  void refusesWrongMagic() {
    byte[] file = images(1, 2, 2);
    file[3] = 0x01; // rank 1 where rank 3 is required
    assertThat(refusal(file, 2, 2)).isEqualTo(Kind.BAD_MAGIC);
  }

  @Test
  void refusesNonByteElementType() {
    byte[] file = images(1, 2, 2);
    file[2] = 0x0d; // float
    assertThat(refusal(file, 2, 2)).isEqualTo(Kind.BAD_MAGIC);
  }

  @Test
  void refusesImagesOfAnotherShape() {
    assertThat(refusal(images(1, 2, 3), 3, 2)).isEqualTo(Kind.BAD_DIMENSIONS);
  }

  @Test
  void refusesNegativeCount() {
    assertThat(refusal(idx(0x0803, new int[] {-1, 2, 2}, new byte[0]), 2, 2)).isEqualTo(Kind.BAD_DIMENSIONS);
  }

  @Test
  void refusesHeaderAskingForMoreThanAnArrayCanHold() {
    int[] dims = {Integer.MAX_VALUE, 28, 28};
    assertThat(refusal(idx(0x0803, dims, new byte[0]), 28, 28)).isEqualTo(Kind.BAD_DIMENSIONS);
  }

  @Test
  void refusesFileEndingInsideHeader() {
    assertThat(refusal(Arrays.copyOf(images(1, 2, 2), 10), 2, 2)).isEqualTo(Kind.TRUNCATED);
  }

  @Test
  void refusesFileEndingInsideData() {
    byte[] file = images(3, 2, 2);
    assertThat(refusal(Arrays.copyOf(file, file.length - 1), 2, 2)).isEqualTo(Kind.TRUNCATED);
  }

  @Test
  void refusesTrailingBytes() {
    byte[] file = images(3, 2, 2);
    assertThat(refusal(Arrays.copyOf(file, file.length + 1), 2, 2)).isEqualTo(Kind.TRAILING_BYTES);
  }

  @Test
  void refusesLabelOutsideTheClasses() {
    assertThatThrownBy(() -> IdxReader.readLabels(new ByteArrayInputStream(labels((byte) 3, (byte) 10)), 10))
        .isInstanceOfSatisfying(IdxFormatException.class, e -> assertThat(e.kind()).isEqualTo(Kind.LABEL_OUT_OF_RANGE));
  }

  @Test
  void refusesImageAndLabelCountsThatDisagree() {
    byte[] pixels = idx(0x0803, new int[] {2, 28, 28}, new byte[2 * 784]);
    assertThatThrownBy(
            () -> FashionMnist.read(new ByteArrayInputStream(pixels), new ByteArrayInputStream(labels((byte) 1))))
        .isInstanceOfSatisfying(IdxFormatException.class, e -> assertThat(e.kind()).isEqualTo(Kind.COUNT_MISMATCH));
  }

  @Test
  void refusesTruncatedGzipAsTruncated() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(idx(0x0803, new int[] {50, 28, 28}, new byte[50 * 784]));
    }
    byte[] gzip = out.toByteArray();
    byte[] cut = Arrays.copyOf(gzip, gzip.length / 2);
    assertThatThrownBy(
            () -> FashionMnist.read(new ByteArrayInputStream(cut), new ByteArrayInputStream(labels())))
        .isInstanceOfSatisfying(IdxFormatException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRUNCATED));
  }
}
