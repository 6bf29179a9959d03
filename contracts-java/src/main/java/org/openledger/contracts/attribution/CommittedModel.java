package org.openledger.contracts.attribution;

import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Keccak;

/**
 * A committed integer classifier, as a one-step fraud proof sees it (docs/attribution.md §4, §8):
 * its weights blob, its forward pass, its basis-row format and ψ. The blob names its kind — an
 * MLP's begins with {@link FixedMlp#TAG}, which no logistic-regression blob can begin with — so
 * the chain needs nothing but the committed bytes to pick the model.
 */
public sealed interface CommittedModel permits FixedLogistic, FixedMlp, FixedLora {

  /** The input's length in bytes (raw pixels). */
  int inputLength();

  /** The returned class: the highest integer logit, lowest index on ties. */
  int predict(byte[] input);

  /** The committed bytes; {@code weightsRoot} is their keccak256. */
  byte[] weightsBytes();

  default Bytes32 weightsRoot() {
    return Bytes32.wrap(Keccak.hash(weightsBytes()));
  }

  /**
   * Row {@code j} of this model's basis from the bytes of its leaf in the basis tree.
   *
   * @throws MalformedRowException naming what does not decode (another row's index included)
   */
  BasisRow basisRow(int j, byte[] leaf);

  /**
   * ψ's coordinate as it must be, {@code rs(raw_j(∇f(x)), e_ψ)}, over unbounded integers: a value
   * outside int16 is one no proof can hold.
   */
  BigInteger psiCoordinate(BasisRow row, byte[] input, int psiShift);

  /**
   * {@code raw_j(g)} of one training example's exact negative-loss gradient (docs/attribution.md
   * §2, §2b, §3, §3b): what a leaf coordinate sums over a contributor's examples, and the one step
   * of the leaf-coordinate challenge.
   *
   * @throws IllegalArgumentException if the row, the pixels or the label do not fit the model
   * @throws ArithmeticException if the value leaves int64 (no index builder produces such a leaf)
   */
  long exampleProjection(BasisRow row, byte[] pixels, int label);

  /** First bytes of an OpenLoRA float adapter blob, {@code "OLA1"} little-endian (docs/openlora.md §1): not a committed model ({@link FixedLora}'s OLA2 is). */
  byte[] ADAPTER_TAG = {0x31, 0x41, 0x4c, 0x4f};

  /**
   * Whether a weights blob is an OpenLoRA float adapter's (OLA1): the chain cannot recompute it, so
   * a fraud proof must refuse it rather than read it as logistic-regression weights.
   */
  static boolean isAdapter(byte[] blob) {
    return blob.length >= 4 && blob[0] == ADAPTER_TAG[0] && blob[1] == ADAPTER_TAG[1] && blob[2] == ADAPTER_TAG[2] && blob[3] == ADAPTER_TAG[3];
  }

  /**
   * The model a weights blob commits: an adapter when it begins with {@link FixedLora#TAG}, an MLP
   * when it begins with {@link FixedMlp#TAG}, logistic regression otherwise.
   *
   * @throws IllegalArgumentException naming what is wrong with the blob (an adapter blob among them)
   */
  static CommittedModel fromWeightsBytes(byte[] blob) {
    if (isAdapter(blob)) throw new IllegalArgumentException("an OpenLoRA float adapter blob (OLA1) is not a committed model; OLA2 is");
    if (FixedLora.isLora(blob)) return FixedLora.decode(blob);
    return FixedMlp.isMlp(blob) ? FixedMlp.decode(blob) : FixedLogistic.fromWeightsBytes(blob);
  }
}
