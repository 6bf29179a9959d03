package org.openledger.compute.opencl;

import static org.lwjgl.opencl.CL10.*;
import static org.lwjgl.system.MemoryStack.stackPush;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import org.lwjgl.PointerBuffer;
import org.lwjgl.opencl.CL;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;
import org.openledger.compute.BackendUnavailableException;

/** Lists the OpenCL devices of every platform the ICD loader knows. */
public final class OpenClDiscovery {
  private OpenClDiscovery() {}

  /**
   * Every device, in discovery order.
   *
   * @throws BackendUnavailableException if the OpenCL library cannot be loaded or there is no platform
   */
  public static List<OpenClDevice> devices() {
    loadLibrary();
    List<OpenClDevice> devices = new ArrayList<>();
    try (MemoryStack stack = stackPush()) {
      IntBuffer count = stack.mallocInt(1);
      int err = clGetPlatformIDs(null, count);
      if (err == -1001 /* CL_PLATFORM_NOT_FOUND_KHR */ || (err == CL_SUCCESS && count.get(0) == 0)) {
        throw new BackendUnavailableException(
            "no OpenCL platform is installed: install a driver's ICD (a GPU vendor's, or pocl-opencl-icd for the CPU)");
      }
      OpenClContext.check("clGetPlatformIDs", err);
      PointerBuffer platforms = stack.mallocPointer(count.get(0));
      OpenClContext.check("clGetPlatformIDs", clGetPlatformIDs(platforms, (IntBuffer) null));
      for (int p = 0; p < platforms.capacity(); p++) {
        long platform = platforms.get(p);
        String platformName = platformString(platform, CL_PLATFORM_NAME);
        IntBuffer deviceCount = stack.mallocInt(1);
        err = clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, null, deviceCount);
        if (err == CL_DEVICE_NOT_FOUND) {
          continue;
        }
        OpenClContext.check("clGetDeviceIDs", err);
        PointerBuffer ids = stack.mallocPointer(deviceCount.get(0));
        OpenClContext.check("clGetDeviceIDs", clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ids, (IntBuffer) null));
        for (int d = 0; d < ids.capacity(); d++) {
          long device = ids.get(d);
          devices.add(new OpenClDevice(devices.size(), platformName, deviceString(device, CL_DEVICE_NAME).trim(),
              type(deviceLong(device, CL_DEVICE_TYPE)), deviceInt(device, CL_DEVICE_MAX_COMPUTE_UNITS),
              deviceLong(device, CL_DEVICE_GLOBAL_MEM_SIZE), devicePointer(device, CL_DEVICE_MAX_WORK_GROUP_SIZE),
              platform, device));
        }
      }
    }
    return List.copyOf(devices);
  }

  /** Loads libOpenCL once; a missing library becomes a typed error that says what to install. */
  static void loadLibrary() {
    try {
      // CL's static initialiser loads the library (unless explicit init is configured).
      if (CL.getFunctionProvider() == null) {
        CL.create();
      }
    } catch (RuntimeException | LinkageError e) {
      throw new BackendUnavailableException(
          "the OpenCL library (libOpenCL.so.1) could not be loaded: install the ICD loader (Debian: ocl-icd-libopencl1) "
              + "and a driver (a GPU vendor's, or pocl-opencl-icd for the CPU) — " + e, e);
    }
  }

  private static OpenClDevice.DeviceType type(long bits) {
    if ((bits & CL_DEVICE_TYPE_GPU) != 0) {
      return OpenClDevice.DeviceType.GPU;
    }
    if ((bits & CL_DEVICE_TYPE_CPU) != 0) {
      return OpenClDevice.DeviceType.CPU;
    }
    if ((bits & CL_DEVICE_TYPE_ACCELERATOR) != 0) {
      return OpenClDevice.DeviceType.ACCELERATOR;
    }
    return OpenClDevice.DeviceType.OTHER;
  }

  private static String platformString(long platform, int param) {
    try (MemoryStack stack = stackPush()) {
      PointerBuffer size = stack.mallocPointer(1);
      OpenClContext.check("clGetPlatformInfo", clGetPlatformInfo(platform, param, (ByteBuffer) null, size));
      ByteBuffer value = MemoryUtil.memAlloc((int) size.get(0));
      try {
        OpenClContext.check("clGetPlatformInfo", clGetPlatformInfo(platform, param, value, null));
        return MemoryUtil.memASCII(value, (int) size.get(0) - 1);
      } finally {
        MemoryUtil.memFree(value);
      }
    }
  }

  private static String deviceString(long device, int param) {
    try (MemoryStack stack = stackPush()) {
      PointerBuffer size = stack.mallocPointer(1);
      OpenClContext.check("clGetDeviceInfo", clGetDeviceInfo(device, param, (ByteBuffer) null, size));
      ByteBuffer value = MemoryUtil.memAlloc((int) size.get(0));
      try {
        OpenClContext.check("clGetDeviceInfo", clGetDeviceInfo(device, param, value, null));
        return MemoryUtil.memASCII(value, (int) size.get(0) - 1);
      } finally {
        MemoryUtil.memFree(value);
      }
    }
  }

  private static int deviceInt(long device, int param) {
    try (MemoryStack stack = stackPush()) {
      IntBuffer value = stack.mallocInt(1);
      OpenClContext.check("clGetDeviceInfo", clGetDeviceInfo(device, param, value, null));
      return value.get(0);
    }
  }

  private static long deviceLong(long device, int param) {
    try (MemoryStack stack = stackPush()) {
      LongBuffer value = stack.mallocLong(1);
      OpenClContext.check("clGetDeviceInfo", clGetDeviceInfo(device, param, value, null));
      return value.get(0);
    }
  }

  private static long devicePointer(long device, int param) {
    try (MemoryStack stack = stackPush()) {
      PointerBuffer value = stack.mallocPointer(1);
      OpenClContext.check("clGetDeviceInfo", clGetDeviceInfo(device, param, value, null));
      return value.get(0);
    }
  }
}
