package org.openledger.cli.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DevelopmentKeysTest {
  @Test
  void theTestMnemonicGivesTheAccountsEveryEthereumToolKnows() {
    // Hardhat/Anvil's first two accounts for "test test ... junk"
    assertThat(DevelopmentKeys.account(0).getAddress()).isEqualToIgnoringCase("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    assertThat(DevelopmentKeys.account(1).getAddress()).isEqualToIgnoringCase("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  }
}
