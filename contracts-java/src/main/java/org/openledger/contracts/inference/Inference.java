package org.openledger.contracts.inference;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Governed;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.prover.Provers;
import org.openledger.contracts.settlement.FeeSplit;
import org.openledger.contracts.settlement.InferenceFee;
import org.openledger.contracts.staking.Staking;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.Args;
import org.openledger.precompiles.contract.CallContext;
import org.openledger.precompiles.contract.ContractSpec;
import org.openledger.precompiles.contract.Declarations;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.EventSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.contract.NativeContract;
import org.openledger.precompiles.contract.StructSpec;
import org.openledger.precompiles.gas.GasRule;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.storage.Parameter;
import org.openledger.precompiles.storage.Slot;

/**
 * Paid inference (DESIGN §4): a request commits its input, escrows the maximum fee and snapshots
 * every fee parameter; the model version's host posts the result; a bonded prover proves the
 * attribution at the Provers contract; after the challenge window anyone settles, which charges
 * the actual fee, splits it exactly ({@link FeeSplit}) and refunds the rest. A request that is not
 * settled before its deadline is refunded in full.
 *
 * <p>Contributors are paid only from the verified (contributor, score) list that the Provers
 * contract returns through {@code verifiedAttribution}; no other code path pays them.
 *
 * <p>Storage: slot 0 {@code requestCount}; slot 1 {@code mapping(uint256 => Request)}, each request
 * {@link #WORDS} words (see {@link Field}); slots 2–3 parameters.
 */
public final class Inference extends NativeContract {

  /** Request states. */
  public static final int NONE = 0, REQUESTED = 1, RESULTED = 2, SETTLED = 3, REFUNDED = 4;
  /** Roles in {@code Paid} events. */
  public static final int ROLE_OWNER = 0, ROLE_BASE_OWNER = 1, ROLE_PROVER = 2, ROLE_STAKERS = 3, ROLE_TREASURY = 4, ROLE_REFUND = 5;

  private static final BigInteger OPEN = BigInteger.TEN.pow(18);
  private static final Slot COUNT = Slot.at(0);
  private static final Slot REQUESTS = Slot.at(1);
  private static final Slot PARAMS = Slot.at(2);

  /** The words of a stored request, in order. */
  enum Field { REQUESTER, MODEL, VERSION, INPUT_HASH, IN_TOKENS, MAX_OUT_TOKENS, ESCROW, MAX_FEE, IN_RATE, OUT_RATE,
    PLATFORM_FEE, SPLIT, OWNER, BASE_OWNER, HOST, STATE, OUTPUT_HASH, OUT_TOKENS, FEE }

  static final int WORDS = Field.values().length;

  public static final Parameter PLATFORM_FEE = new Parameter("platformFee", PARAMS, OPEN.divide(BigInteger.TWO));
  public static final Parameter OWNER_BP = new Parameter("ownerBp", PARAMS, BigInteger.valueOf(FeeSplit.DEFAULT.ownerBp()));
  public static final Parameter STAKERS_BP = new Parameter("stakersBp", PARAMS, BigInteger.valueOf(FeeSplit.DEFAULT.stakersBp()));
  public static final Parameter CONTRIBUTORS_BP = new Parameter("contributorsBp", PARAMS, BigInteger.valueOf(FeeSplit.DEFAULT.contributorsBp()));
  public static final Parameter PROVER_BP = new Parameter("proverBp", PARAMS, BigInteger.valueOf(FeeSplit.DEFAULT.proverBp()));
  public static final Parameter BASE_OWNER_BP = new Parameter("baseOwnerBp", PARAMS, BigInteger.valueOf(FeeSplit.DEFAULT.baseOwnerBp()));
  /** Blocks from request to deadline; after it an unsettled request refunds in full. */
  public static final Parameter REQUEST_TIMEOUT = new Parameter("requestTimeout", PARAMS, BigInteger.valueOf(3_600));

  private static final Declarations D = new Declarations("IInference");

  public static final StructSpec REQUEST = D.struct("Request",
      "address requester", "uint256 modelId", "uint256 version", "bytes32 inputHash", "uint256 inTokens", "uint256 maxOutTokens",
      "uint256 escrow", "uint256 maxFee", "uint8 state", "uint64 requestBlock", "uint64 deadline", "address host",
      "bytes32 outputHash", "uint256 outTokens", "uint256 fee");

  public static final ErrorSpec UNKNOWN_REQUEST = D.error("UnknownRequest(uint256 requestId)", "No request has this id.");
  public static final ErrorSpec WRONG_STATE = D.error("WrongRequestState(uint256 requestId, uint8 state)",
      "The request is not in a state that allows this (1 Requested, 2 Resulted, 3 Settled, 4 Refunded).");
  public static final ErrorSpec MODEL_NOT_DEPLOYED = D.error("ModelNotDeployed(uint256 modelId, uint256 version)",
      "Inference is allowed only on the deployed version of a Deployed model.");
  public static final ErrorSpec TOKEN_COUNTS = D.error("TokenCountsMismatch(uint256 expectedIn, uint256 expectedOut)",
      "A fixed-count (classifier) version takes exactly its registered token counts.");
  public static final ErrorSpec INSUFFICIENT_ESCROW = D.error("InsufficientEscrow(uint256 sent, uint256 maxFee)",
      "The value sent is below the maximum fee of the request.");
  public static final ErrorSpec NOT_HOST = D.error("NotHost(address caller, address host)", "Only the version's registered host posts results.");
  public static final ErrorSpec TOO_MANY_OUT_TOKENS = D.error("TooManyOutputTokens(uint256 outTokens, uint256 maxOutTokens)",
      "The result reports more output tokens than the request allowed.");
  public static final ErrorSpec DEADLINE_PASSED = D.error("DeadlinePassed(uint256 requestId, uint64 deadline)",
      "The request's deadline has passed; it can only be refunded.");
  public static final ErrorSpec NOT_EXPIRED = D.error("NotExpired(uint256 requestId, uint64 deadline)",
      "A request is refundable only after its deadline.");
  public static final ErrorSpec SETTLE_INSTEAD = D.error("ProvenSettleInstead(uint256 requestId)",
      "The request has a final proof: it is settled, not refunded, even after its deadline.");
  public static final ErrorSpec PROOF_NOT_FINAL = D.error("ProofNotFinal(uint256 requestId)",
      "No verified proof whose challenge window has passed: nothing is paid before that.");
  public static final ErrorSpec NOT_TIMELOCK = D.error("NotTimelock(address caller)", "Only the Timelock (governance) may call this.");
  public static final ErrorSpec BAD_PARAMETER = D.error("BadParameter(bytes32 name, uint256 value)", "The parameter value is out of range.");
  public static final ErrorSpec ZERO_INPUT_HASH = D.error("ZeroInputHash()", "A request must commit to its input.");

  public static final EventSpec REQUESTED_EVENT = D.event(
      "Requested(uint256 indexed requestId, address indexed requester, uint256 indexed modelId, uint256 version, bytes32 inputHash, uint256 escrow, uint256 maxFee)",
      "A request escrowed its maximum fee.");
  public static final EventSpec RESULTED_EVENT = D.event(
      "Resulted(uint256 indexed requestId, bytes32 outputHash, uint256 outTokens, uint256 fee)", "The host posted the output; `fee` is what settlement will charge.");
  public static final EventSpec SETTLED_EVENT = D.event(
      "Settled(uint256 indexed requestId, address indexed prover, uint256 fee, uint256 refund)", "The fee was split and the unused escrow refunded.");
  public static final EventSpec PAID_EVENT = D.event(
      "Paid(uint256 indexed requestId, address indexed account, uint8 indexed role, uint256 amount)",
      "One part of a settled fee: role 0 owner, 1 base owner, 2 prover, 3 stakers, 4 treasury, 5 refund.");
  public static final EventSpec CONTRIBUTOR_PAID_EVENT = D.event(
      "ContributorPaid(uint256 indexed requestId, address indexed contributor, uint256 score, uint256 amount)",
      "A contributor's share of the pool, from its verified influence score.");
  public static final EventSpec REFUNDED_EVENT = D.event("Refunded(uint256 indexed requestId, uint256 amount)", "An expired request was refunded in full.");
  public static final EventSpec PARAMETER_SET_EVENT = D.event("ParameterSet(bytes32 indexed name, uint256 value)", "Governance changed a parameter.");

  public static final FunctionSpec REQUEST_FN = D.function(
      "request(uint256 modelId, uint256 version, bytes32 inputHash, uint256 inTokens, uint256 maxOutTokens) payable returns (uint256 requestId)",
      "Requests an inference on a deployed model version: commits the input hash, escrows at least the maximum fee (sent as value) and snapshots the fee terms.",
      Inference::requestGas);
  public static final FunctionSpec SUBMIT_RESULT = D.function(
      "submitResult(uint256 requestId, bytes32 outputHash, uint256 outTokens)",
      "The version's host posts the output hash and its token count, fixing the fee.",
      GasRule.fixed(s -> 8 * s.storageRead() + 3 * s.storageWrite() + s.storageKey() + s.log(2, 96)));
  public static final FunctionSpec SETTLE = D.function(
      "settle(uint256 requestId)",
      "Pays a resulted request whose proof is final: splits the fee among owner, stakers, contributors, prover and treasury, and refunds the unused escrow. Anyone may call.",
      Inference::settleGas);
  public static final FunctionSpec REFUND = D.function(
      "refund(uint256 requestId)", "Refunds the whole escrow of an unsettled request after its deadline, and releases the prover's claim. Anyone may call.",
      (s, data) -> 4 * s.storageRead() + 2 * s.storageWrite() + s.storageKey() + s.transfer() + s.log(2, 32)
          + Provers.VERIFIED_ATTRIBUTION.nestedCost(s, BigInteger.ONE) + Provers.RELEASE.nestedCost(s, BigInteger.ONE));
  public static final FunctionSpec GET_REQUEST = D.function(
      "getRequest(uint256 requestId) view returns (Request request)", "A request and its state.", GasRule.view(WORDS, 1));
  public static final FunctionSpec REQUEST_COUNT = D.function("requestCount() view returns (uint256)", "Requests made so far.", GasRule.view(1, 0));
  public static final FunctionSpec QUOTE = D.function(
      "quote(uint256 modelId, uint256 version, uint256 inTokens, uint256 outTokens) view returns (uint256 fee)",
      "The fee of an inference at the current terms.",
      (s, data) -> s.view(2, 2) + Models.INFERENCE_TERMS.nestedCost(s, BigInteger.ONE, BigInteger.ONE));
  public static final FunctionSpec SET_PLATFORM_FEE = D.function(
      "setPlatformFee(uint256 platformFee)", "Governance sets the platform fee (wei per request). Pending requests keep their snapshot.",
      GasRule.fixed(s -> 2 * s.storageWrite() + 2 * s.storageKey() + s.log(2, 32)));
  public static final FunctionSpec SET_SPLIT = D.function(
      "setFeeSplit(uint16 ownerBp, uint16 stakersBp, uint16 contributorsBp, uint16 proverBp, uint16 baseOwnerBp)",
      "Governance sets the fee split in basis points; owner + stakers + contributors must be 10000. Pending requests keep their snapshot.",
      GasRule.fixed(s -> 10 * s.storageWrite() + 10 * s.storageKey() + 5 * s.log(2, 32)));
  public static final FunctionSpec SET_TIMEOUT = D.function(
      "setRequestTimeout(uint64 blocks)", "Governance sets how many blocks a request has before it refunds (at least 10).",
      GasRule.fixed(s -> 2 * s.storageWrite() + 2 * s.storageKey() + s.log(2, 32)));
  public static final FunctionSpec PARAMETERS = D.function(
      "parameters() view returns (uint256 platformFee, uint16 ownerBp, uint16 stakersBp, uint16 contributorsBp, uint16 proverBp, uint16 baseOwnerBp, uint64 requestTimeout)",
      "The current fee terms and timeout (new requests snapshot these).", GasRule.view(14, 14));

  public static final ContractSpec SPEC = D.spec("""
      Paid inference with exact, proof-gated fee settlement.
      fee = ceil((inTokens * inRate + outTokens * outRate) / 1000) + platformFee, split per DESIGN section 4.""");

  public Inference() {
    super(SPEC);
    on(REQUEST_FN, this::request);
    on(SUBMIT_RESULT, this::submitResult);
    on(SETTLE, this::settle);
    on(REFUND, this::refund);
    on(GET_REQUEST, (ctx, in) -> view(ctx, in.uint(0)));
    on(REQUEST_COUNT, (ctx, in) -> ctx.loadUint(COUNT));
    on(QUOTE, this::quote);
    on(SET_PLATFORM_FEE, (ctx, in) -> {
      onlyTimelock(ctx);
      setParameter(ctx, PLATFORM_FEE, in.uint(0));
      return null;
    });
    on(SET_SPLIT, this::setSplit);
    on(SET_TIMEOUT, (ctx, in) -> {
      onlyTimelock(ctx);
      if (in.uint(0).compareTo(BigInteger.TEN) < 0) throw BAD_PARAMETER.revert(REQUEST_TIMEOUT.label(), in.uint(0));
      setParameter(ctx, REQUEST_TIMEOUT, in.uint(0));
      return null;
    });
    on(PARAMETERS, (ctx, in) -> List.of(PLATFORM_FEE.read(ctx), OWNER_BP.read(ctx), STAKERS_BP.read(ctx), CONTRIBUTORS_BP.read(ctx),
        PROVER_BP.read(ctx), BASE_OWNER_BP.read(ctx), REQUEST_TIMEOUT.read(ctx)));
  }

  // ------------------------------------------------------------------ request

  private Object request(CallContext ctx, Args in) {
    BigInteger modelId = in.uint(0);
    BigInteger version = in.uint(1);
    Bytes32 inputHash = in.bytes32(2);
    BigInteger inTokens = in.uint(3);
    BigInteger maxOut = in.uint(4);
    if (inputHash.isZero()) throw ZERO_INPUT_HASH.revert();
    Terms terms = Terms.of(ctx.call(Addresses.MODELS, Models.INFERENCE_TERMS, BigInteger.ZERO, modelId, version));
    if (!terms.deployed()) throw MODEL_NOT_DEPLOYED.revert(modelId, version);
    if (terms.tokenMode() == 0 && (!inTokens.equals(terms.fixedIn()) || !maxOut.equals(terms.fixedOut()))) {
      throw TOKEN_COUNTS.revert(terms.fixedIn(), terms.fixedOut());
    }
    BigInteger platformFee = PLATFORM_FEE.read(ctx);
    BigInteger maxFee = new InferenceFee(terms.inRate(), terms.outRate(), platformFee).fee(inTokens, maxOut);
    if (ctx.value().compareTo(maxFee) < 0) throw INSUFFICIENT_ESCROW.revert(ctx.value(), maxFee);

    BigInteger id = ctx.loadUint(COUNT).add(BigInteger.ONE);
    ctx.storeUint(COUNT, id);
    Slot r = REQUESTS.mapping(id);
    ctx.storeAddress(field(r, Field.REQUESTER), ctx.caller());
    ctx.storeUint(field(r, Field.MODEL), modelId);
    ctx.storeUint(field(r, Field.VERSION), version);
    ctx.store(field(r, Field.INPUT_HASH), inputHash);
    ctx.storeUint(field(r, Field.IN_TOKENS), inTokens);
    ctx.storeUint(field(r, Field.MAX_OUT_TOKENS), maxOut);
    ctx.storeUint(field(r, Field.ESCROW), ctx.value());
    ctx.storeUint(field(r, Field.MAX_FEE), maxFee);
    ctx.storeUint(field(r, Field.IN_RATE), terms.inRate());
    ctx.storeUint(field(r, Field.OUT_RATE), terms.outRate());
    ctx.storeUint(field(r, Field.PLATFORM_FEE), platformFee);
    ctx.storeUint(field(r, Field.SPLIT), SplitSnapshot.current(ctx, terms.isAdapter()).pack());
    ctx.storeAddress(field(r, Field.OWNER), terms.owner());
    ctx.storeAddress(field(r, Field.BASE_OWNER), terms.baseOwner());
    ctx.storeAddress(field(r, Field.HOST), terms.host());
    long now = ctx.block().number();
    long deadline = Math.addExact(now, REQUEST_TIMEOUT.read(ctx).longValueExact());
    ctx.storeUint(field(r, Field.STATE), new State(REQUESTED, now, deadline).pack());
    ctx.emit(REQUESTED_EVENT, id, ctx.caller(), modelId, version, inputHash, ctx.value(), maxFee);
    return id;
  }

  private static long requestGas(GasSchedule s, Bytes data) {
    return Models.INFERENCE_TERMS.nestedCost(s, BigInteger.ONE, BigInteger.ONE)
        + 2 * 8 * s.storageRead() // 7 parameters (value and flag each) and the count
        + (2 * 7 + 1) * s.storageKey() // the parameters' keys and the request's
        + (WORDS - 3 + 1) * s.storageWrite() + s.log(4, 128);
  }

  // ------------------------------------------------------------------ result

  private Object submitResult(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    Slot r = existing(ctx, id);
    State state = State.unpack(ctx.loadUint(field(r, Field.STATE)));
    if (state.state() != REQUESTED) throw WRONG_STATE.revert(id, BigInteger.valueOf(state.state()));
    if (ctx.block().number() > state.deadline()) throw DEADLINE_PASSED.revert(id, BigInteger.valueOf(state.deadline()));
    Address host = ctx.loadAddress(field(r, Field.HOST));
    if (!ctx.caller().equals(host)) throw NOT_HOST.revert(ctx.caller(), host);
    BigInteger outTokens = in.uint(2);
    BigInteger maxOut = ctx.loadUint(field(r, Field.MAX_OUT_TOKENS));
    if (outTokens.compareTo(maxOut) > 0) throw TOO_MANY_OUT_TOKENS.revert(outTokens, maxOut);
    BigInteger fee = new InferenceFee(ctx.loadUint(field(r, Field.IN_RATE)), ctx.loadUint(field(r, Field.OUT_RATE)),
        ctx.loadUint(field(r, Field.PLATFORM_FEE))).fee(ctx.loadUint(field(r, Field.IN_TOKENS)), outTokens);
    ctx.store(field(r, Field.OUTPUT_HASH), in.bytes32(1));
    ctx.storeUint(field(r, Field.OUT_TOKENS), outTokens);
    ctx.storeUint(field(r, Field.STATE), new State(RESULTED, state.requestBlock(), state.deadline()).pack());
    ctx.emit(RESULTED_EVENT, id, in.bytes32(1), outTokens, fee);
    return null;
  }

  // ------------------------------------------------------------------ settlement

  private Object settle(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    Slot r = existing(ctx, id);
    State state = State.unpack(ctx.loadUint(field(r, Field.STATE)));
    if (state.state() != RESULTED) throw WRONG_STATE.revert(id, BigInteger.valueOf(state.state()));
    // No deadline check: a proof that became final stays payable, so a requester cannot wait out
    // the deadline to take back the fee for work that was done and proven.
    @SuppressWarnings("unchecked")
    List<Object> proof = (List<Object>) ctx.call(Addresses.PROVERS, Provers.VERIFIED_ATTRIBUTION, BigInteger.ZERO, id);
    Address prover = (Address) proof.get(0);
    if (!(Boolean) proof.get(1)) throw PROOF_NOT_FINAL.revert(id);
    @SuppressWarnings("unchecked")
    List<Object> contributors = (List<Object>) proof.get(2);
    @SuppressWarnings("unchecked")
    List<Object> scores = (List<Object>) proof.get(3);

    BigInteger modelId = ctx.loadUint(field(r, Field.MODEL));
    BigInteger platformFee = ctx.loadUint(field(r, Field.PLATFORM_FEE));
    BigInteger fee = new InferenceFee(ctx.loadUint(field(r, Field.IN_RATE)), ctx.loadUint(field(r, Field.OUT_RATE)), platformFee)
        .fee(ctx.loadUint(field(r, Field.IN_TOKENS)), ctx.loadUint(field(r, Field.OUT_TOKENS)));
    BigInteger escrow = ctx.loadUint(field(r, Field.ESCROW));
    SplitSnapshot split = SplitSnapshot.unpack(ctx.loadUint(field(r, Field.SPLIT)));
    // Stakers earn from a request only while no stake added after it can have warmed up: within
    // warmupBlocks of the request. A later settlement sends the stakers' part to the treasury.
    long warmup = ((BigInteger) ctx.call(Addresses.STAKING, Staking.WARMUP_BLOCKS_FN, BigInteger.ZERO)).longValueExact();
    boolean stakersEligible = ctx.block().number() - state.requestBlock() < warmup;
    BigInteger activeStake = stakersEligible
        ? (BigInteger) ctx.call(Addresses.STAKING, Staking.ACTIVE_STAKE, BigInteger.ZERO, modelId)
        : BigInteger.ZERO;

    List<FeeSplit.Score> verified = new ArrayList<>(contributors.size());
    for (int i = 0; i < contributors.size(); i++) verified.add(new FeeSplit.Score((Address) contributors.get(i), (BigInteger) scores.get(i)));
    FeeSplit.Payout payout = split.feeSplit().split(fee, platformFee, split.isAdapter(), activeStake.signum() > 0, verified);

    // effects before interactions: the request is settled before any OPEN leaves
    ctx.storeUint(field(r, Field.FEE), fee);
    ctx.storeUint(field(r, Field.STATE), new State(SETTLED, state.requestBlock(), state.deadline()).pack());

    Address requester = ctx.loadAddress(field(r, Field.REQUESTER));
    pay(ctx, id, ctx.loadAddress(field(r, Field.OWNER)), ROLE_OWNER, payout.owner());
    pay(ctx, id, ctx.loadAddress(field(r, Field.BASE_OWNER)), ROLE_BASE_OWNER, payout.baseOwner());
    pay(ctx, id, prover, ROLE_PROVER, payout.prover());
    if (payout.stakers().signum() > 0) {
      ctx.call(Addresses.STAKING, Staking.DISTRIBUTE, payout.stakers(), modelId);
      ctx.emit(PAID_EVENT, id, Addresses.STAKING, BigInteger.valueOf(ROLE_STAKERS), payout.stakers());
    }
    for (FeeSplit.ContributorPayout c : payout.contributors()) {
      if (c.amount().signum() > 0) ctx.transfer(c.contributor(), c.amount());
      ctx.emit(CONTRIBUTOR_PAID_EVENT, id, c.contributor(), c.score(), c.amount());
    }
    pay(ctx, id, Addresses.TREASURY, ROLE_TREASURY, payout.treasury());
    BigInteger refund = escrow.subtract(fee);
    pay(ctx, id, requester, ROLE_REFUND, refund);
    ctx.call(Addresses.PROVERS, Provers.RELEASE, BigInteger.ZERO, id);
    ctx.emit(SETTLED_EVENT, id, prover, fee, refund);
    return null;
  }

  private static void pay(CallContext ctx, BigInteger id, Address to, int role, BigInteger amount) {
    if (amount.signum() == 0) return;
    ctx.transfer(to, amount);
    ctx.emit(PAID_EVENT, id, to, BigInteger.valueOf(role), amount);
  }

  private static long settleGas(GasSchedule s, Bytes data) {
    BigInteger id = BigInteger.ONE;
    long contributors = Provers.MAX_CONTRIBUTORS;
    return 24 * s.storageRead() + 2 * s.storageWrite() + s.storageKey()
        + Provers.VERIFIED_ATTRIBUTION.nestedCost(s, id)
        + Staking.ACTIVE_STAKE.nestedCost(s, id) + Staking.WARMUP_BLOCKS_FN.nestedCost(s)
        + Staking.DISTRIBUTE.nestedCost(s, id)
        + Provers.RELEASE.nestedCost(s, id)
        + (5 + contributors) * s.transfer()
        + 6 * s.log(4, 32) + contributors * s.log(3, 64) + s.log(3, 64);
  }

  // ------------------------------------------------------------------ refund

  private Object refund(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    Slot r = existing(ctx, id);
    State state = State.unpack(ctx.loadUint(field(r, Field.STATE)));
    if (state.state() != REQUESTED && state.state() != RESULTED) throw WRONG_STATE.revert(id, BigInteger.valueOf(state.state()));
    if (ctx.block().number() <= state.deadline()) throw NOT_EXPIRED.revert(id, BigInteger.valueOf(state.deadline()));
    List<?> proof = (List<?>) ctx.call(Addresses.PROVERS, Provers.VERIFIED_ATTRIBUTION, BigInteger.ZERO, id);
    if ((Boolean) proof.get(1)) throw SETTLE_INSTEAD.revert(id);
    BigInteger escrow = ctx.loadUint(field(r, Field.ESCROW));
    ctx.storeUint(field(r, Field.STATE), new State(REFUNDED, state.requestBlock(), state.deadline()).pack());
    ctx.transfer(ctx.loadAddress(field(r, Field.REQUESTER)), escrow);
    ctx.call(Addresses.PROVERS, Provers.RELEASE, BigInteger.ZERO, id);
    ctx.emit(REFUNDED_EVENT, id, escrow);
    return null;
  }

  // ------------------------------------------------------------------ views and governance

  private Object view(CallContext ctx, BigInteger id) {
    Slot r = existing(ctx, id);
    State state = State.unpack(ctx.loadUint(field(r, Field.STATE)));
    return List.of(ctx.loadAddress(field(r, Field.REQUESTER)), ctx.loadUint(field(r, Field.MODEL)), ctx.loadUint(field(r, Field.VERSION)),
        ctx.load(field(r, Field.INPUT_HASH)), ctx.loadUint(field(r, Field.IN_TOKENS)), ctx.loadUint(field(r, Field.MAX_OUT_TOKENS)),
        ctx.loadUint(field(r, Field.ESCROW)), ctx.loadUint(field(r, Field.MAX_FEE)), BigInteger.valueOf(state.state()),
        BigInteger.valueOf(state.requestBlock()), BigInteger.valueOf(state.deadline()), ctx.loadAddress(field(r, Field.HOST)),
        ctx.load(field(r, Field.OUTPUT_HASH)), ctx.loadUint(field(r, Field.OUT_TOKENS)), ctx.loadUint(field(r, Field.FEE)));
  }

  private Object quote(CallContext ctx, Args in) {
    Terms terms = Terms.of(ctx.call(Addresses.MODELS, Models.INFERENCE_TERMS, BigInteger.ZERO, in.uint(0), in.uint(1)));
    return new InferenceFee(terms.inRate(), terms.outRate(), PLATFORM_FEE.read(ctx)).fee(in.uint(2), in.uint(3));
  }

  private Object setSplit(CallContext ctx, Args in) {
    onlyTimelock(ctx);
    int owner = in.uint(0).intValueExact(), stakers = in.uint(1).intValueExact(), contributors = in.uint(2).intValueExact();
    int prover = in.uint(3).intValueExact(), base = in.uint(4).intValueExact();
    try {
      new FeeSplit(owner, stakers, contributors, prover, base);
    } catch (IllegalArgumentException e) {
      throw BAD_PARAMETER.revert(OWNER_BP.label(), BigInteger.valueOf(owner));
    }
    setParameter(ctx, OWNER_BP, BigInteger.valueOf(owner));
    setParameter(ctx, STAKERS_BP, BigInteger.valueOf(stakers));
    setParameter(ctx, CONTRIBUTORS_BP, BigInteger.valueOf(contributors));
    setParameter(ctx, PROVER_BP, BigInteger.valueOf(prover));
    setParameter(ctx, BASE_OWNER_BP, BigInteger.valueOf(base));
    return null;
  }

  private static void setParameter(CallContext ctx, Parameter p, BigInteger value) {
    Governed.set(ctx, p, value, PARAMETER_SET_EVENT);
  }

  private static void onlyTimelock(CallContext ctx) {
    Governed.requireTimelock(ctx, NOT_TIMELOCK::revert);
  }

  private static Slot existing(CallContext ctx, BigInteger id) {
    if (id.signum() <= 0 || id.compareTo(ctx.loadUint(COUNT)) > 0) throw UNKNOWN_REQUEST.revert(id);
    return REQUESTS.mapping(id);
  }

  static Slot field(Slot request, Field f) {
    return request.field(f.ordinal());
  }

  /** The model terms Inference snapshots, from {@code Models.inferenceTerms}. */
  record Terms(boolean deployed, Address owner, Address baseOwner, Address host, BigInteger inRate, BigInteger outRate,
               int tokenMode, BigInteger fixedIn, BigInteger fixedOut, boolean isAdapter) {
    static Terms of(Object output) {
      List<?> t = (List<?>) output;
      return new Terms((Boolean) t.get(0), (Address) t.get(1), (Address) t.get(2), (Address) t.get(3), (BigInteger) t.get(4),
          (BigInteger) t.get(5), ((BigInteger) t.get(6)).intValueExact(), (BigInteger) t.get(7), (BigInteger) t.get(8), (Boolean) t.get(9));
    }
  }

  /** State, request block and deadline, packed in one word: state | requestBlock << 8 | deadline << 72. */
  record State(int state, long requestBlock, long deadline) {
    static State unpack(BigInteger word) {
      long[] parts = {word.intValue() & 0xff, word.shiftRight(8).longValue(), word.shiftRight(72).longValue()};
      return new State((int) parts[0], parts[1], parts[2]);
    }

    BigInteger pack() {
      return BigInteger.valueOf(state).or(BigInteger.valueOf(requestBlock).shiftLeft(8)).or(BigInteger.valueOf(deadline).shiftLeft(72));
    }
  }

  /** The fee split in force at request time, packed in one word (16 bits per share, then the adapter flag). */
  record SplitSnapshot(FeeSplit feeSplit, boolean isAdapter) {
    static SplitSnapshot current(CallContext ctx, boolean isAdapter) {
      return new SplitSnapshot(new FeeSplit(OWNER_BP.read(ctx).intValueExact(), STAKERS_BP.read(ctx).intValueExact(),
          CONTRIBUTORS_BP.read(ctx).intValueExact(), PROVER_BP.read(ctx).intValueExact(), BASE_OWNER_BP.read(ctx).intValueExact()), isAdapter);
    }

    BigInteger pack() {
      long w = feeSplit.ownerBp() | (long) feeSplit.stakersBp() << 16 | (long) feeSplit.contributorsBp() << 32
          | (long) feeSplit.proverBp() << 48;
      return BigInteger.valueOf(w).or(BigInteger.valueOf(feeSplit.baseOwnerBp()).shiftLeft(64)).or(isAdapter ? BigInteger.ONE.shiftLeft(80) : BigInteger.ZERO);
    }

    static SplitSnapshot unpack(BigInteger w) {
      int owner = w.intValue() & 0xffff, stakers = w.shiftRight(16).intValue() & 0xffff, contributors = w.shiftRight(32).intValue() & 0xffff;
      int prover = w.shiftRight(48).intValue() & 0xffff, base = w.shiftRight(64).intValue() & 0xffff;
      return new SplitSnapshot(new FeeSplit(owner, stakers, contributors, prover, base), w.testBit(80));
    }
  }
}
