package org.openledger.contracts.services;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.precompiles.contract.SolcAbiCheck;
import org.openledger.precompiles.contract.SolidityInterface;

/** The Solidity interface we publish is the one the contract serves, and every part of it is documented. */
class ServicesInterfaceTest {

  @Test
  void theAbiMatchesWhatSolcCompilesFromTheGeneratedInterface() throws Exception {
    SolcAbiCheck.assertAbiMatchesSolc(Services.SPEC);
  }

  @Test
  void everyFunctionEventAndErrorIsDocumented() {
    Services.SPEC.functions().forEach(f -> assertThat(f.doc()).as(f.signature()).isNotBlank());
    Services.SPEC.events().forEach(e -> assertThat(e.doc()).as(e.signature()).isNotBlank());
    Services.SPEC.errors().forEach(e -> assertThat(e.doc()).as(e.signature()).isNotBlank());
    assertThat(SolidityInterface.render(Services.SPEC)).contains("interface IServices", "struct Job", "struct Round", "struct Feedback",
        "/// @notice");
  }

  @Test
  void everyHandlerIsRegistered() {
    new Services().checkComplete();
  }

  @Test
  void itLivesAtItsFixedAddress() {
    assertThat(Services.ADDRESS).isEqualTo(Addresses.SERVICES);
  }
}
