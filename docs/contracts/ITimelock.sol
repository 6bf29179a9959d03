// SPDX-License-Identifier: Apache-2.0
// Generated from the native contract's declarations; do not edit.
pragma solidity ^0.8.4;

/// @title ITimelock
/// @notice OpenLedger's Timelock and treasury: executes operations the Governor queued after a minimum delay and within
/// a grace period, as the sole caller of every privileged function; its balance is the treasury.
interface ITimelock {
    /// @notice Only `required` may call this function.
    error UnauthorizedCaller(address caller, address required);

    /// @notice The action lists differ in length, are empty, or hold more than 16 actions.
    error InvalidOperationLength(uint256 targets, uint256 values, uint256 calldatas);

    /// @notice Governance may only call declared functions of OpenLedger's native contracts (on the Governor and Timelock only their setters) or send plain OPEN transfers to other accounts.
    error ActionNotAllowed(uint256 index, address target, bytes4 selector);

    /// @notice The operation's state (0 Unset, 1 Waiting, 2 Ready, 3 Done, 4 Canceled, 5 Expired) does not allow this.
    error UnexpectedOperationState(bytes32 operationId, uint8 state);

    /// @notice Action `index` reverted with `reason` (empty if it halted); the whole operation was undone.
    error ActionFailed(uint256 index, bytes reason);

    /// @notice A parameter value is outside its allowed range.
    error ParameterOutOfRange(bytes32 name, uint256 value, uint256 minimum, uint256 maximum);

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

    /// @notice The Governor queued an operation; it may execute from `readyAtBlock` until `readyAtBlock + gracePeriod`.
    event OperationQueued(bytes32 indexed operationId, bytes32 indexed salt, uint256 actions, uint256 readyAtBlock);

    /// @notice One action of an operation ran (empty data: a plain OPEN transfer).
    event ActionExecuted(bytes32 indexed operationId, uint256 indexed index, address indexed target, uint256 value, bytes data);

    /// @notice Every action of the operation ran; it is Done and can never run again.
    event OperationExecuted(bytes32 indexed operationId);

    /// @notice The Governor canceled a queued operation.
    event OperationCanceled(bytes32 indexed operationId);

    /// @notice Governance changed a parameter; `name` is its ASCII name, right-padded.
    event ParameterChanged(bytes32 indexed name, uint256 oldValue, uint256 newValue);

    /// @notice Governor only. Queues the batch of actions under `salt` (the proposal id): it may execute from
    /// `readyAtBlock` = now + minDelay until gracePeriod blocks later. Every action must be allowed (ActionNotAllowed).
    function queue(address[] calldata targets, uint256[] calldata values, bytes[] calldata calldatas, bytes32 salt) external returns (bytes32 operationId, uint256 readyAtBlock);

    /// @notice Anyone. Runs a Ready operation's actions in order, each with this contract as msg.sender and the value
    /// from the treasury (empty calldata: a plain OPEN transfer), and marks it Done first, so it runs once.
    /// Any failing action undoes all of them (ActionFailed). Gas covers every action's own requirement.
    function execute(address[] calldata targets, uint256[] calldata values, bytes[] calldata calldatas, bytes32 salt) external;

    /// @notice Governor only. Cancels a Waiting or Ready operation; it can never execute.
    function cancel(bytes32 operationId) external;

    /// @notice The Timelock itself only (through a proposal). Sets minDelay for operations queued from now on (0 to 2^32-1 blocks).
    function updateDelay(uint256 newDelay) external;

    /// @notice The Timelock itself only (through a proposal). Sets how long a ready operation stays executable (1 to 2^32-1 blocks); applies to every operation.
    function updateGracePeriod(uint256 newGracePeriod) external;

    /// @notice Blocks from queueing until an operation may execute (default 86,400).
    function getMinDelay() external view returns (uint256);

    /// @notice Blocks a ready operation stays executable before it expires (default 604,800).
    function gracePeriod() external view returns (uint256);

    /// @notice The operation id: keccak256(abi.encode(targets, values, calldatas, salt)).
    function hashOperationBatch(address[] calldata targets, uint256[] calldata values, bytes[] calldata calldatas, bytes32 salt) external pure returns (bytes32);

    /// @notice 0 Unset, 1 Waiting, 2 Ready, 3 Done, 4 Canceled, 5 Expired.
    function operationState(bytes32 operationId) external view returns (uint8);

    /// @notice The block from which the operation may execute; 0 if it was never queued.
    function operationReadyAt(bytes32 operationId) external view returns (uint256);
}
