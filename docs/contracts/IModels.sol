// SPDX-License-Identifier: Apache-2.0
// Generated from the native contract's declarations; do not edit.
pragma solidity ^0.8.4;

/// @title IModels
/// @notice OpenLedger's model registry: base models and OpenLoRA adapters, their governance lifecycle
/// (Proposed, Approved, Training, Evaluation, Deployed, Deprecated; Rejected), trained versions with the
/// roots attribution proofs are checked against, per-version rates within governance bounds, and index attestations.
interface IModels {
    struct Terms {
        bool deployed;
        address owner;
        address baseOwner;
        address host;
        uint256 inRate;
        uint256 outRate;
        uint8 tokenMode;
        uint256 fixedInTokens;
        uint256 fixedOutTokens;
        bool isAdapter;
    }

    struct VersionSpec {
        bytes32 weightsRoot;
        bytes32 basisRoot;
        bytes32 indexRoot;
        uint256 damping;
        uint256 scale;
        uint8 outputFunction;
        uint8 tokenMode;
        uint256 fixedInTokens;
        uint256 fixedOutTokens;
        address host;
        uint256 inRate;
        uint256 outRate;
        uint32 basisRank;
    }

    struct Model {
        address owner;
        uint256 baseModelId;
        string name;
        string metadataURI;
        uint8 state;
        uint256 deployedVersion;
        uint256 versionCount;
        uint256 proposedAt;
    }

    /// @notice Only `authorized` may call this function (the Timelock, the Services or Provers contract, or the model's owner).
    error NotAuthorized(address caller, address authorized);

    /// @notice No model has this id (ids start at 1).
    error UnknownModel(uint256 modelId);

    /// @notice The model has no version with this number (versions start at 1).
    error UnknownVersion(uint256 modelId, uint256 version);

    /// @notice The model's current state does not allow this action. States: 0 Proposed, 1 Approved, 2 Rejected, 3 Training,
    /// 4 Evaluation, 5 Deployed, 6 Deprecated; `requested` is the state the action leads to.
    error IllegalTransition(uint256 modelId, uint8 current, uint8 requested);

    /// @notice An adapter must be built on a base model, not on another adapter.
    error BaseIsAdapter(uint256 baseModelId);

    /// @notice An adapter can be proposed or deployed only while its base model is Deployed.
    error BaseNotDeployed(uint256 baseModelId, uint8 state);

    /// @notice A model must name at least one datanet it is trained on.
    error EmptyDatanets();

    /// @notice A model may name at most maxDatanetsPerModel datanets.
    error TooManyDatanets(uint256 count, uint256 max);

    /// @notice No datanet has this id (ids start at 1 and run to the Datanets contract's count).
    error InvalidDatanetId(uint256 datanetId);

    /// @notice A datanet is named twice.
    error DuplicateDatanet(uint256 datanetId);

    /// @notice The name must be 1 to `max` bytes of UTF-8.
    error InvalidName(uint256 length, uint256 max);

    /// @notice The metadata URI must be at most `max` bytes of UTF-8.
    error MetadataURITooLong(uint256 length, uint256 max);

    /// @notice A rate exceeds its governance bound (wei per 1,000 tokens).
    error RateOutOfBounds(uint256 inRate, uint256 outRate, uint256 maxInRate, uint256 maxOutRate);

    /// @notice The weights, basis and index roots must all be non-zero.
    error EmptyRoot();

    /// @notice The quantization scale must be non-zero.
    error ZeroScale();

    /// @notice The attribution basis must have at least one row.
    error ZeroBasisRank();

    /// @notice Output functions: 0 classifier margin of the returned class, 1 text log-probability, 2 text spans.
    error InvalidOutputFunction(uint8 outputFunction);

    /// @notice A text-spans version (output function 2) registers the commitment of the tokenizer its spans and token counts use
    /// as basisRoot; this fork knows ol-bytes-v1 only, and such a version counts tokens in mode 1 (text).
    error UnsupportedTokenizer(bytes32 tokenizer);

    /// @notice Token modes: 0 fixed per-version counts (classifier), 1 text (counted with the committed tokenizer).
    error InvalidTokenMode(uint8 tokenMode);

    /// @notice Fixed token counts must be below 2^64 in mode 0 and zero in mode 1 (text counts come from the tokenizer).
    error InvalidTokenCounts(uint8 tokenMode, uint256 fixedInTokens, uint256 fixedOutTokens);

    /// @notice The attester cannot be the zero address.
    error ZeroAttester();

    /// @notice Each attester attests a version at most once.
    error AlreadyAttested(uint256 modelId, uint256 version, address attester);

    /// @notice A version is deployed only once its index has requiredAttestations attestations.
    error InsufficientAttestations(uint256 modelId, uint256 version, uint256 have, uint256 need);

    /// @notice This version is already the one the model serves.
    error VersionAlreadyDeployed(uint256 modelId, uint256 version);

    /// @notice A governance parameter must lie within [min, max].
    error ParameterOutOfRange(bytes32 name, uint256 value, uint256 min, uint256 max);

    /// @notice No function of this contract has that selector.
    error UnknownSelector(bytes4 selector);

    /// @notice The calldata is shorter than a selector or does not decode as the function's parameters.
    error MalformedCalldata();

    /// @notice Value was sent to a function that does not accept it.
    error NotPayable(uint256 value);

    /// @notice A state change was attempted in a static call (eth_call, STATICCALL, a view function).
    error WriteInStaticCall();

    /// @notice Native contracts cannot be reached by DELEGATECALL or CALLCODE: their storage lives at their own address.
    error DelegateCallRefused();

    /// @notice A transfer needs more OPEN than the account holds.
    error InsufficientBalance(address account, uint256 balance, uint256 needed);

    /// @notice A native contract called an address that holds no native contract.
    error NoNativeContract(address target);

    /// @notice A nested native call ran out of gas or faulted.
    error NestedCallHalted(address target);

    /// @notice A model was proposed (baseModelId 0: a base model; otherwise an adapter of that base model). It starts Proposed.
    event ModelProposed(uint256 indexed modelId, address indexed owner, uint256 indexed baseModelId, uint256[] datanetIds, string name, string metadataURI);

    /// @notice The model moved through its lifecycle (0 Proposed, 1 Approved, 2 Rejected, 3 Training, 4 Evaluation, 5 Deployed, 6 Deprecated).
    event ModelStateChanged(uint256 indexed modelId, uint8 indexed from, uint8 indexed to);

    /// @notice The owner registered a trained version; `spec.host` is the effective host (the owner when registered as zero).
    event VersionRegistered(uint256 indexed modelId, uint256 indexed version, VersionSpec spec);

    /// @notice Governance made `version` the one the model serves (previousVersion 0: the first deployment).
    event VersionDeployed(uint256 indexed modelId, uint256 indexed version, uint256 previousVersion);

    /// @notice A bonded prover attested that it rebuilt the version's basis and index; `count` attestations so far.
    event AttestationRecorded(uint256 indexed modelId, uint256 indexed version, address indexed attester, uint256 count);

    /// @notice The owner changed a version's rates (wei per 1,000 tokens); pending requests keep their snapshot.
    event RatesSet(uint256 indexed modelId, uint256 indexed version, uint256 inRate, uint256 outRate);

    /// @notice The owner changed the node that serves a version; pending requests keep their snapshot.
    event HostSet(uint256 indexed modelId, uint256 indexed version, address indexed host);

    /// @notice Governance changed a parameter (name as a right-padded ASCII bytes32).
    event ParameterSet(bytes32 indexed name, uint256 value);

    /// @notice Proposes a model owned by the caller: a base model (baseModelId 0) or an OpenLoRA adapter of a Deployed base model
    /// that is not itself an adapter. datanetIds: 1 to maxDatanetsPerModel distinct non-zero ids; name 1 to 64 bytes;
    /// metadataURI at most 256 bytes. Ids start at 1; the model starts Proposed.
    function propose(uint256 baseModelId, uint256[] calldata datanetIds, string calldata name, string calldata metadataURI) external returns (uint256 modelId);

    /// @notice Governance approves a Proposed model (Proposed to Approved): data collection opens. Timelock only.
    function approve(uint256 modelId) external;

    /// @notice Governance rejects a Proposed model (Proposed to Rejected, final). Timelock only.
    function reject(uint256 modelId) external;

    /// @notice A ModelFactory job was funded for an Approved model (Approved to Training). Services contract only.
    function markTraining(uint256 modelId) external;

    /// @notice The owner registers a trained version with the roots proofs are checked against. Approved, Training or Evaluation
    /// move to Evaluation; a Deployed model stays Deployed and keeps serving its deployed version until governance deploys
    /// another. Host zero means the owner. Rates within maxInRate and maxOutRate. Immutable except host and rates.
    /// A text-spans version (outputFunction 2) registers its corpus root as indexRoot, the tokenizer commitment
    /// (ol-bytes-v1) as basisRoot and minTokens as basisRank, with tokenMode 1.
    function registerVersion(uint256 modelId, VersionSpec calldata spec) external returns (uint256 version);

    /// @notice Registers a version on the owner's behalf, exactly as registerVersion would: the version a ModelFactory trainer
    /// delivers, so that a delivery never waits on the owner. Host zero means the owner, who keeps setHost and setRates.
    /// Services contract only.
    function registerVersionFor(uint256 modelId, VersionSpec calldata spec) external returns (uint256 version);

    /// @notice Governance deploys an attested version: Evaluation to Deployed, or, on a Deployed model, switches the served
    /// version. The version needs requiredAttestations attestations; an adapter's base model must be Deployed. Timelock only.
    function deploy(uint256 modelId, uint256 version) external;

    /// @notice Governance retires a Deployed model (Deployed to Deprecated, final): inference stops, also on its adapters. Timelock only.
    function deprecate(uint256 modelId) external;

    /// @notice Records that `attester` rebuilt and attests the version's basis and index; once per attester and version. Provers contract only.
    function recordAttestation(uint256 modelId, uint256 version, address attester) external;

    /// @notice The owner sets a version's rates (wei per 1,000 tokens) within the governance bounds. Pending inference requests
    /// are unaffected: Inference snapshots the terms when a request is made.
    function setRates(uint256 modelId, uint256 version, uint256 inRate, uint256 outRate) external;

    /// @notice The owner names the node that serves a version (zero: the owner). Pending inference requests keep the host they
    /// snapshotted when they were made.
    function setHost(uint256 modelId, uint256 version, address host) external;

    /// @notice Governance sets the rate bounds (wei per 1,000 tokens, each at most 2^128 - 1). Rates above a lowered bound are
    /// served at the bound (inferenceTerms clamps them); pending requests keep their snapshot. Timelock only.
    function setMaxRates(uint256 maxInRate, uint256 maxOutRate) external;

    /// @notice Governance sets how many attestations a version needs before it can be deployed (1 to 64). Timelock only.
    function setRequiredAttestations(uint256 count) external;

    /// @notice Governance sets how many datanets a proposal may name (1 to 32); existing models keep theirs. Timelock only.
    function setMaxDatanetsPerModel(uint256 max) external;

    /// @notice What Inference snapshots when a request is made. deployed: the model is Deployed, this is its deployed version and,
    /// for an adapter, the base model is Deployed too. baseOwner: the base model's owner for an adapter, else zero. Rates
    /// in wei per 1,000 tokens, clamped to the current governance bounds. Reverts UnknownModel or UnknownVersion.
    function inferenceTerms(uint256 modelId, uint256 version) external view returns (Terms memory terms);

    /// @notice A model: owner, base model (0 for a base model), name, metadata URI, state, deployed version (0 if none), versions registered, proposal block.
    function model(uint256 modelId) external view returns (Model memory model);

    /// @notice A registered version (host: the effective host), how many attestations it has, and the block it was registered in.
    function version(uint256 modelId, uint256 version) external view returns (VersionSpec memory spec, uint256 attestationCount, uint256 registeredAt);

    /// @notice How many models were proposed; ids run from 1 to this.
    function modelCount() external view returns (uint256 count);

    /// @notice The datanets the model is trained on, in proposal order.
    function datanetsOf(uint256 modelId) external view returns (uint256[] memory datanetIds);

    /// @notice How many attestations the version has.
    function attestations(uint256 modelId, uint256 version) external view returns (uint256 count);

    /// @notice Whether `attester` attested the version.
    function hasAttested(uint256 modelId, uint256 version, address attester) external view returns (bool attested);

    /// @notice The governance parameters in force (defaults until set: 10 OPEN, 10 OPEN, 1, 16).
    function parameters() external view returns (uint256 maxInRate, uint256 maxOutRate, uint256 requiredAttestations, uint256 maxDatanetsPerModel);
}
