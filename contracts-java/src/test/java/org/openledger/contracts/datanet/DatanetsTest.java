package org.openledger.contracts.datanet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.datanet.DatanetFixture.*;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.contract.SolcAbiCheck;
import org.openledger.precompiles.host.CallResult;

/** The behaviours of Datanets, one per test. Bad input is in {@link DatanetsBadInputTest}. */
class DatanetsTest {
  final DatanetFixture f = new DatanetFixture();

  @Test
  void theAbiServedIsTheOneSolcCompilesFromTheGeneratedInterface() throws Exception {
    SolcAbiCheck.assertAbiMatchesSolc(Datanets.SPEC);
  }

  // ------------------------------------------------------------------ datanets

  @Test
  void createMakesTheCallerOwnerAndCuratorWithIdsFromOne() {
    BigInteger first = (BigInteger) f.ok(ALICE, Datanets.CREATE, "A", "", DEPOSIT, FEE);
    BigInteger second = (BigInteger) f.ok(BOB, Datanets.CREATE, "B", "", DEPOSIT, FEE);
    assertThat(first).isEqualTo(BigInteger.ONE);
    assertThat(second).isEqualTo(n(2));
    assertThat(f.view(Datanets.DATANET_COUNT)).isEqualTo(n(2));
    assertThat(f.datanetView(first).subList(0, 2)).containsExactly(ALICE, ALICE);
    assertThat(f.datanetView(second).subList(0, 2)).containsExactly(BOB, BOB);
  }

  @Test
  void createStoresNameMetadataAndFeesAndLogsThem() {
    f.chain.advance(4);
    BigInteger id = (BigInteger) f.ok(ALICE, Datanets.CREATE, "Cardiology ECGs", "ipfs://bafy-meta", DEPOSIT, FEE);
    assertThat(f.datanetView(id)).containsExactly(ALICE, ALICE, "Cardiology ECGs", "ipfs://bafy-meta", DEPOSIT, FEE,
        BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, n(f.chain.blockNumber()));
    assertThat(f.chain.host.logs()).last()
        .isEqualTo(Datanets.DATANET_CREATED.toLog(DATANETS, id, ALICE, "Cardiology ECGs", "ipfs://bafy-meta", DEPOSIT, FEE));
  }

  @Test
  void stringsAreStoredInSoliditysLayout() {
    String longName = "n".repeat(Datanets.MAX_NAME_BYTES);
    BigInteger id = (BigInteger) f.ok(ALICE, Datanets.CREATE, "short", longName.substring(0, 40), DEPOSIT, FEE);
    var d = Datanets.datanetSlot(id);
    // short string: bytes left-aligned, 2 × length in the lowest byte
    Bytes32 nameWord = f.chain.host.storage(DATANETS, d.field(2).key());
    assertThat(nameWord.slice(0, 5).toArrayUnsafe()).isEqualTo(content("short"));
    assertThat(nameWord.get(31)).isEqualTo((byte) 10);
    // long string: 2 × length + 1 in the slot, bytes from keccak(slot) on
    Bytes32 uriWord = f.chain.host.storage(DATANETS, d.field(3).key());
    assertThat(uriWord.toUnsignedBigInteger()).isEqualTo(n(81));
    assertThat(f.chain.host.storage(DATANETS, d.field(3).arrayData().key()).toArrayUnsafe()).isEqualTo(content("n".repeat(32)));
  }

  @Test
  void stringsOfEveryLengthAroundAWordBoundaryReadBackUnchanged() {
    for (int length : new int[] {1, 30, 31, 32, 33, 63, 64}) {
      String name = "x".repeat(length);
      String uri = "é".repeat(length * 2); // two bytes each: up to 256
      BigInteger id = (BigInteger) f.ok(ALICE, Datanets.CREATE, name, uri, DEPOSIT, FEE);
      assertThat(f.datanetView(id).subList(2, 4)).containsExactly(name, uri);
    }
  }

  @Test
  void countsAndOwnerAreReadableAtTheirDocumentedSlots() {
    BigInteger id = f.datanet();
    assertThat(f.chain.host.storage(DATANETS, org.openledger.precompiles.storage.Slot.at(0).key()).toUnsignedBigInteger()).isEqualTo(id);
    assertThat(f.chain.host.storage(DATANETS, Datanets.datanetSlot(id).field(0).key())).isEqualTo(Bytes32.leftPad(OWNER.toBytes()));
    assertThat(f.chain.host.storage(DATANETS, Datanets.datanetSlot(id).field(1).key())).isEqualTo(Bytes32.leftPad(CURATOR.toBytes()));
  }

  @Test
  void theOwnerNamesTheCurator() {
    BigInteger id = (BigInteger) f.ok(OWNER, Datanets.CREATE, "D", "", DEPOSIT, FEE);
    f.ok(OWNER, Datanets.SET_CURATOR, id, CURATOR);
    assertThat(f.datanetView(id).get(1)).isEqualTo(CURATOR);
    assertThat(f.chain.host.logs()).last().isEqualTo(Datanets.CURATOR_CHANGED.toLog(DATANETS, id, OWNER, CURATOR));
  }

  @Test
  void aNewCuratorCuratesContributionsAlreadyPending() {
    BigInteger id = f.datanet();
    BigInteger c = f.submit(ALICE, id, content("x"));
    f.ok(OWNER, Datanets.SET_CURATOR, id, BOB);
    assertThat(f.send(CURATOR, Datanets.ACCEPT, c, Contributions.contentHash(content("x"))).isSuccess()).isFalse();
    f.ok(BOB, Datanets.ACCEPT, c, Contributions.contentHash(content("x")));
    assertThat(f.status(c)).isEqualTo(ContributionStatus.ACCEPTED);
  }

  @Test
  void theOwnerHandsTheDatanetOnAndTheCuratorStays() {
    BigInteger id = f.datanet();
    f.ok(OWNER, Datanets.TRANSFER_OWNERSHIP, id, BOB);
    assertThat(f.datanetView(id).subList(0, 2)).containsExactly(BOB, CURATOR);
    f.ok(BOB, Datanets.SET_CURATOR, id, CAROL);
    assertThat(f.send(OWNER, Datanets.SET_CURATOR, id, ALICE).isSuccess()).isFalse();
    assertThat(f.chain.host.logs()).anySatisfy(l -> assertThat(l).isEqualTo(Datanets.OWNERSHIP_TRANSFERRED.toLog(DATANETS, id, OWNER, BOB)));
  }

  @Test
  void changedFeesApplyToNewSubmissionsWhilePendingOnesKeepTheDepositTheyPaid() {
    BigInteger id = f.datanet();
    BigInteger before = f.submit(ALICE, id, content("old"));
    f.ok(OWNER, Datanets.SET_FEES, id, DEPOSIT.multiply(n(2)), BigInteger.ZERO);
    assertThat(f.datanetView(id).subList(4, 6)).containsExactly(DEPOSIT.multiply(n(2)), BigInteger.ZERO);
    BigInteger after = f.submit(BOB, id, content("new"));
    assertThat(f.contributionView(after).get(5)).isEqualTo(DEPOSIT.multiply(n(2)));
    BigInteger alice = f.balance(ALICE);
    f.accept(before, content("old"));
    assertThat(f.balance(ALICE)).isEqualTo(alice.add(DEPOSIT));
    f.assertSolvent();
  }

  // ------------------------------------------------------------------ submissions and curation

  @Test
  void submitHoldsTheExactDepositAndRecordsAPendingContribution() {
    BigInteger id = f.datanet();
    f.chain.advance(7);
    byte[] data = content("chest x-ray 0001");
    Bytes32 hash = Contributions.bind(data, ALICE);
    BigInteger alice = f.balance(ALICE);
    BigInteger c = (BigInteger) f.ok(ALICE, DEPOSIT, Datanets.SUBMIT, id, hash, "ipfs://x");
    assertThat(c).isEqualTo(BigInteger.ONE);
    assertThat(f.balance(ALICE)).isEqualTo(alice.subtract(DEPOSIT));
    assertThat(f.balance(DATANETS)).isEqualTo(DEPOSIT);
    assertThat(f.contributionView(c)).containsExactly(id, ALICE, hash, Bytes32.ZERO, ContributionStatus.PENDING.code(), DEPOSIT,
        n(f.chain.blockNumber()), BigInteger.ZERO, BigInteger.ZERO, "ipfs://x");
    assertThat(f.view(Datanets.CONTRIBUTION_OF_HASH, hash)).isEqualTo(c);
    assertThat(f.view(Datanets.CONTRIBUTIONS_OF, ALICE)).isEqualTo(List.of(c));
    assertThat(f.datanetView(id).subList(6, 9)).containsExactly(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE);
    assertThat(f.chain.host.logs()).last().isEqualTo(Datanets.CONTRIBUTION_SUBMITTED.toLog(DATANETS, c, id, ALICE, hash, DEPOSIT, "ipfs://x"));
    f.assertSolvent();
  }

  @Test
  void contributionIdsRunAcrossDatanets() {
    BigInteger a = f.datanet();
    BigInteger b = f.datanet();
    assertThat(f.submit(ALICE, a, content("1"))).isEqualTo(n(1));
    assertThat(f.submit(ALICE, b, content("2"))).isEqualTo(n(2));
    assertThat(f.view(Datanets.CONTRIBUTION_COUNT)).isEqualTo(n(2));
  }

  @Test
  void acceptReturnsTheDepositAndRecordsTheContent() {
    BigInteger id = f.datanet();
    byte[] data = content("sample");
    BigInteger c = f.submit(ALICE, id, data);
    BigInteger alice = f.balance(ALICE);
    f.chain.advance(3);
    f.accept(c, data);
    Bytes32 contentHash = Contributions.contentHash(data);
    assertThat(f.balance(ALICE)).isEqualTo(alice.add(DEPOSIT));
    assertThat(f.status(c)).isEqualTo(ContributionStatus.ACCEPTED);
    assertThat(f.contributionView(c).get(3)).isEqualTo(contentHash);
    assertThat(f.contributionView(c).get(7)).isEqualTo(n(f.chain.blockNumber()));
    assertThat(f.view(Datanets.IS_ACCEPTED, c)).isEqualTo(true);
    assertThat(f.view(Datanets.ACCEPTED_CONTENT, id, contentHash)).isEqualTo(c);
    assertThat(f.datanetView(id).subList(6, 8)).containsExactly(BigInteger.ONE, BigInteger.ZERO);
    assertThat(f.chain.host.logs()).last().isEqualTo(Datanets.CONTRIBUTION_ACCEPTED.toLog(DATANETS, c, id, ALICE, contentHash, DEPOSIT));
    assertThat(f.balance(DATANETS)).isZero();
    f.assertSolvent();
  }

  @Test
  void rejectSlashesTheDepositToTheTreasuryAndLogsTheReason() {
    BigInteger id = f.datanet();
    BigInteger c = f.submit(ALICE, id, content("spam"));
    BigInteger treasury = f.balance(TREASURY);
    f.ok(CURATOR, Datanets.REJECT, c, "off-topic");
    assertThat(f.balance(TREASURY)).isEqualTo(treasury.add(DEPOSIT));
    assertThat(f.status(c)).isEqualTo(ContributionStatus.REJECTED);
    assertThat(f.view(Datanets.IS_ACCEPTED, c)).isEqualTo(false);
    assertThat(f.chain.host.logs()).last().isEqualTo(Datanets.CONTRIBUTION_REJECTED.toLog(DATANETS, c, id, ALICE, DEPOSIT, "off-topic"));
    assertThat(f.datanetView(id).subList(6, 8)).containsExactly(BigInteger.ZERO, BigInteger.ZERO);
    f.assertSolvent();
  }

  @Test
  void aRejectionFreesTheContributionHashForANewSubmission() {
    BigInteger id = f.datanet();
    byte[] data = content("retry me");
    BigInteger first = f.submit(ALICE, id, data);
    f.ok(CURATOR, Datanets.REJECT, first, "content store did not serve it");
    assertThat(f.view(Datanets.CONTRIBUTION_OF_HASH, Contributions.bind(data, ALICE))).isEqualTo(BigInteger.ZERO);
    BigInteger second = f.submit(ALICE, id, data);
    assertThat(second).isEqualTo(n(2));
    assertThat(f.view(Datanets.CONTRIBUTION_OF_HASH, Contributions.bind(data, ALICE))).isEqualTo(second);
  }

  @Test
  void isAcceptedIsTrueOnlyForAcceptedContributions() {
    BigInteger id = f.datanet();
    BigInteger pending = f.submit(ALICE, id, content("p"));
    BigInteger accepted = f.accepted(ALICE, id, content("a"));
    BigInteger rejected = f.submit(ALICE, id, content("r"));
    f.ok(CURATOR, Datanets.REJECT, rejected, "no");
    BigInteger slashed = f.accepted(ALICE, id, content("s"));
    f.ok(TIMELOCK, Datanets.SLASH, slashed);
    assertThat(f.view(Datanets.IS_ACCEPTED, pending)).isEqualTo(false);
    assertThat(f.view(Datanets.IS_ACCEPTED, accepted)).isEqualTo(true);
    assertThat(f.view(Datanets.IS_ACCEPTED, rejected)).isEqualTo(false);
    assertThat(f.view(Datanets.IS_ACCEPTED, slashed)).isEqualTo(false);
    assertThat(f.view(Datanets.IS_ACCEPTED, n(99))).isEqualTo(false);
    assertThat(f.view(Datanets.IS_ACCEPTED, BigInteger.ZERO)).isEqualTo(false);
  }

  // ------------------------------------------------------------------ access fees

  @Test
  void anAccessFeeIsSplitEquallyAmongAcceptedContributions() {
    BigInteger id = f.datanet(DEPOSIT, OPEN.multiply(n(3)));
    BigInteger a = f.accepted(ALICE, id, content("a"));
    BigInteger b = f.accepted(BOB, id, content("b"));
    BigInteger c = f.accepted(CAROL, id, content("c"));
    f.pay(id);
    for (BigInteger x : List.of(a, b, c)) assertThat(f.claimable(x)).isEqualTo(OPEN);
    assertThat(f.view(Datanets.ACCESS_COUNT, id, READER)).isEqualTo(BigInteger.ONE);
    assertThat(f.chain.host.logs()).last().isEqualTo(
        Datanets.ACCESS_PAID.toLog(DATANETS, id, READER, OPEN.multiply(n(3)), OPEN, n(3), BigInteger.ZERO));
    assertThat(f.datanetView(id).subList(9, 12)).containsExactly(BigInteger.ONE, OPEN.multiply(n(3)), OPEN.multiply(Datanets.ACC_SCALE));
    f.assertSolvent();
  }

  @Test
  void roundingDustGoesToTheTreasuryInTheSameCall() {
    BigInteger id = f.datanet(DEPOSIT, n(10));
    BigInteger a = f.accepted(ALICE, id, content("a"));
    BigInteger b = f.accepted(BOB, id, content("b"));
    BigInteger c = f.accepted(CAROL, id, content("c"));
    BigInteger treasury = f.balance(TREASURY);
    f.pay(id);
    for (BigInteger x : List.of(a, b, c)) assertThat(f.claimable(x)).isEqualTo(n(3));
    assertThat(f.balance(TREASURY)).isEqualTo(treasury.add(BigInteger.ONE));
    assertThat(f.balance(DATANETS)).isEqualTo(n(9));
    f.assertSolvent();
  }

  @Test
  void aFeeSmallerThanTheNumberOfContributionsGoesWhollyToTheTreasury() {
    BigInteger id = f.datanet(DEPOSIT, n(2));
    BigInteger a = f.accepted(ALICE, id, content("a"));
    f.accepted(BOB, id, content("b"));
    f.accepted(CAROL, id, content("c"));
    BigInteger treasury = f.balance(TREASURY);
    f.pay(id);
    assertThat(f.claimable(a)).isZero();
    assertThat(f.balance(TREASURY)).isEqualTo(treasury.add(n(2)));
    f.assertSolvent();
  }

  @Test
  void withNoAcceptedContributionTheAccessFeeGoesToTheTreasury() {
    BigInteger id = f.datanet();
    BigInteger pending = f.submit(ALICE, id, content("not yet"));
    BigInteger treasury = f.balance(TREASURY);
    f.pay(id);
    assertThat(f.balance(TREASURY)).isEqualTo(treasury.add(FEE));
    f.accept(pending, content("not yet"));
    assertThat(f.claimable(pending)).isZero();
    f.assertSolvent();
  }

  @Test
  void contributionsEarnOnlyFromPaymentsMadeWhileAccepted() {
    BigInteger id = f.datanet(DEPOSIT, n(600));
    BigInteger early = f.accepted(ALICE, id, content("early"));
    f.pay(id); // early: 600
    BigInteger late = f.accepted(BOB, id, content("late"));
    f.pay(id); // 300 each
    assertThat(f.claimable(early)).isEqualTo(n(900));
    assertThat(f.claimable(late)).isEqualTo(n(300));
    f.assertSolvent();
  }

  @Test
  void aPaymentToOneDatanetPaysNothingInAnother() {
    BigInteger one = f.datanet();
    BigInteger two = f.datanet();
    BigInteger a = f.accepted(ALICE, one, content("a"));
    BigInteger b = f.accepted(BOB, two, content("b"));
    f.pay(one);
    assertThat(f.claimable(a)).isEqualTo(FEE);
    assertThat(f.claimable(b)).isZero();
  }

  @Test
  void claimPaysTheContributorAcrossContributionsAndLeavesNothingClaimable() {
    BigInteger one = f.datanet(DEPOSIT, n(1000));
    BigInteger two = f.datanet(DEPOSIT, n(70));
    BigInteger a1 = f.accepted(ALICE, one, content("a1"));
    f.accepted(BOB, one, content("b1"));
    BigInteger a2 = f.accepted(ALICE, two, content("a2"));
    f.pay(one);
    f.pay(two);
    BigInteger alice = f.balance(ALICE);
    BigInteger paid = (BigInteger) f.ok(ALICE, Datanets.CLAIM, List.of(a1, a2));
    assertThat(paid).isEqualTo(n(500 + 70));
    assertThat(f.balance(ALICE)).isEqualTo(alice.add(n(570)));
    assertThat(f.claimable(a1)).isZero();
    assertThat(f.claimable(a2)).isZero();
    assertThat(f.contributionView(a1).get(8)).isEqualTo(n(500));
    assertThat(f.chain.host.logs()).contains(Datanets.CLAIMED.toLog(DATANETS, a1, ALICE, n(500)), Datanets.CLAIMED.toLog(DATANETS, a2, ALICE, n(70)));
    f.pay(one);
    assertThat(f.claimable(a1)).isEqualTo(n(500));
    f.assertSolvent();
  }

  @Test
  void aContributionNamedTwiceInOneClaimIsPaidOnce() {
    BigInteger id = f.datanet(DEPOSIT, n(100));
    BigInteger a = f.accepted(ALICE, id, content("a"));
    f.pay(id);
    assertThat(f.ok(ALICE, Datanets.CLAIM, List.of(a, a, a))).isEqualTo(n(100));
    f.assertSolvent();
  }

  @Test
  void claimGasGrowsWithTheNumberOfIdsAndCoversAHundred() {
    BigInteger id = f.datanet(DEPOSIT, n(1_000_000));
    List<BigInteger> ids = new ArrayList<>();
    for (int i = 0; i < 100; i++) ids.add(f.accepted(ALICE, id, content("item " + i)));
    f.pay(id);
    long one = f.chain.executor().gasRequirement(DATANETS, Datanets.CLAIM.encodeCall(ids.subList(0, 1)), f.chain.blockNumber());
    long hundred = f.chain.executor().gasRequirement(DATANETS, Datanets.CLAIM.encodeCall(ids), f.chain.blockNumber());
    assertThat(hundred - one).isGreaterThanOrEqualTo(99L * (7 * 2_100 + 3 * 20_000));
    assertThat(f.ok(ALICE, Datanets.CLAIM, ids)).isEqualTo(n(1_000_000));
    f.assertSolvent();
  }

  // ------------------------------------------------------------------ governance slash

  @Test
  void aSlashedContributionKeepsWhatItEarnedAndEarnsNothingAfter() {
    BigInteger id = f.datanet(DEPOSIT, n(100));
    BigInteger bad = f.accepted(ALICE, id, content("bad"));
    BigInteger good = f.accepted(BOB, id, content("good"));
    f.pay(id); // 50 each
    f.ok(TIMELOCK, Datanets.SLASH, bad);
    assertThat(f.chain.host.logs()).last().isEqualTo(Datanets.CONTRIBUTION_SLASHED.toLog(DATANETS, bad, id, ALICE, n(50)));
    f.pay(id); // all 100 to good
    assertThat(f.status(bad)).isEqualTo(ContributionStatus.SLASHED);
    assertThat(f.claimable(bad)).isEqualTo(n(50));
    assertThat(f.claimable(good)).isEqualTo(n(150));
    assertThat(f.ok(ALICE, Datanets.CLAIM, List.of(bad))).isEqualTo(n(50));
    f.assertSolvent();
  }

  @Test
  void aSlashedContributionNoLongerCounts() {
    BigInteger id = f.datanet();
    BigInteger bad = f.accepted(ALICE, id, content("bad"));
    f.accepted(BOB, id, content("good"));
    f.ok(TIMELOCK, Datanets.SLASH, bad);
    assertThat(f.datanetView(id).get(6)).isEqualTo(BigInteger.ONE);
    assertThat(f.view(Datanets.IS_ACCEPTED, bad)).isEqualTo(false);
  }

  @Test
  void slashedContentStaysRefusedInItsDatanet() {
    BigInteger id = f.datanet();
    byte[] data = content("found bad");
    BigInteger bad = f.accepted(ALICE, id, data);
    f.ok(TIMELOCK, Datanets.SLASH, bad);
    BigInteger again = f.submit(BOB, id, data);
    f.assertRefused(CURATOR, BigInteger.ZERO, Datanets.ACCEPT, args(again, Contributions.contentHash(data)),
        Datanets.DUPLICATE_CONTENT, id, Contributions.contentHash(data), bad);
  }

  // ------------------------------------------------------------------ listings and declared gas

  @Test
  void contributionsOfListsAtMostTwoHundredFiftySixAndPagesOn() {
    BigInteger id = f.datanet(BigInteger.ONE, BigInteger.ZERO);
    for (int i = 0; i < 300; i++) f.submitHash(ALICE, id, Contributions.bind(content("c" + i), ALICE));
    @SuppressWarnings("unchecked") List<BigInteger> first = (List<BigInteger>) f.view(Datanets.CONTRIBUTIONS_OF, ALICE);
    @SuppressWarnings("unchecked") List<BigInteger> rest = (List<BigInteger>) f.view(Datanets.CONTRIBUTIONS_OF_PAGE, ALICE, n(256));
    assertThat(first).hasSize(Datanets.MAX_LISTED).startsWith(n(1)).endsWith(n(256));
    assertThat(rest).hasSize(44).startsWith(n(257)).endsWith(n(300));
    assertThat(f.view(Datanets.CONTRIBUTIONS_OF_PAGE, ALICE, n(1_000))).isEqualTo(List.of());
    assertThat(f.view(Datanets.CONTRIBUTION_COUNT_OF, ALICE)).isEqualTo(n(300));
    assertThat(f.view(Datanets.CONTRIBUTIONS_OF, BOB)).isEqualTo(List.of());
  }

  @Test
  void theDeclaredGasCoversTheLongestStringsAndReason() {
    String name = "ü".repeat(Datanets.MAX_NAME_BYTES / 2);
    String uri = "u".repeat(Datanets.MAX_METADATA_URI_BYTES);
    BigInteger id = (BigInteger) f.ok(OWNER, Datanets.CREATE, name, uri, DEPOSIT, FEE);
    ok(f.send(ALICE, DEPOSIT, Datanets.SUBMIT, id, Contributions.bind(content("x"), ALICE), uri));
    ok(f.send(ALICE, DEPOSIT, Datanets.SUBMIT, id, Contributions.bind(content("y"), ALICE), uri));
    ok(f.send(OWNER, Datanets.REJECT, BigInteger.ONE, "é".repeat(Datanets.MAX_REASON_BYTES / 2)));
    ok(f.send(OWNER, Datanets.ACCEPT, n(2), Contributions.contentHash(content("y"))));
    ok(f.send(READER, FEE, Datanets.PAY_ACCESS, id));
    ok(f.send(TIMELOCK, Datanets.SLASH, n(2)));
    ok(f.send(ALICE, Datanets.CLAIM, List.of(n(2))));
    assertThat(f.datanetView(id).subList(2, 4)).containsExactly(name, uri);
    assertThat(f.contributionView(n(2)).get(9)).isEqualTo(uri);
    f.assertSolvent();
  }

  private void ok(CallResult r) {
    assertThat(r.isSuccess()).as(f.chain.describe(DATANETS, r)).isTrue();
  }
}
