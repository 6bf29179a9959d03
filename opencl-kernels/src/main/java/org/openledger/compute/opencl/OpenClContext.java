package org.openledger.compute.opencl;

import static org.lwjgl.opencl.CL10.*;
import static org.lwjgl.system.MemoryStack.stackPush;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;
import org.openledger.compute.OpenClException;

/**
 * One device's context and in-order command queue, the programs built for it (each source and
 * option set compiled once, then cached with its kernels for the context's life) and the count of
 * device buffers alive — every buffer is released by the call that made it, so that count returns
 * to zero after each call. Not thread-safe: a kernel object carries its arguments.
 */
final class OpenClContext implements AutoCloseable {
  private final OpenClDevice device;
  private final long context;
  private final long queue;
  private final Map<String, Long> programs = new HashMap<>();
  private final Map<String, Long> kernels = new HashMap<>();
  private final AtomicInteger liveBuffers = new AtomicInteger();
  private int programBuilds;
  private boolean closed;

  OpenClContext(OpenClDevice device) {
    this.device = device;
    try (MemoryStack stack = stackPush()) {
      IntBuffer err = stack.mallocInt(1);
      PointerBuffer properties = stack.mallocPointer(3).put(CL_CONTEXT_PLATFORM).put(device.platformId()).put(0).flip();
      context = clCreateContext(properties, device.deviceId(), null, MemoryUtil.NULL, err);
      check("clCreateContext", err.get(0));
      long q = clCreateCommandQueue(context, device.deviceId(), 0, err);
      if (err.get(0) != CL_SUCCESS) {
        clReleaseContext(context);
        check("clCreateCommandQueue", err.get(0));
      }
      queue = q;
    }
  }

  OpenClDevice device() {
    return device;
  }

  long queue() {
    return queue;
  }

  /** Device buffers currently allocated by this context (0 between calls). */
  int liveBuffers() {
    return liveBuffers.get();
  }

  /** How many programs were compiled so far (each source and option set once). */
  int programBuilds() {
    return programBuilds;
  }

  /** The kernel {@code name} of resource {@code source} built with {@code options}, built on first use. */
  long kernel(String source, String options, String name) {
    String programKey = source + '\0' + options;
    String kernelKey = programKey + '\0' + name;
    Long cached = kernels.get(kernelKey);
    if (cached != null) {
      return cached;
    }
    long program = programs.computeIfAbsent(programKey, key -> build(source, options));
    try (MemoryStack stack = stackPush()) {
      IntBuffer err = stack.mallocInt(1);
      long kernel = clCreateKernel(program, name, err);
      check("clCreateKernel(" + name + ")", err.get(0));
      kernels.put(kernelKey, kernel);
      return kernel;
    }
  }

  private long build(String source, String options) {
    String text = readSource(source);
    try (MemoryStack stack = stackPush()) {
      IntBuffer err = stack.mallocInt(1);
      long program = clCreateProgramWithSource(context, text, err);
      check("clCreateProgramWithSource(" + source + ")", err.get(0));
      int status = clBuildProgram(program, device.deviceId(), options, null, MemoryUtil.NULL);
      if (status != CL_SUCCESS) {
        String log = buildLog(program);
        clReleaseProgram(program);
        throw new OpenClException("clBuildProgram(" + source + ", " + options + ")", status, log);
      }
      programBuilds++;
      return program;
    }
  }

  private String buildLog(long program) {
    try (MemoryStack stack = stackPush()) {
      PointerBuffer size = stack.mallocPointer(1);
      if (clGetProgramBuildInfo(program, device.deviceId(), CL_PROGRAM_BUILD_LOG, (ByteBuffer) null, size) != CL_SUCCESS) {
        return "(no build log)";
      }
      ByteBuffer log = MemoryUtil.memAlloc((int) size.get(0));
      try {
        clGetProgramBuildInfo(program, device.deviceId(), CL_PROGRAM_BUILD_LOG, log, null);
        return MemoryUtil.memUTF8(log, Math.max(0, (int) size.get(0) - 1));
      } finally {
        MemoryUtil.memFree(log);
      }
    }
  }

  private static String readSource(String name) {
    try (InputStream in = OpenClContext.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("kernel source " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A device buffer of {@code bytes} bytes, released when closed. */
  DeviceBuffer allocate(long bytes, long flags) {
    try (MemoryStack stack = stackPush()) {
      IntBuffer err = stack.mallocInt(1);
      long mem = clCreateBuffer(context, flags, Math.max(1, bytes), err);
      check("clCreateBuffer(" + bytes + " bytes)", err.get(0));
      liveBuffers.incrementAndGet();
      return new DeviceBuffer(mem, bytes);
    }
  }

  /** A device buffer holding a copy of {@code host} (a direct buffer the caller frees). */
  DeviceBuffer upload(ByteBuffer host, long flags) {
    DeviceBuffer buffer = allocate(host.remaining(), flags);
    if (host.remaining() > 0) {
      try {
        check("clEnqueueWriteBuffer", clEnqueueWriteBuffer(queue, buffer.mem(), true, 0, host, null, null));
      } catch (RuntimeException e) {
        buffer.close();
        throw e;
      }
    }
    return buffer;
  }

  void read(DeviceBuffer buffer, ByteBuffer host) {
    if (host.remaining() > 0) {
      check("clEnqueueReadBuffer", clEnqueueReadBuffer(queue, buffer.mem(), true, 0, host, null, null));
    }
  }

  /** Runs a kernel over a 1-D or 2-D range; {@code local} may be null (the driver chooses). */
  void run(long kernel, long[] global, long[] local) {
    try (MemoryStack stack = stackPush()) {
      PointerBuffer g = stack.mallocPointer(global.length);
      for (long v : global) {
        g.put(v);
      }
      g.flip();
      PointerBuffer l = null;
      if (local != null) {
        l = stack.mallocPointer(local.length);
        for (long v : local) {
          l.put(v);
        }
        l.flip();
      }
      check("clEnqueueNDRangeKernel", clEnqueueNDRangeKernel(queue, kernel, global.length, null, g, l, null, null));
    }
  }

  void finish() {
    check("clFinish", clFinish(queue));
  }

  /** A cl_mem owned by one call. */
  final class DeviceBuffer implements AutoCloseable {
    private final long mem;
    private final long bytes;
    private boolean released;

    private DeviceBuffer(long mem, long bytes) {
      this.mem = mem;
      this.bytes = bytes;
    }

    long mem() {
      return mem;
    }

    long bytes() {
      return bytes;
    }

    @Override
    public void close() {
      if (!released) {
        released = true;
        clReleaseMemObject(mem);
        liveBuffers.decrementAndGet();
      }
    }
  }

  static void check(String call, int err) {
    if (err != CL_SUCCESS) {
      throw new OpenClException(call, err, null);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    kernels.values().forEach(k -> clReleaseKernel(k));
    programs.values().forEach(p -> clReleaseProgram(p));
    kernels.clear();
    programs.clear();
    clReleaseCommandQueue(queue);
    clReleaseContext(context);
  }
}
