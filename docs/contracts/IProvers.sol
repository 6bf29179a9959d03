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

    /// @notice This one-step fraud proof does not apply to the version's output function: challengeOutput, challengePsi and challengeOmission check classifier versions (0), challengeSpan text-spans versions (2); use challenge() otherwise.
    error UnsupportedChallenge(uint8 outputFunction);

    /// @notice The version is an OpenLoRA float adapter (its weights blob begins with "OLA1"), which the chain cannot recompute, so
    /// challengeOutput and challengePsi refuse it (an integer OLA2 adapter is recomputed like any committed model); and
    /// openLeafChallenge refuses every adapter model (one with a baseModelId): its opening carries no weights to tell OLA1 from
    /// OLA2. challengeOmission needs only the index and works for adapters. Nothing changes.
    error AdapterNotChallengeable(uint256 modelId, uint256 version);

    /// @notice An item of the evidence does not hash to what the chain committed: 0 weights (weightsRoot), 1 input (inputHash),
    /// 2 proof (the stored proof hash), 3 basis row (basisRoot), 4 leaf (indexRoot), 5 contribution leaves or a contributions-tree
    /// node's preimage (the leaf's contributionsRoot, or the node a bisected leaf challenge disputes), 6 partial sums (or a
    /// node's claimed split), 7 example values (the hashes a leaf challenge stored), 8 contribution content
    /// (its contentHash), 9 example record (the hash the upload stored), 10 stretch (challengeSpan's span index and byte
    /// range: a listed span, contained in the range, the range on the output's token boundaries). Nothing changes.
    error EvidenceMismatch(uint8 item, bytes32 expected, bytes32 got);

    /// @notice An item of the evidence (numbered as in EvidenceMismatch) does not decode. Nothing changes.
    error MalformedEvidence(uint8 item);

    /// @notice ψ has k coordinates, numbered from 0.
    error CoordinateOutOfRange(uint256 coordinate, uint256 k);

    /// @notice The proof includes this leaf: it was not omitted.
    error LeafIncluded(uint256 leafIndex);

    /// @notice A leaf-coordinate challenge showed this version's index wrong: nothing more is proven or settled against it.
    error VersionFaulty(uint256 modelId, uint256 version);

    /// @notice The claimed partial sums round to the registered coordinate: there is nothing to challenge.
    error LeafClaimAgrees(int64 claimedSum, int16 coordinate);

    /// @notice Not this move's turn. States: 0 none, 1 open (awaiting a dispute; in a bisected game, of the last opened node's
    /// children), 2 disputed (awaiting the descent, or in a bisected game the split or the descent), 3 uploading,
    /// 4 picking (awaiting the defender's step), 5 challenger won, 6 challenger lost.
    error WrongLeafChallengeState(uint256 gameId, uint8 state, uint8 required);

    /// @notice The response window of this phase ended at that block; only timeoutLeafChallenge can move the game now.
    error LeafChallengeExpired(uint256 gameId, uint64 deadline);

    /// @notice The phase's response window runs until that block: the game cannot be timed out yet.
    error LeafChallengePending(uint256 gameId, uint64 deadline);

    /// @notice Only the model's owner or an attester of the version may dispute, and only the disputing defender may take the step.
    error NotDefender(uint256 gameId, address caller);

    /// @notice Only the challenger makes this move.
    error NotChallenger(uint256 gameId, address caller);

    /// @notice A contribution or example index beyond the game's count (numbered from 0).
    error PartOutOfRange(uint256 index, uint256 count);

    /// @notice A contribution chunk must continue where the upload stands (or restart at offset 0).
    error UploadOutOfOrder(uint256 offset, uint256 expected);

    /// @notice The chunk completes another number of example records than the call declared (and paid gas for).
    error WrongRecordCount(uint256 declared, uint256 completed);

    /// @notice splitLeafChallenge moves only a game opened with openLeafBisection; a game opened with its contribution list descends at once.
    error NotBisected(uint256 gameId);

    /// @notice A version records at most this many attesters, so slashing them fits one transaction.
    error TooManyAttesters(uint256 max);

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

    /// @notice The span proof does not follow the v2 layout (docs/text-attribution.md §6): it ends early, runs on, or holds an impossible value at this byte.
    error MalformedSpanProof(uint256 offset);

    /// @notice Text-spans versions (output function 2) are proven by v2 span proofs only, every other version by v1 gradient proofs.
    error ProofKindMismatch(uint8 proofVersion, uint8 outputFunction);

    /// @notice The proof's input does not hash to the request's inputHash.
    error InputMismatch(bytes32 expected, bytes32 got);

    /// @notice The proof's output does not hash to the outputHash the host posted.
    error OutputMismatch(bytes32 expected, bytes32 got);

    /// @notice A reported token count (0 the request's inTokens, 1 the result's outTokens) is not the count of the committed text under the version's tokenizer: the request cannot be proven and refunds at its deadline.
    error TokenCountMismatch(uint8 which, uint256 reported, uint256 derived);

    /// @notice Opened chunks are listed by strictly ascending leaf index; this one does not follow its predecessor.
    error ChunksNotAscending(uint256 slot);

    /// @notice The opened chunks, leaf count and multiproof do not hash to the version's corpus root: a chunk is altered or not in the corpus.
    error CorpusRootMismatch(bytes32 expected, bytes32 computed);

    /// @notice A span is empty or reaches past the end of the output.
    error SpanOutOfOutput(uint256 span, uint256 startByte, uint256 endByte, uint256 outputBytes);

    /// @notice A span starts or ends at an output byte that is not a token boundary under the tokenizer.
    error SpanMisaligned(uint256 span, uint256 byteOffset);

    /// @notice A span holds fewer tokens than the version's minTokens.
    error SpanTooShort(uint256 span, uint256 tokens, uint256 minTokens);

    /// @notice Spans ascend strictly in start and in end; this one does not follow its predecessor (it repeats, precedes or lies inside it).
    error SpansNotAscending(uint256 span);

    /// @notice An occurrence names a chunk slot beyond the opened chunks.
    error ChunkSlotOutOfRange(uint256 span, uint256 slot, uint256 chunks);

    /// @notice A span's occurrences name distinct chunks by strictly ascending slot.
    error OccurrencesNotAscending(uint256 span, uint256 slot);

    /// @notice The span would run past the end of the chunk.
    error OccurrenceOutOfChunk(uint256 span, uint256 slot, uint256 offset, uint256 chunkBytes);

    /// @notice The chunk's bytes at the offset are not the output's span bytes.
    error SpanNotInChunk(uint256 span, uint256 slot);

    /// @notice The match starts or ends inside a token of the chunk ("the cat" inside "bathe cattle").
    error OccurrenceMisaligned(uint256 span, uint256 slot);

    /// @notice An opened chunk is named by no span.
    error UnusedChunk(uint256 slot);

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

    /// @notice A one-step fraud proof (kind 0 output, 1 psi coordinate, 2 omitted leaf, 3 span left out) showed the proof wrong: the prover was slashed and the request reopened.
    event FraudProven(uint256 indexed requestId, address indexed challenger, uint8 kind, uint256 slashed, uint256 toChallenger);

    /// @notice A one-step fraud proof found the proof right: the challenger's bond went to the prover.
    event ChallengeFailed(uint256 indexed requestId, address indexed challenger, uint8 kind, uint256 forfeited);

    /// @notice Governance changed a parameter.
    event ParameterSet(bytes32 indexed name, uint256 value);

    /// @notice A leaf-coordinate challenge opened: the challenger's partial sums total claimedSum, which does not round to the registered coordinate. Defenders may dispute until `deadline`.
    event LeafChallengeOpened(uint256 indexed gameId, uint256 indexed modelId, uint256 indexed version, uint256 leafIndex, uint256 coordinate, address challenger, int64 claimedSum, int16 registered, uint64 deadline);

    /// @notice A defender disputed the challenger's partial sum of one contribution; the challenger must descend into it by `deadline`.
    event PartialSumDisputed(uint256 indexed gameId, address indexed defender, uint256 contribution, uint64 deadline);

    /// @notice The challenger of a bisected leaf challenge opened a contributions-tree node (depth 1: the root): its children and their claimed sums. Defenders dispute one (0 left, 1 right) until `deadline`.
    event LeafChallengeSplit(uint256 indexed gameId, uint256 depth, bytes32 left, bytes32 right, int256 leftSum, int256 rightSum, uint64 deadline);

    /// @notice The challenger posted one value per example of the disputed contribution; it must upload the content by `deadline`.
    event LeafChallengeDescended(uint256 indexed gameId, bytes32 contentHash, uint256 examples, uint64 deadline);

    /// @notice A chunk of the disputed contribution was absorbed; when uploaded equals total, the defender may step until `deadline`.
    event ContributionUploaded(uint256 indexed gameId, uint256 uploaded, uint256 total, uint64 deadline);

    /// @notice A leaf-coordinate challenge ended (reason 0 no dispute in time, 1 no split, descent or upload in time, 2 no step in time, 3 the one step).
    event LeafChallengeDecided(uint256 indexed gameId, bool challengerWon, uint8 reason, uint256 slashed, uint256 toChallenger);

    /// @notice A leaf-coordinate challenge showed the version's index wrong: its attesters were slashed, no proof of it is accepted or becomes final.
    event VersionFaulted(uint256 indexed modelId, uint256 indexed version, uint256 gameId, uint256 slashed);

    /// @notice Adds the value sent to the caller's prover bond.
    function bond() external payable;

    /// @notice Moves unlocked bond into unbonding; it can be withdrawn after the unbonding period (and is no longer usable for claims).
    function startUnbonding(uint256 amount) external;

    /// @notice Withdraws bond whose unbonding period has passed.
    function withdrawBond() external returns (uint256 amount);

    /// @notice Claims a resulted request for proving, locking bondMultiple x its maximum fee of the caller's bond.
    function claim(uint256 requestId) external;

    /// @notice The claimant submits the attribution proof (v1 gradient proof, docs/attribution.md §6; v2 span proof for text-spans versions, docs/text-attribution.md §6); it is verified on-chain before it is recorded.
    function submitProof(uint256 requestId, bytes calldata proof) external;

    /// @notice Challenges a verified proof inside its window, posting the challenger bond.
    function challenge(uint256 requestId, bytes32 evidenceHash) external payable;

    /// @notice Fraud proof, one step (classifier versions: logistic regression or the MLP, as the weights blob says): the version's committed weights, run on the committed input,
    /// do not give the output the host posted and the prover proved. Posts the challenger bond: if the output is right, the
    /// bond goes to the prover; if not, the prover's locked bond is slashed and the request reopens.
    function challengeOutput(uint256 requestId, bytes calldata weights, bytes calldata input) external payable;

    /// @notice Fraud proof, one step (classifier versions: logistic regression or the MLP): coordinate j of the proof's ψ is not rs(raw_j(∇f(x)), e_ψ)
    /// recomputed from the committed weights, input and basis row j (with its Merkle proof against the basis root).
    /// Bond and outcome as challengeOutput.
    function challengePsi(uint256 requestId, bytes calldata proof, uint256 coordinate, bytes calldata weights, bytes calldata input, bytes calldata basisRow, bytes32[] calldata basisProof) external payable;

    /// @notice Fraud proof, one step: an index leaf the proof left out (with its Merkle proof against the index root) has a
    /// positive score and either the proof holds fewer than 16 leaves or the leaf outranks its last one. Bond and outcome
    /// as challengeOutput.
    function challengeOmission(uint256 requestId, bytes calldata proof, uint256 leafIndex, bytes calldata leaf, bytes32[] calldata leafProof) external payable;

    /// @notice Fraud proof, one step (text-spans versions, docs/text-attribution.md §6): the span proof left something out. The
    /// output's bytes [startByte, endByte) contain the proof's span `span`, lie on the output's token boundaries, and
    /// occur token-aligned at `offset` in corpus chunk leafIndex (`leaf`: its leaf blob, with its Merkle proof against the
    /// corpus root). A range longer than the span shows it not maximal; the span's own range in a chunk it does not list
    /// shows an omitted chunk (a listed chunk: LeafIncluded). Bond and outcome as challengeOutput: if the bytes do not
    /// occur there aligned, the bond goes to the prover.
    function challengeSpan(uint256 requestId, bytes calldata proof, uint256 span, uint256 startByte, uint256 endByte, uint256 leafIndex, bytes calldata leaf, uint256 offset, bytes32[] calldata leafProof) external payable;

    /// @notice Opens a leaf-coordinate challenge (classifier versions whose scale is a power of two): coordinate j of index leaf
    /// leafIndex (with the index's leaf count and the leaf's Merkle proof against indexRoot) is not rs(Σ, log2(scale)) of
    /// the exact per-example projections raw_j(g) = Bq[j] · g summed over the contributor's examples. contributions: the
    /// leaf's contribution leaves (0x00 ‖ uint256 id ‖ bytes32 contentHash, 65 bytes each, at most 1,024), which must
    /// rebuild its contributionsRoot; partialSums: the challenger's exact Σ raw_j per contribution, in the same order,
    /// whose total must not round to the registered coordinate. Posts leafChallengerBond. Defenders may dispute within
    /// leafResponseWindow blocks; without a dispute the challenger wins.
    function openLeafChallenge(uint256 modelId, uint256 version, uint256 leafCount, uint256 leafIndex, uint256 coordinate, bytes calldata leaf, bytes32[] calldata leafProof, bytes calldata contributions, int64[] calldata partialSums) external payable returns (uint256 gameId);

    /// @notice Opens a leaf-coordinate challenge by bisection, for a leaf with any number of contributions (at least two): as
    /// openLeafChallenge, but instead of the contribution list the challenger claims the exact total Σ raw_j over the
    /// contributor's examples (which must not round to the registered coordinate) and opens the contributionsRoot by its
    /// preimage rootNode = 0x01 ‖ left ‖ right with the left child's claimed sum (the right's is total − leftSum). Defenders
    /// dispute a child with disputePartialSum (0 left, 1 right); the challenger answers with splitLeafChallenge until the
    /// disputed node is a contribution leaf, then descends with descendLeafChallenge. Posts leafChallengerBond.
    function openLeafBisection(uint256 modelId, uint256 version, uint256 leafCount, uint256 leafIndex, uint256 coordinate, bytes calldata leaf, bytes32[] calldata leafProof, int64 total, bytes calldata rootNode, int256 leftSum) external payable returns (uint256 gameId);

    /// @notice The challenger of a bisected game opens the disputed contributions-tree node: its preimage 0x01 ‖ left ‖ right
    /// (which must hash to it) and the left child's claimed sum; the right's is the disputed sum minus it, so the two add up.
    /// A disputed node that is a contribution leaf (0x00 ‖ id ‖ contentHash) is descended into instead. The defender disputes
    /// a child within leafResponseWindow; without it the challenger wins.
    function splitLeafChallenge(uint256 gameId, bytes calldata node, int256 leftSum) external;

    /// @notice A bisected leaf challenge's position (depth 0: a game opened with its contribution list): the nodes opened so far, the node the defender disputed with the challenger's sum for it, and the last opened node's children with their claimed sums.
    function leafBisection(uint256 gameId) external view returns (uint256 depth, bytes32 disputedNode, int256 disputedSum, bytes32 left, bytes32 right, int256 leftSum, int256 rightSum);

    /// @notice The model's owner or an attester of the version disputes the challenger's partial sum of one contribution (its index
    /// in contributions order) and becomes the game's defender. The challenger must descend within leafResponseWindow.
    /// In a bisected game the "contribution" is the side of the last opened node, 0 left or 1 right, and every round after
    /// the first is the first disputer's alone.
    function disputePartialSum(uint256 gameId, uint256 contribution) external;

    /// @notice The challenger descends into the disputed contribution: its partial sums again, the disputed contribution's leaf with its
    /// Merkle proof against the contributionsRoot, and raw_j of each of its examples (1 to 1,024, in content order) adding up
    /// exactly to the disputed partial sum. In a bisected game partialSums and contributionProof are empty: the leaf must hash
    /// to the disputed node and the values add up to its claimed sum. The content must then be uploaded within leafResponseWindow.
    function descendLeafChallenge(uint256 gameId, int64[] calldata partialSums, bytes calldata contributionLeaf, bytes32[] calldata contributionProof, int64[] calldata exampleValues) external;

    /// @notice The challenger uploads the disputed contribution's content (an OLI1 image contribution, at most 4,096 pixels per
    /// image) in order: each chunk starts where the last ended (offset 0 restarts) and all but the last are whole 136-byte
    /// Keccak blocks. The contract keeps the Keccak state between calls, stores each completed example record's hash
    /// (records: how many this chunk completes, which prices the call) and checks the whole against the contentHash with
    /// the last chunk. Completing it gives the defender leafResponseWindow to step.
    function uploadContribution(uint256 gameId, uint256 offset, bytes calldata chunk, uint256 records) external;

    /// @notice The defender's one step: it picks one example of the uploaded contribution (its record, label ‖ pixels, as uploaded)
    /// and supplies the version's weights (→ weightsRoot) and basis row j with its Merkle proof (→ basisRoot); the contract
    /// recomputes raw_j of that example. If the challenger's value is right, the challenger wins: the version is marked
    /// faulty and its attesters slashed. If it is wrong, the challenger's bond goes to the defender.
    function stepLeafChallenge(uint256 gameId, uint256 example, int64[] calldata exampleValues, bytes calldata record, bytes calldata weights, bytes calldata basisRow, bytes32[] calldata basisProof) external;

    /// @notice Anyone ends a game whose phase window passed: no dispute (after the opening or a split), or no step after the upload,
    /// and the challenger wins; no split or descent after a dispute, or no complete upload, and the challenger loses its
    /// bond to the defender.
    function timeoutLeafChallenge(uint256 gameId) external;

    /// @notice A leaf-coordinate challenge: what it disputes, its parties, its state (as WrongLeafChallengeState), its phase's last block, the disputed contribution and the bytes uploaded.
    function leafChallenge(uint256 gameId) external view returns (uint256 modelId, uint256 version, uint256 leafIndex, uint256 coordinate, address challenger, address defender, uint8 state, uint64 deadline, uint256 disputed, uint256 uploaded);

    /// @notice Whether a leaf-coordinate challenge showed the version's index wrong (governance should then deploy another version).
    function versionFaulty(uint256 modelId, uint256 version) external view returns (bool faulty);

    /// @notice The leaf-coordinate challenge's parameters: each phase's window (blocks), the bond that opens a game (wei), and the part of minAttesterBond each attester of a faulty version loses (bp).
    function leafChallengeParameters() external view returns (uint256 responseWindow, uint256 challengerBond, uint256 attesterSlashBp);

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

    /// @notice Governance sets bondMultipleBp, claimWindow, challengeWindow, challengerBond, challengerShareBp, unbondingBlocks, minAttesterBond, leafResponseWindow, leafChallengerBond or attesterSlashBp.
    function setParameter(bytes32 name, uint256 value) external;
}
