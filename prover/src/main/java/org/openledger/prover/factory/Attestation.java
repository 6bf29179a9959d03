package org.openledger.prover.factory;

import java.util.Optional;
import org.openledger.contracts.attribution.BasisRow;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.contracts.attribution.MlpBasisRow;
import org.openledger.prover.proof.VersionArtifacts;

/**
 * What an attester checks before it attests a version (DESIGN §6): its own rebuild of the weights,
 * basis and index from the same training data matches what the version published, every int16
 * coordinate within one quantization step (a different machine's floating point may round a
 * borderline value the other way; anything more is a different model or index). Shapes and
 * power-of-two scales must be equal, for logistic regression and the MLP alike.
 */
public final class Attestation {
  private Attestation() {}

  /** Empty when the published artifacts match the rebuild; otherwise the first difference found. */
  public static Optional<String> compare(VersionArtifacts published, VersionArtifacts rebuilt) {
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
    if (published.leaves().size() != rebuilt.leaves().size()) {
      return Optional.of(published.leaves().size() + " index leaves published, " + rebuilt.leaves().size() + " rebuilt");
    }
    for (int i = 0; i < published.leaves().size(); i++) {
      var p = published.leaves().get(i);
      var q = rebuilt.leaves().get(i);
      if (!p.contributor().equals(q.contributor()) || p.datanetId() != q.datanetId() || !p.contributionsRoot().equals(q.contributionsRoot())) {
        return Optional.of("leaf " + i + " names another contributor, datanet or contributions");
      }
      Optional<String> u = within("leaf " + i + " coordinate", p.u(), q.u());
      if (u.isPresent()) return u;
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

  private static Optional<String> within(String what, long[] a, long[] b) {
    if (a.length != b.length) return Optional.of(what + " count differs");
    for (int i = 0; i < a.length; i++) {
      if (Math.abs(a[i] - b[i]) > 1) return Optional.of(what + " " + i + " is " + a[i] + " published, " + b[i] + " rebuilt");
    }
    return Optional.empty();
  }
}
