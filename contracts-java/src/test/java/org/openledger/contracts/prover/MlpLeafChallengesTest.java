package org.openledger.contracts.prover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.attribution.FixedMlp;

/**
 * The whole leaf-coordinate game again, on an MLP version: the weights blob's tag picks the MLP,
 * the basis rows are Kronecker pairs, and the one step recomputes {@code raw_j} from the example's
 * integer backward pass (docs/attribution.md §2b, §3b). Every behaviour of {@link LeafChallengesTest}
 * must hold unchanged.
 */
class MlpLeafChallengesTest extends LeafChallengesTest {
  @Override
  TinyIndex tiny() {
    return TinyIndex.mlp();
  }

  @Test
  void theGameRunsOnAnMlpWhoseExampleValuesDiffer() {
    assertThat(index.model).isInstanceOf(FixedMlp.class);
    long[] values = index.values(index.owners.get(A).contributions().get(0), J);
    assertThat(Arrays.stream(values).distinct().count()).as("raw_j of the disputed contribution's examples").isGreaterThan(values.length / 2);
    assertThat(index.exactLeaves[A][J]).isNotZero();
  }
}
