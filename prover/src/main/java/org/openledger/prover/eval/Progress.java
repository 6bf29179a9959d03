package org.openledger.prover.eval;

/** Where a long evaluation reports how far it is; calls may come from several threads. */
public interface Progress {
  /** A new phase of {@code total} steps begins (0 when it is one opaque step). */
  void phase(String name, int total);

  /** One more step of the current phase is done. */
  void step();

  Progress NONE = new Progress() {
    @Override
    public void phase(String name, int total) {}

    @Override
    public void step() {}
  };
}
