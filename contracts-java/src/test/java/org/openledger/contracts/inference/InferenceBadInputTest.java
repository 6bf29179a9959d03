package org.openledger.contracts.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.Protocol.open;

import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Protocol;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.prover.Provers;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.host.CallResult;

/** Bad input to Inference and Provers: each a custom error, and nothing changes. */
class InferenceBadInputTest {
  final Protocol p = new Protocol();
  final BigInteger model = p.deployedModel(open("1"));
  final Address stranger = Address.of(0x5157);

  void refused(Address from, Address to, BigInteger value, ErrorSpec error, FunctionSpec fn, Object... args) {
    p.chain.fund(from, value);
    Object before = p.chain.host.snapshot();
    CallResult r = p.chain.send(from, to, value, fn, args);
    assertThat(error.matches(r.output())).as(p.chain.describe(to, r)).isTrue();
    assertThat(p.chain.host.snapshot()).isEqualTo(before);
  }

  @Test
  void unknownRequestIdsAreRefusedEverywhere() {
    BigInteger unknown = BigInteger.valueOf(99);
    refused(stranger, Addresses.INFERENCE, BigInteger.ZERO, Inference.UNKNOWN_REQUEST, Inference.SETTLE, unknown);
    refused(stranger, Addresses.INFERENCE, BigInteger.ZERO, Inference.UNKNOWN_REQUEST, Inference.REFUND, unknown);
    refused(p.owner, Addresses.INFERENCE, BigInteger.ZERO, Inference.UNKNOWN_REQUEST, Inference.SUBMIT_RESULT, unknown, Protocol.root("o"), BigInteger.ONE);
    refused(p.prover, Addresses.PROVERS, BigInteger.ZERO, Inference.UNKNOWN_REQUEST, Provers.CLAIM, unknown);
    refused(p.prover, Addresses.PROVERS, BigInteger.ZERO, Inference.UNKNOWN_REQUEST, Provers.CLAIM, BigInteger.ZERO);
  }

  @Test
  void aRequestOnAnUnknownOrUndeployedModelIsRefused() {
    refused(p.user, Addresses.INFERENCE, open("2"), Models.SPEC.errors().stream().filter(e -> e.name().equals("UnknownModel")).findFirst().orElseThrow(),
        Inference.REQUEST_FN, BigInteger.valueOf(42), BigInteger.ONE, Protocol.root("i"), BigInteger.valueOf(400), BigInteger.valueOf(240));
    BigInteger proposed = (BigInteger) p.chain.ok(p.owner, Addresses.MODELS, Models.PROPOSE, BigInteger.ZERO, List.of(BigInteger.ONE), "x", "u");
    assertThat(p.chain.send(p.user, Addresses.INFERENCE, open("2"), Inference.REQUEST_FN, proposed, BigInteger.ONE, Protocol.root("i"),
        BigInteger.valueOf(400), BigInteger.valueOf(240)).status()).isEqualTo(CallResult.Status.REVERT);
  }

  @Test
  void aRequestWithoutAnInputCommitmentIsRefused() {
    refused(p.user, Addresses.INFERENCE, open("2"), Inference.ZERO_INPUT_HASH, Inference.REQUEST_FN, model, BigInteger.ONE, Bytes32.ZERO,
        BigInteger.valueOf(400), BigInteger.valueOf(240));
  }

  @Test
  void overflowingTokenCountsAreRefused() {
    BigInteger huge = BigInteger.ONE.shiftLeft(255);
    refused(p.user, Addresses.INFERENCE, open("2"), Inference.TOKEN_COUNTS, Inference.REQUEST_FN, model, BigInteger.ONE, Protocol.root("i"), huge, huge);
  }

  @Test
  void moreOutputTokensThanRequestedAreRefused() {
    BigInteger id = p.request(model, open("1.14"));
    refused(p.owner, Addresses.INFERENCE, BigInteger.ZERO, Inference.TOO_MANY_OUT_TOKENS, Inference.SUBMIT_RESULT, id, Protocol.root("o"), BigInteger.valueOf(241));
  }

  @Test
  void aResultAfterTheDeadlineIsRefused() {
    BigInteger id = p.request(model, open("1.14"));
    p.chain.advance(Inference.REQUEST_TIMEOUT.defaultValue().longValueExact() + 1);
    refused(p.owner, Addresses.INFERENCE, BigInteger.ZERO, Inference.DEADLINE_PASSED, Inference.SUBMIT_RESULT, id, Protocol.root("o"), BigInteger.valueOf(240));
  }

  @Test
  void aSecondResultIsRefused() {
    BigInteger id = p.request(model, open("1.14"));
    p.result(id);
    refused(p.owner, Addresses.INFERENCE, BigInteger.ZERO, Inference.WRONG_STATE, Inference.SUBMIT_RESULT, id, Protocol.root("o2"), BigInteger.valueOf(240));
  }

  @Test
  void aFeeSplitThatDoesNotSumToTheWholeIsRefused() {
    refused(Addresses.TIMELOCK, Addresses.INFERENCE, BigInteger.ZERO, Inference.BAD_PARAMETER, Inference.SET_SPLIT,
        BigInteger.valueOf(7000), BigInteger.valueOf(1000), BigInteger.valueOf(1000), BigInteger.ZERO, BigInteger.ZERO);
  }

  @Test
  void aZeroBondIsRefused() {
    refused(p.prover, Addresses.PROVERS, BigInteger.ZERO, Provers.ZERO_AMOUNT, Provers.BOND);
  }

  @Test
  void unbondingMoreThanTheFreeBondIsRefused() {
    refused(p.prover, Addresses.PROVERS, BigInteger.ZERO, Provers.INSUFFICIENT_BOND, Provers.START_UNBONDING, open("101"));
  }

  @Test
  void aClaimWithoutEnoughBondIsRefused() {
    BigInteger id = p.request(model, open("1.14"));
    p.result(id);
    p.chain.fund(stranger, open("2"));
    p.chain.ok(stranger, Addresses.PROVERS, open("1"), Provers.BOND);
    refused(stranger, Addresses.PROVERS, BigInteger.ZERO, Provers.INSUFFICIENT_BOND, Provers.CLAIM, id);
  }

  @Test
  void aClaimHeldByAnotherProverIsRefusedUntilItLapses() {
    BigInteger id = p.request(model, open("1.14"));
    p.result(id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    p.chain.fund(stranger, open("10"));
    p.chain.ok(stranger, Addresses.PROVERS, open("10"), Provers.BOND);
    refused(stranger, Addresses.PROVERS, BigInteger.ZERO, Provers.CLAIMED_BY_ANOTHER, Provers.CLAIM, id);
    p.chain.advance(Provers.CLAIM_WINDOW.defaultValue().longValueExact() + 1);
    p.chain.ok(stranger, Addresses.PROVERS, Provers.CLAIM, id);
    // the lapsed claimant's lock was released
    assertThat(((List<?>) p.chain.view(Addresses.PROVERS, Provers.BOND_OF, p.prover)).get(1)).isEqualTo(BigInteger.ZERO);
  }

  @Test
  void aProofAfterTheClaimWindowIsRefused() {
    BigInteger id = p.request(model, open("1.14"));
    p.result(id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    p.chain.advance(Provers.CLAIM_WINDOW.defaultValue().longValueExact() + 1);
    refused(p.prover, Addresses.PROVERS, BigInteger.ZERO, Provers.CLAIM_EXPIRED, Provers.SUBMIT_PROOF, id,
        p.proof(id, model, List.of(stranger), List.of(BigInteger.ONE)));
  }

  @Test
  void aProofWithMoreThanMContributorsIsRefused() {
    BigInteger id = p.request(model, open("1.14"));
    p.result(id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    List<Address> who = java.util.stream.IntStream.range(0, Provers.MAX_CONTRIBUTORS + 1).mapToObj(i -> Address.of(0x1000 + i)).toList();
    List<BigInteger> scores = who.stream().map(a -> BigInteger.ONE).toList();
    refused(p.prover, Addresses.PROVERS, BigInteger.ZERO, Provers.TOO_MANY_CONTRIBUTORS, Provers.SUBMIT_PROOF, id, p.proof(id, model, who, scores));
  }

  @Test
  void aChallengeWithTheWrongBondOrOutsideTheWindowIsRefused() {
    BigInteger id = p.request(model, open("1.14"));
    p.result(id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    refused(stranger, Addresses.PROVERS, open("1"), Provers.NOT_CHALLENGEABLE, Provers.CHALLENGE, id, Protocol.root("e"));
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, p.proof(id, model, List.of(stranger), List.of(BigInteger.ONE)));
    refused(stranger, Addresses.PROVERS, open("0.5"), Provers.WRONG_CHALLENGER_BOND, Provers.CHALLENGE, id, Protocol.root("e"));
    p.chain.advance(Provers.CHALLENGE_WINDOW.defaultValue().longValueExact() + 1);
    refused(stranger, Addresses.PROVERS, open("1"), Provers.NOT_CHALLENGEABLE, Provers.CHALLENGE, id, Protocol.root("e"));
  }

  @Test
  void withdrawingBondBeforeUnbondingEndsIsRefused() {
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.START_UNBONDING, open("10"));
    refused(p.prover, Addresses.PROVERS, BigInteger.ZERO, Provers.NOT_READY, Provers.WITHDRAW_BOND);
    p.chain.advance(Provers.UNBONDING_BLOCKS.defaultValue().longValueExact());
    BigInteger before = p.chain.balance(p.prover);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.WITHDRAW_BOND);
    assertThat(p.chain.balance(p.prover).subtract(before)).isEqualTo(open("10"));
  }

  @Test
  void aModelNamingADatanetThatDoesNotExistIsRefused() {
    refused(p.owner, Addresses.MODELS, BigInteger.ZERO, Models.INVALID_DATANET_ID, Models.PROPOSE, BigInteger.ZERO,
        List.of(BigInteger.ONE, BigInteger.TWO), "x", "u");
  }

  @Test
  void stakeBehindAModelThatWasNeverProposedIsRefused() {
    refused(p.staker, Addresses.STAKING, open("5"), org.openledger.contracts.staking.Staking.INVALID_MODEL,
        org.openledger.contracts.staking.Staking.STAKE, model.add(BigInteger.ONE));
  }

  @Test
  void anUnknownParameterNameIsRefused() {
    refused(Addresses.TIMELOCK, Addresses.PROVERS, BigInteger.ZERO, Provers.BAD_PARAMETER, Provers.SET_PARAMETER, Protocol.root("nope"), BigInteger.ONE);
  }
}
