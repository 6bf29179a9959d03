package org.openledger.compute.cpu;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import dev.ludovic.netlib.lapack.JavaLAPACK;
import dev.ludovic.netlib.lapack.LAPACK;
import dev.ludovic.netlib.lapack.NativeLAPACK;
import org.netlib.util.intW;
import org.openledger.compute.LapackException;
import org.openledger.compute.NotPositiveDefiniteException;
import org.openledger.compute.linalg.DoubleMatrix;
import org.openledger.compute.linalg.SymmetricEigen;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BLAS and LAPACK through dev.ludovic.netlib: JNI to the system's libblas.so.3/liblapack.so.3
 * (Debian's libopenblas0-pthread), or, when those cannot be loaded, netlib's pure-Java code — about
 * 30× slower, so that fallback is logged as a warning every time a backend starts on it.
 *
 * <p>BLAS is column-major; our matrices are row-major. A row-major matrix read column-major is its
 * transpose, so row-major {@code C = op(A)·op(B)} is column-major {@code Cᵀ = op(B)ᵀ·op(A)ᵀ}: the
 * same call with the operands swapped, no copies.
 */
public final class NativeLinearAlgebra {
  private static final Logger LOG = LoggerFactory.getLogger(NativeLinearAlgebra.class);

  private final BLAS blas;
  private final LAPACK lapack;
  private final boolean nativeBlas;
  private final boolean nativeLapack;

  private NativeLinearAlgebra(BLAS blas, boolean nativeBlas, LAPACK lapack, boolean nativeLapack) {
    this.blas = blas;
    this.lapack = lapack;
    this.nativeBlas = nativeBlas;
    this.nativeLapack = nativeLapack;
  }

  /** The native libraries if they load, else the pure-Java ones with a loud warning. */
  public static NativeLinearAlgebra load() {
    BLAS blas;
    boolean nativeBlas;
    try {
      blas = NativeBLAS.getInstance();
      nativeBlas = true;
    } catch (RuntimeException | LinkageError e) {
      blas = JavaBLAS.getInstance();
      nativeBlas = false;
    }
    LAPACK lapack;
    boolean nativeLapack;
    try {
      lapack = NativeLAPACK.getInstance();
      nativeLapack = true;
    } catch (RuntimeException | LinkageError e) {
      lapack = JavaLAPACK.getInstance();
      nativeLapack = false;
    }
    NativeLinearAlgebra la = new NativeLinearAlgebra(blas, nativeBlas, lapack, nativeLapack);
    if (!nativeBlas || !nativeLapack) {
      LOG.warn("""
          !!! SLOW COMPUTE: native BLAS/LAPACK did not load (BLAS {}, LAPACK {}); using netlib's pure-Java \
          code, about 30x slower. Install Debian's libopenblas0-pthread (libblas.so.3, liblapack.so.3).""",
          blas.getClass().getSimpleName(), lapack.getClass().getSimpleName());
    }
    return la;
  }

  public boolean isNative() {
    return nativeBlas && nativeLapack;
  }

  public boolean isNativeBlas() {
    return nativeBlas;
  }

  public String description() {
    return "BLAS " + blas.getClass().getSimpleName() + ", LAPACK " + lapack.getClass().getSimpleName();
  }

  /** Row-major C (m × n) = op(A) · op(B), with leading dimensions (row lengths) lda, ldb, ldc. */
  public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                    float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                    float[] c, int cOffset, int ldc) {
    sgemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, 0f, c, cOffset, ldc);
  }

  /** Row-major C = op(A) · op(B) + beta · C. */
  public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                    float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                    float beta, float[] c, int cOffset, int ldc) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0 && beta == 0f) {
      for (int r = 0; r < m; r++) {
        java.util.Arrays.fill(c, cOffset + r * ldc, cOffset + r * ldc + n, 0f);
      }
      return;
    }
    if (k == 0) {
      return; // C = beta·C with beta != 0 only arises when accumulating; nothing to add
    }
    blas.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, 1f, b, bOffset, ldb, a, aOffset, lda, beta, c, cOffset, ldc);
  }

  /** Row-major C (m × n) = op(A) · op(B) in double. */
  public void dgemm(boolean transA, boolean transB, int m, int n, int k,
                    double[] a, int lda, double[] b, int ldb, double[] c, int ldc) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      for (int r = 0; r < m; r++) {
        java.util.Arrays.fill(c, r * ldc, r * ldc + n, 0d);
      }
      return;
    }
    blas.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, 1d, b, ldb, a, lda, 0d, c, ldc);
  }

  /**
   * dsyevd (divide and conquer, the routine numpy.linalg.eigh uses). The symmetric input read
   * column-major is itself; LAPACK's column eigenvectors read row-major are rows, as promised.
   */
  public SymmetricEigen symmetricEigen(DoubleMatrix symmetric) {
    int n = requireSquare(symmetric);
    double[] a = symmetric.data().clone();
    double[] w = new double[n];
    if (n == 0) {
      return new SymmetricEigen(w, symmetric);
    }
    intW info = new intW(0);
    double[] workQuery = new double[1];
    int[] iworkQuery = new int[1];
    // "U" in column-major is the lower triangle of our row-major matrix: read what we document.
    lapack.dsyevd("V", "U", n, a, n, w, workQuery, -1, iworkQuery, -1, info);
    check("dsyevd", info.val, "workspace query failed");
    double[] work = new double[(int) workQuery[0]];
    int[] iwork = new int[iworkQuery[0]];
    lapack.dsyevd("V", "U", n, a, n, w, work, work.length, iwork, iwork.length, info);
    if (info.val > 0) {
      throw new LapackException("dsyevd", info.val, "the algorithm failed to converge");
    }
    check("dsyevd", info.val, "illegal argument");
    return new SymmetricEigen(w, new DoubleMatrix(n, n, a));
  }

  /** dpotrf: row-major lower L with A = L Lᵀ (column-major upper U with A = UᵀU is exactly that). */
  public DoubleMatrix cholesky(DoubleMatrix symmetric) {
    int n = requireSquare(symmetric);
    double[] a = symmetric.data().clone();
    if (n == 0) {
      return new DoubleMatrix(0, 0, a);
    }
    intW info = new intW(0);
    lapack.dpotrf("U", n, a, n, info);
    if (info.val > 0) {
      throw new NotPositiveDefiniteException("dpotrf", info.val);
    }
    check("dpotrf", info.val, "illegal argument");
    for (int r = 0; r < n; r++) {
      java.util.Arrays.fill(a, r * n + r + 1, (r + 1) * n, 0d); // above the diagonal: not part of L
    }
    return new DoubleMatrix(n, n, a);
  }

  private static int requireSquare(DoubleMatrix m) {
    if (!m.isSquare()) {
      throw new IllegalArgumentException("a symmetric matrix must be square, got " + m);
    }
    return m.rows();
  }

  private static void check(String routine, int info, String meaning) {
    if (info != 0) {
      throw new LapackException(routine, info, meaning);
    }
  }
}
