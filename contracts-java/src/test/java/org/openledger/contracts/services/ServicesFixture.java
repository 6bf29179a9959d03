package org.openledger.contracts.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.ProtocolChain;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.model.Models.State;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.host.CallResult;

/** A chain with the real Models and Services contracts, the actors of a job or round, and helpers to reach any state. */
final class ServicesFixture {
  static final BigInteger OPEN = BigInteger.TEN.pow(18);
  static final Address OWNER = Address.of(0x0e1);
  static final Address OTHER_OWNER = Address.of(0x0e2);
  static final Address TRAINER = Address.of(0x7a1);
  static final Address VALIDATOR = Address.of(0x7a7);
  static final Address VALIDATOR_2 = Address.of(0x7a8);
  static final Address STRANGER = Address.of(0x5e1);
  static final Address SERVICES = Addresses.SERVICES;
  static final Address TREASURY = Addresses.TREASURY;
  static final BigInteger FUNDS = OPEN.multiply(BigInteger.valueOf(1_000_000));

  /** Everyone a test tries as a caller: every protocol contract, every actor and the zero address. */
  static final List<Address> CALLERS = List.of(Addresses.TIMELOCK, Addresses.SERVICES, Addresses.MODELS, Addresses.PROVERS,
      Addresses.GOVERNOR, Addresses.INFERENCE, Addresses.DATANETS, Addresses.STAKING, OWNER, OTHER_OWNER, TRAINER, VALIDATOR,
      STRANGER, Address.ZERO);

  static final long DISPUTE_WINDOW = Services.DISPUTE_WINDOW.defaultValue().longValueExact();
  static final long REJECTION_WINDOW = Services.REJECTION_WINDOW.defaultValue().longValueExact();

  final ProtocolChain chain = new ProtocolChain(Map.of(Addresses.MODELS, new Models(), SERVICES, new Services(), Addresses.DATANETS, new org.openledger.contracts.datanet.Datanets()));

  ServicesFixture() {
    for (Address a : List.of(OWNER, OTHER_OWNER, TRAINER, VALIDATOR, VALIDATOR_2, STRANGER)) chain.fund(a, FUNDS);
    chain.fund(TREASURY, BigInteger.ZERO);
    chain.createDatanets(Models.MAX_DATANETS_LIMIT);
  }

  static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  static BigInteger open(long whole) {
    return OPEN.multiply(big(whole));
  }

  static Bytes32 root(String name) {
    return Bytes32.wrap(Keccak.hash(name.getBytes(StandardCharsets.UTF_8)));
  }

  // ------------------------------------------------------------------ calls

  CallResult send(Address from, FunctionSpec fn, Object... args) {
    return chain.send(from, SERVICES, fn, args);
  }

  CallResult send(Address from, BigInteger value, FunctionSpec fn, Object... args) {
    return chain.send(from, SERVICES, value, fn, args);
  }

  Object ok(Address from, FunctionSpec fn, Object... args) {
    return chain.ok(from, SERVICES, fn, args);
  }

  Object ok(Address from, BigInteger value, FunctionSpec fn, Object... args) {
    return chain.ok(from, SERVICES, value, fn, args);
  }

  Object view(FunctionSpec fn, Object... args) {
    return chain.view(SERVICES, fn, args);
  }

  String describe(CallResult r) {
    return chain.describe(SERVICES, r);
  }

  void advanceTo(long block) {
    chain.advance(block - chain.blockNumber());
  }

  long now() {
    return chain.blockNumber();
  }

  // ------------------------------------------------------------------ assertions

  void assertReverted(CallResult r, ErrorSpec error, Object... args) {
    assertThat(r.status()).as("expected %s, got %s", error.name(), describe(r)).isEqualTo(CallResult.Status.REVERT);
    assertThat(error.matches(r.output())).as("revert %s is %s", describe(r), error.name()).isTrue();
    assertThat(normalize(error.decode(r.output()))).isEqualTo(normalize(Arrays.asList(args)));
  }

  /** Runs {@code call}, asserts it reverted with {@code error(args)} and left every storage word, balance and log as it was. */
  void assertRevertsAndChangesNothing(Supplier<CallResult> call, ErrorSpec error, Object... args) {
    Map<String, Object> before = chain.host.snapshot();
    assertReverted(call.get(), error, args);
    assertThat(chain.host.snapshot()).isEqualTo(before);
  }

  /** Conservation and solvency: no OPEN created or destroyed, and Services holds exactly its liabilities. */
  void assertBooksBalance() {
    assertThat(chain.totalBalances()).isEqualTo(chain.supply());
    List<?> l = (List<?>) view(Services.LIABILITIES);
    assertThat(chain.balance(SERVICES)).isEqualTo(((BigInteger) l.get(0)).add((BigInteger) l.get(1)));
  }

  static List<Object> normalize(List<?> values) {
    return ProtocolChain.normalize(values);
  }

  // ------------------------------------------------------------------ models

  /** A valid classifier VersionSpec whose weights root is {@code root(weights)}. */
  static List<Object> versionSpec(String weights) {
    return Arrays.asList(root(weights), root("basis"), root("index"), big(1_000), BigInteger.ONE.shiftLeft(16), BigInteger.ZERO,
        BigInteger.ZERO, big(784), BigInteger.ONE, Address.ZERO, OPEN, OPEN, big(512));
  }

  BigInteger propose(Address owner) {
    return (BigInteger) chain.ok(owner, Addresses.MODELS, Models.PROPOSE, BigInteger.ZERO, List.of(BigInteger.ONE), "classifier", "ipfs://card");
  }

  BigInteger registerVersion(BigInteger modelId, Address owner, String weights) {
    return (BigInteger) chain.ok(owner, Addresses.MODELS, Models.REGISTER_VERSION, modelId, versionSpec(weights));
  }

  State modelState(BigInteger modelId) {
    List<?> model = (List<?>) chain.view(Addresses.MODELS, Models.MODEL_VIEW, modelId);
    return State.of(((BigInteger) model.get(4)).intValueExact());
  }

  /**
   * A model owned by {@code owner} brought to {@code state} by legal steps on the real Models contract (Training is reached
   * the way production reaches it: through a job opened here, whose id is then 1 more than before).
   */
  BigInteger modelIn(State state, Address owner) {
    BigInteger id = propose(owner);
    switch (state) {
      case PROPOSED -> { }
      case REJECTED -> chain.ok(Addresses.TIMELOCK, Addresses.MODELS, Models.REJECT, id);
      case APPROVED -> chain.ok(Addresses.TIMELOCK, Addresses.MODELS, Models.APPROVE, id);
      case TRAINING -> {
        chain.ok(Addresses.TIMELOCK, Addresses.MODELS, Models.APPROVE, id);
        openJob(id, owner, OPEN, 0, 100);
      }
      case EVALUATION -> {
        chain.ok(Addresses.TIMELOCK, Addresses.MODELS, Models.APPROVE, id);
        registerVersion(id, owner, "v1");
      }
      case DEPLOYED, DEPRECATED -> {
        chain.ok(Addresses.TIMELOCK, Addresses.MODELS, Models.APPROVE, id);
        BigInteger v = registerVersion(id, owner, "v1");
        chain.ok(Addresses.PROVERS, Addresses.MODELS, Models.RECORD_ATTESTATION, id, v, STRANGER);
        chain.ok(Addresses.TIMELOCK, Addresses.MODELS, Models.DEPLOY, id, v);
        if (state == State.DEPRECATED) chain.ok(Addresses.TIMELOCK, Addresses.MODELS, Models.DEPRECATE, id);
      }
    }
    assertThat(modelState(id)).isEqualTo(state);
    return id;
  }

  BigInteger modelIn(State state) {
    return modelIn(state, OWNER);
  }

  // ------------------------------------------------------------------ jobs

  BigInteger openJob(BigInteger modelId, Address owner, BigInteger budget, long minScore, long deadlineBlocks) {
    return (BigInteger) ok(owner, budget, Services.OPEN_JOB, modelId, root("dataset"), big(minScore), big(deadlineBlocks));
  }

  @SuppressWarnings("unchecked")
  List<Object> job(BigInteger jobId) {
    return (List<Object>) view(Services.JOB, jobId);
  }

  int jobState(BigInteger jobId) {
    return ((BigInteger) job(jobId).get(7)).intValueExact();
  }

  /** A job on a fresh Approved model of OWNER, with a budget of {@code budget}, min score 9000 and a 1,000-block deadline. */
  BigInteger[] openedJob(BigInteger budget) {
    BigInteger model = modelIn(State.APPROVED);
    BigInteger job = openJob(model, OWNER, budget, 9_000, 1_000);
    return new BigInteger[] {model, job};
  }

  /** A job accepted by TRAINER: {model, job}. */
  BigInteger[] acceptedJob(BigInteger budget) {
    BigInteger[] mj = openedJob(budget);
    ok(TRAINER, Services.ACCEPT_JOB, mj[1]);
    return mj;
  }

  /** A job delivered by TRAINER with score 9,500 (≥ 9,000) as a freshly registered version: {model, job, version}. */
  BigInteger[] deliveredJob(BigInteger budget) {
    BigInteger[] mj = acceptedJob(budget);
    BigInteger version = registerVersion(mj[0], OWNER, "trained");
    ok(TRAINER, Services.DELIVER, mj[1], version, big(9_500), root("eval"));
    return new BigInteger[] {mj[0], mj[1], version};
  }

  /** A delivered job the owner disputed: {model, job, version}. */
  BigInteger[] disputedJob(BigInteger budget) {
    BigInteger[] mjv = deliveredJob(budget);
    ok(OWNER, Services.DISPUTE, mjv[1], "accuracy is not reproducible");
    return mjv;
  }

  // ------------------------------------------------------------------ rounds

  BigInteger openRound(BigInteger modelId, Address owner, BigInteger reward, long maxFeedback, long duration) {
    return (BigInteger) ok(owner, reward.multiply(big(maxFeedback)), Services.OPEN_ROUND, modelId, reward, big(maxFeedback), big(duration));
  }

  /** A round of OWNER on a model in Evaluation: 2 OPEN per feedback, 3 slots, 100 blocks. */
  BigInteger openedRound() {
    return openRound(modelIn(State.EVALUATION), OWNER, open(2), 3, 100);
  }

  BigInteger submit(Address validator, BigInteger roundId, long requestId) {
    return (BigInteger) ok(validator, Services.SUBMIT_FEEDBACK, roundId, big(requestId), root("feedback " + validator + requestId));
  }

  @SuppressWarnings("unchecked")
  List<Object> round(BigInteger roundId) {
    return (List<Object>) view(Services.ROUND, roundId);
  }

  @SuppressWarnings("unchecked")
  List<Object> feedback(BigInteger feedbackId) {
    return (List<Object>) view(Services.FEEDBACK_VIEW, feedbackId);
  }

  int feedbackStatus(BigInteger feedbackId) {
    return ((BigInteger) feedback(feedbackId).get(6)).intValueExact();
  }
}
