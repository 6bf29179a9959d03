package org.openledger.cli.datanet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;

class ContributionHashTest {
  @Test
  void theCommitmentIsKeccakOfContentFollowedByTheContributorsTwentyAddressBytes() {
    byte[] content = "a shoe".getBytes(StandardCharsets.UTF_8);
    Address contributor = Address.fromHex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    byte[] expected = Keccak.hash(Bytes.concatenate(Bytes.wrap(content), Bytes.fromHexString(contributor.toHexString())).toArrayUnsafe());
    assertThat(DatanetCommand.contributionHash(content, contributor.toHexString())).isEqualTo(expected);
  }
}
