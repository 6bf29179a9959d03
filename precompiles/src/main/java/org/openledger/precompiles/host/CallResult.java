package org.openledger.precompiles.host;

import java.util.List;
import org.apache.tuweni.bytes.Bytes;

/**
 * The outcome of a call.
 *
 * @param status success, revert (a custom error in {@code output}, unused gas kept) or halt
 *     (out of gas or a fault: all gas consumed, no output)
 * @param output return data on success, ABI-encoded custom error on revert, empty on halt
 * @param gasUsed gas charged
 * @param logs logs the call emitted, in order (empty unless it succeeded)
 * @param haltReason why a halted call halted; null otherwise
 */
public record CallResult(Status status, Bytes output, long gasUsed, List<Log> logs, String haltReason) {

  public enum Status { SUCCESS, REVERT, HALT }

  public CallResult {
    logs = List.copyOf(logs);
  }

  public static CallResult success(Bytes output, long gasUsed, List<Log> logs) {
    return new CallResult(Status.SUCCESS, output, gasUsed, logs, null);
  }

  public static CallResult revert(Bytes errorData, long gasUsed) {
    return new CallResult(Status.REVERT, errorData, gasUsed, List.of(), null);
  }

  public static CallResult halt(String reason, long gasUsed) {
    return new CallResult(Status.HALT, Bytes.EMPTY, gasUsed, List.of(), reason);
  }

  public boolean isSuccess() {
    return status == Status.SUCCESS;
  }
}
