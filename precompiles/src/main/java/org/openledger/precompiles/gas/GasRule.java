package org.openledger.precompiles.gas;

import java.util.function.ToLongFunction;
import org.apache.tuweni.bytes.Bytes;

/**
 * The gas a function charges, computed from its calldata before anything runs (as Besu's {@code
 * PrecompiledContract.gasRequirement} is). The executor adds the per-call base ({@link
 * GasSchedule#callBase}) and then meters every storage access, log, transfer and nested call
 * against the total, so a rule that declares too little halts with out-of-gas rather than doing
 * unpaid work.
 */
@FunctionalInterface
public interface GasRule {

  /** Gas for the function body, excluding the per-call base. */
  long gas(GasSchedule schedule, Bytes calldata);

  /** A cost that does not depend on the arguments, e.g. {@code s -> 2 * s.storageWrite() + s.log(3, 64)}. */
  static GasRule fixed(ToLongFunction<GasSchedule> cost) {
    return (schedule, calldata) -> cost.applyAsLong(schedule);
  }

  /**
   * A view that makes {@code reads} storage reads and derives {@code keys} slot keys at most, priced
   * by {@link GasSchedule#view}.
   */
  static GasRule view(long reads, long keys) {
    return (schedule, calldata) -> schedule.view(reads, keys);
  }

  /**
   * A fixed cost plus a cost per 32-byte word of calldata beyond the selector: for functions whose
   * work grows with a dynamic argument (a string stored, an array walked).
   */
  static GasRule perWord(ToLongFunction<GasSchedule> fixed, ToLongFunction<GasSchedule> perWord) {
    return perWordAfter(0, fixed, perWord);
  }

  /**
   * Like {@link #perWord}, but the first {@code headWords} argument words (fixed-size arguments
   * and offsets, already covered by {@code fixed}) are not charged again.
   */
  static GasRule perWordAfter(int headWords, ToLongFunction<GasSchedule> fixed, ToLongFunction<GasSchedule> perWord) {
    return (schedule, calldata) -> {
      long words = (Math.max(0, calldata.size() - 4) + 31) / 32;
      return fixed.applyAsLong(schedule) + Math.max(0, words - headWords) * perWord.applyAsLong(schedule);
    };
  }
}
