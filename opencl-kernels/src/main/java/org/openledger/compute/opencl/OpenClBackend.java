package org.openledger.compute.opencl;

import static org.lwjgl.opencl.CL10.CL_MEM_READ_ONLY;
import static org.lwjgl.opencl.CL10.CL_MEM_READ_WRITE;
import static org.lwjgl.opencl.CL10.CL_MEM_WRITE_ONLY;
import static org.lwjgl.opencl.CL10.clSetKernelArg1i;
import static org.lwjgl.opencl.CL10.clSetKernelArg1p;

import java.nio.ByteBuffer;
import org.lwjgl.system.MemoryUtil;
import org.openledger.compute.BackendKind;
import org.openledger.compute.ComputeBackend;
import org.openledger.compute.cpu.NativeLinearAlgebra;
import org.openledger.compute.features.FeatureRequest;
import org.openledger.compute.features.LayerBasis;
import org.openledger.compute.features.LayerGradients;
import org.openledger.compute.hash.MessageBatch;
import org.openledger.compute.linalg.DoubleMatrix;
import org.openledger.compute.linalg.FloatMatrix;
import org.openledger.compute.linalg.SymmetricEigen;
import org.openledger.compute.opencl.OpenClContext.DeviceBuffer;
import org.openledger.compute.scoring.Int16Matrix;
import org.openledger.compute.scoring.ScoringIndex;
import org.openledger.compute.scoring.TopMSelector;
import org.openledger.compute.scoring.TopScores;

/**
 * Kernels on one OpenCL device. The factorisations (eigendecomposition, Cholesky) run once per
 * model version on d × d matrices and stay on the host's LAPACK. Each call uploads its inputs,
 * runs, reads back and releases every buffer it made before returning.
 */
public final class OpenClBackend implements ComputeBackend {
  private static final String GEMM = "gemm.cl";
  private static final String FEATURES = "features.cl";
  private static final String SCORING = "scoring.cl";
  private static final String KECCAK = "keccak.cl";
  /** Contributors scored per launch: bounds the int64 score buffer to rows × 64 Ki × 8 bytes. */
  private static final int SCORE_BLOCK = 1 << 16;
  /** Floats of the projection temporary per block of examples in the dense feature path. */
  private static final long FEATURE_BLOCK_FLOATS = 16L << 20;

  private final OpenClContext cl;
  private final OpenClTuning tuning;
  private final NativeLinearAlgebra host;

  public OpenClBackend(OpenClDevice device, OpenClTuning tuning) {
    if (tuning.gemmGroup() * (long) tuning.gemmGroup() > device.maxWorkGroupSize()
        || tuning.scoreGroup() * (long) tuning.scoreGroup() > device.maxWorkGroupSize()) {
      throw new IllegalArgumentException("work-groups of " + tuning + " exceed the device's maximum "
          + device.maxWorkGroupSize() + " for " + device.label());
    }
    this.cl = new OpenClContext(device);
    this.tuning = tuning;
    this.host = NativeLinearAlgebra.load();
  }

  public OpenClDevice device() {
    return cl.device();
  }

  /** Device buffers alive right now: 0 between calls, or a call leaked. */
  public int liveDeviceBuffers() {
    return cl.liveBuffers();
  }

  /** Programs compiled since this backend opened (each kernel source and option set once). */
  public int programBuilds() {
    return cl.programBuilds();
  }

  @Override
  public BackendKind kind() {
    return BackendKind.OPENCL;
  }

  @Override
  public String description() {
    return "opencl " + cl.device().label() + "; factorisations on host " + host.description();
  }

  @Override
  public FloatMatrix gemm(FloatMatrix a, FloatMatrix b) {
    if (a.cols() != b.rows()) {
      throw new IllegalArgumentException("inner dimensions differ: " + a + " and " + b);
    }
    return deviceGemm(a, b, false);
  }

  @Override
  public FloatMatrix gemmTransposedB(FloatMatrix a, FloatMatrix b) {
    if (a.cols() != b.cols()) {
      throw new IllegalArgumentException("inner dimensions differ: " + a + " and " + b);
    }
    return deviceGemm(a, b, true);
  }

  private FloatMatrix deviceGemm(FloatMatrix a, FloatMatrix b, boolean transposeB) {
    int m = a.rows();
    int n = transposeB ? b.rows() : b.cols();
    float[] c = new float[Math.multiplyExact(m, n)];
    if (m == 0 || n == 0) {
      return new FloatMatrix(m, n, c);
    }
    try (DeviceBuffer da = uploadFloats(a.data());
         DeviceBuffer db = uploadFloats(b.data());
         DeviceBuffer dc = cl.allocate(4L * c.length, CL_MEM_WRITE_ONLY)) {
      enqueueGemm(m, n, a.cols(), da, 0, db, dc, transposeB);
      readFloats(dc, c, 0, c.length);
    }
    return new FloatMatrix(m, n, c);
  }

  private void enqueueGemm(int m, int n, int k, DeviceBuffer a, int aOffset, DeviceBuffer b, DeviceBuffer c, boolean transposeB) {
    long kernel = cl.kernel(GEMM, tuning.gemmOptions(transposeB), "gemm");
    int arg = 0;
    clSetKernelArg1i(kernel, arg++, m);
    clSetKernelArg1i(kernel, arg++, n);
    clSetKernelArg1i(kernel, arg++, k);
    clSetKernelArg1p(kernel, arg++, a.mem());
    clSetKernelArg1i(kernel, arg++, aOffset);
    clSetKernelArg1p(kernel, arg++, b.mem());
    clSetKernelArg1p(kernel, arg, c.mem());
    int ts = tuning.gemmTile();
    int wg = tuning.gemmGroup();
    cl.run(kernel, new long[] {(long) ceilDiv(n, ts) * wg, (long) ceilDiv(m, ts) * wg}, new long[] {wg, wg});
  }

  @Override
  public SymmetricEigen symmetricEigen(DoubleMatrix symmetric) {
    return host.symmetricEigen(symmetric);
  }

  @Override
  public DoubleMatrix cholesky(DoubleMatrix symmetric) {
    return host.cholesky(symmetric);
  }

  @Override
  public FloatMatrix projectedGradients(FeatureRequest request) {
    int n = request.examples();
    int total = request.features();
    float[] out = new float[Math.multiplyExact(n, total)];
    if (n == 0 || total == 0) {
      return new FloatMatrix(n, total, out);
    }
    try (DeviceBuffer phi = cl.allocate(4L * out.length, CL_MEM_WRITE_ONLY)) {
      int column = 0;
      for (int l = 0; l < request.layers().size(); l++) {
        LayerGradients layer = request.layers().get(l);
        LayerBasis basis = request.bases().get(l);
        switch (basis) {
          case LayerBasis.Dense dense -> denseFeatures(layer, dense.rows(), phi, total, column);
          case LayerBasis.Kronecker kron -> kroneckerFeatures(layer, kron, phi, total, column);
          case LayerBasis.KroneckerPairs pairs -> kroneckerPairFeatures(layer, pairs, phi, total, column);
        }
        column += basis.features();
      }
      readFloats(phi, out, 0, out.length);
    }
    return new FloatMatrix(n, total, out);
  }

  /** Y = X_block · B'ᵀ on the device (B' is the basis viewed as (k·out) × in), then contract with P. */
  private void denseFeatures(LayerGradients layer, FloatMatrix basis, DeviceBuffer phi, int ldPhi, int column) {
    int n = layer.examples();
    int outDim = layer.outDim();
    int in = layer.inDim();
    int k = basis.rows();
    int width = Math.multiplyExact(k, outDim);
    int block = (int) Math.max(1, Math.min(n, FEATURE_BLOCK_FLOATS / Math.max(1, width)));
    try (DeviceBuffer x = uploadFloats(layer.inputs().data());
         DeviceBuffer p = uploadFloats(layer.outputGrads().data());
         DeviceBuffer b = uploadFloats(basis.data());
         DeviceBuffer y = cl.allocate(4L * block * width, CL_MEM_READ_WRITE)) {
      long contract = cl.kernel(FEATURES, "", "contract");
      for (int start = 0; start < n; start += block) {
        int rows = Math.min(block, n - start);
        enqueueGemm(rows, width, in, x, start * in, b, y, true);
        int arg = 0;
        clSetKernelArg1i(contract, arg++, rows);
        clSetKernelArg1i(contract, arg++, outDim);
        clSetKernelArg1i(contract, arg++, k);
        clSetKernelArg1i(contract, arg++, start);
        clSetKernelArg1p(contract, arg++, p.mem());
        clSetKernelArg1p(contract, arg++, y.mem());
        clSetKernelArg1p(contract, arg++, phi.mem());
        clSetKernelArg1i(contract, arg++, ldPhi);
        clSetKernelArg1i(contract, arg, column);
        cl.run(contract, new long[] {roundUp(k, 16), roundUp(rows, 4)}, new long[] {16, 4});
      }
      cl.finish();
    }
  }

  private void kroneckerFeatures(LayerGradients layer, LayerBasis.Kronecker basis, DeviceBuffer phi, int ldPhi, int column) {
    int n = layer.examples();
    int kOut = basis.outFactor().rows();
    int kIn = basis.inFactor().rows();
    try (DeviceBuffer p = uploadFloats(layer.outputGrads().data());
         DeviceBuffer x = uploadFloats(layer.inputs().data());
         DeviceBuffer bOut = uploadFloats(basis.outFactor().data());
         DeviceBuffer bIn = uploadFloats(basis.inFactor().data());
         DeviceBuffer left = cl.allocate(4L * n * kOut, CL_MEM_READ_WRITE);
         DeviceBuffer right = cl.allocate(4L * n * kIn, CL_MEM_READ_WRITE)) {
      enqueueGemm(n, kOut, layer.outDim(), p, 0, bOut, left, true);
      enqueueGemm(n, kIn, layer.inDim(), x, 0, bIn, right, true);
      long outer = cl.kernel(FEATURES, "", "outer");
      int arg = 0;
      clSetKernelArg1i(outer, arg++, n);
      clSetKernelArg1i(outer, arg++, kOut);
      clSetKernelArg1i(outer, arg++, kIn);
      clSetKernelArg1p(outer, arg++, left.mem());
      clSetKernelArg1p(outer, arg++, right.mem());
      clSetKernelArg1p(outer, arg++, phi.mem());
      clSetKernelArg1i(outer, arg++, ldPhi);
      clSetKernelArg1i(outer, arg, column);
      cl.run(outer, new long[] {roundUp(kOut * kIn, 16), roundUp(n, 4)}, new long[] {16, 4});
      cl.finish();
    }
  }

  private void kroneckerPairFeatures(LayerGradients layer, LayerBasis.KroneckerPairs basis, DeviceBuffer phi, int ldPhi, int column) {
    int n = layer.examples();
    int kOut = basis.outFactor().rows();
    int kIn = basis.inFactor().rows();
    int q = basis.features();
    if (q == 0) {
      return;
    }
    try (DeviceBuffer p = uploadFloats(layer.outputGrads().data());
         DeviceBuffer x = uploadFloats(layer.inputs().data());
         DeviceBuffer bOut = uploadFloats(basis.outFactor().data());
         DeviceBuffer bIn = uploadFloats(basis.inFactor().data());
         DeviceBuffer outSlots = uploadInts(basis.outSlots());
         DeviceBuffer inSlots = uploadInts(basis.inSlots());
         DeviceBuffer weights = uploadFloats(basis.weights());
         DeviceBuffer left = cl.allocate(4L * n * kOut, CL_MEM_READ_WRITE);
         DeviceBuffer right = cl.allocate(4L * n * kIn, CL_MEM_READ_WRITE)) {
      enqueueGemm(n, kOut, layer.outDim(), p, 0, bOut, left, true);
      enqueueGemm(n, kIn, layer.inDim(), x, 0, bIn, right, true);
      long pairs = cl.kernel(FEATURES, "", "pairs");
      int arg = 0;
      clSetKernelArg1i(pairs, arg++, n);
      clSetKernelArg1i(pairs, arg++, kOut);
      clSetKernelArg1i(pairs, arg++, kIn);
      clSetKernelArg1i(pairs, arg++, q);
      clSetKernelArg1p(pairs, arg++, left.mem());
      clSetKernelArg1p(pairs, arg++, right.mem());
      clSetKernelArg1p(pairs, arg++, outSlots.mem());
      clSetKernelArg1p(pairs, arg++, inSlots.mem());
      clSetKernelArg1p(pairs, arg++, weights.mem());
      clSetKernelArg1p(pairs, arg++, phi.mem());
      clSetKernelArg1i(pairs, arg++, ldPhi);
      clSetKernelArg1i(pairs, arg, column);
      cl.run(pairs, new long[] {roundUp(q, 16), roundUp(n, 4)}, new long[] {16, 4});
      cl.finish();
    }
  }

  @Override
  public long[] scores(Int16Matrix queries, Int16Matrix contributors) {
    requireScoreShapes(queries, contributors);
    int q = queries.rows();
    int c = contributors.rows();
    long[] out = new long[Math.multiplyExact(q, c)];
    if (q == 0 || c == 0 || queries.cols() == 0) {
      return out;
    }
    try (DeviceBuffer psi = uploadShorts(queries.data());
         DeviceBuffer u = uploadShorts(contributors.data());
         DeviceBuffer s = cl.allocate(8L * q * Math.min(c, SCORE_BLOCK), CL_MEM_READ_WRITE)) {
      long[] block = new long[q * Math.min(c, SCORE_BLOCK)];
      for (int c0 = 0; c0 < c; c0 += SCORE_BLOCK) {
        int width = Math.min(SCORE_BLOCK, c - c0);
        enqueueScores(q, width, queries.cols(), psi, u, c0, s, 64);
        readLongs(s, block, q * width);
        for (int r = 0; r < q; r++) {
          System.arraycopy(block, r * width, out, r * c + c0, width);
        }
      }
    }
    return out;
  }

  /** Contributor vectors resident on the device until closed (one upload per model version). */
  private final class DeviceScoringIndex implements ScoringIndex {
    private final Int16Matrix contributors;
    private final DeviceBuffer buffer;

    DeviceScoringIndex(Int16Matrix contributors) {
      this.contributors = contributors;
      this.buffer = uploadShorts(contributors.data());
    }

    @Override
    public Int16Matrix contributors() {
      return contributors;
    }

    boolean belongsTo(OpenClBackend backend) {
      return backend == OpenClBackend.this;
    }

    @Override
    public void close() {
      buffer.close();
    }
  }

  @Override
  public ScoringIndex prepare(Int16Matrix contributors) {
    return new DeviceScoringIndex(contributors);
  }

  @Override
  public TopScores scoreTopM(Int16Matrix queries, ScoringIndex index, int m) {
    if (!(index instanceof DeviceScoringIndex deviceIndex) || !deviceIndex.belongsTo(this)) {
      throw new IllegalArgumentException("this scoring index was prepared by another backend: " + index);
    }
    Int16Matrix contributors = deviceIndex.contributors();
    requireScoreShapes(queries, contributors);
    if (m < 1) {
      throw new IllegalArgumentException("M must be at least 1, got " + m);
    }
    int q = queries.rows();
    int c = contributors.rows();
    int kept = Math.min(m, c);
    if (q == 0 || kept == 0) {
      return new TopScores(q, kept, new int[0], new long[0]);
    }
    if (queries.cols() == 0) {
      return scoreTopMOnHost(q, c, kept);
    }
    int maxM = ceilDiv(kept, 16) * 16;
    int chunk = tuning.topmChunk();
    TopMSelector[] selectors = new TopMSelector[q];
    for (int r = 0; r < q; r++) {
      selectors[r] = new TopMSelector(kept);
    }
    DeviceBuffer u = deviceIndex.buffer;
    try (DeviceBuffer psi = uploadShorts(queries.data());
         DeviceBuffer s = cl.allocate(8L * q * Math.min(c, SCORE_BLOCK), CL_MEM_READ_WRITE)) {
      int maxChunks = ceilDiv(Math.min(c, SCORE_BLOCK), chunk);
      long candidates = (long) q * maxChunks * kept;
      try (DeviceBuffer candScores = cl.allocate(8L * candidates, CL_MEM_WRITE_ONLY);
           DeviceBuffer candIndices = cl.allocate(4L * candidates, CL_MEM_WRITE_ONLY)) {
        long[] scores = new long[(int) candidates];
        int[] indices = new int[(int) candidates];
        long topm = cl.kernel(SCORING, tuning.scoreOptions(maxM), "topm");
        for (int c0 = 0; c0 < c; c0 += SCORE_BLOCK) {
          int width = Math.min(SCORE_BLOCK, c - c0);
          enqueueScores(q, width, queries.cols(), psi, u, c0, s, maxM);
          int chunks = ceilDiv(width, chunk);
          int arg = 0;
          clSetKernelArg1i(topm, arg++, q);
          clSetKernelArg1i(topm, arg++, width);
          clSetKernelArg1i(topm, arg++, kept);
          clSetKernelArg1i(topm, arg++, chunk);
          clSetKernelArg1i(topm, arg++, c0);
          clSetKernelArg1p(topm, arg++, s.mem());
          clSetKernelArg1p(topm, arg++, candScores.mem());
          clSetKernelArg1p(topm, arg, candIndices.mem());
          cl.run(topm, new long[] {roundUp(chunks, 8), roundUp(q, 4)}, new long[] {8, 4});
          int used = q * chunks * kept;
          readLongs(candScores, scores, used);
          readInts(candIndices, indices, used);
          // Candidates come in (score, index) pairs; the selector's total order makes the merge
          // independent of chunking, so the result equals the CPU backend's exactly.
          for (int i = 0; i < used; i++) {
            if (indices[i] >= 0) {
              selectors[i / (chunks * kept)].offer(scores[i], indices[i]);
            }
          }
        }
      }
    }
    int[] outIndices = new int[q * kept];
    long[] outScores = new long[q * kept];
    for (int r = 0; r < q; r++) {
      selectors[r].copyTo(r, outIndices, outScores);
    }
    return new TopScores(q, kept, outIndices, outScores);
  }

  /** With zero coordinates every score is 0, and the lowest indices win the ties. */
  private static TopScores scoreTopMOnHost(int q, int c, int kept) {
    int[] indices = new int[q * kept];
    for (int r = 0; r < q; r++) {
      for (int j = 0; j < kept; j++) {
        indices[r * kept + j] = j;
      }
    }
    return new TopScores(q, kept, indices, new long[q * kept]);
  }

  private void enqueueScores(int q, int width, int k, DeviceBuffer psi, DeviceBuffer u, int c0, DeviceBuffer s, int maxM) {
    long kernel = cl.kernel(SCORING, tuning.scoreOptions(maxM), "scores");
    int arg = 0;
    clSetKernelArg1i(kernel, arg++, q);
    clSetKernelArg1i(kernel, arg++, width);
    clSetKernelArg1i(kernel, arg++, k);
    clSetKernelArg1p(kernel, arg++, psi.mem());
    clSetKernelArg1p(kernel, arg++, u.mem());
    clSetKernelArg1i(kernel, arg++, c0);
    clSetKernelArg1p(kernel, arg, s.mem());
    int ts = tuning.scoreTile();
    int wg = tuning.scoreGroup();
    cl.run(kernel, new long[] {(long) ceilDiv(width, ts) * wg, (long) ceilDiv(q, ts) * wg}, new long[] {wg, wg});
  }

  @Override
  public byte[] keccak256(MessageBatch messages) {
    int count = messages.count();
    byte[] out = new byte[Math.multiplyExact(count, 32)];
    if (count == 0) {
      return out;
    }
    ByteBuffer bytesHost = MemoryUtil.memAlloc(Math.max(1, messages.bytes().length));
    ByteBuffer offsetsHost = MemoryUtil.memAlloc(4 * messages.offsets().length);
    try {
      bytesHost.put(messages.bytes()).flip();
      offsetsHost.asIntBuffer().put(messages.offsets());
      try (DeviceBuffer bytes = cl.upload(bytesHost, CL_MEM_READ_ONLY);
           DeviceBuffer offsets = cl.upload(offsetsHost, CL_MEM_READ_ONLY);
           DeviceBuffer digests = cl.allocate(out.length, CL_MEM_WRITE_ONLY)) {
        long kernel = cl.kernel(KECCAK, "", "keccak256");
        clSetKernelArg1i(kernel, 0, count);
        clSetKernelArg1p(kernel, 1, bytes.mem());
        clSetKernelArg1p(kernel, 2, offsets.mem());
        clSetKernelArg1p(kernel, 3, digests.mem());
        cl.run(kernel, new long[] {roundUp(count, 64)}, new long[] {64});
        ByteBuffer outHost = MemoryUtil.memAlloc(out.length);
        try {
          cl.read(digests, outHost);
          outHost.get(out);
        } finally {
          MemoryUtil.memFree(outHost);
        }
      }
    } finally {
      MemoryUtil.memFree(bytesHost);
      MemoryUtil.memFree(offsetsHost);
    }
    return out;
  }

  private DeviceBuffer uploadFloats(float[] data) {
    ByteBuffer staging = MemoryUtil.memAlloc(Math.max(4, Math.multiplyExact(data.length, 4)));
    try {
      staging.asFloatBuffer().put(data);
      staging.limit(data.length * 4);
      return cl.upload(staging, CL_MEM_READ_ONLY);
    } finally {
      MemoryUtil.memFree(staging);
    }
  }

  private DeviceBuffer uploadInts(int[] data) {
    ByteBuffer staging = MemoryUtil.memAlloc(Math.max(4, Math.multiplyExact(data.length, 4)));
    try {
      staging.asIntBuffer().put(data);
      staging.limit(data.length * 4);
      return cl.upload(staging, CL_MEM_READ_ONLY);
    } finally {
      MemoryUtil.memFree(staging);
    }
  }

  private DeviceBuffer uploadShorts(short[] data) {
    ByteBuffer staging = MemoryUtil.memAlloc(Math.max(2, Math.multiplyExact(data.length, 2)));
    try {
      staging.asShortBuffer().put(data);
      staging.limit(data.length * 2);
      return cl.upload(staging, CL_MEM_READ_ONLY);
    } finally {
      MemoryUtil.memFree(staging);
    }
  }

  private void readFloats(DeviceBuffer buffer, float[] out, int offset, int length) {
    ByteBuffer staging = MemoryUtil.memAlloc(Math.max(4, Math.multiplyExact(length, 4)));
    try {
      staging.limit(length * 4);
      cl.read(buffer, staging);
      staging.asFloatBuffer().get(out, offset, length);
    } finally {
      MemoryUtil.memFree(staging);
    }
  }

  private void readLongs(DeviceBuffer buffer, long[] out, int length) {
    ByteBuffer staging = MemoryUtil.memAlloc(Math.max(8, Math.multiplyExact(length, 8)));
    try {
      staging.limit(length * 8);
      cl.read(buffer, staging);
      staging.asLongBuffer().get(out, 0, length);
    } finally {
      MemoryUtil.memFree(staging);
    }
  }

  private void readInts(DeviceBuffer buffer, int[] out, int length) {
    ByteBuffer staging = MemoryUtil.memAlloc(Math.max(4, Math.multiplyExact(length, 4)));
    try {
      staging.limit(length * 4);
      cl.read(buffer, staging);
      staging.asIntBuffer().get(out, 0, length);
    } finally {
      MemoryUtil.memFree(staging);
    }
  }

  private static void requireScoreShapes(Int16Matrix queries, Int16Matrix contributors) {
    if (queries.cols() != contributors.cols()) {
      throw new IllegalArgumentException(
          "queries have " + queries.cols() + " coordinates but contributor vectors have " + contributors.cols());
    }
  }

  /**
   * Global sizes are rounded up to a fixed work-group shape (the kernels bounds-check): a driver
   * left to pick the local size may compile a kernel variant per launch shape (PoCL does).
   */
  private static long roundUp(long value, int multiple) {
    return (value + multiple - 1) / multiple * multiple;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  @Override
  public void close() {
    cl.close();
  }
}
