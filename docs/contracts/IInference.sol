// SPDX-License-Identifier: Apache-2.0
// Generated from the native contract's declarations; do not edit.
pragma solidity ^0.8.4;

/// @title IInference
/// @notice Paid inference with exact, proof-gated fee settlement.
/// fee = ceil((inTokens * inRate + outTokens * outRate) / 1000) + platformFee, split per DESIGN section 4.
interface IInference {
    struct Request {
        address requester;
        uint256 modelId;
        uint256 version;
        bytes32 inputHash;
        uint256 inTokens;
        uint256 maxOutTokens;
        uint256 escrow;
        uint256 maxFee;
        uint8 state;
        uint64 requestBlock;
        uint64 deadline;
        address host;
        bytes32 outputHash;
        uint256 outTokens;
        uint256 fee;
    }

    /// @notice No request has this id.
    error UnknownRequest(uint256 requestId);

    /// @notice The request is not in a state that allows this (1 Requested, 2 Resulted, 3 Settled, 4 Refunded).
    error WrongRequestState(uint256 requestId, uint8 state);

    /// @notice Inference is allowed only on the deployed version of a Deployed model.
    error ModelNotDeployed(uint256 modelId, uint256 version);

    /// @notice A fixed-count (classifier) version takes exactly its registered token counts.
    error TokenCountsMismatch(uint256 expectedIn, uint256 expectedOut);

    /// @notice The value sent is below the maximum fee of the request.
    error InsufficientEscrow(uint256 sent, uint256 maxFee);

    /// @notice Only the version's registered host posts results.
    error NotHost(address caller, address host);

    /// @notice The result reports more output tokens than the request allowed.
    error TooManyOutputTokens(uint256 outTokens, uint256 maxOutTokens);

    /// @notice The request's deadline has passed; it can only be refunded.
    error DeadlinePassed(uint256 requestId, uint64 deadline);

    /// @notice A request is refundable only after its deadline.
    error NotExpired(uint256 requestId, uint64 deadline);

    /// @notice The request has a final proof: it is settled, not refunded, even after its deadline.
    error ProvenSettleInstead(uint256 requestId);

    /// @notice No verified proof whose challenge window has passed: nothing is paid before that.
    error ProofNotFinal(uint256 requestId);

    /// @notice Only the Timelock (governance) may call this.
    error NotTimelock(address caller);

    /// @notice The parameter value is out of range.
    error BadParameter(bytes32 name, uint256 value);

    /// @notice A request must commit to its input.
    error ZeroInputHash();

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

    /// @notice A request escrowed its maximum fee.
    event Requested(uint256 indexed requestId, address indexed requester, uint256 indexed modelId, uint256 version, bytes32 inputHash, uint256 escrow, uint256 maxFee);

    /// @notice The host posted the output; `fee` is what settlement will charge.
    event Resulted(uint256 indexed requestId, bytes32 outputHash, uint256 outTokens, uint256 fee);

    /// @notice The fee was split and the unused escrow refunded.
    event Settled(uint256 indexed requestId, address indexed prover, uint256 fee, uint256 refund);

    /// @notice One part of a settled fee: role 0 owner, 1 base owner, 2 prover, 3 stakers, 4 treasury, 5 refund.
    event Paid(uint256 indexed requestId, address indexed account, uint8 indexed role, uint256 amount);

    /// @notice A contributor's share of the pool, from its verified influence score.
    event ContributorPaid(uint256 indexed requestId, address indexed contributor, uint256 score, uint256 amount);

    /// @notice An expired request was refunded in full.
    event Refunded(uint256 indexed requestId, uint256 amount);

    /// @notice Governance changed a parameter.
    event ParameterSet(bytes32 indexed name, uint256 value);

    /// @notice Requests an inference on a deployed model version: commits the input hash, escrows at least the maximum fee (sent as value) and snapshots the fee terms.
    function request(uint256 modelId, uint256 version, bytes32 inputHash, uint256 inTokens, uint256 maxOutTokens) external payable returns (uint256 requestId);

    /// @notice The version's host posts the output hash and its token count, fixing the fee.
    function submitResult(uint256 requestId, bytes32 outputHash, uint256 outTokens) external;

    /// @notice Pays a resulted request whose proof is final: splits the fee among owner, stakers, contributors, prover and treasury, and refunds the unused escrow. Anyone may call.
    function settle(uint256 requestId) external;

    /// @notice Refunds the whole escrow of an unsettled request after its deadline, and releases the prover's claim. Anyone may call.
    function refund(uint256 requestId) external;

    /// @notice A request and its state.
    function getRequest(uint256 requestId) external view returns (Request memory request);

    /// @notice Requests made so far.
    function requestCount() external view returns (uint256);

    /// @notice The fee of an inference at the current terms.
    function quote(uint256 modelId, uint256 version, uint256 inTokens, uint256 outTokens) external view returns (uint256 fee);

    /// @notice Governance sets the platform fee (wei per request). Pending requests keep their snapshot.
    function setPlatformFee(uint256 platformFee) external;

    /// @notice Governance sets the fee split in basis points; owner + stakers + contributors must be 10000. Pending requests keep their snapshot.
    function setFeeSplit(uint16 ownerBp, uint16 stakersBp, uint16 contributorsBp, uint16 proverBp, uint16 baseOwnerBp) external;

    /// @notice Governance sets how many blocks a request has before it refunds (at least 10).
    function setRequestTimeout(uint64 blocks) external;

    /// @notice The current fee terms and timeout (new requests snapshot these).
    function parameters() external view returns (uint256 platformFee, uint16 ownerBp, uint16 stakersBp, uint16 contributorsBp, uint16 proverBp, uint16 baseOwnerBp, uint64 requestTimeout);
}
