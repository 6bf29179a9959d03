package org.openledger.prover.lora;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openledger.prover.model.Mlp;

/** The adapter-parameter gradient against central finite differences of the adapted model in double precision. */
class LoraGradientTest {
  static final BaseMlp BASE = BaseMlp.random(3, 12, 9, 7, 4);

  /** Every A and B value of {@code a} with one value moved by {@code eps}. */
  static LoraAdapter nudged(LoraAdapter a, int layer, boolean isB, int index, float eps) {
    List<LoraLayer> layers = new ArrayList<>(a.layers());
    LoraLayer l = layers.get(layer);
    float[] av = l.a().clone(), bv = l.b().clone();
    if (isB) bv[index] += eps;
    else av[index] += eps;
    layers.set(layer, new LoraLayer(l.rank(), l.in(), l.out(), l.scale(), av, bv));
    return new LoraAdapter(layers);
  }

  static double margin(LoraAdapter a, float[] x, int cls) {
    return Mlp.margin(new LoraGradient(BASE, a).logits(x), cls);
  }

  @Test
  void theMarginGradientOverEveryAdapterParameterMatchesFiniteDifferences() {
    LoraAdapter adapter = LoraAdapter.random(BASE, 3, 6, 9);
    float[] x = new float[BASE.inputs()];
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < x.length; i++) x[i] = (float) random.nextDouble();
    LoraGradient g = new LoraGradient(BASE, adapter);
    double[] z = g.logits(x);
    int cls = 0;
    for (int c = 1; c < z.length; c++) if (z[c] > z[cls]) cls = c;
    double[] analytic = g.marginGradient(x);
    assertThat(analytic).hasSize((int) adapter.parameters());
    float eps = 1e-2f; // float parameters: a step the float32 grid resolves; the model is piecewise quadratic in one parameter
    int checked = 0;
    for (int l = 0; l < adapter.layers().size(); l++) {
      LoraLayer lora = adapter.layers().get(l);
      for (int isB = 0; isB < 2; isB++) {
        int count = isB == 1 ? lora.b().length : lora.a().length;
        for (int i = 0; i < count; i++) {
          LoraAdapter up = nudged(adapter, l, isB == 1, i, eps), down = nudged(adapter, l, isB == 1, i, -eps);
          float stepUp = (isB == 1 ? up.layers().get(l).b()[i] - lora.b()[i] : up.layers().get(l).a()[i] - lora.a()[i]);
          float stepDown = (isB == 1 ? lora.b()[i] - down.layers().get(l).b()[i] : lora.a()[i] - down.layers().get(l).a()[i]);
          double numeric = (margin(up, x, cls) - margin(down, x, cls)) / ((double) stepUp + stepDown);
          int at = isB == 1 ? g.flatIndex(l, true, i / lora.rank(), i % lora.rank()) : g.flatIndex(l, false, i / lora.in(), i % lora.in());
          assertThat(analytic[at]).as("layer %d %s[%d]", l, isB == 1 ? "B" : "A", i)
              .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-4 + 1e-3 * Math.abs(numeric)));
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo((int) adapter.parameters());
  }

  @Test
  void withBZeroTheLossGradientVanishesOnAButNotOnB() {
    // LoRA's own initialisation (B = 0): the update is zero, so ∂/∂A vanishes while ∂/∂B does not
    LoraAdapter random = LoraAdapter.random(BASE, 2, 4, 1);
    List<LoraLayer> zeroB = new ArrayList<>();
    for (LoraLayer l : random.layers()) zeroB.add(new LoraLayer(l.rank(), l.in(), l.out(), l.scale(), l.a(), new float[l.b().length]));
    LoraAdapter adapter = new LoraAdapter(zeroB);
    LoraGradient g = new LoraGradient(BASE, adapter);
    float[] x = new float[BASE.inputs()];
    java.util.Arrays.fill(x, 0.5f);
    double[] grad = g.lossGradient(x, 1);
    double aNorm = 0, bNorm = 0;
    for (int l = 0; l < adapter.layers().size(); l++) {
      LoraLayer lora = adapter.layers().get(l);
      for (int i = 0; i < lora.a().length; i++) aNorm += Math.abs(grad[g.flatIndex(l, false, i / lora.in(), i % lora.in())]);
      for (int i = 0; i < lora.b().length; i++) bNorm += Math.abs(grad[g.flatIndex(l, true, i / lora.rank(), i % lora.rank())]);
    }
    assertThat(aNorm).isZero();
    assertThat(bNorm).isPositive();
  }
}
