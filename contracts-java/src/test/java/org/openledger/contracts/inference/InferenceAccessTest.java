package org.openledger.contracts.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.Protocol.open;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Protocol;
import org.openledger.contracts.prover.Provers;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.contract.Mutability;
import org.openledger.precompiles.host.CallResult;

/**
 * Who may call each restricted state-changing function of Inference and Provers; everyone else
 * gets the custom error and nothing changes. Functions open to anyone are listed too, so a new
 * function cannot slip in without a row.
 */
class InferenceAccessTest {
  static final Address STRANGER = Address.of(0x5157);

  /** A restricted call: the function, its arguments on a prepared protocol, the one allowed caller, the error others get. */
  record Row(String name, Address target, FunctionSpec fn, Address allowed, ErrorSpec error) {}

  static final List<Row> RESTRICTED = List.of(
      new Row("submitResult", Addresses.INFERENCE, Inference.SUBMIT_RESULT, null, Inference.NOT_HOST),
      new Row("setPlatformFee", Addresses.INFERENCE, Inference.SET_PLATFORM_FEE, Addresses.TIMELOCK, Inference.NOT_TIMELOCK),
      new Row("setFeeSplit", Addresses.INFERENCE, Inference.SET_SPLIT, Addresses.TIMELOCK, Inference.NOT_TIMELOCK),
      new Row("setRequestTimeout", Addresses.INFERENCE, Inference.SET_TIMEOUT, Addresses.TIMELOCK, Inference.NOT_TIMELOCK),
      new Row("submitProof", Addresses.PROVERS, Provers.SUBMIT_PROOF, null, Provers.NOT_CLAIMANT),
      new Row("resolveChallenge", Addresses.PROVERS, Provers.RESOLVE_CHALLENGE, Addresses.TIMELOCK, Provers.NOT_TIMELOCK),
      new Row("release", Addresses.PROVERS, Provers.RELEASE, Addresses.INFERENCE, Provers.ONLY_INFERENCE),
      new Row("setParameter", Addresses.PROVERS, Provers.SET_PARAMETER, Addresses.TIMELOCK, Provers.NOT_TIMELOCK));

  /** Functions anyone may call (their own checks are tested elsewhere). */
  static final List<FunctionSpec> OPEN_TO_ALL = List.of(Inference.REQUEST_FN, Inference.SETTLE, Inference.REFUND,
      Provers.BOND, Provers.START_UNBONDING, Provers.WITHDRAW_BOND, Provers.CLAIM, Provers.CHALLENGE, Provers.ATTEST,
      Provers.CHALLENGE_OUTPUT, Provers.CHALLENGE_PSI, Provers.CHALLENGE_OMISSION, Provers.CHALLENGE_SPAN, Provers.OPEN_LEAF_CHALLENGE,
      Provers.OPEN_LEAF_BISECTION, Provers.TIMEOUT_LEAF_CHALLENGE);

  /**
   * The leaf-coordinate challenge's moves, each restricted to a party of its game (the model owner or an attester
   * disputes, the challenger splits, descends and uploads, the disputing defender steps); a game needs a real index, so
   * their refusals are tested in prover/LeafChallengesTest (onlyTheOwnerOrAnAttesterMayDispute, laterRoundsBelongToTheFirstDisputer,
   * onlyTheChallengerSplits, onlyTheChallengerDescends, onlyTheChallengerUploads, onlyTheDisputingDefenderSteps).
   */
  static final List<FunctionSpec> GAME_PARTIES_ONLY = List.of(Provers.DISPUTE_PARTIAL_SUM, Provers.SPLIT_LEAF_CHALLENGE,
      Provers.DESCEND_LEAF_CHALLENGE, Provers.UPLOAD_CONTRIBUTION, Provers.STEP_LEAF_CHALLENGE);

  /** A protocol with request #1 resulted and claimed, request #2 awaiting its result, and calldata for each row. */
  static final class Setup {
    final Protocol p = new Protocol();
    final BigInteger model = p.deployedModel(open("1"));
    final BigInteger id;
    final BigInteger pending;

    Setup() {
      id = p.request(model, open("1.14"));
      pending = p.request(model, open("1.14"));
      p.result(id);
      p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    }

    Object[] args(Row row) {
      return switch (row.name()) {
        case "submitResult" -> new Object[] {pending, Protocol.root("o"), BigInteger.ONE};
        case "setPlatformFee" -> new Object[] {open("1")};
        case "setFeeSplit" -> new Object[] {BigInteger.valueOf(6000), BigInteger.valueOf(2000), BigInteger.valueOf(2000), BigInteger.ZERO, BigInteger.ZERO};
        case "setRequestTimeout" -> new Object[] {BigInteger.valueOf(100)};
        case "submitProof" -> new Object[] {id, p.proof(id, model, List.of(STRANGER), List.of(BigInteger.ONE))};
        case "resolveChallenge" -> new Object[] {id, true};
        case "release" -> new Object[] {id};
        case "setParameter" -> new Object[] {Bytes.wrap(org.apache.tuweni.bytes.Bytes32.rightPad(Bytes.wrap("claimWindow".getBytes()))), BigInteger.TEN};
        default -> throw new IllegalArgumentException(row.name());
      };
    }

    Address allowed(Row row) {
      return row.allowed() != null ? row.allowed() : row.name().equals("submitResult") ? p.owner : p.prover;
    }
  }

  static Stream<Arguments> deniedCalls() {
    List<Arguments> out = new ArrayList<>();
    for (Row row : RESTRICTED) {
      for (Address caller : List.of(STRANGER, Address.of(0x0e03), Addresses.TIMELOCK, Addresses.INFERENCE, Addresses.PROVERS)) {
        out.add(Arguments.of(row.name(), caller));
      }
    }
    return out.stream();
  }

  static Row row(String name) {
    return RESTRICTED.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  @ParameterizedTest(name = "{0} from {1}")
  @MethodSource("deniedCalls")
  void everyoneButTheAllowedCallerGetsTheCustomErrorAndNothingChanges(String name, Address caller) {
    Setup s = new Setup();
    Row row = row(name);
    if (caller.equals(s.allowed(row))) return; // the allowed caller is covered below
    Object before = s.p.chain.host.snapshot();
    CallResult r = s.p.chain.send(caller, row.target(), row.fn(), s.args(row));
    assertThat(row.error().matches(r.output())).as("%s from %s: %s", name, caller, s.p.chain.describe(row.target(), r)).isTrue();
    assertThat(s.p.chain.host.snapshot()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("restrictedNames")
  void theAllowedCallerIsNotRefusedByTheAccessCheck(String name) {
    Setup s = new Setup();
    Row row = row(name);
    if (name.equals("resolveChallenge")) {
      s.p.chain.ok(s.p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, s.id, s.p.proof(s.id, s.model, List.of(STRANGER), List.of(BigInteger.ONE)));
      s.p.chain.fund(STRANGER, open("2"));
      s.p.chain.ok(STRANGER, Addresses.PROVERS, open("1"), Provers.CHALLENGE, s.id, Protocol.root("e"));
    }
    CallResult r = s.p.chain.send(s.allowed(row), row.target(), row.fn(), s.args(row));
    assertThat(row.error().matches(r.output())).as(s.p.chain.describe(row.target(), r)).isFalse();
    assertThat(r.isSuccess()).as(s.p.chain.describe(row.target(), r)).isTrue();
  }

  static Stream<String> restrictedNames() {
    return RESTRICTED.stream().map(Row::name);
  }

  @Test
  void everyStateChangingFunctionHasARow() {
    List<FunctionSpec> covered = new ArrayList<>(OPEN_TO_ALL);
    covered.addAll(GAME_PARTIES_ONLY);
    RESTRICTED.forEach(r -> covered.add(r.fn()));
    Stream.concat(Inference.SPEC.functions().stream(), Provers.SPEC.functions().stream())
        .filter(f -> f.mutability().writes())
        .forEach(f -> assertThat(covered).as("access row for %s", f.signature()).contains(f));
  }

  @Test
  void viewsAreViews() {
    assertThat(Inference.GET_REQUEST.mutability()).isEqualTo(Mutability.VIEW);
    assertThat(Provers.VERIFIED_ATTRIBUTION.mutability()).isEqualTo(Mutability.VIEW);
  }
}
