package org.openledger.prover.factory;

import java.util.List;
import java.util.Optional;
import org.openledger.contracts.attribution.BasisRow;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.MlpBasisRow;
import org.openledger.prover.attribution.adapter.AdapterBasisRow;
import org.openledger.prover.attribution.adapter.AdapterIndexBuilder;
import org.openledger.prover.lora.AdapterArtifacts;
import org.openledger.prover.attribution.adapter.IntegerAdapter;
import org.openledger.contracts.attribution.FixedLora;
import org.openledger.prover.lora.LoraLayer;
import org.openledger.prover.proof.IndexAudit;
import org.openledger.prover.proof.VersionArtifacts;

/**
 * What an attester checks before it attests a version (DESIGN §6), for logistic regression, the
 * MLP and LoRA adapters (docs/openlora.md §5) alike:
 * <ul>
 *   <li>its own rebuild of the weights and the basis from the same training data matches what the
 *       version published, every int16 coordinate within one quantization step (training and the
 *       basis are floating point: another machine or compute backend may round a borderline value
 *       the other way; anything more is a different model or basis). Shapes and power-of-two
 *       scales must be equal;
 *   <li>the index is exactly the one the published model and basis give on the training data:
 *       leaves are integer arithmetic over committed values, so there is no rounding to forgive,
 *       and comparing them with the attester's own (one step off) basis would not be exact either
 *       — a leaf sums many examples, so one step in a basis factor moves it by more than one.
 * </ul>
 */
public final class Attestation {
  private Attestation() {}

  /**
   * Empty when the published artifacts match the rebuild and the published index is the one the
   * published model and basis give on {@code set}; otherwise the first difference found.
   */
  public static Optional<String> compare(VersionArtifacts published, VersionArtifacts rebuilt, TrainingSet set) {
    Optional<String> model = switch (published.model()) {
      case FixedLogistic a when rebuilt.model() instanceof FixedLogistic b -> logistic(a, b);
      case FixedMlp a when rebuilt.model() instanceof FixedMlp b -> mlp(a, b);
      default -> Optional.of("model kind differs: " + kind(published) + " published, " + kind(rebuilt) + " rebuilt");
    };
    if (model.isPresent()) return model;
    if (published.rank() != rebuilt.rank()) return Optional.of("basis rank differs: " + published.rank() + " published, " + rebuilt.rank() + " rebuilt");
    for (int j = 0; j < published.rank(); j++) {
      Optional<String> r = row(j, published.rows().get(j), rebuilt.rows().get(j));
      if (r.isPresent()) return r;
    }
    List<IndexLeaf> expected;
    try {
      expected = IndexAudit.expected(published, set).leaves();
    } catch (ArithmeticException | IllegalArgumentException e) {
      return Optional.of("the published model and basis give no index on the training data: " + e.getMessage());
    }
    return sameLeaves(published.leaves(), expected);
  }

  /**
   * The same checks for an adapter version (docs/openlora.md §5): the rebuilt adapter on the same
   * base, every LoRA factor within one step of an int16 quantization at its matrix's power-of-two
   * scale (the adapter is committed as floats; training is floating point, so another machine may
   * round the last bits differently — a different training run differs by far more), the same
   * scale α/r, every basis row's int16 factors within one step at the same shift, and the index
   * exactly the one the published adapter and basis give on {@code set}.
   */
  public static Optional<String> compare(AdapterArtifacts published, AdapterArtifacts rebuilt, TrainingSet set) {
    if (!published.baseWeightsRoot().equals(rebuilt.baseWeightsRoot())) {
      return Optional.of("the basis names base weights " + published.baseWeightsRoot().toHexString() + ", the rebuild's base is "
          + rebuilt.baseWeightsRoot().toHexString());
    }
    if (published.isInteger() != rebuilt.isInteger()) {
      return Optional.of("the adapter is " + (published.isInteger() ? "OLA2" : "OLA1") + " published, " + (rebuilt.isInteger() ? "OLA2" : "OLA1") + " rebuilt");
    }
    Optional<String> factors = published.isInteger() ? integer(published.integer(), rebuilt.integer()) : floats(published, rebuilt);
    if (factors.isPresent()) return factors;
    if (published.rank() != rebuilt.rank()) return Optional.of("basis rank differs: " + published.rank() + " published, " + rebuilt.rank() + " rebuilt");
    for (int j = 0; j < published.rank(); j++) {
      AdapterBasisRow a = published.rows().get(j), b = rebuilt.rows().get(j);
      if (a.layer() != b.layer() || a.block() != b.block() || a.shift() != b.shift()) {
        return Optional.of("basis row " + j + " is layer " + a.layer() + " block " + a.block() + " at shift " + a.shift() + " published, layer "
            + b.layer() + " block " + b.block() + " at shift " + b.shift() + " rebuilt");
      }
      Optional<String> r = within("basis row " + j + " output factor", a.a(), b.a());
      if (r.isEmpty()) r = within("basis row " + j + " input factor", a.b(), b.b());
      if (r.isPresent()) return r;
    }
    List<IndexLeaf> expected;
    try {
      expected = published.isInteger()
          ? IntegerAdapter.index(published.integer(), IntegerAdapter.chainRows(published.rows()), set.examples(), set.owners()).leaves()
          : new AdapterIndexBuilder(published.base(), published.adapter(), published.rows()).build(set.examples(), set.owners()).leaves();
    } catch (ArithmeticException | IllegalArgumentException e) {
      return Optional.of("the published adapter and basis give no index on the training data: " + e.getMessage());
    }
    return sameLeaves(published.leaves(), expected);
  }

  /** An OLA1 adapter's float factors: each within one step of an int16 quantization at its matrix's scale. */
  private static Optional<String> floats(AdapterArtifacts published, AdapterArtifacts rebuilt) {
    List<LoraLayer> p = published.adapter().layers(), q = rebuilt.adapter().layers();
    if (p.size() != q.size()) return Optional.of(p.size() + " adapter layers published, " + q.size() + " rebuilt");
    for (int l = 0; l < p.size(); l++) {
      LoraLayer a = p.get(l), b = q.get(l);
      if (a.rank() != b.rank() || a.in() != b.in() || a.out() != b.out()) {
        return Optional.of("adapter layer " + l + " is rank " + a.rank() + " " + a.in() + "→" + a.out() + " published, rank " + b.rank() + " " + b.in()
            + "→" + b.out() + " rebuilt");
      }
      if (a.scale() != b.scale()) return Optional.of("adapter layer " + l + " scale α/r is " + a.scale() + " published, " + b.scale() + " rebuilt");
      Optional<String> w = within("adapter layer " + l + " A entry", a.a(), b.a());
      if (w.isEmpty()) w = within("adapter layer " + l + " B entry", a.b(), b.b());
      if (w.isPresent()) return w;
    }
    return Optional.empty();
  }

  /** An OLA2 adapter's integers: the same base, rank and shifts, and every A and B entry within one int16 step. */
  private static Optional<String> integer(FixedLora a, FixedLora b) {
    if (a.rank() != b.rank()) return Optional.of("adapter rank " + a.rank() + " published, " + b.rank() + " rebuilt");
    if (a.shiftA() != b.shiftA() || a.shiftB() != b.shiftB() || a.shiftH() != b.shiftH()) {
      return Optional.of("adapter shifts sA/sB/sH " + a.shiftA() + "/" + a.shiftB() + "/" + a.shiftH() + " published, " + b.shiftA() + "/" + b.shiftB()
          + "/" + b.shiftH() + " rebuilt");
    }
    Optional<String> w = within("adapter layer 0 A entry", a.a(), b.a());
    return w.isPresent() ? w : within("adapter layer 0 B entry", a.b(), b.b());
  }

  /** Empty when the published leaves are exactly the expected ones. */
  private static Optional<String> sameLeaves(List<IndexLeaf> published, List<IndexLeaf> expected) {
    if (published.size() != expected.size()) {
      return Optional.of(published.size() + " index leaves published, " + expected.size() + " from the published model and basis");
    }
    for (int i = 0; i < expected.size(); i++) {
      var p = published.get(i);
      var q = expected.get(i);
      if (!p.contributor().equals(q.contributor()) || p.datanetId() != q.datanetId() || !p.contributionsRoot().equals(q.contributionsRoot())) {
        return Optional.of("leaf " + i + " names another contributor, datanet or contributions");
      }
      for (int j = 0; j < p.u().length && j < q.u().length; j++) {
        if (p.u()[j] != q.u()[j]) {
          return Optional.of("leaf " + i + " coordinate " + j + " is " + p.u()[j] + " published, " + q.u()[j] + " from the published model and basis");
        }
      }
      if (p.u().length != q.u().length) return Optional.of("leaf " + i + " has " + p.u().length + " coordinates, the basis " + q.u().length);
    }
    return Optional.empty();
  }

  private static String kind(VersionArtifacts a) {
    return a.model() instanceof FixedMlp ? "an MLP" : "logistic regression";
  }

  private static Optional<String> logistic(FixedLogistic a, FixedLogistic b) {
    if (a.classes() != b.classes() || a.features() != b.features()) return Optional.of("model shape differs");
    if (a.shift() != b.shift()) return Optional.of("weights scale differs: 2^" + a.shift() + " published, 2^" + b.shift() + " rebuilt");
    Optional<String> w = within("weight", a.weights(), b.weights());
    if (w.isPresent()) return w;
    for (int c = 0; c < a.classes(); c++) {
      if (Math.abs((long) a.bias()[c] - b.bias()[c]) > 1) return Optional.of("bias " + c + " differs by more than one step");
    }
    return Optional.empty();
  }

  private static Optional<String> mlp(FixedMlp a, FixedMlp b) {
    if (a.inputs() != b.inputs() || a.hidden() != b.hidden() || a.classes() != b.classes()) {
      return Optional.of("model shape differs: " + a.inputs() + "→" + a.hidden() + "→" + a.classes() + " published, "
          + b.inputs() + "→" + b.hidden() + "→" + b.classes() + " rebuilt");
    }
    if (a.shift1() != b.shift1() || a.shift2() != b.shift2()) {
      return Optional.of("weights scales differ: 2^" + a.shift1() + ", 2^" + a.shift2() + " published, 2^" + b.shift1() + ", 2^" + b.shift2() + " rebuilt");
    }
    Optional<String> w = within("layer-1 weight", a.w1(), b.w1());
    if (w.isEmpty()) w = within("layer-2 weight", a.w2(), b.w2());
    if (w.isEmpty()) w = within("layer-1 bias", a.b1(), b.b1());
    if (w.isEmpty()) w = within("layer-2 bias", a.b2(), b.b2());
    return w;
  }

  private static Optional<String> row(int j, BasisRow published, BasisRow rebuilt) {
    return switch (published) {
      case BasisRow.Dense p when rebuilt instanceof BasisRow.Dense q -> within("basis row " + j + " entry", p.values(), q.values());
      case MlpBasisRow p when rebuilt instanceof MlpBasisRow q -> {
        if (p.layer() != q.layer() || p.shift() != q.shift()) {
          yield Optional.of("basis row " + j + " is layer " + p.layer() + " at shift " + p.shift() + " published, layer " + q.layer()
              + " at shift " + q.shift() + " rebuilt");
        }
        Optional<String> a = within("basis row " + j + " output factor", p.a(), q.a());
        yield a.isPresent() ? a : within("basis row " + j + " input factor", p.b(), q.b());
      }
      default -> Optional.of("basis row " + j + " is of another kind");
    };
  }

  private static Optional<String> within(String what, short[] a, short[] b) {
    if (a.length != b.length) return Optional.of(what + " count differs");
    for (int i = 0; i < a.length; i++) {
      if (Math.abs(a[i] - b[i]) > 1) return Optional.of(what + " " + i + " is " + a[i] + " published, " + b[i] + " rebuilt");
    }
    return Optional.empty();
  }

  /**
   * Float values within one step of an int16 quantization at the published matrix's power-of-two
   * scale: {@code 2^(e−15)} with {@code 2^e} the smallest power of two above its largest magnitude.
   */
  private static Optional<String> within(String what, float[] a, float[] b) {
    if (a.length != b.length) return Optional.of(what + " count differs");
    float max = 0;
    for (float x : a) max = Math.max(max, Math.abs(x));
    if (!Float.isFinite(max)) return Optional.of(what + "s are not all finite");
    double step = max == 0 ? 0 : Math.scalb(1.0, Math.getExponent(max) + 1 - 15);
    for (int i = 0; i < a.length; i++) {
      if (!(Math.abs((double) a[i] - b[i]) <= step)) return Optional.of(what + " " + i + " is " + a[i] + " published, " + b[i] + " rebuilt (one step: " + step + ")");
    }
    return Optional.empty();
  }

  private static Optional<String> within(String what, long[] a, long[] b) {
    if (a.length != b.length) return Optional.of(what + " count differs");
    for (int i = 0; i < a.length; i++) {
      if (Math.abs(a[i] - b[i]) > 1) return Optional.of(what + " " + i + " is " + a[i] + " published, " + b[i] + " rebuilt");
    }
    return Optional.empty();
  }
}
