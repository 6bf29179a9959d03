package org.openledger.contracts.staking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openledger.precompiles.contract.SolcAbiCheck;
import org.openledger.precompiles.contract.SolidityInterface;

/** The Solidity interface we publish is the one the contract serves. */
class StakingInterfaceTest {

  @Test
  void theAbiMatchesWhatSolcCompilesFromTheGeneratedInterface() throws Exception {
    SolcAbiCheck.assertAbiMatchesSolc(Staking.SPEC);
  }

  @Test
  void everyFunctionEventAndErrorIsDocumented() {
    Staking.SPEC.functions().forEach(f -> assertThat(f.doc()).as(f.signature()).isNotBlank());
    Staking.SPEC.events().forEach(e -> assertThat(e.doc()).as(e.signature()).isNotBlank());
    Staking.SPEC.errors().forEach(e -> assertThat(e.doc()).as(e.signature()).isNotBlank());
    assertThat(SolidityInterface.render(Staking.SPEC)).contains("interface IStaking", "struct Position", "/// @notice");
  }

  @Test
  void everyHandlerIsRegistered() {
    new Staking().checkComplete();
  }
}
