package org.openledger.precompiles.executor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Forks ordered by activation block; {@link #at} picks the one in force at a block. */
public final class ForkSchedule {
  private final List<Fork> forks;

  private ForkSchedule(List<Fork> forks) {
    this.forks = forks;
  }

  public static ForkSchedule of(Fork... forks) {
    List<Fork> sorted = new ArrayList<>(List.of(forks));
    sorted.sort(Comparator.comparingLong(Fork::activationBlock));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).activationBlock() == sorted.get(i - 1).activationBlock()) {
        throw new IllegalArgumentException("forks " + sorted.get(i - 1).name() + " and " + sorted.get(i).name() + " activate at the same block");
      }
    }
    return new ForkSchedule(List.copyOf(sorted));
  }

  /** The fork in force at {@code block}; empty before the first activation (no native contracts yet). */
  public Optional<Fork> at(long block) {
    Fork current = null;
    for (Fork f : forks) {
      if (f.activationBlock() <= block) current = f;
      else break;
    }
    return Optional.ofNullable(current);
  }

  public List<Fork> forks() {
    return forks;
  }
}
