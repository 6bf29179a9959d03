package org.openledger.prover.attribution.index;

import java.util.Objects;

import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;

/**
 * Whose accepted contribution a training example is: the contributor, the datanet it was accepted
 * into, and the root of that contributor's contributions to the datanet. Examples with the same
 * (contributor, datanet) form one index leaf.
 */
public record ExampleOwner(Address contributor, long datanetId, Bytes32 contributionsRoot) {

  public ExampleOwner {
    Objects.requireNonNull(contributor, "contributor");
    Objects.requireNonNull(contributionsRoot, "contributionsRoot");
    if (datanetId <= 0) {
      throw new IllegalArgumentException("datanet ids start at 1, got " + datanetId);
    }
  }
}
