package org.openledger.compute.opencl;

import java.util.Properties;

/**
 * The kernels' compile-time parameters (see docs/provers.md for what to try on a GPU). A tile of
 * TS × TS outputs is computed by a (TS/RT) × (TS/RT) work-group, each item an RT × RT block; TK is
 * the depth loaded into local memory per step. {@code topmChunk} is how many contributors one
 * work-item scans when selecting the per-chunk top M.
 */
public record OpenClTuning(int gemmTile, int gemmDepth, int gemmRegister,
                           int scoreTile, int scoreDepth, int scoreRegister, int topmChunk) {
  public static final String PREFIX = "openledger.compute.opencl.";

  public OpenClTuning {
    checkTile("gemm", gemmTile, gemmDepth, gemmRegister);
    checkTile("score", scoreTile, scoreDepth, scoreRegister);
    if (topmChunk < 1) {
      throw new IllegalArgumentException("topm chunk must be positive, got " + topmChunk);
    }
  }

  /** Defaults that run well on PoCL and are a reasonable start on a GPU. */
  public static OpenClTuning defaults() {
    return new OpenClTuning(64, 16, 4, 32, 32, 2, 1024);
  }

  /** Overrides from -Dopenledger.compute.opencl.{gemm,score}.{ts,tk,rt} and .topm.chunk. */
  public static OpenClTuning fromProperties(Properties p) {
    OpenClTuning d = defaults();
    return new OpenClTuning(
        intProperty(p, "gemm.ts", d.gemmTile), intProperty(p, "gemm.tk", d.gemmDepth), intProperty(p, "gemm.rt", d.gemmRegister),
        intProperty(p, "score.ts", d.scoreTile), intProperty(p, "score.tk", d.scoreDepth), intProperty(p, "score.rt", d.scoreRegister),
        intProperty(p, "topm.chunk", d.topmChunk));
  }

  int gemmGroup() {
    return gemmTile / gemmRegister;
  }

  int scoreGroup() {
    return scoreTile / scoreRegister;
  }

  String gemmOptions(boolean transposeB) {
    return "-cl-mad-enable -DTS=" + gemmTile + " -DTK=" + gemmDepth + " -DRT=" + gemmRegister + " -DTRANSPOSE_B=" + (transposeB ? 1 : 0);
  }

  String scoreOptions(int maxM) {
    return "-DTS=" + scoreTile + " -DTK=" + scoreDepth + " -DRT=" + scoreRegister + " -DMAX_M=" + maxM;
  }

  private static void checkTile(String kernel, int tile, int depth, int register) {
    if (tile < 1 || depth < 1 || register < 1 || tile % register != 0) {
      throw new IllegalArgumentException(kernel + " tile " + tile + " must be a positive multiple of its register block " + register
          + " (depth " + depth + ")");
    }
  }

  private static int intProperty(Properties p, String key, int fallback) {
    String text = p.getProperty(PREFIX + key);
    if (text == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PREFIX + key + " must be an integer, got '" + text + "'", e);
    }
  }
}
