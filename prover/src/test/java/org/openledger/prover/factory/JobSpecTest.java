package org.openledger.prover.factory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.prover.data.ImageContribution;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.model.LogisticRegression.Convergence;
import org.openledger.prover.model.MlpTrainingConfig;

/** A job's training specification: one canonical encoding, every setting round-trips, anything else is refused by name. */
class JobSpecTest {
  static final Bytes32 EVALUATION = Bytes32.fromHexString("0x" + "ab".repeat(32));

  static String mlpText(String hidden) {
    return JobSpec.HEADER + "\nevaluation=" + EVALUATION.toHexString() + "\narchitecture=mlp\nrank=32\ndamping-ppb=10000000\nhidden=" + hidden
        + "\nepochs=5\nbatch=16\nlearning-rate-ppb=50000000\nl2-ppb=1000000\nseed=7\n";
  }

  @Test
  void anMlpSpecIsReadableCanonicalText() {
    JobSpec spec = new JobSpec(EVALUATION, new MlpFactory.Config(new MlpTrainingConfig(7, 16, 5, 16, 0.05, 1e-3), 32, 1e-2));
    assertThat(new String(spec.encode(), StandardCharsets.US_ASCII)).isEqualTo(mlpText("16"));
    assertThat(JobSpec.decode(spec.encode())).isEqualTo(spec);
  }

  @Test
  void theDefaultsOfBothArchitecturesRoundTripToTheSameSettings() {
    for (VersionFactory f : new VersionFactory[] {LogisticFactory.Config.defaults(), MlpFactory.Config.defaults()}) {
      assertThat(JobSpec.decode(new JobSpec(EVALUATION, f).encode()).factory()).isEqualTo(f);
    }
  }

  @Property(tries = 200)
  void everyEncodableMlpSpecDecodesToItself(@ForAll @LongRange(min = 0) long seed, @ForAll @IntRange(min = 1, max = 1024) int hidden,
      @ForAll @IntRange(min = 1, max = 1000) int epochs, @ForAll @IntRange(min = 1, max = 65_536) int batch,
      @ForAll @LongRange(min = 1, max = 100_000_000_000L) long lrPpb, @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long l2Ppb,
      @ForAll @IntRange(min = 1, max = 4096) int rank, @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long dampingPpb) {
    JobSpec spec = new JobSpec(EVALUATION, new MlpFactory.Config(new MlpTrainingConfig(seed, hidden, epochs, batch,
        (double) lrPpb / JobSpec.PPB, (double) l2Ppb / JobSpec.PPB), rank, (double) dampingPpb / JobSpec.PPB));
    assertThat(JobSpec.decode(spec.encode())).isEqualTo(spec);
    assertThat(spec.dampingPpb()).isEqualTo(dampingPpb);
  }

  static String adapterText(String alphaPpb) {
    return JobSpec.HEADER + "\nevaluation=" + EVALUATION.toHexString() + "\narchitecture=adapter\nrank=32\ndamping-ppb=100000000\nbase-model=1"
        + "\nbase-version=2\nlora-rank=8\nalpha-ppb=" + alphaPpb + "\nepochs=30\nbatch=32\nlearning-rate-ppb=50000000\nseed=2026\n";
  }

  @Test
  void anAdapterSpecNamesItsBaseVersionAndEveryTrainingSetting() {
    JobSpec spec = new JobSpec(EVALUATION, AdapterJob.defaults().on(1, 2));
    assertThat(new String(spec.encode(), StandardCharsets.US_ASCII)).isEqualTo(adapterText("16000000000"));
    assertThat(JobSpec.decode(spec.encode())).isEqualTo(spec);
  }

  @Test
  void anAdapterSpecWithoutItsBaseCannotBeEncoded() {
    assertThatThrownBy(() -> new JobSpec(EVALUATION, AdapterJob.defaults())).isInstanceOf(JobSpec.Malformed.class)
        .hasMessageContaining("an adapter job names its base model and base version");
  }

  @Test
  void anAlphaThatIsNotExactlyAFloatIsRefused() {
    assertThatThrownBy(() -> JobSpec.decode(adapterText("100000000").getBytes(StandardCharsets.US_ASCII))).isInstanceOf(JobSpec.Malformed.class)
        .hasMessageContaining("alpha-ppb 100000000 is not exactly a float");
  }

  @Property(tries = 100)
  void everyEncodableAdapterSpecDecodesToItself(@ForAll @LongRange(min = 1) long baseModel, @ForAll @LongRange(min = 1) long baseVersion,
      @ForAll @IntRange(min = 1, max = 256) int loraRank, @ForAll @IntRange(min = 1, max = 1000) int alpha, @ForAll @IntRange(min = 1, max = 1000) int epochs,
      @ForAll @IntRange(min = 1, max = 65_536) int batch, @ForAll @LongRange(min = 1, max = 100_000_000_000L) long lrPpb, @ForAll @LongRange(min = 0) long seed,
      @ForAll @IntRange(min = 1, max = 4096) int rank, @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long dampingPpb) {
    JobSpec spec = new JobSpec(EVALUATION, new AdapterJob(baseModel, baseVersion, new org.openledger.prover.lora.AdapterFactory.Config(
        new org.openledger.prover.lora.AdapterTrainer.Config(loraRank, alpha, epochs, batch, (double) lrPpb / JobSpec.PPB, seed),
        new org.openledger.prover.attribution.adapter.AdapterBasis.Config(rank, (double) dampingPpb / JobSpec.PPB))));
    assertThat(JobSpec.decode(spec.encode())).isEqualTo(spec);
  }

  @Property(tries = 100)
  void everyEncodableLogisticSpecDecodesToItself(@ForAll @IntRange(min = 1, max = 4096) int rank,
      @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long dampingPpb, @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long l2Ppb,
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long tolPpb, @ForAll @IntRange(min = 1, max = 100_000) int iterations,
      @ForAll @IntRange(min = 1, max = 100) int history) {
    JobSpec spec = new JobSpec(EVALUATION, new LogisticFactory.Config(rank, (double) dampingPpb / JobSpec.PPB,
        new Convergence((double) l2Ppb / JobSpec.PPB, (double) tolPpb / JobSpec.PPB, iterations, history)));
    assertThat(JobSpec.decode(spec.encode())).isEqualTo(spec);
  }

  @Test
  void theRootIsTheKeccakOfTheBytesTheContentStoreKeysThemBy() {
    JobSpec spec = new JobSpec(EVALUATION, MlpFactory.Config.defaults());
    assertThat(spec.root()).isEqualTo(Bytes32.wrap(org.openledger.precompiles.Keccak.hash(spec.encode())));
  }

  @Test
  void anEvaluationSetIsNotASpec() {
    byte[] images = ImageContribution.of(FashionMnist.shipped(FashionMnist.Split.TEST), 0, 10, FashionMnist.CLASSES).encode();
    assertThat(JobSpec.isSpec(images)).isFalse();
    assertThat(JobSpec.isSpec(mlpText("16").getBytes(StandardCharsets.US_ASCII))).isTrue();
  }

  @Test
  void anUnsupportedArchitectureIsRefusedNamingWhatIsSupported() {
    String text = mlpText("16").replace("architecture=mlp", "architecture=transformer");
    assertThatThrownBy(() -> JobSpec.decode(text.getBytes(StandardCharsets.US_ASCII))).isInstanceOf(JobSpec.Malformed.class)
        .hasMessage("unsupported architecture 'transformer': this trainer builds logistic, mlp or adapter");
  }

  @Test
  void aHiddenWidthOutsideTheCommittedModelsBoundsIsRefused() {
    assertThatThrownBy(() -> JobSpec.decode(mlpText("0").getBytes(StandardCharsets.US_ASCII))).isInstanceOf(JobSpec.Malformed.class)
        .hasMessage("hidden must be in 1..1024, got 0");
    assertThatThrownBy(() -> JobSpec.decode(mlpText("1025").getBytes(StandardCharsets.US_ASCII))).hasMessage("hidden must be in 1..1024, got 1025");
  }

  @Test
  void aNonCanonicalIntegerIsRefused() {
    assertThatThrownBy(() -> JobSpec.decode(mlpText("016").getBytes(StandardCharsets.US_ASCII)))
        .hasMessage("hidden must be a decimal integer without sign or leading zeros, got '016'");
  }

  @Test
  void aMissingReorderedOrForeignKeyIsRefused() {
    assertThatThrownBy(() -> JobSpec.decode(mlpText("16").replace("seed=7\n", "").getBytes(StandardCharsets.US_ASCII)))
        .hasMessageStartingWith("the keys must be exactly evaluation, architecture, rank, damping-ppb, hidden, epochs, batch, learning-rate-ppb, l2-ppb, seed");
    assertThatThrownBy(() -> JobSpec.decode(mlpText("16").replace("seed=7\n", "seed=7\nhistory=20\n").getBytes(StandardCharsets.US_ASCII)))
        .hasMessageStartingWith("the keys must be exactly");
  }

  @Test
  void bytesWithoutTheHeaderOrTheFinalNewlineAreRefused() {
    assertThatThrownBy(() -> JobSpec.decode("architecture=mlp\n".getBytes(StandardCharsets.US_ASCII)))
        .hasMessage("does not start with the line 'openledger-job-spec/1'");
    String text = mlpText("16");
    assertThatThrownBy(() -> JobSpec.decode(text.substring(0, text.length() - 1).getBytes(StandardCharsets.US_ASCII)))
        .hasMessage("the last line must end with a newline");
  }

  @Test
  void aSettingAboveWhatADecoderAcceptsCannotBeEncoded() {
    assertThatThrownBy(() -> new JobSpec(EVALUATION, new MlpFactory.Config(MlpTrainingConfig.defaults(), 64, 5_000)))
        .isInstanceOf(JobSpec.Malformed.class).hasMessage("damping 5000.0 is above 1000.0");
    assertThatThrownBy(() -> new JobSpec(EVALUATION, new MlpFactory.Config(MlpTrainingConfig.defaults().withEpochs(1_001), 64, 1e-2)))
        .hasMessage("epochs 1001 is above 1000");
  }

  @Test
  void aSettingWithNoExactPartsPerBillionFormCannotBeCommitted() {
    assertThatThrownBy(() -> new JobSpec(EVALUATION, new MlpFactory.Config(MlpTrainingConfig.defaults(), 64, 1e-12)))
        .isInstanceOf(JobSpec.Malformed.class).hasMessageContaining("no exact form in parts per billion");
  }
}
