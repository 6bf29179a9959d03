package org.openledger.prover.factory;

import java.util.Optional;
import org.openledger.prover.proof.VersionArtifacts;

/**
 * What an attester checks before it attests a version (DESIGN §6): its own rebuild of the weights,
 * basis and index from the same training data matches what the version published, every int16
 * coordinate within one quantization step (a different machine's floating point may round a
 * borderline value the other way; anything more is a different model or index).
 */
public final class Attestation {
  private Attestation() {}

  /** Empty when the published artifacts match the rebuild; otherwise the first difference found. */
  public static Optional<String> compare(VersionArtifacts published, VersionArtifacts rebuilt) {
    var a = published.model();
    var b = rebuilt.model();
    if (a.classes() != b.classes() || a.features() != b.features()) return Optional.of("model shape differs");
    if (a.shift() != b.shift()) return Optional.of("weights scale differs: 2^" + a.shift() + " published, 2^" + b.shift() + " rebuilt");
    Optional<String> w = within("weight", a.weights(), b.weights());
    if (w.isPresent()) return w;
    for (int c = 0; c < a.classes(); c++) {
      if (Math.abs((long) a.bias()[c] - b.bias()[c]) > 1) return Optional.of("bias " + c + " differs by more than one step");
    }
    if (published.basis().k() != rebuilt.basis().k()) return Optional.of("basis rank differs");
    Optional<String> r = within("basis entry", published.basis().rows(), rebuilt.basis().rows());
    if (r.isPresent()) return r;
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

  private static Optional<String> within(String what, short[] a, short[] b) {
    if (a.length != b.length) return Optional.of(what + " count differs");
    for (int i = 0; i < a.length; i++) {
      if (Math.abs(a[i] - b[i]) > 1) return Optional.of(what + " " + i + " is " + a[i] + " published, " + b[i] + " rebuilt");
    }
    return Optional.empty();
  }
}
