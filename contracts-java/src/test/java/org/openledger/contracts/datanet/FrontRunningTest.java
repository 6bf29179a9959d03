package org.openledger.contracts.datanet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.datanet.DatanetFixture.*;

import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

/**
 * The contribution hash binds the contributor: {@code keccak256(content ‖ contributor)}. These
 * tests play the curator's side of that bargain the way the CLI does: fetch the content, check the
 * binding against the address that submitted, then accept or reject.
 */
class FrontRunningTest {
  final DatanetFixture f = new DatanetFixture();
  final BigInteger datanet = f.datanet();
  final byte[] aliceContent = content("alice's annotated scans, batch 7");

  /** What an honest curator does with a pending contribution once it fetched the content. */
  void curate(BigInteger contributionId, byte[] fetched) {
    List<Object> c = f.contributionView(contributionId);
    var submitter = (org.openledger.precompiles.Address) c.get(1);
    Bytes32 hash = Bytes32.wrap((org.apache.tuweni.bytes.Bytes) c.get(2));
    if (Contributions.verify(fetched, submitter, hash)) {
      f.ok(CURATOR, Datanets.ACCEPT, contributionId, Contributions.contentHash(fetched));
    } else {
      f.ok(CURATOR, Datanets.REJECT, contributionId, "contribution hash does not bind the submitter");
    }
  }

  @Test
  void aCopiedContributionHashIsRejectedTheCopierLosesTheDepositAndTheOwnerGetsItBack() {
    Bytes32 aliceHash = Contributions.bind(aliceContent, ALICE);
    BigInteger mallory = f.balance(MALLORY);
    BigInteger treasury = f.balance(TREASURY);

    // Mallory copies Alice's hash from the mempool and gets in first
    BigInteger stolen = f.submitHash(MALLORY, datanet, aliceHash);
    // Alice's own transaction is refused while Mallory's copy is pending, and she keeps her deposit
    BigInteger alice = f.balance(ALICE);
    f.assertRefused(ALICE, DEPOSIT, Datanets.SUBMIT, args(datanet, aliceHash, "ipfs://alice"),
        Datanets.CONTRIBUTION_HASH_TAKEN, aliceHash, stolen);
    assertThat(f.balance(ALICE)).isEqualTo(alice);

    // the curator fetches the content: it does not bind Mallory
    assertThat(Contributions.verify(aliceContent, MALLORY, aliceHash)).isFalse();
    curate(stolen, aliceContent);
    assertThat(f.status(stolen)).isEqualTo(ContributionStatus.REJECTED);
    assertThat(f.balance(MALLORY)).isEqualTo(mallory.subtract(DEPOSIT));
    assertThat(f.balance(TREASURY)).isEqualTo(treasury.add(DEPOSIT));

    // the rejection freed the hash: Alice submits it and is accepted
    BigInteger own = f.submitHash(ALICE, datanet, aliceHash);
    curate(own, aliceContent);
    assertThat(f.status(own)).isEqualTo(ContributionStatus.ACCEPTED);
    assertThat(f.balance(ALICE)).isEqualTo(alice);

    // and the access fees are Alice's
    f.pay(datanet);
    assertThat(f.claimable(own)).isEqualTo(FEE);
    assertThat(f.claimable(stolen)).isZero();
    f.assertRefused(MALLORY, BigInteger.ZERO, Datanets.CLAIM, args(List.of(own)), Datanets.NOT_CONTRIBUTOR, own, MALLORY);
    assertThat(f.ok(ALICE, Datanets.CLAIM, List.of(own))).isEqualTo(FEE);
    f.assertSolvent();
  }

  @Test
  void aCopyOfContentBoundToTheCopiersOwnAddressIsRefusedAsDuplicateContent() {
    // Alice's submission is mined before she uploads: hers is the earlier contribution
    BigInteger own = f.submit(ALICE, datanet, aliceContent);
    curate(own, aliceContent);
    // Mallory downloads the content and binds it to himself: a valid hash, but the content is taken
    BigInteger copy = f.submit(MALLORY, datanet, aliceContent);
    assertThat(Contributions.verify(aliceContent, MALLORY, Contributions.bind(aliceContent, MALLORY))).isTrue();
    f.assertRefused(CURATOR, BigInteger.ZERO, Datanets.ACCEPT, args(copy, Contributions.contentHash(aliceContent)),
        Datanets.DUPLICATE_CONTENT, datanet, Contributions.contentHash(aliceContent), own);
    // so the curator rejects it and Mallory loses the deposit
    BigInteger mallory = f.balance(MALLORY);
    f.ok(CURATOR, Datanets.REJECT, copy, "duplicate of contribution " + own);
    assertThat(f.balance(MALLORY)).isEqualTo(mallory);
    assertThat(f.status(copy)).isEqualTo(ContributionStatus.REJECTED);
    f.assertSolvent();
  }

  @Test
  void theBindingIsKeccakOfTheContentFollowedByTheTwentyAddressBytes() {
    // what Solidity computes as keccak256(abi.encodePacked(content, contributor))
    byte[] packed = new byte[aliceContent.length + 20];
    System.arraycopy(aliceContent, 0, packed, 0, aliceContent.length);
    System.arraycopy(ALICE.toArray(), 0, packed, aliceContent.length, 20);
    assertThat(Contributions.bind(aliceContent, ALICE).toArrayUnsafe()).isEqualTo(org.openledger.precompiles.Keccak.hash(packed));
    // Ethereum's keccak-256 (not NIST SHA3): the well-known hash of empty input
    assertThat(Contributions.contentHash(new byte[0]))
        .isEqualTo(Bytes32.fromHexString("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"));
    assertThat(Contributions.bind(aliceContent, ALICE)).isNotEqualTo(Contributions.bind(aliceContent, BOB));
  }
}
