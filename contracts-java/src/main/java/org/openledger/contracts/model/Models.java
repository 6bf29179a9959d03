package org.openledger.contracts.model;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Governed;
import org.openledger.contracts.attribution.TextTokenizer;
import org.openledger.contracts.datanet.Datanets;
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
import org.openledger.precompiles.storage.StorageString;
import org.openledger.precompiles.storage.Storage;

/**
 * The Models registry at {@link Addresses#MODELS} (DESIGN §4): proposals of base models and of
 * OpenLoRA adapters, the governance-driven lifecycle, trained versions with the roots that proofs
 * are checked against, per-version rates within governance bounds, and the index attestations
 * that gate deployment.
 *
 * <h2>Lifecycle</h2>
 * <pre>
 *   Proposed --approve (Timelock)--------&gt; Approved --markTraining (Services)--&gt; Training
 *   Proposed --reject (Timelock)---------&gt; Rejected                                 |
 *   Approved | Training | Evaluation --registerVersion (owner)--&gt; Evaluation  &lt;------'
 *   Evaluation --deploy(v) (Timelock, v attested)--&gt; Deployed --deprecate (Timelock)--&gt; Deprecated
 *   Deployed --registerVersion (owner)--&gt; Deployed  (keeps serving its deployed version)
 *   (registerVersionFor: the same transitions, called by Services for a ModelFactory trainer's delivery)
 *   Deployed --deploy(v') (Timelock, v' attested)--&gt; Deployed  (switches the served version)
 * </pre>
 * Rejected and Deprecated are final. Every other (state, action) pair reverts with {@code
 * IllegalTransition(modelId, current, requested)} and changes nothing.
 *
 * <h2>Storage layout</h2>
 * As the equivalent Solidity contract lays it out (every field a full word, no packing):
 * <pre>
 * slot 0: uint256 modelCount
 * slot 1: mapping(uint256 modelId =&gt; ModelRecord)
 *           ModelRecord { address owner; uint256 baseModelId; uint256 state; uint256 deployedVersion;
 *                         uint256 versionCount; uint256 proposedAt; string name; string metadataURI;
 *                         uint256[] datanetIds; }
 * slot 2: mapping(uint256 modelId =&gt; mapping(uint256 version =&gt; VersionRecord))
 *           VersionRecord { bytes32 weightsRoot; bytes32 basisRoot; bytes32 indexRoot; uint256 damping;
 *                           uint256 scale; uint256 outputFunction; uint256 tokenMode; uint256 fixedInTokens;
 *                           uint256 fixedOutTokens; address host; uint256 inRate; uint256 outRate;
 *                           uint256 basisRank; uint256 attestationCount; uint256 registeredAt; }
 * slot 3: mapping(uint256 modelId =&gt; mapping(uint256 version =&gt; mapping(address =&gt; bool))) attested
 * slot 4, 5: parameters ({@link Parameter}: maxInRate, maxOutRate, requiredAttestations, maxDatanetsPerModel)
 * </pre>
 */
public final class Models extends NativeContract {

  /** Model states; the ordinal is the {@code uint8} the interface uses. */
  public enum State {
    PROPOSED, APPROVED, REJECTED, TRAINING, EVALUATION, DEPLOYED, DEPRECATED;

    public int code() {
      return ordinal();
    }

    public BigInteger uint8() {
      return BigInteger.valueOf(ordinal());
    }

    public static State of(int code) {
      return values()[code];
    }
  }

  /** Token counting of a version: fixed per-version counts (a classifier), or text through the committed tokenizer. */
  public static final int TOKEN_MODE_FIXED = 0;
  public static final int TOKEN_MODE_TEXT = 1;
  /** Output functions attribution explains (DESIGN §6): a classifier's margin of the returned class, a text model's log-probability. */
  public static final int OUTPUT_CLASSIFIER_MARGIN = 0;
  public static final int OUTPUT_TEXT_LOG_PROB = 1;
  /**
   * Text attributed by verbatim spans (docs/text-attribution.md): the version commits its corpus
   * root as {@code indexRoot}, the tokenizer's commitment as {@code basisRoot} and {@code minTokens}
   * as {@code basisRank}, counts tokens in mode 1, and is proven by v2 span proofs.
   */
  public static final int OUTPUT_TEXT_SPANS = 2;

  /** Hard caps that keep every view's gas a constant: the parameters can move only below them. */
  public static final int MAX_DATANETS_LIMIT = 32;
  public static final int MAX_NAME_BYTES = 64;
  public static final int MAX_METADATA_URI_BYTES = 256;
  public static final int MAX_REQUIRED_ATTESTATIONS = 64;
  /** Rate bounds can be set up to 2^128 - 1 wei per 1,000 tokens, and fixed token counts are below 2^64, so fees fit a uint256 with room to spare. */
  public static final BigInteger MAX_RATE_LIMIT = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
  public static final BigInteger MAX_FIXED_TOKENS = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private static final BigInteger OPEN = BigInteger.TEN.pow(18);

  private static final Slot MODEL_COUNT = Slot.at(0);
  private static final Slot MODELS = Slot.at(1);
  private static final Slot VERSIONS = Slot.at(2);
  private static final Slot ATTESTED = Slot.at(3);
  private static final Slot PARAMS = Slot.at(4);

  /** Highest input rate an owner may set, wei per 1,000 tokens; default 10 OPEN. */
  public static final Parameter MAX_IN_RATE = new Parameter("maxInRate", PARAMS, OPEN.multiply(BigInteger.TEN));
  /** Highest output rate an owner may set, wei per 1,000 tokens; default 10 OPEN. */
  public static final Parameter MAX_OUT_RATE = new Parameter("maxOutRate", PARAMS, OPEN.multiply(BigInteger.TEN));
  /** Attestations a version needs before governance can deploy it; default 1. */
  public static final Parameter REQUIRED_ATTESTATIONS = new Parameter("requiredAttestations", PARAMS, BigInteger.ONE);
  /** Most datanets a proposal may name; default 16. */
  public static final Parameter MAX_DATANETS_PER_MODEL = new Parameter("maxDatanetsPerModel", PARAMS, BigInteger.valueOf(16));

  /** Words of a stored model record. */
  private enum M { OWNER, BASE_MODEL_ID, STATE, DEPLOYED_VERSION, VERSION_COUNT, PROPOSED_AT, NAME, METADATA_URI, DATANET_IDS }

  /** Words of a stored version record; the first 13 are the VersionSpec, in its order. */
  private enum V {
    WEIGHTS_ROOT, BASIS_ROOT, INDEX_ROOT, DAMPING, SCALE, OUTPUT_FUNCTION, TOKEN_MODE, FIXED_IN_TOKENS, FIXED_OUT_TOKENS,
    HOST, IN_RATE, OUT_RATE, BASIS_RANK, ATTESTATION_COUNT, REGISTERED_AT
  }

  private static final int SPEC_WORDS = 13;

  private static final Declarations D = new Declarations("IModels");

  // ------------------------------------------------------------------ structs

  public static final StructSpec TERMS = D.struct("Terms", "bool deployed", "address owner", "address baseOwner", "address host",
      "uint256 inRate", "uint256 outRate", "uint8 tokenMode", "uint256 fixedInTokens", "uint256 fixedOutTokens", "bool isAdapter");
  /** The fields of {@link #VERSION_SPEC}, for an interface that takes one (Services' deliverVersion). */
  public static final List<String> VERSION_SPEC_FIELDS = List.of("bytes32 weightsRoot", "bytes32 basisRoot", "bytes32 indexRoot",
      "uint256 damping", "uint256 scale", "uint8 outputFunction", "uint8 tokenMode", "uint256 fixedInTokens", "uint256 fixedOutTokens",
      "address host", "uint256 inRate", "uint256 outRate", "uint32 basisRank");
  public static final StructSpec VERSION_SPEC = D.struct("VersionSpec", VERSION_SPEC_FIELDS.toArray(String[]::new));
  public static final StructSpec MODEL = D.struct("Model", "address owner", "uint256 baseModelId", "string name", "string metadataURI",
      "uint8 state", "uint256 deployedVersion", "uint256 versionCount", "uint256 proposedAt");

  // ------------------------------------------------------------------ errors

  public static final ErrorSpec NOT_AUTHORIZED = D.error("NotAuthorized(address caller, address authorized)",
      "Only `authorized` may call this function (the Timelock, the Services or Provers contract, or the model's owner).");
  public static final ErrorSpec UNKNOWN_MODEL = D.error("UnknownModel(uint256 modelId)", "No model has this id (ids start at 1).");
  public static final ErrorSpec UNKNOWN_VERSION = D.error("UnknownVersion(uint256 modelId, uint256 version)",
      "The model has no version with this number (versions start at 1).");
  public static final ErrorSpec ILLEGAL_TRANSITION = D.error("IllegalTransition(uint256 modelId, uint8 current, uint8 requested)", """
      The model's current state does not allow this action. States: 0 Proposed, 1 Approved, 2 Rejected, 3 Training,
      4 Evaluation, 5 Deployed, 6 Deprecated; `requested` is the state the action leads to.""");
  public static final ErrorSpec BASE_IS_ADAPTER = D.error("BaseIsAdapter(uint256 baseModelId)",
      "An adapter must be built on a base model, not on another adapter.");
  public static final ErrorSpec BASE_NOT_DEPLOYED = D.error("BaseNotDeployed(uint256 baseModelId, uint8 state)",
      "An adapter can be proposed or deployed only while its base model is Deployed.");
  public static final ErrorSpec EMPTY_DATANETS = D.error("EmptyDatanets()", "A model must name at least one datanet it is trained on.");
  public static final ErrorSpec TOO_MANY_DATANETS = D.error("TooManyDatanets(uint256 count, uint256 max)",
      "A model may name at most maxDatanetsPerModel datanets.");
  public static final ErrorSpec INVALID_DATANET_ID = D.error("InvalidDatanetId(uint256 datanetId)", "No datanet has this id (ids start at 1 and run to the Datanets contract's count).");
  public static final ErrorSpec DUPLICATE_DATANET = D.error("DuplicateDatanet(uint256 datanetId)", "A datanet is named twice.");
  public static final ErrorSpec INVALID_NAME = D.error("InvalidName(uint256 length, uint256 max)",
      "The name must be 1 to `max` bytes of UTF-8.");
  public static final ErrorSpec METADATA_URI_TOO_LONG = D.error("MetadataURITooLong(uint256 length, uint256 max)",
      "The metadata URI must be at most `max` bytes of UTF-8.");
  public static final ErrorSpec RATE_OUT_OF_BOUNDS = D.error(
      "RateOutOfBounds(uint256 inRate, uint256 outRate, uint256 maxInRate, uint256 maxOutRate)",
      "A rate exceeds its governance bound (wei per 1,000 tokens).");
  public static final ErrorSpec EMPTY_ROOT = D.error("EmptyRoot()", "The weights, basis and index roots must all be non-zero.");
  public static final ErrorSpec ZERO_SCALE = D.error("ZeroScale()", "The quantization scale must be non-zero.");
  public static final ErrorSpec ZERO_BASIS_RANK = D.error("ZeroBasisRank()", "The attribution basis must have at least one row.");
  public static final ErrorSpec INVALID_OUTPUT_FUNCTION = D.error("InvalidOutputFunction(uint8 outputFunction)",
      "Output functions: 0 classifier margin of the returned class, 1 text log-probability, 2 text spans.");
  public static final ErrorSpec UNSUPPORTED_TOKENIZER = D.error("UnsupportedTokenizer(bytes32 tokenizer)", """
      A text-spans version (output function 2) registers the commitment of the tokenizer its spans and token counts use
      as basisRoot; this fork knows ol-bytes-v1 only, and such a version counts tokens in mode 1 (text).""");
  public static final ErrorSpec INVALID_TOKEN_MODE = D.error("InvalidTokenMode(uint8 tokenMode)",
      "Token modes: 0 fixed per-version counts (classifier), 1 text (counted with the committed tokenizer).");
  public static final ErrorSpec INVALID_TOKEN_COUNTS = D.error(
      "InvalidTokenCounts(uint8 tokenMode, uint256 fixedInTokens, uint256 fixedOutTokens)",
      "Fixed token counts must be below 2^64 in mode 0 and zero in mode 1 (text counts come from the tokenizer).");
  public static final ErrorSpec ZERO_ATTESTER = D.error("ZeroAttester()", "The attester cannot be the zero address.");
  public static final ErrorSpec ALREADY_ATTESTED = D.error("AlreadyAttested(uint256 modelId, uint256 version, address attester)",
      "Each attester attests a version at most once.");
  public static final ErrorSpec INSUFFICIENT_ATTESTATIONS = D.error(
      "InsufficientAttestations(uint256 modelId, uint256 version, uint256 have, uint256 need)",
      "A version is deployed only once its index has requiredAttestations attestations.");
  public static final ErrorSpec VERSION_ALREADY_DEPLOYED = D.error("VersionAlreadyDeployed(uint256 modelId, uint256 version)",
      "This version is already the one the model serves.");
  public static final ErrorSpec PARAMETER_OUT_OF_RANGE = D.error(
      "ParameterOutOfRange(bytes32 name, uint256 value, uint256 min, uint256 max)",
      "A governance parameter must lie within [min, max].");

  // ------------------------------------------------------------------ events

  public static final EventSpec MODEL_PROPOSED = D.event(
      "ModelProposed(uint256 indexed modelId, address indexed owner, uint256 indexed baseModelId, uint256[] datanetIds, string name, string metadataURI)",
      "A model was proposed (baseModelId 0: a base model; otherwise an adapter of that base model). It starts Proposed.");
  public static final EventSpec STATE_CHANGED = D.event(
      "ModelStateChanged(uint256 indexed modelId, uint8 indexed from, uint8 indexed to)",
      "The model moved through its lifecycle (0 Proposed, 1 Approved, 2 Rejected, 3 Training, 4 Evaluation, 5 Deployed, 6 Deprecated).");
  public static final EventSpec VERSION_REGISTERED = D.event(
      "VersionRegistered(uint256 indexed modelId, uint256 indexed version, VersionSpec spec)",
      "The owner registered a trained version; `spec.host` is the effective host (the owner when registered as zero).");
  public static final EventSpec VERSION_DEPLOYED = D.event(
      "VersionDeployed(uint256 indexed modelId, uint256 indexed version, uint256 previousVersion)",
      "Governance made `version` the one the model serves (previousVersion 0: the first deployment).");
  public static final EventSpec ATTESTATION_RECORDED = D.event(
      "AttestationRecorded(uint256 indexed modelId, uint256 indexed version, address indexed attester, uint256 count)",
      "A bonded prover attested that it rebuilt the version's basis and index; `count` attestations so far.");
  public static final EventSpec RATES_SET = D.event(
      "RatesSet(uint256 indexed modelId, uint256 indexed version, uint256 inRate, uint256 outRate)",
      "The owner changed a version's rates (wei per 1,000 tokens); pending requests keep their snapshot.");
  public static final EventSpec HOST_SET = D.event(
      "HostSet(uint256 indexed modelId, uint256 indexed version, address indexed host)",
      "The owner changed the node that serves a version; pending requests keep their snapshot.");
  public static final EventSpec PARAMETER_SET = D.event("ParameterSet(bytes32 indexed name, uint256 value)",
      "Governance changed a parameter (name as a right-padded ASCII bytes32).");

  // ------------------------------------------------------------------ functions

  public static final FunctionSpec PROPOSE = D.function(
      "propose(uint256 baseModelId, uint256[] datanetIds, string name, string metadataURI) returns (uint256 modelId)", """
      Proposes a model owned by the caller: a base model (baseModelId 0) or an OpenLoRA adapter of a Deployed base model
      that is not itself an adapter. datanetIds: 1 to maxDatanetsPerModel distinct non-zero ids; name 1 to 64 bytes;
      metadataURI at most 256 bytes. Ids start at 1; the model starts Proposed.""",
      // head: baseModelId and three offsets; every further word is at most one storage word and one log word.
      // keys: base model, maxDatanetsPerModel (2), the model, its two long strings, its datanet ids' data
      GasRule.perWordAfter(4, s -> 5 * s.storageRead() + 4 * s.storageWrite() + 7 * s.storageKey() + s.log(4, 96)
              + Datanets.DATANET_COUNT.nestedCost(s),
          s -> s.storageWrite() + 32 * s.logDataByte()));
  public static final FunctionSpec APPROVE = D.function("approve(uint256 modelId)",
      "Governance approves a Proposed model (Proposed to Approved): data collection opens. Timelock only.",
      GasRule.fixed(Models::transitionGas));
  public static final FunctionSpec REJECT = D.function("reject(uint256 modelId)",
      "Governance rejects a Proposed model (Proposed to Rejected, final). Timelock only.",
      GasRule.fixed(Models::transitionGas));
  public static final FunctionSpec MARK_TRAINING = D.function("markTraining(uint256 modelId)",
      "A ModelFactory job was funded for an Approved model (Approved to Training). Services contract only.",
      GasRule.fixed(Models::transitionGas));
  public static final FunctionSpec REGISTER_VERSION = D.function(
      "registerVersion(uint256 modelId, VersionSpec spec) returns (uint256 version)", """
      The owner registers a trained version with the roots proofs are checked against. Approved, Training or Evaluation
      move to Evaluation; a Deployed model stays Deployed and keeps serving its deployed version until governance deploys
      another. Host zero means the owner. Rates within maxInRate and maxOutRate. Immutable except host and rates.
      A text-spans version (outputFunction 2) registers its corpus root as indexRoot, the tokenizer commitment
      (ol-bytes-v1) as basisRoot and minTokens as basisRank, with tokenMode 1.""",
      GasRule.fixed(Models::registerVersionGas));
  public static final FunctionSpec REGISTER_VERSION_FOR = D.function(
      "registerVersionFor(uint256 modelId, VersionSpec spec) returns (uint256 version)", """
      Registers a version on the owner's behalf, exactly as registerVersion would: the version a ModelFactory trainer
      delivers, so that a delivery never waits on the owner. Host zero means the owner, who keeps setHost and setRates.
      Services contract only.""",
      GasRule.fixed(Models::registerVersionGas));
  public static final FunctionSpec DEPLOY = D.function("deploy(uint256 modelId, uint256 version)", """
      Governance deploys an attested version: Evaluation to Deployed, or, on a Deployed model, switches the served
      version. The version needs requiredAttestations attestations; an adapter's base model must be Deployed. Timelock only.""",
      // keys: the model, its version (2), requiredAttestations (2), the base model
      GasRule.fixed(s -> 9 * s.storageRead() + 2 * s.storageWrite() + 6 * s.storageKey() + s.log(4, 0) + s.log(3, 32)));
  public static final FunctionSpec DEPRECATE = D.function("deprecate(uint256 modelId)",
      "Governance retires a Deployed model (Deployed to Deprecated, final): inference stops, also on its adapters. Timelock only.",
      GasRule.fixed(Models::transitionGas));
  public static final FunctionSpec RECORD_ATTESTATION = D.function(
      "recordAttestation(uint256 modelId, uint256 version, address attester)",
      "Records that `attester` rebuilt and attests the version's basis and index; once per attester and version. Provers contract only.",
      // keys: the model, its version (2), the attester's flag (3)
      GasRule.fixed(s -> 4 * s.storageRead() + 2 * s.storageWrite() + 6 * s.storageKey() + s.log(4, 32)));
  public static final FunctionSpec SET_RATES = D.function("setRates(uint256 modelId, uint256 version, uint256 inRate, uint256 outRate)", """
      The owner sets a version's rates (wei per 1,000 tokens) within the governance bounds. Pending inference requests
      are unaffected: Inference snapshots the terms when a request is made.""",
      // keys: the model, its version (2), the two rate bounds (2 each)
      GasRule.fixed(s -> 7 * s.storageRead() + 2 * s.storageWrite() + 7 * s.storageKey() + s.log(3, 64)));
  public static final FunctionSpec SET_HOST = D.function("setHost(uint256 modelId, uint256 version, address host)", """
      The owner names the node that serves a version (zero: the owner). Pending inference requests keep the host they
      snapshotted when they were made.""",
      GasRule.fixed(s -> 3 * s.storageRead() + s.storageWrite() + 3 * s.storageKey() + s.log(4, 0)));
  public static final FunctionSpec SET_MAX_RATES = D.function("setMaxRates(uint256 maxInRate, uint256 maxOutRate)", """
      Governance sets the rate bounds (wei per 1,000 tokens, each at most 2^128 - 1). Rates above a lowered bound are
      served at the bound (inferenceTerms clamps them); pending requests keep their snapshot. Timelock only.""",
      GasRule.fixed(s -> 4 * s.storageWrite() + 4 * s.storageKey() + 2 * s.log(2, 32)));
  public static final FunctionSpec SET_REQUIRED_ATTESTATIONS = D.function("setRequiredAttestations(uint256 count)",
      "Governance sets how many attestations a version needs before it can be deployed (1 to 64). Timelock only.",
      GasRule.fixed(s -> 2 * s.storageWrite() + 2 * s.storageKey() + s.log(2, 32)));
  public static final FunctionSpec SET_MAX_DATANETS_PER_MODEL = D.function("setMaxDatanetsPerModel(uint256 max)",
      "Governance sets how many datanets a proposal may name (1 to 32); existing models keep theirs. Timelock only.",
      GasRule.fixed(s -> 2 * s.storageWrite() + 2 * s.storageKey() + s.log(2, 32)));

  public static final FunctionSpec INFERENCE_TERMS = D.function(
      "inferenceTerms(uint256 modelId, uint256 version) view returns (Terms terms)", """
      What Inference snapshots when a request is made. deployed: the model is Deployed, this is its deployed version and,
      for an adapter, the base model is Deployed too. baseOwner: the base model's owner for an adapter, else zero. Rates
      in wei per 1,000 tokens, clamped to the current governance bounds. Reverts UnknownModel or UnknownVersion.""",
      GasRule.view(18, 8)); // keys: the model, its version (2), the base model, the two rate bounds (2 each)
  public static final FunctionSpec MODEL_VIEW = D.function("model(uint256 modelId) view returns (Model model)",
      "A model: owner, base model (0 for a base model), name, metadata URI, state, deployed version (0 if none), versions registered, proposal block.",
      GasRule.view(7 + StorageString.words(MAX_NAME_BYTES) + StorageString.words(MAX_METADATA_URI_BYTES), 3));
  public static final FunctionSpec VERSION_VIEW = D.function(
      "version(uint256 modelId, uint256 version) view returns (VersionSpec spec, uint256 attestationCount, uint256 registeredAt)",
      "A registered version (host: the effective host), how many attestations it has, and the block it was registered in.",
      GasRule.view(2 + SPEC_WORDS + 2, 3));
  public static final FunctionSpec MODEL_COUNT_VIEW = D.function("modelCount() view returns (uint256 count)",
      "How many models were proposed; ids run from 1 to this.", GasRule.view(1, 0));
  public static final FunctionSpec DATANETS_OF = D.function("datanetsOf(uint256 modelId) view returns (uint256[] datanetIds)",
      "The datanets the model is trained on, in proposal order.",
      GasRule.view(2 + MAX_DATANETS_LIMIT, 2));
  public static final FunctionSpec ATTESTATIONS = D.function("attestations(uint256 modelId, uint256 version) view returns (uint256 count)",
      "How many attestations the version has.", GasRule.view(3, 3));
  public static final FunctionSpec HAS_ATTESTED = D.function(
      "hasAttested(uint256 modelId, uint256 version, address attester) view returns (bool attested)",
      "Whether `attester` attested the version.", GasRule.view(3, 6));
  public static final FunctionSpec PARAMETERS = D.function(
      "parameters() view returns (uint256 maxInRate, uint256 maxOutRate, uint256 requiredAttestations, uint256 maxDatanetsPerModel)",
      "The governance parameters in force (defaults until set: 10 OPEN, 10 OPEN, 1, 16).", GasRule.view(8, 8));

  public static final ContractSpec SPEC = D.spec("""
      OpenLedger's model registry: base models and OpenLoRA adapters, their governance lifecycle
      (Proposed, Approved, Training, Evaluation, Deployed, Deprecated; Rejected), trained versions with the
      roots attribution proofs are checked against, per-version rates within governance bounds, and index attestations.""");

  public Models() {
    super(SPEC);
    on(PROPOSE, this::propose);
    on(APPROVE, (ctx, in) -> transition(ctx, in.uint(0), Addresses.TIMELOCK, State.PROPOSED, State.APPROVED));
    on(REJECT, (ctx, in) -> transition(ctx, in.uint(0), Addresses.TIMELOCK, State.PROPOSED, State.REJECTED));
    on(MARK_TRAINING, (ctx, in) -> transition(ctx, in.uint(0), Addresses.SERVICES, State.APPROVED, State.TRAINING));
    on(DEPRECATE, (ctx, in) -> transition(ctx, in.uint(0), Addresses.TIMELOCK, State.DEPLOYED, State.DEPRECATED));
    on(REGISTER_VERSION, this::registerVersion);
    on(REGISTER_VERSION_FOR, this::registerVersionFor);
    on(DEPLOY, this::deploy);
    on(RECORD_ATTESTATION, this::recordAttestation);
    on(SET_RATES, this::setRates);
    on(SET_HOST, this::setHost);
    on(SET_MAX_RATES, this::setMaxRates);
    on(SET_REQUIRED_ATTESTATIONS, (ctx, in) -> {
      onlyTimelock(ctx);
      setParameter(ctx, REQUIRED_ATTESTATIONS, in.uint(0), BigInteger.ONE, BigInteger.valueOf(MAX_REQUIRED_ATTESTATIONS));
      return null;
    });
    on(SET_MAX_DATANETS_PER_MODEL, (ctx, in) -> {
      onlyTimelock(ctx);
      setParameter(ctx, MAX_DATANETS_PER_MODEL, in.uint(0), BigInteger.ONE, BigInteger.valueOf(MAX_DATANETS_LIMIT));
      return null;
    });
    on(INFERENCE_TERMS, this::inferenceTerms);
    on(MODEL_VIEW, this::modelView);
    on(VERSION_VIEW, this::versionView);
    on(MODEL_COUNT_VIEW, (ctx, in) -> ctx.loadUint(MODEL_COUNT));
    on(DATANETS_OF, this::datanetsOf);
    on(ATTESTATIONS, (ctx, in) -> ctx.loadUint(v(existingVersion(ctx, in.uint(0), in.uint(1)), V.ATTESTATION_COUNT)));
    on(HAS_ATTESTED, (ctx, in) -> {
      existingVersion(ctx, in.uint(0), in.uint(1));
      return ctx.loadBool(attestedSlot(in.uint(0), in.uint(1), in.address(2)));
    });
    on(PARAMETERS, (ctx, in) -> List.of(MAX_IN_RATE.read(ctx), MAX_OUT_RATE.read(ctx), REQUIRED_ATTESTATIONS.read(ctx),
        MAX_DATANETS_PER_MODEL.read(ctx)));
  }

  // ------------------------------------------------------------------ proposal

  private Object propose(CallContext ctx, Args in) {
    BigInteger baseModelId = in.uint(0);
    List<Object> datanets = in.list(1);
    String name = in.string(2);
    String uri = in.string(3);
    BigInteger count = ctx.loadUint(MODEL_COUNT);

    if (baseModelId.signum() != 0) {
      if (baseModelId.compareTo(count) > 0) throw UNKNOWN_MODEL.revert(baseModelId);
      Slot base = MODELS.mapping(baseModelId);
      if (ctx.loadUint(m(base, M.BASE_MODEL_ID)).signum() != 0) throw BASE_IS_ADAPTER.revert(baseModelId);
      State baseState = state(ctx, base);
      if (baseState != State.DEPLOYED) throw BASE_NOT_DEPLOYED.revert(baseModelId, baseState.uint8());
    }

    BigInteger max = MAX_DATANETS_PER_MODEL.read(ctx);
    if (datanets.isEmpty()) throw EMPTY_DATANETS.revert();
    if (BigInteger.valueOf(datanets.size()).compareTo(max) > 0) throw TOO_MANY_DATANETS.revert(BigInteger.valueOf(datanets.size()), max);
    Set<BigInteger> seen = new HashSet<>();
    for (Object o : datanets) {
      BigInteger id = (BigInteger) o;
      if (id.signum() == 0) throw INVALID_DATANET_ID.revert(id);
      if (!seen.add(id)) throw DUPLICATE_DATANET.revert(id);
    }
    // every id must name an existing datanet: ids run from 1 to the Datanets contract's count
    BigInteger datanetCount = (BigInteger) ctx.call(Addresses.DATANETS, Datanets.DATANET_COUNT, BigInteger.ZERO);
    for (BigInteger id : seen) {
      if (id.compareTo(datanetCount) > 0) throw INVALID_DATANET_ID.revert(id);
    }
    int nameBytes = StorageString.byteLength(name);
    if (nameBytes == 0 || nameBytes > MAX_NAME_BYTES) throw INVALID_NAME.revert(BigInteger.valueOf(nameBytes), BigInteger.valueOf(MAX_NAME_BYTES));
    int uriBytes = StorageString.byteLength(uri);
    if (uriBytes > MAX_METADATA_URI_BYTES) {
      throw METADATA_URI_TOO_LONG.revert(BigInteger.valueOf(uriBytes), BigInteger.valueOf(MAX_METADATA_URI_BYTES));
    }

    BigInteger modelId = count.add(BigInteger.ONE);
    ctx.storeUint(MODEL_COUNT, modelId);
    Slot model = MODELS.mapping(modelId);
    ctx.storeAddress(m(model, M.OWNER), ctx.caller());
    if (baseModelId.signum() != 0) ctx.storeUint(m(model, M.BASE_MODEL_ID), baseModelId);
    // state Proposed is 0: the fresh slot already holds it
    ctx.storeUint(m(model, M.PROPOSED_AT), BigInteger.valueOf(ctx.block().number()));
    StorageString.write(ctx, m(model, M.NAME), name);
    if (uriBytes > 0) StorageString.write(ctx, m(model, M.METADATA_URI), uri);
    Slot ids = m(model, M.DATANET_IDS);
    ctx.storeUint(ids, BigInteger.valueOf(datanets.size()));
    Slot data = ids.arrayData(); // hashed once for the whole array
    for (int i = 0; i < datanets.size(); i++) ctx.storeUint(data.offset(BigInteger.valueOf(i)), (BigInteger) datanets.get(i));
    ctx.emit(MODEL_PROPOSED, modelId, ctx.caller(), baseModelId, datanets, name, uri);
    return modelId;
  }

  // ------------------------------------------------------------------ lifecycle

  /** One state change guarded by a single caller and a single source state. */
  private Object transition(CallContext ctx, BigInteger modelId, Address authorized, State from, State to) {
    only(ctx, authorized);
    Slot model = existingModel(ctx, modelId);
    State current = state(ctx, model);
    if (current != from) throw ILLEGAL_TRANSITION.revert(modelId, current.uint8(), to.uint8());
    setState(ctx, model, modelId, current, to);
    return null;
  }

  private Object registerVersion(CallContext ctx, Args in) {
    BigInteger modelId = in.uint(0);
    Slot model = existingModel(ctx, modelId);
    Address owner = ctx.loadAddress(m(model, M.OWNER));
    only(ctx, owner);
    return register(ctx, modelId, in.list(1), model, owner);
  }

  private Object registerVersionFor(CallContext ctx, Args in) {
    only(ctx, Addresses.SERVICES);
    BigInteger modelId = in.uint(0);
    Slot model = existingModel(ctx, modelId);
    return register(ctx, modelId, in.list(1), model, ctx.loadAddress(m(model, M.OWNER)));
  }

  /** Checks {@code spec}, stores it as the model's next version and moves the model to Evaluation (a Deployed model stays). */
  private static BigInteger register(CallContext ctx, BigInteger modelId, List<Object> spec, Slot model, Address owner) {
    State current = state(ctx, model);
    State next = switch (current) {
      case APPROVED, TRAINING, EVALUATION -> State.EVALUATION;
      case DEPLOYED -> State.DEPLOYED;
      default -> throw ILLEGAL_TRANSITION.revert(modelId, current.uint8(), State.EVALUATION.uint8());
    };

    Bytes32 weightsRoot = Bytes32.wrap((Bytes) spec.get(0));
    Bytes32 basisRoot = Bytes32.wrap((Bytes) spec.get(1));
    Bytes32 indexRoot = Bytes32.wrap((Bytes) spec.get(2));
    BigInteger scale = (BigInteger) spec.get(4);
    BigInteger outputFunction = (BigInteger) spec.get(5);
    BigInteger tokenMode = (BigInteger) spec.get(6);
    BigInteger fixedIn = (BigInteger) spec.get(7);
    BigInteger fixedOut = (BigInteger) spec.get(8);
    Address host = (Address) spec.get(9);
    BigInteger inRate = (BigInteger) spec.get(10);
    BigInteger outRate = (BigInteger) spec.get(11);
    BigInteger basisRank = (BigInteger) spec.get(12);
    if (weightsRoot.isZero() || basisRoot.isZero() || indexRoot.isZero()) throw EMPTY_ROOT.revert();
    if (scale.signum() == 0) throw ZERO_SCALE.revert();
    if (basisRank.signum() == 0) throw ZERO_BASIS_RANK.revert();
    if (outputFunction.intValueExact() > OUTPUT_TEXT_SPANS) throw INVALID_OUTPUT_FUNCTION.revert(outputFunction);
    if (outputFunction.intValueExact() == OUTPUT_TEXT_SPANS) {
      if (!basisRoot.equals(TextTokenizer.COMMITMENT)) throw UNSUPPORTED_TOKENIZER.revert(basisRoot);
      if (tokenMode.intValueExact() != TOKEN_MODE_TEXT) throw INVALID_TOKEN_MODE.revert(tokenMode);
    }
    switch (tokenMode.intValueExact()) {
      case TOKEN_MODE_FIXED -> {
        if (fixedIn.compareTo(MAX_FIXED_TOKENS) > 0 || fixedOut.compareTo(MAX_FIXED_TOKENS) > 0) {
          throw INVALID_TOKEN_COUNTS.revert(tokenMode, fixedIn, fixedOut);
        }
      }
      case TOKEN_MODE_TEXT -> {
        if (fixedIn.signum() != 0 || fixedOut.signum() != 0) throw INVALID_TOKEN_COUNTS.revert(tokenMode, fixedIn, fixedOut);
      }
      default -> throw INVALID_TOKEN_MODE.revert(tokenMode);
    }
    checkRates(ctx, inRate, outRate);
    Address effectiveHost = host.equals(Address.ZERO) ? owner : host;

    BigInteger version = ctx.loadUint(m(model, M.VERSION_COUNT)).add(BigInteger.ONE);
    ctx.storeUint(m(model, M.VERSION_COUNT), version);
    Slot record = VERSIONS.mapping(modelId).mapping(version);
    List<Object> stored = new ArrayList<>(spec);
    stored.set(V.HOST.ordinal(), effectiveHost);
    for (int i = 0; i < SPEC_WORDS; i++) {
      Object value = stored.get(i);
      Slot slot = record.field(i);
      switch (value) {
        case Address a -> ctx.storeAddress(slot, a);
        case BigInteger b -> ctx.storeUint(slot, b);
        case Bytes b -> ctx.store(slot, Bytes32.wrap(b));
        default -> throw new IllegalStateException("unexpected VersionSpec field " + value);
      }
    }
    ctx.storeUint(v(record, V.REGISTERED_AT), BigInteger.valueOf(ctx.block().number()));
    if (next != current) setState(ctx, model, modelId, current, next);
    ctx.emit(VERSION_REGISTERED, modelId, version, stored);
    return version;
  }

  private Object deploy(CallContext ctx, Args in) {
    only(ctx, Addresses.TIMELOCK);
    BigInteger modelId = in.uint(0);
    BigInteger version = in.uint(1);
    Slot model = existingModel(ctx, modelId);
    State current = state(ctx, model);
    if (current != State.EVALUATION && current != State.DEPLOYED) {
      throw ILLEGAL_TRANSITION.revert(modelId, current.uint8(), State.DEPLOYED.uint8());
    }
    Slot record = existingVersion(ctx, model, modelId, version);
    BigInteger previous = ctx.loadUint(m(model, M.DEPLOYED_VERSION));
    if (current == State.DEPLOYED && previous.equals(version)) throw VERSION_ALREADY_DEPLOYED.revert(modelId, version);
    BigInteger have = ctx.loadUint(v(record, V.ATTESTATION_COUNT));
    BigInteger need = REQUIRED_ATTESTATIONS.read(ctx);
    if (have.compareTo(need) < 0) throw INSUFFICIENT_ATTESTATIONS.revert(modelId, version, have, need);
    BigInteger baseModelId = ctx.loadUint(m(model, M.BASE_MODEL_ID));
    if (baseModelId.signum() != 0) {
      State baseState = state(ctx, MODELS.mapping(baseModelId));
      if (baseState != State.DEPLOYED) throw BASE_NOT_DEPLOYED.revert(baseModelId, baseState.uint8());
    }
    ctx.storeUint(m(model, M.DEPLOYED_VERSION), version);
    if (current != State.DEPLOYED) setState(ctx, model, modelId, current, State.DEPLOYED);
    ctx.emit(VERSION_DEPLOYED, modelId, version, previous);
    return null;
  }

  private Object recordAttestation(CallContext ctx, Args in) {
    only(ctx, Addresses.PROVERS);
    BigInteger modelId = in.uint(0);
    BigInteger version = in.uint(1);
    Address attester = in.address(2);
    Slot record = existingVersion(ctx, modelId, version);
    if (attester.equals(Address.ZERO)) throw ZERO_ATTESTER.revert();
    Slot flag = attestedSlot(modelId, version, attester);
    if (ctx.loadBool(flag)) throw ALREADY_ATTESTED.revert(modelId, version, attester);
    ctx.storeBool(flag, true);
    Slot countSlot = v(record, V.ATTESTATION_COUNT);
    BigInteger count = ctx.loadUint(countSlot).add(BigInteger.ONE);
    ctx.storeUint(countSlot, count);
    ctx.emit(ATTESTATION_RECORDED, modelId, version, attester, count);
    return null;
  }

  // ------------------------------------------------------------------ owner settings

  private Object setRates(CallContext ctx, Args in) {
    BigInteger modelId = in.uint(0);
    BigInteger version = in.uint(1);
    Slot model = existingModel(ctx, modelId);
    only(ctx, ctx.loadAddress(m(model, M.OWNER)));
    Slot record = existingVersion(ctx, model, modelId, version);
    checkRates(ctx, in.uint(2), in.uint(3));
    ctx.storeUint(v(record, V.IN_RATE), in.uint(2));
    ctx.storeUint(v(record, V.OUT_RATE), in.uint(3));
    ctx.emit(RATES_SET, modelId, version, in.uint(2), in.uint(3));
    return null;
  }

  private Object setHost(CallContext ctx, Args in) {
    BigInteger modelId = in.uint(0);
    BigInteger version = in.uint(1);
    Slot model = existingModel(ctx, modelId);
    Address owner = ctx.loadAddress(m(model, M.OWNER));
    only(ctx, owner);
    Slot record = existingVersion(ctx, model, modelId, version);
    Address host = in.address(2).equals(Address.ZERO) ? owner : in.address(2);
    ctx.storeAddress(v(record, V.HOST), host);
    ctx.emit(HOST_SET, modelId, version, host);
    return null;
  }

  // ------------------------------------------------------------------ parameters

  private Object setMaxRates(CallContext ctx, Args in) {
    onlyTimelock(ctx);
    BigInteger maxIn = in.uint(0);
    BigInteger maxOut = in.uint(1);
    setParameter(ctx, MAX_IN_RATE, maxIn, BigInteger.ZERO, MAX_RATE_LIMIT);
    setParameter(ctx, MAX_OUT_RATE, maxOut, BigInteger.ZERO, MAX_RATE_LIMIT);
    return null;
  }

  private static void setParameter(CallContext ctx, Parameter p, BigInteger value, BigInteger min, BigInteger max) {
    new Governed.Bounded(p, min, max).check(value, PARAMETER_OUT_OF_RANGE);
    Governed.set(ctx, p, value, PARAMETER_SET);
  }

  private static void onlyTimelock(CallContext ctx) {
    Governed.requireTimelock(ctx, caller -> NOT_AUTHORIZED.revert(caller, Addresses.TIMELOCK));
  }

  // ------------------------------------------------------------------ views

  private Object inferenceTerms(CallContext ctx, Args in) {
    BigInteger modelId = in.uint(0);
    BigInteger version = in.uint(1);
    Slot model = existingModel(ctx, modelId);
    Slot record = existingVersion(ctx, model, modelId, version);
    Address owner = ctx.loadAddress(m(model, M.OWNER));
    BigInteger baseModelId = ctx.loadUint(m(model, M.BASE_MODEL_ID));
    boolean isAdapter = baseModelId.signum() != 0;
    boolean deployed = state(ctx, model) == State.DEPLOYED && ctx.loadUint(m(model, M.DEPLOYED_VERSION)).equals(version);
    Address baseOwner = Address.ZERO;
    if (isAdapter) {
      Slot base = MODELS.mapping(baseModelId);
      baseOwner = ctx.loadAddress(m(base, M.OWNER));
      deployed = deployed && state(ctx, base) == State.DEPLOYED;
    }
    BigInteger inRate = ctx.loadUint(v(record, V.IN_RATE)).min(MAX_IN_RATE.read(ctx));
    BigInteger outRate = ctx.loadUint(v(record, V.OUT_RATE)).min(MAX_OUT_RATE.read(ctx));
    return List.of(deployed, owner, baseOwner, ctx.loadAddress(v(record, V.HOST)), inRate, outRate,
        ctx.loadUint(v(record, V.TOKEN_MODE)), ctx.loadUint(v(record, V.FIXED_IN_TOKENS)), ctx.loadUint(v(record, V.FIXED_OUT_TOKENS)),
        isAdapter);
  }

  private Object modelView(CallContext ctx, Args in) {
    Slot model = existingModel(ctx, in.uint(0));
    return List.of(ctx.loadAddress(m(model, M.OWNER)), ctx.loadUint(m(model, M.BASE_MODEL_ID)), StorageString.read(ctx, m(model, M.NAME)),
        StorageString.read(ctx, m(model, M.METADATA_URI)), state(ctx, model).uint8(), ctx.loadUint(m(model, M.DEPLOYED_VERSION)),
        ctx.loadUint(m(model, M.VERSION_COUNT)), ctx.loadUint(m(model, M.PROPOSED_AT)));
  }

  private Object versionView(CallContext ctx, Args in) {
    Slot record = existingVersion(ctx, in.uint(0), in.uint(1));
    List<Object> spec = new ArrayList<>(SPEC_WORDS);
    for (V f : V.values()) {
      if (f.ordinal() >= SPEC_WORDS) break;
      Slot slot = v(record, f);
      spec.add(switch (f) {
        case WEIGHTS_ROOT, BASIS_ROOT, INDEX_ROOT -> ctx.load(slot);
        case HOST -> ctx.loadAddress(slot);
        default -> ctx.loadUint(slot);
      });
    }
    return List.of(spec, ctx.loadUint(v(record, V.ATTESTATION_COUNT)), ctx.loadUint(v(record, V.REGISTERED_AT)));
  }

  private Object datanetsOf(CallContext ctx, Args in) {
    Slot ids = m(existingModel(ctx, in.uint(0)), M.DATANET_IDS);
    int n = ctx.loadUint(ids).intValueExact();
    List<BigInteger> out = new ArrayList<>(n);
    Slot data = ids.arrayData(); // hashed once for the whole array
    for (int i = 0; i < n; i++) out.add(ctx.loadUint(data.offset(BigInteger.valueOf(i))));
    return out;
  }

  // ------------------------------------------------------------------ helpers

  private static void only(CallContext ctx, Address authorized) {
    if (!ctx.caller().equals(authorized)) throw NOT_AUTHORIZED.revert(ctx.caller(), authorized);
  }

  private static Slot existingModel(CallContext ctx, BigInteger modelId) {
    if (modelId.signum() == 0 || modelId.compareTo(ctx.loadUint(MODEL_COUNT)) > 0) throw UNKNOWN_MODEL.revert(modelId);
    return MODELS.mapping(modelId);
  }

  private static Slot existingVersion(CallContext ctx, BigInteger modelId, BigInteger version) {
    return existingVersion(ctx, existingModel(ctx, modelId), modelId, version);
  }

  private static Slot existingVersion(CallContext ctx, Slot model, BigInteger modelId, BigInteger version) {
    if (version.signum() == 0 || version.compareTo(ctx.loadUint(m(model, M.VERSION_COUNT))) > 0) {
      throw UNKNOWN_VERSION.revert(modelId, version);
    }
    return VERSIONS.mapping(modelId).mapping(version);
  }

  private static State state(Storage storage, Slot model) {
    return State.of(storage.loadUint(m(model, M.STATE)).intValueExact());
  }

  private static void setState(CallContext ctx, Slot model, BigInteger modelId, State from, State to) {
    ctx.storeUint(m(model, M.STATE), to.uint8());
    ctx.emit(STATE_CHANGED, modelId, from.uint8(), to.uint8());
  }

  private static void checkRates(CallContext ctx, BigInteger inRate, BigInteger outRate) {
    BigInteger maxIn = MAX_IN_RATE.read(ctx);
    BigInteger maxOut = MAX_OUT_RATE.read(ctx);
    if (inRate.compareTo(maxIn) > 0 || outRate.compareTo(maxOut) > 0) throw RATE_OUT_OF_BOUNDS.revert(inRate, outRate, maxIn, maxOut);
  }

  private static Slot attestedSlot(BigInteger modelId, BigInteger version, Address attester) {
    return ATTESTED.mapping(modelId).mapping(version).mapping(attester);
  }

  private static Slot m(Slot model, M field) {
    return model.field(field.ordinal());
  }

  private static Slot v(Slot record, V field) {
    return record.field(field.ordinal());
  }

  /** Reads, writes, the model's key and the log of approve, reject, markTraining and deprecate. */
  private static long transitionGas(GasSchedule s) {
    return 2 * s.storageRead() + s.storageWrite() + s.storageKey() + s.log(4, 0);
  }

  /** registerVersion's work; keys: the model, the two rate bounds (2 each), the version record (2). */
  private static long registerVersionGas(GasSchedule s) {
    return 8 * s.storageRead() + (SPEC_WORDS + 3) * s.storageWrite() + 7 * s.storageKey() + s.log(3, 32L * SPEC_WORDS) + s.log(4, 0);
  }

  /** Where a model's words live, for readers using {@code eth_getStorageAt}: the record's first word (its owner). */
  public static Slot modelSlot(BigInteger modelId) {
    return MODELS.mapping(modelId);
  }
}
