// SPDX-License-Identifier: Apache-2.0
// Generated from the native contract's declarations; do not edit.
pragma solidity ^0.8.4;

/// @title IProvers
/// @notice Prover bonds, claims, verified attribution proofs, challenges and attestations.
interface IProvers {
    /// @notice The amount must be positive.
    error ZeroAmount();

    /// @notice The prover's unlocked, not unbonding bond is below what this needs.
    error InsufficientBond(uint256 available, uint256 needed);

    /// @notice Only a resulted request before its deadline can be claimed.
    error NotClaimable(uint256 requestId, uint8 requestState);

    /// @notice Another prover holds the exclusive claim until that block.
    error ClaimedByAnother(uint256 requestId, address prover, uint64 until);

    /// @notice The request already has a verified proof.
    error AlreadyProven(uint256 requestId);

    /// @notice Only the claiming prover may do this.
    error NotClaimant(uint256 requestId, address caller);

    /// @notice The claim window has passed.
    error ClaimExpired(uint256 requestId, uint64 expiredAt);

    /// @notice No attribution proof system is active in this fork yet: nothing can be proven, so no contributor is paid.
    error ProofSystemUnavailable();

    /// @notice A proof pays at most M contributors.
    error TooManyContributors(uint256 count, uint256 max);

    /// @notice Only a proven request inside its challenge window, without an open challenge, can be challenged.
    error NotChallengeable(uint256 requestId);

    /// @notice A challenge must post exactly the challenger bond.
    error WrongChallengerBond(uint256 sent, uint256 required);

    /// @notice The request has no open challenge.
    error NoOpenChallenge(uint256 requestId);

    /// @notice Unbonded OPEN can be withdrawn from that block on.
    error UnbondingNotReady(uint64 readyAt);

    /// @notice No bond is unbonding.
    error NothingUnbonding();

    /// @notice Only the Inference contract may call this.
    error OnlyInference(address caller);

    /// @notice Only the Timelock (governance) may call this.
    error NotTimelock(address caller);

    /// @notice Unknown parameter, or a value out of range.
    error BadParameter(bytes32 name, uint256 value);

    /// @notice One-step fraud proofs check logistic-regression classifier versions (output function 0); use challenge() otherwise.
    error UnsupportedChallenge(uint8 outputFunction);

    /// @notice An item of the evidence does not hash to what the chain committed: 0 weights (weightsRoot), 1 input (inputHash),
    /// 2 proof (the stored proof hash), 3 basis row (basisRoot), 4 leaf (indexRoot). Nothing changes.
    error EvidenceMismatch(uint8 item, bytes32 expected, bytes32 got);

    /// @notice An item of the evidence (numbered as in EvidenceMismatch) does not decode. Nothing changes.
    error MalformedEvidence(uint8 item);

    /// @notice ψ has k coordinates, numbered from 0.
    error CoordinateOutOfRange(uint256 coordinate, uint256 k);

    /// @notice The proof includes this leaf: it was not omitted.
    error LeafIncluded(uint256 leafIndex);

    /// @notice The proof does not follow the v1 layout (docs/attribution.md §6): it ends early, runs on, or holds an impossible value at this byte.
    error MalformedProof(uint256 offset);

    /// @notice The proof's first byte names a format this fork does not verify (v1 only).
    error UnsupportedProofVersion(uint8 version);

    /// @notice The proof is bound to another chain, contract, request, model version, input, output or prover.
    error WrongBinding(bytes32 expected, bytes32 got);

    /// @notice The proof's k differs from the version's registered basis rank.
    error WrongBasisRank(uint256 expected, uint256 got);

    /// @notice The version's index has fewer attestations than governance requires now; more attesters can make it provable.
    error VersionNotAttested(uint256 modelId, uint256 version, uint256 attestations, uint256 required);

    /// @notice A proof includes at most M leaves.
    error TooManyLeaves(uint256 count, uint256 max);

    /// @notice A leaf index is not below the proof's leaf count.
    error LeafIndexOutOfRange(uint256 leafIndex, uint256 leafCount);

    /// @notice A leaf is included twice.
    error DuplicateLeaf(uint256 leafIndex);

    /// @notice The multiproof has too few or too many hashes for these leaves in a tree of this size.
    error MultiproofSize(uint256 given);

    /// @notice The leaves, leaf count and multiproof do not hash to the version's registered index root.
    error IndexRootMismatch(bytes32 expected, bytes32 computed);

    /// @notice A declared score is not ψ · u recomputed exactly.
    error ScoreMismatch(uint256 leafIndex, int256 declared, int256 computed);

    /// @notice The leaf at this position does not follow its predecessor in (score descending, leaf index ascending) order.
    error OrderViolation(uint256 position);

    /// @notice Only positive influence is paid: every included score must be above zero.
    error ScoreNotPositive(uint256 leafIndex, int256 score);

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

    /// @notice A prover added bond.
    event Bonded(address indexed prover, uint256 amount, uint256 total);

    /// @notice Bond began unbonding.
    event UnbondingStarted(address indexed prover, uint256 amount, uint64 readyAt);

    /// @notice Unbonded OPEN was withdrawn.
    event BondWithdrawn(address indexed prover, uint256 amount);

    /// @notice A prover claimed a request; its bond is locked until settlement, refund or slashing.
    event Claimed(uint256 indexed requestId, address indexed prover, uint256 locked, uint64 until);

    /// @notice A proof verified on-chain; it becomes final after the challenge window.
    event ProofAccepted(uint256 indexed requestId, address indexed prover, bytes32 proofHash, uint256 contributors, uint64 challengeEnds);

    /// @notice A verified proof was challenged; settlement waits for the outcome.
    event Challenged(uint256 indexed requestId, address indexed challenger, bytes32 evidenceHash);

    /// @notice Governance decided a challenge.
    event ChallengeResolved(uint256 indexed requestId, bool proverFaulted, uint256 slashed, uint256 toChallenger);

    /// @notice A settled or refunded request released its claim.
    event ClaimReleased(uint256 indexed requestId, address indexed prover, uint256 unlocked);

    /// @notice A one-step fraud proof (kind 0 output, 1 psi coordinate, 2 omitted leaf) showed the proof wrong: the prover was slashed and the request reopened.
    event FraudProven(uint256 indexed requestId, address indexed challenger, uint8 kind, uint256 slashed, uint256 toChallenger);

    /// @notice A one-step fraud proof found the proof right: the challenger's bond went to the prover.
    event ChallengeFailed(uint256 indexed requestId, address indexed challenger, uint8 kind, uint256 forfeited);

    /// @notice Governance changed a parameter.
    event ParameterSet(bytes32 indexed name, uint256 value);

    /// @notice Adds the value sent to the caller's prover bond.
    function bond() external payable;

    /// @notice Moves unlocked bond into unbonding; it can be withdrawn after the unbonding period (and is no longer usable for claims).
    function startUnbonding(uint256 amount) external;

    /// @notice Withdraws bond whose unbonding period has passed.
    function withdrawBond() external returns (uint256 amount);

    /// @notice Claims a resulted request for proving, locking bondMultiple x its maximum fee of the caller's bond.
    function claim(uint256 requestId) external;

    /// @notice The claimant submits the attribution proof; it is verified on-chain before it is recorded.
    function submitProof(uint256 requestId, bytes calldata proof) external;

    /// @notice Challenges a verified proof inside its window, posting the challenger bond.
    function challenge(uint256 requestId, bytes32 evidenceHash) external payable;

    /// @notice Fraud proof, one step (logistic-regression versions): the version's committed weights, run on the committed input,
    /// do not give the output the host posted and the prover proved. Posts the challenger bond: if the output is right, the
    /// bond goes to the prover; if not, the prover's locked bond is slashed and the request reopens.
    function challengeOutput(uint256 requestId, bytes calldata weights, bytes calldata input) external payable;

    /// @notice Fraud proof, one step (logistic-regression versions): coordinate j of the proof's ψ is not rs(Bq[j] · ∇f(x), e_ψ)
    /// recomputed from the committed weights, input and basis row j (with its Merkle proof against the basis root).
    /// Bond and outcome as challengeOutput.
    function challengePsi(uint256 requestId, bytes calldata proof, uint256 coordinate, bytes calldata weights, bytes calldata input, bytes calldata basisRow, bytes32[] calldata basisProof) external payable;

    /// @notice Fraud proof, one step: an index leaf the proof left out (with its Merkle proof against the index root) has a
    /// positive score and either the proof holds fewer than 16 leaves or the leaf outranks its last one. Bond and outcome
    /// as challengeOutput.
    function challengeOmission(uint256 requestId, bytes calldata proof, uint256 leafIndex, bytes calldata leaf, bytes32[] calldata leafProof) external payable;

    /// @notice Governance decides an open challenge (until on-chain fraud proofs arrive).
    function resolveChallenge(uint256 requestId, bool proverFaulted) external;

    /// @notice Inference releases a request's claim after settlement or refund, unlocking the bond and returning any open challenger bond.
    function release(uint256 requestId) external;

    /// @notice The verified (contributor, score) list of a request, and whether it is final (challenge window passed, no open challenge).
    function verifiedAttribution(uint256 requestId) external view returns (address prover, bool isFinal, address[] memory contributors, uint256[] memory scores);

    /// @notice A bonded prover attests that it rebuilt a version's basis and index leaves within one quantization step.
    function attest(uint256 modelId, uint256 version) external;

    /// @notice A prover's bond: total, locked by claims, unbonding, and when the unbonding part is withdrawable.
    function bondOf(address prover) external view returns (uint256 amount, uint256 locked, uint256 unbonding, uint64 readyAt);

    /// @notice The claim on a request (state 0 none, 1 claimed, 2 proven, 3 challenged).
    function claimOf(uint256 requestId) external view returns (address prover, uint64 claimedAt, uint64 challengeEnds, uint8 state, uint256 locked, address challenger);

    /// @notice The governance parameters provers plan by: the bond a claim locks (basis points of the maximum fee), the claim and challenge windows (blocks), the challenger bond (wei) and share (bp), the unbonding period (blocks), the attester minimum bond (wei).
    function parameters() external view returns (uint256 bondMultipleBp, uint256 claimWindow, uint256 challengeWindow, uint256 challengerBond, uint256 challengerShareBp, uint256 unbondingBlocks, uint256 minAttesterBond);

    /// @notice Governance sets bondMultipleBp, claimWindow, challengeWindow, challengerBond, challengerShareBp, unbondingBlocks or minAttesterBond.
    function setParameter(bytes32 name, uint256 value) external;
}
