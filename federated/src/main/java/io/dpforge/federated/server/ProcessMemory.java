package io.dpforge.federated.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory of this process, for the status RPC and the stress benchmark. */
public final class ProcessMemory {
  private ProcessMemory() {}

  /** Java heap in use now (not forcing a collection). */
  public static long heapUsedBytes() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  /** Resident set size from /proc/self/status on Linux; 0 where that file does not exist. */
  public static long residentBytes() {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return 0;
    }
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.trim().split("\\s+");
          return Long.parseLong(parts[1]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }
}
