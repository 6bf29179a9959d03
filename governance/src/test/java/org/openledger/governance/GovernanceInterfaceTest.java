package org.openledger.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openledger.governance.governor.Governor;
import org.openledger.governance.timelock.Timelock;
import org.openledger.precompiles.contract.ContractSpec;
import org.openledger.precompiles.contract.FrameworkErrors;
import org.openledger.precompiles.contract.SolcAbiCheck;

/** The published interfaces: what solc compiles is what the contracts serve, every item documented. */
class GovernanceInterfaceTest {

  @Test
  void theGovernorInterfaceCompilesWithSolcToTheAbiItServes() throws Exception {
    SolcAbiCheck.assertAbiMatchesSolc(Governor.SPEC);
  }

  @Test
  void theTimelockInterfaceCompilesWithSolcToTheAbiItServes() throws Exception {
    SolcAbiCheck.assertAbiMatchesSolc(Timelock.SPEC);
  }

  @Test
  void everyFunctionEventAndErrorIsDocumented() {
    for (ContractSpec spec : List.of(Governor.SPEC, Timelock.SPEC)) {
      assertThat(spec.functions()).allSatisfy(fn -> assertThat(fn.doc()).as(fn.name()).isNotBlank());
      assertThat(spec.events()).allSatisfy(e -> assertThat(e.doc()).as(e.name()).isNotBlank());
      assertThat(spec.errors()).allSatisfy(e -> assertThat(e.doc()).as(e.name()).isNotBlank());
      assertThat(spec.errors()).containsAll(FrameworkErrors.ALL);
    }
  }

  @Test
  void theOpenZeppelinCompatibleSignaturesAreKept() {
    assertThat(Governor.PROPOSE.signature()).isEqualTo("propose(address[],uint256[],bytes[],string)");
    assertThat(Governor.CAST_VOTE.signature()).isEqualTo("castVote(uint256,uint8)");
    assertThat(Governor.CAST_VOTE_WITH_REASON.signature()).isEqualTo("castVoteWithReason(uint256,uint8,string)");
    assertThat(Governor.STATE.signature()).isEqualTo("state(uint256)");
    assertThat(Governor.PROPOSAL_CREATED.signature())
        .isEqualTo("ProposalCreated(uint256,address,address[],uint256[],string[],bytes[],uint256,uint256,string)");
    assertThat(Governor.VOTE_CAST.signature()).isEqualTo("VoteCast(address,uint256,uint8,uint256,string)");
  }

  @Test
  void governanceCompletesTheContractCatalogWithoutClashes() {
    java.util.Map<org.openledger.precompiles.Address, org.openledger.precompiles.contract.NativeContract> all =
        GovernanceContracts.instancesWithCatalog();
    assertThat(all).containsKeys(org.openledger.contracts.Addresses.GOVERNOR, org.openledger.contracts.Addresses.TIMELOCK);
    assertThat(all).hasSize(org.openledger.contracts.Catalog.all().size() + 2);
    for (org.openledger.contracts.Catalog.Entry e : org.openledger.contracts.Catalog.all()) {
      assertThat(GovernanceContracts.all()).noneMatch(g -> g.address().equals(e.address()) || g.name().equals(e.name()));
    }
  }
}
