package org.openledger.contracts.prover;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Governed;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.attribution.IndexProofVerifier;
import org.openledger.contracts.attribution.SpanProofVerifier;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.settlement.BasisPoints;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.abi.AbiCodec;
import org.openledger.precompiles.abi.AbiType;
import org.openledger.precompiles.contract.Args;
import org.openledger.precompiles.contract.CallContext;
import org.openledger.precompiles.contract.ContractSpec;
import org.openledger.precompiles.contract.Declarations;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.EventSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.contract.NativeContract;
import org.openledger.precompiles.gas.GasRule;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.storage.Parameter;
import org.openledger.precompiles.storage.Slot;

/**
 * Provers (DESIGN §4, §6): bonds, claims with an exclusive window, proofs checked by the
 * {@link AttributionVerifier} before they count, challenges with challenger bonds, slashing, and
 * index attestations.
 *
 * <p>A prover claims a resulted request, locking {@code bondMultiple} × the request's maximum fee
 * of its bond, and alone may prove it during the claim window; a claim that lapses unproven can be
 * taken over. A verified proof is final once its challenge window passes without an open
 * challenge; {@code Inference.settle} pays only final proofs. A challenge is decided on-chain by a
 * one-step fraud proof ({@link FraudProofs}: output, ψ coordinate, omitted leaf) or by the
 * leaf-coordinate dissection game ({@link LeafChallenges}); what those cannot show goes to the
 * Timelock through {@code challenge}/{@code resolveChallenge}. A prover found at fault loses the
 * locked bond (challenger share to the challenger, the rest to the treasury) and the request
 * reopens for a new proof; a failed challenge's bond compensates the prover.
 *
 * <p>Storage: slot 0 {@code mapping(address => Bond)}; slot 1 {@code mapping(uint256 => Claim)}
 * (contributors and scores as Solidity dynamic arrays at claim words 8 and 9, the proven model and version at
 * words 10 and 11); slots 2–3 parameters; slots 4–7 the leaf-coordinate challenges ({@link LeafChallenges}): the game
 * count, {@code mapping(uint256 => Game)}, {@code mapping(uint256 modelId => mapping(uint256 version => {bool faulty;
 * address[] attesters}))} and each game's uploaded example record hashes.
 */
public final class Provers extends NativeContract {

  /** The most contributors one proof may pay (M in DESIGN §6). */
  public static final int MAX_CONTRIBUTORS = 16;
  /** Claim states. */
  public static final int NONE = 0, CLAIMED = 1, PROVEN = 2, CHALLENGED = 3;

  private static final BigInteger OPEN = BigInteger.TEN.pow(18);
  private static final Slot BONDS = Slot.at(0);
  static final Slot CLAIMS = Slot.at(1);
  private static final Slot PARAMS = Slot.at(2);

  enum BondField { AMOUNT, LOCKED, UNBONDING, READY_AT }

  enum ClaimField { PROVER, CLAIMED_AT, CHALLENGE_ENDS, STATE, LOCKED, CHALLENGER, CHALLENGER_BOND, PROOF_HASH, CONTRIBUTORS, SCORES, MODEL_ID, VERSION }

  public static final Parameter BOND_MULTIPLE_BP = new Parameter("bondMultipleBp", PARAMS, BigInteger.valueOf(20_000));
  public static final Parameter CLAIM_WINDOW = new Parameter("claimWindow", PARAMS, BigInteger.valueOf(300));
  public static final Parameter CHALLENGE_WINDOW = new Parameter("challengeWindow", PARAMS, BigInteger.valueOf(300));
  public static final Parameter CHALLENGER_BOND = new Parameter("challengerBond", PARAMS, OPEN);
  public static final Parameter CHALLENGER_SHARE_BP = new Parameter("challengerShareBp", PARAMS, BigInteger.valueOf(5_000));
  public static final Parameter UNBONDING_BLOCKS = new Parameter("unbondingBlocks", PARAMS, BigInteger.valueOf(50_400));
  public static final Parameter MIN_ATTESTER_BOND = new Parameter("minAttesterBond", PARAMS, OPEN.multiply(BigInteger.TEN));
  /** Blocks each side of a leaf-coordinate challenge has for its move; default 1,000 (the contribution upload takes several transactions). */
  public static final Parameter LEAF_RESPONSE_WINDOW = new Parameter("leafResponseWindow", PARAMS, BigInteger.valueOf(1_000));
  /** What opening a leaf-coordinate challenge posts; default 10 OPEN, as much as an attester's minimum bond. */
  public static final Parameter LEAF_CHALLENGER_BOND = new Parameter("leafChallengerBond", PARAMS, OPEN.multiply(BigInteger.TEN));
  /** How much of minAttesterBond each attester of a version shown faulty loses, in basis points; default all of it. */
  public static final Parameter ATTESTER_SLASH_BP = new Parameter("attesterSlashBp", PARAMS, BigInteger.valueOf(BasisPoints.WHOLE));
  private static final List<Parameter> ALL_PARAMETERS = List.of(BOND_MULTIPLE_BP, CLAIM_WINDOW, CHALLENGE_WINDOW, CHALLENGER_BOND,
      CHALLENGER_SHARE_BP, UNBONDING_BLOCKS, MIN_ATTESTER_BOND);
  private static final List<Parameter> LEAF_PARAMETERS = List.of(LEAF_RESPONSE_WINDOW, LEAF_CHALLENGER_BOND, ATTESTER_SLASH_BP);

  private static final Declarations D = new Declarations("IProvers");

  public static final ErrorSpec ZERO_AMOUNT = D.error("ZeroAmount()", "The amount must be positive.");
  public static final ErrorSpec INSUFFICIENT_BOND = D.error("InsufficientBond(uint256 available, uint256 needed)",
      "The prover's unlocked, not unbonding bond is below what this needs.");
  public static final ErrorSpec NOT_CLAIMABLE = D.error("NotClaimable(uint256 requestId, uint8 requestState)",
      "Only a resulted request before its deadline can be claimed.");
  public static final ErrorSpec CLAIMED_BY_ANOTHER = D.error("ClaimedByAnother(uint256 requestId, address prover, uint64 until)",
      "Another prover holds the exclusive claim until that block.");
  public static final ErrorSpec ALREADY_PROVEN = D.error("AlreadyProven(uint256 requestId)", "The request already has a verified proof.");
  public static final ErrorSpec NOT_CLAIMANT = D.error("NotClaimant(uint256 requestId, address caller)", "Only the claiming prover may do this.");
  public static final ErrorSpec CLAIM_EXPIRED = D.error("ClaimExpired(uint256 requestId, uint64 expiredAt)", "The claim window has passed.");
  public static final ErrorSpec PROOF_SYSTEM_UNAVAILABLE = D.error("ProofSystemUnavailable()",
      "No attribution proof system is active in this fork yet: nothing can be proven, so no contributor is paid.");
  public static final ErrorSpec TOO_MANY_CONTRIBUTORS = D.error("TooManyContributors(uint256 count, uint256 max)", "A proof pays at most M contributors.");
  public static final ErrorSpec NOT_CHALLENGEABLE = D.error("NotChallengeable(uint256 requestId)",
      "Only a proven request inside its challenge window, without an open challenge, can be challenged.");
  public static final ErrorSpec WRONG_CHALLENGER_BOND = D.error("WrongChallengerBond(uint256 sent, uint256 required)", "A challenge must post exactly the challenger bond.");
  public static final ErrorSpec NO_OPEN_CHALLENGE = D.error("NoOpenChallenge(uint256 requestId)", "The request has no open challenge.");
  public static final ErrorSpec NOT_READY = D.error("UnbondingNotReady(uint64 readyAt)", "Unbonded OPEN can be withdrawn from that block on.");
  public static final ErrorSpec NOTHING_UNBONDING = D.error("NothingUnbonding()", "No bond is unbonding.");
  public static final ErrorSpec ONLY_INFERENCE = D.error("OnlyInference(address caller)", "Only the Inference contract may call this.");
  public static final ErrorSpec NOT_TIMELOCK = D.error("NotTimelock(address caller)", "Only the Timelock (governance) may call this.");
  public static final ErrorSpec BAD_PARAMETER = D.error("BadParameter(bytes32 name, uint256 value)", "Unknown parameter, or a value out of range.");

  public static final ErrorSpec UNSUPPORTED_CHALLENGE = D.error("UnsupportedChallenge(uint8 outputFunction)",
      "This one-step fraud proof does not apply to the version's output function: challengeOutput, challengePsi and challengeOmission check classifier versions (0), challengeSpan text-spans versions (2); use challenge() otherwise.");
  public static final ErrorSpec ADAPTER_NOT_CHALLENGEABLE = D.error("AdapterNotChallengeable(uint256 modelId, uint256 version)", """
      The version is an OpenLoRA float adapter (its weights blob begins with "OLA1"), which the chain cannot recompute, so
      challengeOutput and challengePsi refuse it (an integer OLA2 adapter is recomputed like any committed model); and
      openLeafChallenge refuses every adapter model (one with a baseModelId): its opening carries no weights to tell OLA1 from
      OLA2. challengeOmission needs only the index and works for adapters. Nothing changes.""");
  public static final ErrorSpec EVIDENCE_MISMATCH = D.error("EvidenceMismatch(uint8 item, bytes32 expected, bytes32 got)", """
      An item of the evidence does not hash to what the chain committed: 0 weights (weightsRoot), 1 input (inputHash),
      2 proof (the stored proof hash), 3 basis row (basisRoot), 4 leaf (indexRoot), 5 contribution leaves or a contributions-tree
      node's preimage (the leaf's contributionsRoot, or the node a bisected leaf challenge disputes), 6 partial sums (or a
      node's claimed split), 7 example values (the hashes a leaf challenge stored), 8 contribution content
      (its contentHash), 9 example record (the hash the upload stored), 10 stretch (challengeSpan's span index and byte
      range: a listed span, contained in the range, the range on the output's token boundaries). Nothing changes.""");
  public static final ErrorSpec MALFORMED_EVIDENCE = D.error("MalformedEvidence(uint8 item)",
      "An item of the evidence (numbered as in EvidenceMismatch) does not decode. Nothing changes.");
  public static final ErrorSpec COORDINATE_OUT_OF_RANGE = D.error("CoordinateOutOfRange(uint256 coordinate, uint256 k)",
      "ψ has k coordinates, numbered from 0.");
  public static final ErrorSpec LEAF_INCLUDED = D.error("LeafIncluded(uint256 leafIndex)",
      "The proof includes this leaf: it was not omitted.");
  public static final ErrorSpec VERSION_FAULTY = D.error("VersionFaulty(uint256 modelId, uint256 version)",
      "A leaf-coordinate challenge showed this version's index wrong: nothing more is proven or settled against it.");
  public static final ErrorSpec LEAF_CLAIM_AGREES = D.error("LeafClaimAgrees(int64 claimedSum, int16 coordinate)",
      "The claimed partial sums round to the registered coordinate: there is nothing to challenge.");
  public static final ErrorSpec WRONG_LEAF_CHALLENGE_STATE = D.error("WrongLeafChallengeState(uint256 gameId, uint8 state, uint8 required)", """
      Not this move's turn. States: 0 none, 1 open (awaiting a dispute; in a bisected game, of the last opened node's
      children), 2 disputed (awaiting the descent, or in a bisected game the split or the descent), 3 uploading,
      4 picking (awaiting the defender's step), 5 challenger won, 6 challenger lost.""");
  public static final ErrorSpec LEAF_CHALLENGE_EXPIRED = D.error("LeafChallengeExpired(uint256 gameId, uint64 deadline)",
      "The response window of this phase ended at that block; only timeoutLeafChallenge can move the game now.");
  public static final ErrorSpec LEAF_CHALLENGE_PENDING = D.error("LeafChallengePending(uint256 gameId, uint64 deadline)",
      "The phase's response window runs until that block: the game cannot be timed out yet.");
  public static final ErrorSpec NOT_DEFENDER = D.error("NotDefender(uint256 gameId, address caller)",
      "Only the model's owner or an attester of the version may dispute, and only the disputing defender may take the step.");
  public static final ErrorSpec NOT_CHALLENGER = D.error("NotChallenger(uint256 gameId, address caller)", "Only the challenger makes this move.");
  public static final ErrorSpec PART_OUT_OF_RANGE = D.error("PartOutOfRange(uint256 index, uint256 count)",
      "A contribution or example index beyond the game's count (numbered from 0).");
  public static final ErrorSpec UPLOAD_OUT_OF_ORDER = D.error("UploadOutOfOrder(uint256 offset, uint256 expected)",
      "A contribution chunk must continue where the upload stands (or restart at offset 0).");
  public static final ErrorSpec WRONG_RECORD_COUNT = D.error("WrongRecordCount(uint256 declared, uint256 completed)",
      "The chunk completes another number of example records than the call declared (and paid gas for).");
  public static final ErrorSpec NOT_BISECTED = D.error("NotBisected(uint256 gameId)",
      "splitLeafChallenge moves only a game opened with openLeafBisection; a game opened with its contribution list descends at once.");
  public static final ErrorSpec TOO_MANY_ATTESTERS = D.error("TooManyAttesters(uint256 max)",
      "A version records at most this many attesters, so slashing them fits one transaction.");

  public static final EventSpec BONDED = D.event("Bonded(address indexed prover, uint256 amount, uint256 total)", "A prover added bond.");
  public static final EventSpec UNBONDING = D.event("UnbondingStarted(address indexed prover, uint256 amount, uint64 readyAt)", "Bond began unbonding.");
  public static final EventSpec WITHDRAWN = D.event("BondWithdrawn(address indexed prover, uint256 amount)", "Unbonded OPEN was withdrawn.");
  public static final EventSpec CLAIMED_EVENT = D.event("Claimed(uint256 indexed requestId, address indexed prover, uint256 locked, uint64 until)",
      "A prover claimed a request; its bond is locked until settlement, refund or slashing.");
  public static final EventSpec PROOF_ACCEPTED = D.event(
      "ProofAccepted(uint256 indexed requestId, address indexed prover, bytes32 proofHash, uint256 contributors, uint64 challengeEnds)",
      "A proof verified on-chain; it becomes final after the challenge window.");
  public static final EventSpec CHALLENGED_EVENT = D.event("Challenged(uint256 indexed requestId, address indexed challenger, bytes32 evidenceHash)",
      "A verified proof was challenged; settlement waits for the outcome.");
  public static final EventSpec CHALLENGE_RESOLVED = D.event(
      "ChallengeResolved(uint256 indexed requestId, bool proverFaulted, uint256 slashed, uint256 toChallenger)", "Governance decided a challenge.");
  public static final EventSpec RELEASED = D.event("ClaimReleased(uint256 indexed requestId, address indexed prover, uint256 unlocked)",
      "A settled or refunded request released its claim.");
  public static final EventSpec FRAUD_PROVEN = D.event(
      "FraudProven(uint256 indexed requestId, address indexed challenger, uint8 kind, uint256 slashed, uint256 toChallenger)",
      "A one-step fraud proof (kind 0 output, 1 psi coordinate, 2 omitted leaf, 3 span left out) showed the proof wrong: the prover was slashed and the request reopened.");
  public static final EventSpec CHALLENGE_FAILED = D.event(
      "ChallengeFailed(uint256 indexed requestId, address indexed challenger, uint8 kind, uint256 forfeited)",
      "A one-step fraud proof found the proof right: the challenger's bond went to the prover.");
  public static final EventSpec PARAMETER_SET = D.event("ParameterSet(bytes32 indexed name, uint256 value)", "Governance changed a parameter.");
  public static final EventSpec LEAF_CHALLENGE_OPENED = D.event(
      "LeafChallengeOpened(uint256 indexed gameId, uint256 indexed modelId, uint256 indexed version, uint256 leafIndex, uint256 coordinate, address challenger, int64 claimedSum, int16 registered, uint64 deadline)",
      "A leaf-coordinate challenge opened: the challenger's partial sums total claimedSum, which does not round to the registered coordinate. Defenders may dispute until `deadline`.");
  public static final EventSpec PARTIAL_SUM_DISPUTED = D.event(
      "PartialSumDisputed(uint256 indexed gameId, address indexed defender, uint256 contribution, uint64 deadline)",
      "A defender disputed the challenger's partial sum of one contribution; the challenger must descend into it by `deadline`.");
  public static final EventSpec LEAF_CHALLENGE_SPLIT = D.event(
      "LeafChallengeSplit(uint256 indexed gameId, uint256 depth, bytes32 left, bytes32 right, int256 leftSum, int256 rightSum, uint64 deadline)",
      "The challenger of a bisected leaf challenge opened a contributions-tree node (depth 1: the root): its children and their claimed sums. Defenders dispute one (0 left, 1 right) until `deadline`.");
  public static final EventSpec LEAF_CHALLENGE_DESCENDED = D.event(
      "LeafChallengeDescended(uint256 indexed gameId, bytes32 contentHash, uint256 examples, uint64 deadline)",
      "The challenger posted one value per example of the disputed contribution; it must upload the content by `deadline`.");
  public static final EventSpec CONTRIBUTION_UPLOADED = D.event(
      "ContributionUploaded(uint256 indexed gameId, uint256 uploaded, uint256 total, uint64 deadline)",
      "A chunk of the disputed contribution was absorbed; when uploaded equals total, the defender may step until `deadline`.");
  public static final EventSpec LEAF_CHALLENGE_DECIDED = D.event(
      "LeafChallengeDecided(uint256 indexed gameId, bool challengerWon, uint8 reason, uint256 slashed, uint256 toChallenger)",
      "A leaf-coordinate challenge ended (reason 0 no dispute in time, 1 no split, descent or upload in time, 2 no step in time, 3 the one step).");
  public static final EventSpec VERSION_FAULTED = D.event(
      "VersionFaulted(uint256 indexed modelId, uint256 indexed version, uint256 gameId, uint256 slashed)",
      "A leaf-coordinate challenge showed the version's index wrong: its attesters were slashed, no proof of it is accepted or becomes final.");

  public static final FunctionSpec BOND = D.function("bond() payable", "Adds the value sent to the caller's prover bond.",
      GasRule.fixed(s -> s.storageRead() + s.storageWrite() + s.storageKey() + s.log(2, 64)));
  public static final FunctionSpec START_UNBONDING = D.function("startUnbonding(uint256 amount)",
      "Moves unlocked bond into unbonding; it can be withdrawn after the unbonding period (and is no longer usable for claims).",
      // keys: the caller's bond, unbondingBlocks (2)
      GasRule.fixed(s -> 5 * s.storageRead() + 2 * s.storageWrite() + 3 * s.storageKey() + s.log(2, 64)));
  public static final FunctionSpec WITHDRAW_BOND = D.function("withdrawBond() returns (uint256 amount)", "Withdraws bond whose unbonding period has passed.",
      GasRule.fixed(s -> 3 * s.storageRead() + 2 * s.storageWrite() + s.storageKey() + s.transfer() + s.log(2, 32)));
  public static final FunctionSpec CLAIM = D.function("claim(uint256 requestId)",
      "Claims a resulted request for proving, locking bondMultiple x its maximum fee of the caller's bond.",
      // keys: the claim, the lapsed holder's bond, the caller's bond, claimWindow twice and bondMultipleBp (2 each), the version's faulty flag (2)
      (s, data) -> Inference.GET_REQUEST.nestedCost(s, BigInteger.ONE) + 13 * s.storageRead() + 7 * s.storageWrite()
          + 11 * s.storageKey() + s.log(3, 64));
  public static final FunctionSpec SUBMIT_PROOF = D.function("submitProof(uint256 requestId, bytes proof)",
      "The claimant submits the attribution proof (v1 gradient proof, docs/attribution.md §6; v2 span proof for text-spans versions, docs/text-attribution.md §6); it is verified on-chain before it is recorded.",
      Provers::submitProofGas);
  public static final FunctionSpec CHALLENGE = D.function("challenge(uint256 requestId, bytes32 evidenceHash) payable",
      "Challenges a verified proof inside its window, posting the challenger bond.",
      GasRule.fixed(s -> 4 * s.storageRead() + 3 * s.storageWrite() + 3 * s.storageKey() + s.log(3, 32)));
  public static final FunctionSpec CHALLENGE_OUTPUT = D.function(
      "challengeOutput(uint256 requestId, bytes weights, bytes input) payable", """
      Fraud proof, one step (classifier versions: logistic regression or the MLP, as the weights blob says): the version's committed weights, run on the committed input,
      do not give the output the host posted and the prover proved. Posts the challenger bond: if the output is right, the
      bond goes to the prover; if not, the prover's locked bond is slashed and the request reopens.""",
      (s, data) -> FraudProofs.gas(s, data, FraudProofs.OUTPUT));
  public static final FunctionSpec CHALLENGE_PSI = D.function(
      "challengePsi(uint256 requestId, bytes proof, uint256 coordinate, bytes weights, bytes input, bytes basisRow, bytes32[] basisProof) payable", """
      Fraud proof, one step (classifier versions: logistic regression or the MLP): coordinate j of the proof's ψ is not rs(raw_j(∇f(x)), e_ψ)
      recomputed from the committed weights, input and basis row j (with its Merkle proof against the basis root).
      Bond and outcome as challengeOutput.""",
      (s, data) -> FraudProofs.gas(s, data, FraudProofs.PSI));
  public static final FunctionSpec CHALLENGE_OMISSION = D.function(
      "challengeOmission(uint256 requestId, bytes proof, uint256 leafIndex, bytes leaf, bytes32[] leafProof) payable", """
      Fraud proof, one step: an index leaf the proof left out (with its Merkle proof against the index root) has a
      positive score and either the proof holds fewer than 16 leaves or the leaf outranks its last one. Bond and outcome
      as challengeOutput.""",
      (s, data) -> FraudProofs.gas(s, data, FraudProofs.OMISSION));
  public static final FunctionSpec CHALLENGE_SPAN = D.function(
      "challengeSpan(uint256 requestId, bytes proof, uint256 span, uint256 startByte, uint256 endByte, uint256 leafIndex, bytes leaf, uint256 offset, bytes32[] leafProof) payable", """
      Fraud proof, one step (text-spans versions, docs/text-attribution.md §6): the span proof left something out. The
      output's bytes [startByte, endByte) contain the proof's span `span`, lie on the output's token boundaries, and
      occur token-aligned at `offset` in corpus chunk leafIndex (`leaf`: its leaf blob, with its Merkle proof against the
      corpus root). A range longer than the span shows it not maximal; the span's own range in a chunk it does not list
      shows an omitted chunk (a listed chunk: LeafIncluded). Bond and outcome as challengeOutput: if the bytes do not
      occur there aligned, the bond goes to the prover.""",
      (s, data) -> FraudProofs.gas(s, data, FraudProofs.SPAN));
  public static final FunctionSpec OPEN_LEAF_CHALLENGE = D.function(
      "openLeafChallenge(uint256 modelId, uint256 version, uint256 leafCount, uint256 leafIndex, uint256 coordinate, bytes leaf, bytes32[] leafProof, bytes contributions, int64[] partialSums) payable returns (uint256 gameId)", """
      Opens a leaf-coordinate challenge (classifier versions whose scale is a power of two): coordinate j of index leaf
      leafIndex (with the index's leaf count and the leaf's Merkle proof against indexRoot) is not rs(Σ, log2(scale)) of
      the exact per-example projections raw_j(g) = Bq[j] · g summed over the contributor's examples. contributions: the
      leaf's contribution leaves (0x00 ‖ uint256 id ‖ bytes32 contentHash, 65 bytes each, at most 1,024), which must
      rebuild its contributionsRoot; partialSums: the challenger's exact Σ raw_j per contribution, in the same order,
      whose total must not round to the registered coordinate. Posts leafChallengerBond. Defenders may dispute within
      leafResponseWindow blocks; without a dispute the challenger wins.""",
      LeafChallenges::openGas);
  /** The most contribution leaves {@link #OPEN_LEAF_CHALLENGE} takes; a leaf with more is challenged by {@link #OPEN_LEAF_BISECTION}. */
  public static final int MAX_LISTED_CONTRIBUTIONS = LeafChallenges.MAX_CONTRIBUTIONS;
  public static final FunctionSpec OPEN_LEAF_BISECTION = D.function(
      "openLeafBisection(uint256 modelId, uint256 version, uint256 leafCount, uint256 leafIndex, uint256 coordinate, bytes leaf, bytes32[] leafProof, int64 total, bytes rootNode, int256 leftSum) payable returns (uint256 gameId)", """
      Opens a leaf-coordinate challenge by bisection, for a leaf with any number of contributions (at least two): as
      openLeafChallenge, but instead of the contribution list the challenger claims the exact total Σ raw_j over the
      contributor's examples (which must not round to the registered coordinate) and opens the contributionsRoot by its
      preimage rootNode = 0x01 ‖ left ‖ right with the left child's claimed sum (the right's is total − leftSum). Defenders
      dispute a child with disputePartialSum (0 left, 1 right); the challenger answers with splitLeafChallenge until the
      disputed node is a contribution leaf, then descends with descendLeafChallenge. Posts leafChallengerBond.""",
      LeafChallenges::openBisectionGas);
  public static final FunctionSpec SPLIT_LEAF_CHALLENGE = D.function("splitLeafChallenge(uint256 gameId, bytes node, int256 leftSum)", """
      The challenger of a bisected game opens the disputed contributions-tree node: its preimage 0x01 ‖ left ‖ right
      (which must hash to it) and the left child's claimed sum; the right's is the disputed sum minus it, so the two add up.
      A disputed node that is a contribution leaf (0x00 ‖ id ‖ contentHash) is descended into instead. The defender disputes
      a child within leafResponseWindow; without it the challenger wins.""",
      LeafChallenges::splitGas);
  public static final FunctionSpec LEAF_BISECTION = D.function(
      "leafBisection(uint256 gameId) view returns (uint256 depth, bytes32 disputedNode, int256 disputedSum, bytes32 left, bytes32 right, int256 leftSum, int256 rightSum)",
      "A bisected leaf challenge's position (depth 0: a game opened with its contribution list): the nodes opened so far, the node the defender disputed with the challenger's sum for it, and the last opened node's children with their claimed sums.",
      GasRule.view(7, 1));
  public static final FunctionSpec DISPUTE_PARTIAL_SUM = D.function("disputePartialSum(uint256 gameId, uint256 contribution)", """
      The model's owner or an attester of the version disputes the challenger's partial sum of one contribution (its index
      in contributions order) and becomes the game's defender. The challenger must descend within leafResponseWindow.
      In a bisected game the "contribution" is the side of the last opened node, 0 left or 1 right, and every round after
      the first is the first disputer's alone.""",
      LeafChallenges::disputeGas);
  public static final FunctionSpec DESCEND_LEAF_CHALLENGE = D.function(
      "descendLeafChallenge(uint256 gameId, int64[] partialSums, bytes contributionLeaf, bytes32[] contributionProof, int64[] exampleValues)", """
      The challenger descends into the disputed contribution: its partial sums again, the disputed contribution's leaf with its
      Merkle proof against the contributionsRoot, and raw_j of each of its examples (1 to 1,024, in content order) adding up
      exactly to the disputed partial sum. In a bisected game partialSums and contributionProof are empty: the leaf must hash
      to the disputed node and the values add up to its claimed sum. The content must then be uploaded within leafResponseWindow.""",
      LeafChallenges::descendGas);
  public static final FunctionSpec UPLOAD_CONTRIBUTION = D.function(
      "uploadContribution(uint256 gameId, uint256 offset, bytes chunk, uint256 records)", """
      The challenger uploads the disputed contribution's content (an OLI1 image contribution, at most 4,096 pixels per
      image) in order: each chunk starts where the last ended (offset 0 restarts) and all but the last are whole 136-byte
      Keccak blocks. The contract keeps the Keccak state between calls, stores each completed example record's hash
      (records: how many this chunk completes, which prices the call) and checks the whole against the contentHash with
      the last chunk. Completing it gives the defender leafResponseWindow to step.""",
      LeafChallenges::uploadGas);
  public static final FunctionSpec STEP_LEAF_CHALLENGE = D.function(
      "stepLeafChallenge(uint256 gameId, uint256 example, int64[] exampleValues, bytes record, bytes weights, bytes basisRow, bytes32[] basisProof)", """
      The defender's one step: it picks one example of the uploaded contribution (its record, label ‖ pixels, as uploaded)
      and supplies the version's weights (→ weightsRoot) and basis row j with its Merkle proof (→ basisRoot); the contract
      recomputes raw_j of that example. If the challenger's value is right, the challenger wins: the version is marked
      faulty and its attesters slashed. If it is wrong, the challenger's bond goes to the defender.""",
      LeafChallenges::stepGas);
  public static final FunctionSpec TIMEOUT_LEAF_CHALLENGE = D.function("timeoutLeafChallenge(uint256 gameId)", """
      Anyone ends a game whose phase window passed: no dispute (after the opening or a split), or no step after the upload,
      and the challenger wins; no split or descent after a dispute, or no complete upload, and the challenger loses its
      bond to the defender.""",
      GasRule.fixed(LeafChallenges::timeoutGas));
  public static final FunctionSpec LEAF_CHALLENGE = D.function(
      "leafChallenge(uint256 gameId) view returns (uint256 modelId, uint256 version, uint256 leafIndex, uint256 coordinate, address challenger, address defender, uint8 state, uint64 deadline, uint256 disputed, uint256 uploaded)",
      "A leaf-coordinate challenge: what it disputes, its parties, its state (as WrongLeafChallengeState), its phase's last block, the disputed contribution and the bytes uploaded.",
      GasRule.view(10, 1));
  public static final FunctionSpec VERSION_FAULTY_VIEW = D.function("versionFaulty(uint256 modelId, uint256 version) view returns (bool faulty)",
      "Whether a leaf-coordinate challenge showed the version's index wrong (governance should then deploy another version).",
      GasRule.view(1, 2));
  public static final FunctionSpec LEAF_CHALLENGE_PARAMETERS = D.function(
      "leafChallengeParameters() view returns (uint256 responseWindow, uint256 challengerBond, uint256 attesterSlashBp)",
      "The leaf-coordinate challenge's parameters: each phase's window (blocks), the bond that opens a game (wei), and the part of minAttesterBond each attester of a faulty version loses (bp).",
      GasRule.view(2 * 3, 2 * 3));
  public static final FunctionSpec RESOLVE_CHALLENGE = D.function("resolveChallenge(uint256 requestId, bool proverFaulted)",
      "Governance decides an open challenge (until on-chain fraud proofs arrive).", Provers::resolveGas);
  public static final FunctionSpec RELEASE = D.function("release(uint256 requestId)",
      "Inference releases a request's claim after settlement or refund, unlocking the bond and returning any open challenger bond.",
      GasRule.fixed(s -> 8 * s.storageRead() + 6 * s.storageWrite() + 2 * s.storageKey() + s.transfer() + s.log(3, 32)));
  public static final FunctionSpec VERIFIED_ATTRIBUTION = D.function(
      "verifiedAttribution(uint256 requestId) view returns (address prover, bool isFinal, address[] contributors, uint256[] scores)",
      "The verified (contributor, score) list of a request, and whether it is final (challenge window passed, no open challenge).",
      GasRule.view(9 + 2 * MAX_CONTRIBUTORS, 5)); // keys: the claim and its two arrays' data, the version's faulty flag (2)
  public static final FunctionSpec ATTEST = D.function("attest(uint256 modelId, uint256 version)",
      "A bonded prover attests that it rebuilt a version's basis and index leaves within one quantization step.",
      // its own reads and keys (the bond, minAttesterBond, the version's attester list and its data) and the list's two writes
      (s, data) -> s.view(6, 5) + 2 * s.storageWrite() + Models.RECORD_ATTESTATION.nestedCost(s, BigInteger.ONE, BigInteger.ONE, Address.ZERO));
  public static final FunctionSpec BOND_OF = D.function(
      "bondOf(address prover) view returns (uint256 amount, uint256 locked, uint256 unbonding, uint64 readyAt)",
      "A prover's bond: total, locked by claims, unbonding, and when the unbonding part is withdrawable.",
      GasRule.view(4, 1));
  public static final FunctionSpec CLAIM_OF = D.function(
      "claimOf(uint256 requestId) view returns (address prover, uint64 claimedAt, uint64 challengeEnds, uint8 state, uint256 locked, address challenger)",
      "The claim on a request (state 0 none, 1 claimed, 2 proven, 3 challenged).", GasRule.view(6, 1));
  public static final FunctionSpec PARAMETERS = D.function(
      "parameters() view returns (uint256 bondMultipleBp, uint256 claimWindow, uint256 challengeWindow, uint256 challengerBond, uint256 challengerShareBp, uint256 unbondingBlocks, uint256 minAttesterBond)",
      "The governance parameters provers plan by: the bond a claim locks (basis points of the maximum fee), the claim and challenge windows (blocks), the challenger bond (wei) and share (bp), the unbonding period (blocks), the attester minimum bond (wei).",
      GasRule.view(2 * 7, 2 * 7)); // each parameter: its value and its set flag
  public static final FunctionSpec SET_PARAMETER = D.function("setParameter(bytes32 name, uint256 value)",
      "Governance sets bondMultipleBp, claimWindow, challengeWindow, challengerBond, challengerShareBp, unbondingBlocks, minAttesterBond, leafResponseWindow, leafChallengerBond or attesterSlashBp.",
      GasRule.fixed(s -> 2 * s.storageWrite() + 2 * s.storageKey() + s.log(2, 32)));

  private static final List<ErrorSpec> PROOF_ERRORS = D.include(IndexProofVerifier.ERRORS);
  private static final List<ErrorSpec> SPAN_PROOF_ERRORS = D.include(SpanProofVerifier.ERRORS);

  public static final ContractSpec SPEC = D.spec("Prover bonds, claims, verified attribution proofs, challenges and attestations.");

  private final AttributionVerifier verifier;

  /** Provers with no proof system: every proof is refused with {@code ProofSystemUnavailable()}. */
  public Provers() {
    this(UNAVAILABLE);
  }

  public Provers(AttributionVerifier verifier) {
    super(SPEC);
    this.verifier = verifier;
    on(BOND, this::bond);
    on(START_UNBONDING, this::startUnbonding);
    on(WITHDRAW_BOND, this::withdrawBond);
    on(CLAIM, this::claim);
    on(SUBMIT_PROOF, this::submitProof);
    on(CHALLENGE, this::challenge);
    on(RESOLVE_CHALLENGE, this::resolveChallenge);
    on(CHALLENGE_OUTPUT, FraudProofs::output);
    on(CHALLENGE_PSI, FraudProofs::psi);
    on(CHALLENGE_OMISSION, FraudProofs::omission);
    on(CHALLENGE_SPAN, FraudProofs::span);
    on(OPEN_LEAF_CHALLENGE, LeafChallenges::open);
    on(DISPUTE_PARTIAL_SUM, LeafChallenges::dispute);
    on(DESCEND_LEAF_CHALLENGE, LeafChallenges::descend);
    on(OPEN_LEAF_BISECTION, LeafChallenges::openBisection);
    on(SPLIT_LEAF_CHALLENGE, LeafChallenges::split);
    on(LEAF_BISECTION, (ctx, in) -> LeafChallenges.bisectionView(ctx, in.uint(0)));
    on(UPLOAD_CONTRIBUTION, LeafChallenges::upload);
    on(STEP_LEAF_CHALLENGE, LeafChallenges::step);
    on(TIMEOUT_LEAF_CHALLENGE, LeafChallenges::timeout);
    on(LEAF_CHALLENGE, (ctx, in) -> LeafChallenges.view(ctx, in.uint(0)));
    on(VERSION_FAULTY_VIEW, (ctx, in) -> LeafChallenges.faulty(ctx, in.uint(0), in.uint(1)));
    on(LEAF_CHALLENGE_PARAMETERS, (ctx, in) -> List.of(LEAF_RESPONSE_WINDOW.read(ctx), LEAF_CHALLENGER_BOND.read(ctx), ATTESTER_SLASH_BP.read(ctx)));
    on(RELEASE, this::release);
    on(VERIFIED_ATTRIBUTION, this::verifiedAttribution);
    on(ATTEST, this::attest);
    on(BOND_OF, (ctx, in) -> {
      Slot b = BONDS.mapping(in.address(0));
      return List.of(ctx.loadUint(b.field(0)), ctx.loadUint(b.field(1)), ctx.loadUint(b.field(2)), ctx.loadUint(b.field(3)));
    });
    on(CLAIM_OF, (ctx, in) -> {
      Slot c = CLAIMS.mapping(in.uint(0));
      return List.of(ctx.loadAddress(cf(c, ClaimField.PROVER)), ctx.loadUint(cf(c, ClaimField.CLAIMED_AT)),
          ctx.loadUint(cf(c, ClaimField.CHALLENGE_ENDS)), ctx.loadUint(cf(c, ClaimField.STATE)), ctx.loadUint(cf(c, ClaimField.LOCKED)),
          ctx.loadAddress(cf(c, ClaimField.CHALLENGER)));
    });
    on(PARAMETERS, (ctx, in) -> {
      List<Object> values = new ArrayList<>(ALL_PARAMETERS.size());
      for (Parameter p : ALL_PARAMETERS) values.add(p.read(ctx));
      return values;
    });
    on(SET_PARAMETER, this::setParameter);
  }

  /** The verifier of a fork without a proof system. */
  public static final AttributionVerifier UNAVAILABLE = (ctx, binding, proof) -> {
    throw PROOF_SYSTEM_UNAVAILABLE.revert();
  };

  // ------------------------------------------------------------------ bonds

  private Object bond(CallContext ctx, Args in) {
    if (ctx.value().signum() == 0) throw ZERO_AMOUNT.revert();
    Slot amount = bf(bond(ctx.caller()), BondField.AMOUNT);
    BigInteger total = ctx.loadUint(amount).add(ctx.value());
    ctx.storeUint(amount, total);
    ctx.emit(BONDED, ctx.caller(), ctx.value(), total);
    return null;
  }

  private Object startUnbonding(CallContext ctx, Args in) {
    BigInteger amount = in.uint(0);
    if (amount.signum() == 0) throw ZERO_AMOUNT.revert();
    Slot bond = bond(ctx.caller());
    BigInteger available = available(ctx, bond);
    if (available.compareTo(amount) < 0) throw INSUFFICIENT_BOND.revert(available, amount);
    Slot unbonding = bf(bond, BondField.UNBONDING);
    ctx.storeUint(unbonding, ctx.loadUint(unbonding).add(amount));
    BigInteger readyAt = BigInteger.valueOf(ctx.block().number()).add(UNBONDING_BLOCKS.read(ctx));
    ctx.storeUint(bf(bond, BondField.READY_AT), readyAt);
    ctx.emit(UNBONDING, ctx.caller(), amount, readyAt);
    return null;
  }

  private Object withdrawBond(CallContext ctx, Args in) {
    Slot bond = bond(ctx.caller());
    BigInteger unbonding = ctx.loadUint(bf(bond, BondField.UNBONDING));
    if (unbonding.signum() == 0) throw NOTHING_UNBONDING.revert();
    BigInteger readyAt = ctx.loadUint(bf(bond, BondField.READY_AT));
    if (BigInteger.valueOf(ctx.block().number()).compareTo(readyAt) < 0) throw NOT_READY.revert(readyAt);
    Slot amount = bf(bond, BondField.AMOUNT);
    ctx.storeUint(amount, ctx.loadUint(amount).subtract(unbonding));
    ctx.storeUint(bf(bond, BondField.UNBONDING), BigInteger.ZERO);
    ctx.transfer(ctx.caller(), unbonding);
    ctx.emit(WITHDRAWN, ctx.caller(), unbonding);
    return unbonding;
  }

  /** Bond usable for new claims: total − locked − unbonding. */
  private static BigInteger available(CallContext ctx, Slot bond) {
    return ctx.loadUint(bf(bond, BondField.AMOUNT)).subtract(ctx.loadUint(bf(bond, BondField.LOCKED)))
        .subtract(ctx.loadUint(bf(bond, BondField.UNBONDING)));
  }

  // ------------------------------------------------------------------ claims and proofs

  private Object claim(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    List<?> request = (List<?>) ctx.call(Addresses.INFERENCE, Inference.GET_REQUEST, BigInteger.ZERO, id);
    int requestState = ((BigInteger) request.get(8)).intValueExact();
    long deadline = ((BigInteger) request.get(10)).longValueExact();
    long now = ctx.block().number();
    if (requestState != Inference.RESULTED || now > deadline) throw NOT_CLAIMABLE.revert(id, BigInteger.valueOf(requestState));
    BigInteger modelId = (BigInteger) request.get(1), version = (BigInteger) request.get(2);
    if (LeafChallenges.faulty(ctx, modelId, version)) throw VERSION_FAULTY.revert(modelId, version); // it could never be proven
    Slot c = CLAIMS.mapping(id);
    int state = ctx.loadUint(cf(c, ClaimField.STATE)).intValueExact();
    if (state == PROVEN || state == CHALLENGED) throw ALREADY_PROVEN.revert(id);
    if (state == CLAIMED) {
      Address holder = ctx.loadAddress(cf(c, ClaimField.PROVER));
      long until = ctx.loadUint(cf(c, ClaimField.CLAIMED_AT)).longValueExact() + CLAIM_WINDOW.read(ctx).longValueExact();
      if (now <= until) throw CLAIMED_BY_ANOTHER.revert(id, holder, BigInteger.valueOf(until));
      unlock(ctx, holder, ctx.loadUint(cf(c, ClaimField.LOCKED))); // the lapsed claim frees its bond
    }
    BigInteger maxFee = (BigInteger) request.get(7);
    BigInteger lock = maxFee.multiply(BOND_MULTIPLE_BP.read(ctx)).divide(BigInteger.valueOf(BasisPoints.WHOLE));
    Slot bond = bond(ctx.caller());
    BigInteger available = available(ctx, bond);
    if (available.compareTo(lock) < 0) throw INSUFFICIENT_BOND.revert(available, lock);
    Slot locked = bf(bond, BondField.LOCKED);
    ctx.storeUint(locked, ctx.loadUint(locked).add(lock));
    ctx.storeAddress(cf(c, ClaimField.PROVER), ctx.caller());
    ctx.storeUint(cf(c, ClaimField.CLAIMED_AT), BigInteger.valueOf(now));
    ctx.storeUint(cf(c, ClaimField.STATE), BigInteger.valueOf(CLAIMED));
    ctx.storeUint(cf(c, ClaimField.LOCKED), lock);
    long until = now + CLAIM_WINDOW.read(ctx).longValueExact();
    ctx.emit(CLAIMED_EVENT, id, ctx.caller(), lock, BigInteger.valueOf(until));
    return null;
  }

  private Object submitProof(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    Bytes proof = in.bytes(1);
    Slot c = CLAIMS.mapping(id);
    int state = ctx.loadUint(cf(c, ClaimField.STATE)).intValueExact();
    if (state == PROVEN || state == CHALLENGED) throw ALREADY_PROVEN.revert(id);
    Address prover = ctx.loadAddress(cf(c, ClaimField.PROVER));
    if (state != CLAIMED || !prover.equals(ctx.caller())) throw NOT_CLAIMANT.revert(id, ctx.caller());
    long now = ctx.block().number();
    long until = ctx.loadUint(cf(c, ClaimField.CLAIMED_AT)).longValueExact() + CLAIM_WINDOW.read(ctx).longValueExact();
    if (now > until) throw CLAIM_EXPIRED.revert(id, BigInteger.valueOf(until));

    List<?> request = (List<?>) ctx.call(Addresses.INFERENCE, Inference.GET_REQUEST, BigInteger.ZERO, id);
    BigInteger modelId = (BigInteger) request.get(1), version = (BigInteger) request.get(2);
    if (LeafChallenges.faulty(ctx, modelId, version)) throw VERSION_FAULTY.revert(modelId, version);
    AttributionVerifier.Binding binding = new AttributionVerifier.Binding(ctx.block().chainId(), ctx.self(), id,
        (BigInteger) request.get(1), (BigInteger) request.get(2), bytes32(request.get(3)), bytes32(request.get(12)), prover);
    // a text-spans version's proof (v2) is checked by the span verifier; every other by the fork's gradient verifier
    AttributionVerifier.Verified verified = SpanProofVerifier.isSpanProof(proof) && verifier != UNAVAILABLE
        ? SpanProofVerifier.verify(ctx, binding, proof, (BigInteger) request.get(4), (BigInteger) request.get(13))
        : verifier.verify(ctx, binding, proof);
    int n = verified.contributors().size();
    if (n > MAX_CONTRIBUTORS) throw TOO_MANY_CONTRIBUTORS.revert(BigInteger.valueOf(n), BigInteger.valueOf(MAX_CONTRIBUTORS));

    Slot contributors = cf(c, ClaimField.CONTRIBUTORS);
    Slot scores = cf(c, ClaimField.SCORES);
    ctx.storeUint(contributors, BigInteger.valueOf(n));
    ctx.storeUint(scores, BigInteger.valueOf(n));
    Slot contributorData = contributors.arrayData(), scoreData = scores.arrayData(); // hashed once, not per element
    for (int i = 0; i < n; i++) {
      ctx.storeAddress(contributorData.offset(BigInteger.valueOf(i)), verified.contributors().get(i));
      ctx.storeUint(scoreData.offset(BigInteger.valueOf(i)), verified.scores().get(i));
    }
    Bytes32 proofHash = Bytes32.wrap(Keccak.hash(proof.toArrayUnsafe()));
    long challengeEnds = now + CHALLENGE_WINDOW.read(ctx).longValueExact();
    ctx.store(cf(c, ClaimField.PROOF_HASH), proofHash);
    ctx.storeUint(cf(c, ClaimField.MODEL_ID), modelId);
    ctx.storeUint(cf(c, ClaimField.VERSION), version);
    ctx.storeUint(cf(c, ClaimField.CHALLENGE_ENDS), BigInteger.valueOf(challengeEnds));
    ctx.storeUint(cf(c, ClaimField.STATE), BigInteger.valueOf(PROVEN));
    ctx.emit(PROOF_ACCEPTED, id, prover, proofHash, BigInteger.valueOf(n), BigInteger.valueOf(challengeEnds));
    return null;
  }

  private static long submitProofGas(GasSchedule s, Bytes data) {
    Bytes proof;
    try {
      List<Object> args = AbiCodec.decode(SUBMIT_PROOF_ARGS, data.toArrayUnsafe(), 4, data.size() - 4);
      proof = (Bytes) args.get(1);
    } catch (RuntimeException malformed) {
      proof = Bytes.EMPTY;
    }
    // keys: the claim, claimWindow and challengeWindow (2 each), the two arrays' data, the version's faulty flag (2)
    return 9 * s.storageRead() + (9 + 2 * MAX_CONTRIBUTORS) * s.storageWrite() + 9 * s.storageKey() + s.hashing(proof.size()) + s.log(3, 96)
        + Inference.GET_REQUEST.nestedCost(s, BigInteger.ONE)
        + (SpanProofVerifier.isSpanProof(proof) ? SpanProofVerifier.gas(s, proof) : AttributionVerifier.gas(s, proof));
  }

  private static final AbiType.Tuple SUBMIT_PROOF_ARGS = (AbiType.Tuple) AbiType.parse("(uint256,bytes)");

  private Object verifiedAttribution(CallContext ctx, Args in) {
    Slot c = CLAIMS.mapping(in.uint(0));
    int state = ctx.loadUint(cf(c, ClaimField.STATE)).intValueExact();
    Address prover = ctx.loadAddress(cf(c, ClaimField.PROVER));
    if (state != PROVEN && state != CHALLENGED) return List.of(prover, false, List.of(), List.of());
    // a proof against a version later shown faulty never becomes final: its request refunds at the deadline
    boolean isFinal = state == PROVEN && ctx.block().number() > ctx.loadUint(cf(c, ClaimField.CHALLENGE_ENDS)).longValueExact()
        && !LeafChallenges.faulty(ctx, ctx.loadUint(cf(c, ClaimField.MODEL_ID)), ctx.loadUint(cf(c, ClaimField.VERSION)));
    Slot contributors = cf(c, ClaimField.CONTRIBUTORS);
    Slot scores = cf(c, ClaimField.SCORES);
    int n = ctx.loadUint(contributors).intValueExact();
    List<Object> who = new ArrayList<>(n);
    List<Object> score = new ArrayList<>(n);
    Slot contributorData = contributors.arrayData(), scoreData = scores.arrayData(); // hashed once, not per element
    for (int i = 0; i < n; i++) {
      who.add(ctx.loadAddress(contributorData.offset(BigInteger.valueOf(i))));
      score.add(ctx.loadUint(scoreData.offset(BigInteger.valueOf(i))));
    }
    return List.of(prover, isFinal, who, score);
  }

  // ------------------------------------------------------------------ challenges

  private Object challenge(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    Slot c = CLAIMS.mapping(id);
    int state = ctx.loadUint(cf(c, ClaimField.STATE)).intValueExact();
    if (state != PROVEN || ctx.block().number() > ctx.loadUint(cf(c, ClaimField.CHALLENGE_ENDS)).longValueExact()) {
      throw NOT_CHALLENGEABLE.revert(id);
    }
    BigInteger required = CHALLENGER_BOND.read(ctx);
    if (!ctx.value().equals(required)) throw WRONG_CHALLENGER_BOND.revert(ctx.value(), required);
    ctx.storeUint(cf(c, ClaimField.STATE), BigInteger.valueOf(CHALLENGED));
    ctx.storeAddress(cf(c, ClaimField.CHALLENGER), ctx.caller());
    ctx.storeUint(cf(c, ClaimField.CHALLENGER_BOND), ctx.value());
    ctx.emit(CHALLENGED_EVENT, id, ctx.caller(), in.bytes32(1));
    return null;
  }

  private Object resolveChallenge(CallContext ctx, Args in) {
    onlyTimelock(ctx);
    BigInteger id = in.uint(0);
    boolean faulted = in.bool(1);
    Slot c = CLAIMS.mapping(id);
    if (ctx.loadUint(cf(c, ClaimField.STATE)).intValueExact() != CHALLENGED) throw NO_OPEN_CHALLENGE.revert(id);
    Address prover = ctx.loadAddress(cf(c, ClaimField.PROVER));
    Address challenger = ctx.loadAddress(cf(c, ClaimField.CHALLENGER));
    BigInteger challengerBond = ctx.loadUint(cf(c, ClaimField.CHALLENGER_BOND));
    ctx.storeAddress(cf(c, ClaimField.CHALLENGER), Address.ZERO);
    ctx.storeUint(cf(c, ClaimField.CHALLENGER_BOND), BigInteger.ZERO);
    if (!faulted) {
      // the proof stands; the failed challenge's bond compensates the prover for the delay
      ctx.storeUint(cf(c, ClaimField.STATE), BigInteger.valueOf(PROVEN));
      ctx.transfer(prover, challengerBond);
      ctx.emit(CHALLENGE_RESOLVED, id, false, BigInteger.ZERO, BigInteger.ZERO);
      return null;
    }
    BigInteger[] outcome = slash(ctx, c, prover, challenger, challengerBond);
    ctx.emit(CHALLENGE_RESOLVED, id, true, outcome[0], outcome[1]);
    return null;
  }

  /**
   * A prover found at fault: its locked bond is slashed (the challenger's share to the challenger
   * with its own bond back, the rest to the treasury) and the claim is cleared, so the request can
   * be claimed and proven again. Returns {slashed, toChallenger}.
   */
  static BigInteger[] slash(CallContext ctx, Slot c, Address prover, Address challenger, BigInteger challengerBond) {
    BigInteger slashed = ctx.loadUint(cf(c, ClaimField.LOCKED));
    BigInteger toChallenger = BasisPoints.share(slashed, CHALLENGER_SHARE_BP.read(ctx).intValueExact());
    Slot bond = bond(prover);
    Slot amount = bf(bond, BondField.AMOUNT);
    Slot locked = bf(bond, BondField.LOCKED);
    ctx.storeUint(amount, ctx.loadUint(amount).subtract(slashed));
    ctx.storeUint(locked, ctx.loadUint(locked).subtract(slashed));
    clear(ctx, c);
    ctx.transfer(challenger, challengerBond.add(toChallenger));
    if (slashed.subtract(toChallenger).signum() > 0) ctx.transfer(Addresses.TREASURY, slashed.subtract(toChallenger));
    return new BigInteger[] {slashed, toChallenger};
  }

  private static long resolveGas(GasSchedule s, Bytes data) {
    // keys: the claim, challengerShareBp (2), the prover's bond
    return 12 * s.storageRead() + (10 + 2) * s.storageWrite() + 4 * s.storageKey() + 2 * s.transfer() + s.log(2, 96);
  }

  private Object release(CallContext ctx, Args in) {
    if (!ctx.caller().equals(Addresses.INFERENCE)) throw ONLY_INFERENCE.revert(ctx.caller());
    BigInteger id = in.uint(0);
    Slot c = CLAIMS.mapping(id);
    int state = ctx.loadUint(cf(c, ClaimField.STATE)).intValueExact();
    if (state == NONE) return null;
    Address prover = ctx.loadAddress(cf(c, ClaimField.PROVER));
    BigInteger lock = ctx.loadUint(cf(c, ClaimField.LOCKED));
    unlock(ctx, prover, lock);
    if (state == CHALLENGED) {
      // refunded while a challenge was open: nobody lost, the challenger gets its bond back
      ctx.transfer(ctx.loadAddress(cf(c, ClaimField.CHALLENGER)), ctx.loadUint(cf(c, ClaimField.CHALLENGER_BOND)));
      ctx.storeAddress(cf(c, ClaimField.CHALLENGER), Address.ZERO);
      ctx.storeUint(cf(c, ClaimField.CHALLENGER_BOND), BigInteger.ZERO);
    }
    ctx.storeUint(cf(c, ClaimField.STATE), BigInteger.valueOf(NONE));
    ctx.storeUint(cf(c, ClaimField.LOCKED), BigInteger.ZERO);
    ctx.emit(RELEASED, id, prover, lock);
    return null;
  }

  /** Forgets a slashed claim so the request can be claimed and proven again. */
  static void clear(CallContext ctx, Slot c) {
    ctx.storeUint(cf(c, ClaimField.STATE), BigInteger.valueOf(NONE));
    ctx.storeUint(cf(c, ClaimField.LOCKED), BigInteger.ZERO);
    ctx.storeUint(cf(c, ClaimField.CONTRIBUTORS), BigInteger.ZERO);
    ctx.storeUint(cf(c, ClaimField.SCORES), BigInteger.ZERO);
    ctx.storeAddress(cf(c, ClaimField.PROVER), Address.ZERO);
  }

  static void unlock(CallContext ctx, Address prover, BigInteger amount) {
    Slot locked = bf(bond(prover), BondField.LOCKED);
    ctx.storeUint(locked, ctx.loadUint(locked).subtract(amount));
  }

  // ------------------------------------------------------------------ attestations and governance

  private Object attest(CallContext ctx, Args in) {
    BigInteger available = available(ctx, bond(ctx.caller()));
    BigInteger needed = MIN_ATTESTER_BOND.read(ctx);
    if (available.compareTo(needed) < 0) throw INSUFFICIENT_BOND.revert(available, needed);
    ctx.call(Addresses.MODELS, Models.RECORD_ATTESTATION, BigInteger.ZERO, in.uint(0), in.uint(1), ctx.caller());
    LeafChallenges.recordAttester(ctx, in.uint(0), in.uint(1), ctx.caller());
    return null;
  }

  private Object setParameter(CallContext ctx, Args in) {
    onlyTimelock(ctx);
    Bytes32 name = in.bytes32(0);
    BigInteger value = in.uint(1);
    for (Parameter p : java.util.stream.Stream.concat(ALL_PARAMETERS.stream(), LEAF_PARAMETERS.stream()).toList()) {
      if (p.label().equals(name)) {
        boolean bp = p == BOND_MULTIPLE_BP || p == CHALLENGER_SHARE_BP || p == ATTESTER_SLASH_BP;
        boolean window = p == CLAIM_WINDOW || p == CHALLENGE_WINDOW || p == UNBONDING_BLOCKS || p == LEAF_RESPONSE_WINDOW;
        if (((p == CHALLENGER_SHARE_BP || p == ATTESTER_SLASH_BP) && value.compareTo(BigInteger.valueOf(BasisPoints.WHOLE)) > 0)
            || (p == BOND_MULTIPLE_BP && value.compareTo(BigInteger.valueOf(BasisPoints.WHOLE)) < 0)
            || (window && (value.signum() == 0 || value.bitLength() > 32)) || (!bp && !window && value.signum() == 0)) {
          throw BAD_PARAMETER.revert(name, value);
        }
        Governed.set(ctx, p, value, PARAMETER_SET);
        return null;
      }
    }
    throw BAD_PARAMETER.revert(name, value);
  }

  private static void onlyTimelock(CallContext ctx) {
    Governed.requireTimelock(ctx, NOT_TIMELOCK::revert);
  }

  /** Where a prover's bond words start: one hash, reused for every word a call touches. */
  static Slot bond(Address prover) {
    return BONDS.mapping(prover);
  }

  static Slot bf(Slot bond, BondField f) {
    return bond.field(f.ordinal());
  }

  static Slot cf(Slot claim, ClaimField f) {
    return claim.field(f.ordinal());
  }

  static Bytes32 bytes32(Object value) {
    return Bytes32.wrap((Bytes) value);
  }
}
