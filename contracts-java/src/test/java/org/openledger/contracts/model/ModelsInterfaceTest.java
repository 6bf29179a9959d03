package org.openledger.contracts.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openledger.precompiles.contract.FrameworkErrors;
import org.openledger.precompiles.contract.SolcAbiCheck;
import org.openledger.precompiles.contract.SolidityInterface;

/** The published interface: what solc compiles is what the contract serves, documented and with the fixed cross-contract API. */
class ModelsInterfaceTest {

  @Test
  void theSolidityInterfaceCompilesWithSolcToTheAbiTheContractServes() throws Exception {
    SolcAbiCheck.assertAbiMatchesSolc(Models.SPEC);
  }

  @Test
  void everyFunctionEventAndErrorIsDocumented() {
    assertThat(Models.SPEC.functions()).allSatisfy(fn -> assertThat(fn.doc()).as(fn.name()).isNotBlank());
    assertThat(Models.SPEC.events()).allSatisfy(e -> assertThat(e.doc()).as(e.name()).isNotBlank());
    assertThat(Models.SPEC.errors()).allSatisfy(e -> assertThat(e.doc()).as(e.name()).isNotBlank());
    assertThat(Models.SPEC.errors()).containsAll(FrameworkErrors.ALL);
  }

  @Test
  void theCrossContractFunctionsHaveTheirAgreedSignatures() {
    assertThat(Models.INFERENCE_TERMS.signature()).isEqualTo("inferenceTerms(uint256,uint256)");
    assertThat(Models.RECORD_ATTESTATION.signature()).isEqualTo("recordAttestation(uint256,uint256,address)");
    assertThat(Models.MARK_TRAINING.signature()).isEqualTo("markTraining(uint256)");
    assertThat(Models.TERMS.type().canonical()).isEqualTo("(bool,address,address,address,uint256,uint256,uint8,uint256,uint256,bool)");
    assertThat(SolidityInterface.render(Models.SPEC))
        .contains("function inferenceTerms(uint256 modelId, uint256 version) external view returns (Terms memory terms);");
  }
}
