package org.openledger.contracts.datanet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.datanet.DatanetFixture.*;

import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.FrameworkErrors;

/** Every refusal is a custom error and changes nothing (storage, balances, logs). */
class DatanetsBadInputTest {
  static final BigInteger MAX_UINT = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
  static final BigInteger TOO_LARGE = Datanets.MAX_AMOUNT.add(BigInteger.ONE);
  static final BigInteger ZERO = BigInteger.ZERO;
  static final Bytes32 NO_HASH = Bytes32.ZERO;

  final DatanetFixture f = new DatanetFixture();
  final BigInteger id = f.datanet();
  final byte[] data = content("data");
  final BigInteger pending = f.submit(ALICE, id, content("pending"));
  final BigInteger accepted = f.accepted(ALICE, id, data);

  // ------------------------------------------------------------------ create

  @Test
  void createRefusesAnEmptyName() {
    f.assertRefused(ALICE, ZERO, Datanets.CREATE, args("", "", DEPOSIT, FEE), Datanets.EMPTY_NAME);
  }

  @Test
  void createRefusesANameOverSixtyFourUtf8Bytes() {
    f.assertRefused(ALICE, ZERO, Datanets.CREATE, args("é".repeat(33), "", DEPOSIT, FEE), Datanets.NAME_TOO_LONG, n(66), n(64));
  }

  @Test
  void createRefusesAMetadataUriOverTwoHundredFiftySixBytes() {
    f.assertRefused(ALICE, ZERO, Datanets.CREATE, args("D", "u".repeat(257), DEPOSIT, FEE), Datanets.METADATA_URI_TOO_LONG, n(257), n(256));
  }

  @Test
  void createRefusesAZeroDeposit() {
    f.assertRefused(ALICE, ZERO, Datanets.CREATE, args("D", "", ZERO, FEE), Datanets.ZERO_DEPOSIT);
  }

  @Test
  void createRefusesAnOverflowingDepositOrFee() {
    f.assertRefused(ALICE, ZERO, Datanets.CREATE, args("D", "", TOO_LARGE, FEE), Datanets.AMOUNT_TOO_LARGE, TOO_LARGE, Datanets.MAX_AMOUNT);
    f.assertRefused(ALICE, ZERO, Datanets.CREATE, args("D", "", MAX_UINT, FEE), Datanets.AMOUNT_TOO_LARGE, MAX_UINT, Datanets.MAX_AMOUNT);
    f.assertRefused(ALICE, ZERO, Datanets.CREATE, args("D", "", DEPOSIT, MAX_UINT), Datanets.AMOUNT_TOO_LARGE, MAX_UINT, Datanets.MAX_AMOUNT);
  }

  @Test
  void createAcceptsTheLargestAmountsAndAFreeDatanet() {
    assertThat(f.send(ALICE, Datanets.CREATE, "D", "", Datanets.MAX_AMOUNT, Datanets.MAX_AMOUNT).isSuccess()).isTrue();
    assertThat(f.send(ALICE, Datanets.CREATE, "D", "", BigInteger.ONE, ZERO).isSuccess()).isTrue();
  }

  @Test
  void createRefusesValue() {
    f.assertRefused(ALICE, OPEN, Datanets.CREATE, args("D", "", DEPOSIT, FEE), FrameworkErrors.NOT_PAYABLE, OPEN);
  }

  // ------------------------------------------------------------------ owner functions

  @Test
  void ownerFunctionsRefuseUnknownDatanets() {
    for (BigInteger bad : List.of(ZERO, n(2), MAX_UINT)) {
      f.assertRefused(OWNER, ZERO, Datanets.SET_CURATOR, args(bad, BOB), Datanets.UNKNOWN_DATANET, bad);
      f.assertRefused(OWNER, ZERO, Datanets.TRANSFER_OWNERSHIP, args(bad, BOB), Datanets.UNKNOWN_DATANET, bad);
      f.assertRefused(OWNER, ZERO, Datanets.SET_FEES, args(bad, DEPOSIT, FEE), Datanets.UNKNOWN_DATANET, bad);
    }
  }

  @Test
  void setCuratorRefusesTheZeroAddress() {
    f.assertRefused(OWNER, ZERO, Datanets.SET_CURATOR, args(id, Address.ZERO), Datanets.ZERO_ADDRESS);
  }

  @Test
  void transferOwnershipRefusesTheZeroAddress() {
    f.assertRefused(OWNER, ZERO, Datanets.TRANSFER_OWNERSHIP, args(id, Address.ZERO), Datanets.ZERO_ADDRESS);
  }

  @Test
  void setFeesRefusesAZeroDepositAndOverflowingAmounts() {
    f.assertRefused(OWNER, ZERO, Datanets.SET_FEES, args(id, ZERO, FEE), Datanets.ZERO_DEPOSIT);
    f.assertRefused(OWNER, ZERO, Datanets.SET_FEES, args(id, TOO_LARGE, FEE), Datanets.AMOUNT_TOO_LARGE, TOO_LARGE, Datanets.MAX_AMOUNT);
    f.assertRefused(OWNER, ZERO, Datanets.SET_FEES, args(id, DEPOSIT, TOO_LARGE), Datanets.AMOUNT_TOO_LARGE, TOO_LARGE, Datanets.MAX_AMOUNT);
  }

  // ------------------------------------------------------------------ submit

  Object[] submission(BigInteger datanetId, Address who, String text) {
    return args(datanetId, Contributions.bind(content(text), who), "");
  }

  @Test
  void submitRefusesAnUnknownDatanet() {
    for (BigInteger bad : List.of(ZERO, n(2), MAX_UINT)) {
      f.assertRefused(BOB, DEPOSIT, Datanets.SUBMIT, submission(bad, BOB, "x"), Datanets.UNKNOWN_DATANET, bad);
    }
  }

  @Test
  void submitRefusesAWrongDeposit() {
    for (BigInteger wrong : List.of(ZERO, BigInteger.ONE, DEPOSIT.subtract(BigInteger.ONE), DEPOSIT.add(BigInteger.ONE), DEPOSIT.multiply(n(2)))) {
      f.assertRefused(BOB, wrong, Datanets.SUBMIT, submission(id, BOB, "x"), Datanets.WRONG_DEPOSIT, wrong, DEPOSIT);
    }
  }

  @Test
  void submitRefusesAZeroHash() {
    f.assertRefused(BOB, DEPOSIT, Datanets.SUBMIT, args(id, NO_HASH, ""), Datanets.ZERO_HASH);
  }

  @Test
  void submitRefusesAMetadataUriOverTwoHundredFiftySixBytes() {
    f.assertRefused(BOB, DEPOSIT, Datanets.SUBMIT, args(id, Contributions.bind(content("x"), BOB), "u".repeat(257)),
        Datanets.METADATA_URI_TOO_LONG, n(257), n(256));
  }

  @Test
  void submitRefusesAHashHeldByAPendingContribution() {
    Bytes32 hash = Contributions.bind(content("pending"), ALICE);
    f.assertRefused(ALICE, DEPOSIT, Datanets.SUBMIT, args(id, hash, ""), Datanets.CONTRIBUTION_HASH_TAKEN, hash, pending);
  }

  @Test
  void submitRefusesAHashHeldByAnAcceptedContribution() {
    Bytes32 hash = Contributions.bind(data, ALICE);
    f.assertRefused(ALICE, DEPOSIT, Datanets.SUBMIT, args(id, hash, ""), Datanets.CONTRIBUTION_HASH_TAKEN, hash, accepted);
  }

  @Test
  void submitRefusesAHashHeldByASlashedContribution() {
    f.ok(TIMELOCK, Datanets.SLASH, accepted);
    Bytes32 hash = Contributions.bind(data, ALICE);
    f.assertRefused(ALICE, DEPOSIT, Datanets.SUBMIT, args(id, hash, ""), Datanets.CONTRIBUTION_HASH_TAKEN, hash, accepted);
  }

  @Test
  void submitRefusesAHashAlreadySubmittedToAnotherDatanet() {
    BigInteger other = f.datanet(BigInteger.ONE, FEE);
    Bytes32 hash = Contributions.bind(data, ALICE);
    f.assertRefused(ALICE, BigInteger.ONE, Datanets.SUBMIT, args(other, hash, ""), Datanets.CONTRIBUTION_HASH_TAKEN, hash, accepted);
  }

  // ------------------------------------------------------------------ accept / reject

  @Test
  void curationRefusesUnknownContributions() {
    for (BigInteger bad : List.of(ZERO, n(3), MAX_UINT)) {
      f.assertRefused(CURATOR, ZERO, Datanets.ACCEPT, args(bad, Contributions.contentHash(content("z"))), Datanets.UNKNOWN_CONTRIBUTION, bad);
      f.assertRefused(CURATOR, ZERO, Datanets.REJECT, args(bad, "no"), Datanets.UNKNOWN_CONTRIBUTION, bad);
    }
  }

  @Test
  void acceptingTwiceIsRefused() {
    f.assertRefused(CURATOR, ZERO, Datanets.ACCEPT, args(accepted, Contributions.contentHash(content("other"))),
        Datanets.NOT_PENDING, accepted, ContributionStatus.ACCEPTED.code());
  }

  @Test
  void aRejectedContributionCannotBeCuratedAgain() {
    f.ok(CURATOR, Datanets.REJECT, pending, "no");
    f.assertRefused(CURATOR, ZERO, Datanets.ACCEPT, args(pending, Contributions.contentHash(content("pending"))),
        Datanets.NOT_PENDING, pending, ContributionStatus.REJECTED.code());
    f.assertRefused(CURATOR, ZERO, Datanets.REJECT, args(pending, "again"), Datanets.NOT_PENDING, pending, ContributionStatus.REJECTED.code());
  }

  @Test
  void anAcceptedContributionCannotBeRejected() {
    f.assertRefused(CURATOR, ZERO, Datanets.REJECT, args(accepted, "changed my mind"), Datanets.NOT_PENDING, accepted,
        ContributionStatus.ACCEPTED.code());
  }

  @Test
  void aSlashedContributionCannotBeCurated() {
    f.ok(TIMELOCK, Datanets.SLASH, accepted);
    f.assertRefused(CURATOR, ZERO, Datanets.ACCEPT, args(accepted, Contributions.contentHash(content("q"))), Datanets.NOT_PENDING, accepted,
        ContributionStatus.SLASHED.code());
    f.assertRefused(CURATOR, ZERO, Datanets.REJECT, args(accepted, "late"), Datanets.NOT_PENDING, accepted, ContributionStatus.SLASHED.code());
  }

  @Test
  void rejectRefusesAReasonOverTwoHundredFiftySixUtf8Bytes() {
    f.assertRefused(CURATOR, ZERO, Datanets.REJECT, args(pending, "é".repeat(128) + "!"), Datanets.REASON_TOO_LONG, n(257), n(256));
    f.assertRefused(CURATOR, ZERO, Datanets.REJECT, args(pending, "r".repeat(16_384)), Datanets.REASON_TOO_LONG, n(16_384), n(256));
  }

  @Test
  void rejectAcceptsAReasonOfExactlyTwoHundredFiftySixBytes() {
    assertThat(f.send(CURATOR, Datanets.REJECT, pending, "é".repeat(128)).isSuccess()).isTrue();
  }

  @Test
  void acceptRefusesAZeroContentHash() {
    f.assertRefused(CURATOR, ZERO, Datanets.ACCEPT, args(pending, NO_HASH), Datanets.ZERO_HASH);
  }

  @Test
  void acceptRefusesContentTheDatanetAlreadyAccepted() {
    BigInteger copy = f.submit(BOB, id, data);
    Bytes32 contentHash = Contributions.contentHash(data);
    f.assertRefused(CURATOR, ZERO, Datanets.ACCEPT, args(copy, contentHash), Datanets.DUPLICATE_CONTENT, id, contentHash, accepted);
  }

  @Test
  void theSameContentMayBeAcceptedInAnotherDatanet() {
    BigInteger other = f.datanet();
    BigInteger there = f.submit(BOB, other, data);
    f.accept(there, data);
    assertThat(f.status(there)).isEqualTo(ContributionStatus.ACCEPTED);
  }

  // ------------------------------------------------------------------ slash

  @Test
  void slashRefusesUnknownContributions() {
    for (BigInteger bad : List.of(ZERO, n(3), MAX_UINT)) {
      f.assertRefused(TIMELOCK, ZERO, Datanets.SLASH, args(bad), Datanets.UNKNOWN_CONTRIBUTION, bad);
    }
  }

  @Test
  void onlyAcceptedContributionsCanBeSlashed() {
    f.assertRefused(TIMELOCK, ZERO, Datanets.SLASH, args(pending), Datanets.NOT_ACCEPTED, pending, ContributionStatus.PENDING.code());
    f.ok(CURATOR, Datanets.REJECT, pending, "no");
    f.assertRefused(TIMELOCK, ZERO, Datanets.SLASH, args(pending), Datanets.NOT_ACCEPTED, pending, ContributionStatus.REJECTED.code());
    f.ok(TIMELOCK, Datanets.SLASH, accepted);
    f.assertRefused(TIMELOCK, ZERO, Datanets.SLASH, args(accepted), Datanets.NOT_ACCEPTED, accepted, ContributionStatus.SLASHED.code());
  }

  // ------------------------------------------------------------------ payAccess

  @Test
  void payAccessRefusesAnUnknownDatanet() {
    for (BigInteger bad : List.of(ZERO, n(2), MAX_UINT)) {
      f.assertRefused(READER, FEE, Datanets.PAY_ACCESS, args(bad), Datanets.UNKNOWN_DATANET, bad);
    }
  }

  @Test
  void payAccessRefusesAnythingButTheExactFee() {
    for (BigInteger wrong : List.of(ZERO, BigInteger.ONE, FEE.subtract(BigInteger.ONE), FEE.add(BigInteger.ONE))) {
      f.assertRefused(READER, wrong, Datanets.PAY_ACCESS, args(id), Datanets.WRONG_ACCESS_FEE, wrong, FEE);
    }
  }

  @Test
  void payAccessToAFreeDatanetIsRefused() {
    BigInteger free = (BigInteger) f.ok(OWNER, Datanets.CREATE, "Free", "", DEPOSIT, ZERO);
    f.assertRefused(READER, ZERO, Datanets.PAY_ACCESS, args(free), Datanets.ACCESS_IS_FREE, free);
    f.assertRefused(READER, FEE, Datanets.PAY_ACCESS, args(free), Datanets.ACCESS_IS_FREE, free);
  }

  // ------------------------------------------------------------------ claim

  @Test
  void claimRefusesAnEmptyList() {
    f.assertRefused(ALICE, ZERO, Datanets.CLAIM, args(List.of()), Datanets.NOTHING_TO_CLAIM, ALICE);
  }

  @Test
  void claimRefusesUnknownContributions() {
    f.pay(id);
    for (BigInteger bad : List.of(ZERO, n(3), MAX_UINT)) {
      f.assertRefused(ALICE, ZERO, Datanets.CLAIM, args(List.of(accepted, bad)), Datanets.UNKNOWN_CONTRIBUTION, bad);
    }
  }

  @Test
  void claimRefusesWhenNothingWasEarned() {
    f.assertRefused(ALICE, ZERO, Datanets.CLAIM, args(List.of(pending, accepted)), Datanets.NOTHING_TO_CLAIM, ALICE);
  }

  @Test
  void claimingTwiceIsRefused() {
    f.pay(id);
    f.ok(ALICE, Datanets.CLAIM, List.of(accepted));
    f.assertRefused(ALICE, ZERO, Datanets.CLAIM, args(List.of(accepted)), Datanets.NOTHING_TO_CLAIM, ALICE);
  }

  @Test
  void oneForeignIdRefusesTheWholeClaim() {
    BigInteger bobs = f.accepted(BOB, id, content("bob"));
    f.pay(id);
    f.assertRefused(ALICE, ZERO, Datanets.CLAIM, args(List.of(accepted, bobs)), Datanets.NOT_CONTRIBUTOR, bobs, ALICE);
  }

  // ------------------------------------------------------------------ views

  @Test
  void viewsRefuseUnknownIds() {
    for (BigInteger bad : List.of(ZERO, n(3), MAX_UINT)) {
      assertThat(f.viewError(Datanets.CONTRIBUTION, bad)).isEqualTo(Datanets.UNKNOWN_CONTRIBUTION);
      assertThat(f.viewError(Datanets.CLAIMABLE, bad)).isEqualTo(Datanets.UNKNOWN_CONTRIBUTION);
    }
    for (BigInteger bad : List.of(ZERO, n(2), MAX_UINT)) {
      assertThat(f.viewError(Datanets.DATANET, bad)).isEqualTo(Datanets.UNKNOWN_DATANET);
    }
  }

  @Test
  void lookupViewsReadZeroForWhatIsNotThere() {
    assertThat(f.view(Datanets.CONTRIBUTION_OF_HASH, Bytes32.fromHexString("0x1234"))).isEqualTo(ZERO);
    assertThat(f.view(Datanets.ACCEPTED_CONTENT, n(2), Contributions.contentHash(data))).isEqualTo(ZERO);
    assertThat(f.view(Datanets.ACCESS_COUNT, id, STRANGER)).isEqualTo(ZERO);
    assertThat(f.view(Datanets.CONTRIBUTION_COUNT_OF, STRANGER)).isEqualTo(ZERO);
  }

  @Test
  void aStaticCallCannotChangeState() {
    var r = f.chain.executor().execute(f.chain.host, org.openledger.precompiles.host.Message.staticCall(OWNER, DATANETS,
        Datanets.SET_CURATOR.encodeCall(id, BOB), org.openledger.contracts.ProtocolChain.GAS));
    assertThat(FrameworkErrors.WRITE_IN_STATIC_CALL.matches(r.output())).isTrue();
  }
}
