package org.openledger.contracts.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Catalog;
import org.openledger.contracts.bench.CalibrationProtocol.Case;
import org.openledger.precompiles.contract.FunctionSpec;

/**
 * The gas calibration's cases stay valid as the contracts change: one per external function of
 * every {@link Catalog} contract, each succeeding on the prepared state, repeatably, charged its
 * requirement, and leaving the prepared state as it was. (The benchmark itself runs with
 * {@code -Pbench}; see docs/gas.md.)
 */
class CalibrationProtocolTest {
  private static CalibrationProtocol protocol;

  @BeforeAll
  static void build() {
    protocol = CalibrationProtocol.build();
  }

  @Test
  void everyFunctionOfEveryCatalogContractHasOneCase() {
    int functions = 0;
    for (Catalog.Entry e : Catalog.all()) {
      assertThat(protocol.contracts).as(e.name()).containsKey(e.address());
      for (FunctionSpec f : e.spec().functions()) {
        assertThat(protocol.cases()).as(e.name() + "." + f.name())
            .filteredOn(c -> c.target().equals(e.address()) && c.function().equals(f)).hasSize(1);
        functions++;
      }
    }
    assertThat(protocol.cases()).hasSize(functions);
    assertThat(protocol.cases().stream().map(Case::name).distinct()).hasSize(functions);
  }

  @Test
  void everyCaseSucceedsRepeatablyWithoutChangingThePreparedState() {
    Map<String, Object> before = protocol.chain.host.snapshot();
    for (Case c : protocol.cases()) {
      assertThat(protocol.requireSuccess(c).gasUsed()).as(c.name()).isPositive();
    }
    assertThat(protocol.chain.host.snapshot()).isEqualTo(before);
  }

  @Test
  void patternsSelectCases() {
    assertThat(protocol.select(List.of("Staking\\.claimAll"))).extracting(Case::name).containsExactly("Staking.claimAll");
    assertThat(protocol.select(List.of("Datanets\\..*")))
        .hasSize(protocol.contracts.get(Addresses.DATANETS).spec().functions().size());
  }
}
