package org.openledger.contracts.prover;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.IndexTree;
import org.openledger.contracts.attribution.KeccakSponge;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.contracts.attribution.BasisRow;
import org.openledger.contracts.attribution.CommittedModel;
import org.openledger.contracts.attribution.MalformedRowException;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.settlement.BasisPoints;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.abi.AbiCodec;
import org.openledger.precompiles.abi.AbiType;
import org.openledger.precompiles.contract.Args;
import org.openledger.precompiles.contract.CallContext;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.storage.Slot;

/**
 * The leaf-coordinate challenge (docs/attribution.md §8): an interactive game that shows a
 * registered index leaf's coordinate {@code u_c[j]} wrong without any one transaction recomputing
 * it, since that needs every example of the contributor.
 *
 * <ol>
 *   <li><b>Open</b> (anyone, posting {@code leafChallengerBond}): the leaf with its Merkle proof
 *       against {@code indexRoot}, the leaf's contribution leaves (which rebuild its {@code
 *       contributionsRoot}, so their count and order are fixed) and one claimed exact partial sum of
 *       {@code raw_j} per contribution, whose total rounds ({@code rs(Σ, e_U)}, {@code e_U =
 *       log2(scale)}) to something else than {@code u_c[j]}.
 *   <li><b>Dispute</b> (the model owner or an attester of the version, within the response
 *       window): names one partial sum as wrong.
 *   <li><b>Descend</b> (the challenger, within the window): that contribution's leaf with its proof
 *       against {@code contributionsRoot}, and one {@code raw_j} value per example (at most 1,024)
 *       that add up to the disputed partial sum exactly.
 *   <li><b>Upload</b> (the challenger, same window): the contribution's content (an OLI1 image
 *       blob, up to ~800 KB) in chunks of whole 136-byte Keccak blocks. Hashing it in one call
 *       would cost more than a block's gas, so the contract keeps the Keccak sponge state between
 *       calls ({@link KeccakSponge}) and checks the last chunk against the leaf's {@code
 *       contentHash}; as the bytes pass it stores each example record's hash.
 *   <li><b>Step</b> (the defender, within the window): picks one example, supplies its record,
 *       the weights (→ {@code weightsRoot}) and basis row {@code j} (→ {@code basisRoot}); the
 *       contract recomputes {@code raw_j(g_e)} ({@link CommittedModel#exampleProjection}, either shipped model). If it equals
 *       the challenger's value, the challenger wins, otherwise the challenger loses.
 * </ol>
 *
 * <p><b>Bisected</b> (any number of contributions; {@code openLeafBisection}): instead of listing the
 * leaf's contributions, the challenger claims the total and opens the contributions tree's root by
 * its preimage {@code 0x01 ‖ left ‖ right} with the left child's sum (the right one's is the rest);
 * the defender disputes one child ({@code disputePartialSum} with 0 or 1) and the challenger opens
 * it the same way ({@code splitLeafChallenge}) until the disputed node's preimage is a contribution
 * leaf {@code 0x00 ‖ id ‖ contentHash}, where it descends as above with an empty list of partial
 * sums and no proof. Walking preimages rather than positions needs no leaf count: the §5 tree has no
 * padding (an odd last node moves up unchanged, the same hash) and its prefixes keep leaves and
 * nodes apart, so every node the walk reaches is one of the tree's and its leaves are exactly the
 * contributions.
 *
 * <p>Anyone may settle a phase whose window passed ({@code timeoutLeafChallenge}): without a dispute
 * or without a step the challenger wins; without a descent or a complete upload it loses. Sound for
 * an honest party on either side: if the leaf is right, the challenger's total differs from the
 * true sum, so some partial sum and then some example value is wrong and the defender can pick it;
 * if the leaf is wrong, an honest challenger's values are all right and no step can refute them.
 *
 * <p>A win marks the version faulty (no proof is accepted for it and no pending proof becomes
 * final: those requests refund at their deadline, and their provers are unlocked, not slashed) and
 * slashes each attester's bond by up to {@code attesterSlashBp} of the minimum attester bond: the
 * challenger's share ({@code challengerShareBp}) with its own bond back to the challenger, the rest
 * to the treasury. A loss pays the challenger's bond to the defender.
 */
final class LeafChallenges {
  /** Game states, as {@code leafChallenge(gameId).state} reports them. */
  static final int NONE = 0, OPEN = 1, DISPUTED = 2, UPLOADING = 3, PICKING = 4, CHALLENGER_WON = 5, CHALLENGER_LOST = 6;
  /** Why a game ended ({@code LeafChallengeDecided.reason}). */
  static final int NO_DISPUTE = 0, NO_DESCENT = 1, NO_STEP = 2, ONE_STEP = 3;
  /** Evidence items, numbered after FraudProofs' 0–4 in EvidenceMismatch and MalformedEvidence. */
  static final int ITEM_WEIGHTS = 0, ITEM_BASIS_ROW = 3, ITEM_LEAF = 4, ITEM_CONTRIBUTIONS = 5, ITEM_PARTIAL_SUMS = 6, ITEM_VALUES = 7,
      ITEM_CONTENT = 8, ITEM_RECORD = 9;

  /** Contribution leaves per index leaf (65 + 8 calldata bytes each, so an opening stays near 75 KB). */
  static final int MAX_CONTRIBUTIONS = 1_024;
  /** Examples per contribution: an OLI1 contribution holds at most 1,024 images. */
  static final int MAX_EXAMPLES = 1_024;
  /** Pixels per example the upload accepts; bounds the record carried between upload calls. */
  static final int MAX_PIXELS = 4_096;
  /** Attesters recorded per version (as Models.MAX_REQUIRED_ATTESTATIONS): bounds the slashing loop. */
  static final int MAX_ATTESTERS = Models.MAX_REQUIRED_ATTESTATIONS;

  private static final int CONTRIBUTION_LEAF_BYTES = 1 + 32 + 32;
  private static final int HEADER_BYTES = 4 + 2 + 2 + 1 + 2;
  private static final int OLI1 = 0x4f4c4931;
  private static final int MAX_RECORD_BYTES = 1 + MAX_PIXELS;
  private static final int CARRY_WORDS = (MAX_RECORD_BYTES + 31) / 32;
  private static final int SPONGE_WORDS = (KeccakSponge.STATE_BYTES + 31) / 32;

  static final Slot GAME_COUNT = Slot.at(4);
  static final Slot GAMES = Slot.at(5);
  /** mapping(modelId => mapping(version => {bool faulty; address[] attesters})). */
  static final Slot VERSIONS = Slot.at(6);
  /** mapping(gameId => mapping(example => bytes32 recordHash)). */
  static final Slot RECORDS = Slot.at(7);
  /** mapping(gameId => a bisected game's node words, {@link B}); depth 0 marks a game opened with its contribution list. */
  static final Slot BISECTIONS = Slot.at(8);

  /** Words of a bisected game: the disputed node and its claimed sum, the last opened node's children and their sums, the depth reached. */
  enum B {
    NODE, NODE_SUM, LEFT, RIGHT, LEFT_SUM, RIGHT_SUM, DEPTH
  }

  /** A contributions-tree node's preimage: {@code 0x01 ‖ left ‖ right}, or a contribution leaf {@code 0x00 ‖ id ‖ contentHash}. */
  private static final int NODE_BYTES = 1 + 32 + 32;

  /** Words of a game; the sponge and the carried partial record follow at {@link #SPONGE} and {@link #CARRY}. */
  enum G {
    MODEL_ID, VERSION, LEAF_INDEX, COORDINATE, CHALLENGER, BOND, STATE, DEADLINE, CONTRIBUTIONS_ROOT, CONTRIBUTIONS, PARTIALS_HASH,
    DEFENDER, DISPUTED, CONTENT_HASH, VALUES_HASH, EXAMPLES, RECORD_BYTES, TOTAL_BYTES, UPLOADED, NEXT_RECORD, CARRY_LENGTH
  }

  private static final int SPONGE = G.values().length;
  private static final int CARRY = SPONGE + SPONGE_WORDS;

  private LeafChallenges() {}

  // ------------------------------------------------------------------ the game

  /** What both openings establish: the version is challengeable and {@code leaf} is its index leaf {@code leafIndex}. */
  private record Challenged(BigInteger modelId, BigInteger version, BigInteger leafIndex, BigInteger coordinate, IndexLeaf leaf, int leafShift) {}

  static Object open(CallContext ctx, Args in) {
    Challenged c = challenged(ctx, in);
    byte[] contributions = in.bytes(7).toArrayUnsafe();
    int n = contributions.length / CONTRIBUTION_LEAF_BYTES;
    if (n == 0 || n > MAX_CONTRIBUTIONS || contributions.length % CONTRIBUTION_LEAF_BYTES != 0) {
      throw Provers.MALFORMED_EVIDENCE.revert(item(ITEM_CONTRIBUTIONS));
    }
    List<Bytes32> leafHashes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (contributions[i * CONTRIBUTION_LEAF_BYTES] != 0) throw Provers.MALFORMED_EVIDENCE.revert(item(ITEM_CONTRIBUTIONS));
      leafHashes.add(Bytes32.wrap(Keccak.hash(Arrays.copyOfRange(contributions, i * CONTRIBUTION_LEAF_BYTES, (i + 1) * CONTRIBUTION_LEAF_BYTES))));
    }
    // rebuilding the whole tree from 0x00-prefixed leaves fixes the count, which one path would not
    Bytes32 contributionsRoot = IndexTree.of(leafHashes).root();
    if (!contributionsRoot.equals(c.leaf().contributionsRoot())) {
      throw Provers.EVIDENCE_MISMATCH.revert(item(ITEM_CONTRIBUTIONS), c.leaf().contributionsRoot(), contributionsRoot);
    }
    long[] partials = int64s(in.list(8), ITEM_PARTIAL_SUMS);
    if (partials.length != n) throw Provers.MALFORMED_EVIDENCE.revert(item(ITEM_PARTIAL_SUMS));
    BigInteger gameId = start(ctx, c, sum(partials, ITEM_PARTIAL_SUMS), n);
    ctx.store(f(GAMES.mapping(gameId), G.PARTIALS_HASH), packedHash(partials));
    return gameId;
  }

  /**
   * Opens a bisected game: the claimed total, the contributions root's preimage and its left child's
   * claimed sum. The defenders then dispute one of the root's two children, as for two partial sums.
   */
  static Object openBisection(CallContext ctx, Args in) {
    Challenged c = challenged(ctx, in);
    long total = in.integer(7).longValueExact(); // the ABI's int64 bounds it
    BigInteger gameId = start(ctx, c, total, 2);
    Slot g = GAMES.mapping(gameId);
    splitNode(ctx, gameId, c.leaf().contributionsRoot(), BigInteger.valueOf(total), in.bytes(8).toArrayUnsafe(), in.integer(9), 1,
        ctx.loadUint(f(g, G.DEADLINE)).longValueExact());
    return gameId;
  }

  /** The challenger opens the disputed node of a bisected game: its preimage and its left child's claimed sum. */
  static Object split(CallContext ctx, Args in) {
    BigInteger gameId = in.uint(0);
    Slot g = inPhase(ctx, gameId, DISPUTED);
    onlyChallenger(ctx, g, gameId);
    Slot b = BISECTIONS.mapping(gameId);
    long depth = ctx.loadUint(bf(b, B.DEPTH)).longValueExact();
    if (depth == 0) throw Provers.NOT_BISECTED.revert(gameId);
    long deadline = enter(ctx, g, OPEN); // the defenders' turn again, as after an opening
    splitNode(ctx, gameId, ctx.load(bf(b, B.NODE)), loadInt(ctx, bf(b, B.NODE_SUM)), in.bytes(1).toArrayUnsafe(), in.integer(2), depth + 1, deadline);
    return null;
  }

  /**
   * Checks {@code node} is the preimage of inner node {@code expected} and records its children with
   * the claimed split of {@code sum}: {@code leftSum} and the rest, so the two always add up.
   */
  private static void splitNode(CallContext ctx, BigInteger gameId, Bytes32 expected, BigInteger sum, byte[] node, BigInteger leftSum, long depth,
      long deadline) {
    if (node.length != NODE_BYTES || node[0] != 0x01) throw Provers.MALFORMED_EVIDENCE.revert(item(ITEM_CONTRIBUTIONS)); // a leaf is descended into
    Bytes32 got = Bytes32.wrap(Keccak.hash(node));
    if (!got.equals(expected)) throw Provers.EVIDENCE_MISMATCH.revert(item(ITEM_CONTRIBUTIONS), expected, got);
    BigInteger rightSum = sum.subtract(leftSum);
    if (rightSum.bitLength() > 255) throw Provers.MALFORMED_EVIDENCE.revert(item(ITEM_PARTIAL_SUMS)); // no int256
    Bytes32 left = Bytes32.wrap(Arrays.copyOfRange(node, 1, 33)), right = Bytes32.wrap(Arrays.copyOfRange(node, 33, NODE_BYTES));
    Slot b = BISECTIONS.mapping(gameId);
    ctx.store(bf(b, B.LEFT), left);
    ctx.store(bf(b, B.RIGHT), right);
    storeInt(ctx, bf(b, B.LEFT_SUM), leftSum);
    storeInt(ctx, bf(b, B.RIGHT_SUM), rightSum);
    ctx.storeUint(bf(b, B.DEPTH), BigInteger.valueOf(depth));
    ctx.emit(Provers.LEAF_CHALLENGE_SPLIT, gameId, BigInteger.valueOf(depth), left, right, leftSum, rightSum, BigInteger.valueOf(deadline));
  }

  /** The checks both openings share, up to the leaf's Merkle proof against the version's indexRoot. */
  private static Challenged challenged(CallContext ctx, Args in) {
    BigInteger modelId = in.uint(0), version = in.uint(1), leafCount = in.uint(2), leafIndex = in.uint(3), coordinate = in.uint(4);
    Slot versionRecord = version(modelId, version);
    if (ctx.loadBool(versionRecord.field(0))) throw Provers.VERSION_FAULTY.revert(modelId, version);
    BigInteger required = Provers.LEAF_CHALLENGER_BOND.read(ctx);
    if (!ctx.value().equals(required)) throw Provers.WRONG_CHALLENGER_BOND.revert(ctx.value(), required);
    List<?> spec = spec(ctx, modelId, version);
    // an adapter's leaves project gradients over its own parameters, which no committed model here recomputes
    List<?> model = (List<?>) ctx.call(Addresses.MODELS, Models.MODEL_VIEW, BigInteger.ZERO, modelId);
    if (((BigInteger) model.get(1)).signum() != 0) throw Provers.ADAPTER_NOT_CHALLENGEABLE.revert(modelId, version);
    int k = uint(spec, "uint32 basisRank").intValueExact();
    int leafShift = leafShift(uint(spec, "uint256 scale"), uint(spec, "uint8 outputFunction"));

    IndexLeaf leaf;
    try {
      leaf = IndexLeaf.decode(in.bytes(5).toArrayUnsafe(), k);
    } catch (IllegalArgumentException e) {
      throw Provers.MALFORMED_EVIDENCE.revert(item(ITEM_LEAF));
    }
    if (coordinate.compareTo(BigInteger.valueOf(k)) >= 0) throw Provers.COORDINATE_OUT_OF_RANGE.revert(coordinate, BigInteger.valueOf(k));
    if (leafCount.signum() == 0 || leafCount.compareTo(BigInteger.valueOf(IndexTree.MAX_LEAVES)) > 0 || leafIndex.compareTo(leafCount) >= 0) {
      throw Provers.MALFORMED_EVIDENCE.revert(item(ITEM_LEAF));
    }
    Bytes32 indexRoot = root(spec, "bytes32 indexRoot");
    Bytes32 computed = IndexTree.rootFrom(leafCount.longValueExact(), new long[] {leafIndex.longValueExact()}, new Bytes32[] {leaf.hash()},
        hashes(in.list(6))).map(r -> IndexTree.indexRoot(leafCount.longValueExact(), r)).orElse(Bytes32.ZERO);
    if (!computed.equals(indexRoot)) throw Provers.EVIDENCE_MISMATCH.revert(item(ITEM_LEAF), indexRoot, computed);
    return new Challenged(modelId, version, leafIndex, coordinate, leaf, leafShift);
  }

  /** Refuses a total that rounds to the registered coordinate, then records a new game awaiting a dispute among {@code parts}. */
  private static BigInteger start(CallContext ctx, Challenged c, long total, int parts) {
    short registered = c.leaf().u()[c.coordinate().intValueExact()];
    boolean differs;
    try {
      differs = FraudChecks.leafCoordinateDiffers(registered, total, c.leafShift());
    } catch (ArithmeticException overflow) {
      differs = true; // a total at the edge of int64 rounds outside int16, so it cannot be the registered coordinate
    }
    if (!differs) throw Provers.LEAF_CLAIM_AGREES.revert(BigInteger.valueOf(total), BigInteger.valueOf(registered));

    BigInteger gameId = ctx.loadUint(GAME_COUNT).add(BigInteger.ONE);
    ctx.storeUint(GAME_COUNT, gameId);
    Slot g = GAMES.mapping(gameId);
    ctx.storeUint(f(g, G.MODEL_ID), c.modelId());
    ctx.storeUint(f(g, G.VERSION), c.version());
    ctx.storeUint(f(g, G.LEAF_INDEX), c.leafIndex());
    ctx.storeUint(f(g, G.COORDINATE), c.coordinate());
    ctx.storeAddress(f(g, G.CHALLENGER), ctx.caller());
    ctx.storeUint(f(g, G.BOND), ctx.value());
    ctx.store(f(g, G.CONTRIBUTIONS_ROOT), c.leaf().contributionsRoot());
    ctx.storeUint(f(g, G.CONTRIBUTIONS), BigInteger.valueOf(parts));
    long deadline = enter(ctx, g, OPEN);
    ctx.emit(Provers.LEAF_CHALLENGE_OPENED, gameId, c.modelId(), c.version(), c.leafIndex(), c.coordinate(), ctx.caller(), BigInteger.valueOf(total),
        BigInteger.valueOf(registered), BigInteger.valueOf(deadline));
    return gameId;
  }

  static Object dispute(CallContext ctx, Args in) {
    BigInteger gameId = in.uint(0);
    Slot g = inPhase(ctx, gameId, OPEN);
    BigInteger modelId = ctx.loadUint(f(g, G.MODEL_ID)), version = ctx.loadUint(f(g, G.VERSION));
    List<?> model = (List<?>) ctx.call(Addresses.MODELS, Models.MODEL_VIEW, BigInteger.ZERO, modelId);
    boolean owner = ctx.caller().equals(model.get(0));
    if (!owner && !(Boolean) ctx.call(Addresses.MODELS, Models.HAS_ATTESTED, BigInteger.ZERO, modelId, version, ctx.caller())) {
      throw Provers.NOT_DEFENDER.revert(gameId, ctx.caller());
    }
    BigInteger contribution = in.uint(1);
    BigInteger count = ctx.loadUint(f(g, G.CONTRIBUTIONS));
    if (contribution.compareTo(count) >= 0) throw Provers.PART_OUT_OF_RANGE.revert(contribution, count);
    // the first dispute names the defender; a bisected game's later rounds are its alone, as is the step
    Address defender = ctx.loadAddress(f(g, G.DEFENDER));
    if (!defender.equals(Address.ZERO) && !defender.equals(ctx.caller())) throw Provers.NOT_DEFENDER.revert(gameId, ctx.caller());
    Slot b = BISECTIONS.mapping(gameId);
    if (ctx.loadUint(bf(b, B.DEPTH)).signum() > 0) {
      boolean right = contribution.signum() > 0;
      ctx.store(bf(b, B.NODE), ctx.load(bf(b, right ? B.RIGHT : B.LEFT)));
      ctx.store(bf(b, B.NODE_SUM), ctx.load(bf(b, right ? B.RIGHT_SUM : B.LEFT_SUM)));
    }
    ctx.storeAddress(f(g, G.DEFENDER), ctx.caller());
    ctx.storeUint(f(g, G.DISPUTED), contribution);
    long deadline = enter(ctx, g, DISPUTED);
    ctx.emit(Provers.PARTIAL_SUM_DISPUTED, gameId, ctx.caller(), contribution, BigInteger.valueOf(deadline));
    return null;
  }

  static Object descend(CallContext ctx, Args in) {
    BigInteger gameId = in.uint(0);
    Slot g = inPhase(ctx, gameId, DISPUTED);
    onlyChallenger(ctx, g, gameId);
    byte[] leaf = in.bytes(2).toArrayUnsafe();
    Slot b = BISECTIONS.mapping(gameId);
    BigInteger disputed;
    if (ctx.loadUint(bf(b, B.DEPTH)).signum() > 0) {
      // the bisection reached this node: its hash fixes the leaf, so no list and no path
      if (!in.list(1).isEmpty()) throw Provers.MALFORMED_EVIDENCE.revert(item(ITEM_PARTIAL_SUMS));
      if (!in.list(3).isEmpty() || leaf.length != CONTRIBUTION_LEAF_BYTES || leaf[0] != 0) {
        throw Provers.MALFORMED_EVIDENCE.revert(item(ITEM_CONTRIBUTIONS));
      }
      Bytes32 node = ctx.load(bf(b, B.NODE)), got = Bytes32.wrap(Keccak.hash(leaf));
      if (!got.equals(node)) throw Provers.EVIDENCE_MISMATCH.revert(item(ITEM_CONTRIBUTIONS), node, got);
      disputed = loadInt(ctx, bf(b, B.NODE_SUM));
    } else {
      long[] partials = int64s(in.list(1), ITEM_PARTIAL_SUMS);
      Bytes32 stored = ctx.load(f(g, G.PARTIALS_HASH)), got = packedHash(partials);
      if (!got.equals(stored)) throw Provers.EVIDENCE_MISMATCH.revert(item(ITEM_PARTIAL_SUMS), stored, got);
      int i = ctx.loadUint(f(g, G.DISPUTED)).intValueExact();
      long count = ctx.loadUint(f(g, G.CONTRIBUTIONS)).longValueExact();
      if (leaf.length != CONTRIBUTION_LEAF_BYTES || leaf[0] != 0) throw Provers.MALFORMED_EVIDENCE.revert(item(ITEM_CONTRIBUTIONS));
      Bytes32 contributionsRoot = ctx.load(f(g, G.CONTRIBUTIONS_ROOT));
      Bytes32 computed = IndexTree.rootFrom(count, new long[] {i}, new Bytes32[] {Bytes32.wrap(Keccak.hash(leaf))}, hashes(in.list(3)))
          .orElse(Bytes32.ZERO);
      if (!computed.equals(contributionsRoot)) throw Provers.EVIDENCE_MISMATCH.revert(item(ITEM_CONTRIBUTIONS), contributionsRoot, computed);
      disputed = BigInteger.valueOf(partials[i]);
    }

    long[] values = int64s(in.list(4), ITEM_VALUES);
    if (values.length == 0 || values.length > MAX_EXAMPLES || !BigInteger.valueOf(sum(values, ITEM_VALUES)).equals(disputed)) {
      throw Provers.MALFORMED_EVIDENCE.revert(item(ITEM_VALUES));
    }
    Bytes32 contentHash = Bytes32.wrap(Arrays.copyOfRange(leaf, 1 + 32, 1 + 64));
    ctx.store(f(g, G.CONTENT_HASH), contentHash);
    ctx.store(f(g, G.VALUES_HASH), packedHash(values));
    ctx.storeUint(f(g, G.EXAMPLES), BigInteger.valueOf(values.length));
    long deadline = enter(ctx, g, UPLOADING);
    ctx.emit(Provers.LEAF_CHALLENGE_DESCENDED, gameId, contentHash, BigInteger.valueOf(values.length), BigInteger.valueOf(deadline));
    return null;
  }

  /**
   * One chunk of the disputed contribution's content at {@code offset} (0 restarts the upload). All
   * chunks but the last are whole Keccak blocks; {@code records} must be the number of example
   * records the chunk completes (it prices the call before anything runs).
   */
  static Object upload(CallContext ctx, Args in) {
    BigInteger gameId = in.uint(0);
    Slot g = inPhase(ctx, gameId, UPLOADING);
    onlyChallenger(ctx, g, gameId);
    BigInteger offset = in.uint(1);
    byte[] chunk = in.bytes(2).toArrayUnsafe();
    BigInteger declared = in.uint(3);

    KeccakSponge sponge;
    int recordBytes, next, carryLength, bodyFrom = 0;
    long total;
    if (offset.signum() == 0) {
      // a (re)start: the header names the record size and must agree with the descent's example count
      if (chunk.length < HEADER_BYTES) throw Provers.MALFORMED_EVIDENCE.revert(item(ITEM_CONTENT));
      ByteBuffer h = ByteBuffer.wrap(chunk);
      int magic = h.getInt(), rows = h.getShort() & 0xffff, cols = h.getShort() & 0xffff;
      h.get(); // the class count is checked against the model at the step, through each label
      int count = h.getShort() & 0xffff;
      long pixels = (long) rows * cols;
      if (magic != OLI1 || pixels == 0 || pixels > MAX_PIXELS || count != ctx.loadUint(f(g, G.EXAMPLES)).intValueExact()) {
        throw Provers.MALFORMED_EVIDENCE.revert(item(ITEM_CONTENT));
      }
      recordBytes = (int) pixels + 1;
      total = HEADER_BYTES + (long) count * recordBytes;
      sponge = KeccakSponge.empty();
      next = carryLength = 0;
      bodyFrom = HEADER_BYTES;
      ctx.storeUint(f(g, G.RECORD_BYTES), BigInteger.valueOf(recordBytes));
      ctx.storeUint(f(g, G.TOTAL_BYTES), BigInteger.valueOf(total));
    } else {
      BigInteger uploaded = ctx.loadUint(f(g, G.UPLOADED));
      if (!offset.equals(uploaded)) throw Provers.UPLOAD_OUT_OF_ORDER.revert(offset, uploaded);
      recordBytes = ctx.loadUint(f(g, G.RECORD_BYTES)).intValueExact();
      total = ctx.loadUint(f(g, G.TOTAL_BYTES)).longValueExact();
      next = ctx.loadUint(f(g, G.NEXT_RECORD)).intValueExact();
      carryLength = ctx.loadUint(f(g, G.CARRY_LENGTH)).intValueExact();
      sponge = KeccakSponge.of(loadBytes(ctx, g, SPONGE, KeccakSponge.STATE_BYTES));
    }
    long end = offset.longValueExact() + chunk.length;
    boolean last = end == total;
    if (end > total || (!last && (chunk.length == 0 || chunk.length % KeccakSponge.RATE != 0))) {
      throw Provers.MALFORMED_EVIDENCE.revert(item(ITEM_CONTENT));
    }

    // the records this chunk completes: the carried head of the last one, then the chunk's bytes
    byte[] pending = new byte[carryLength + chunk.length - bodyFrom];
    System.arraycopy(loadBytes(ctx, g, CARRY, carryLength), 0, pending, 0, carryLength);
    System.arraycopy(chunk, bodyFrom, pending, carryLength, chunk.length - bodyFrom);
    int completed = pending.length / recordBytes;
    if (!declared.equals(BigInteger.valueOf(completed))) throw Provers.WRONG_RECORD_COUNT.revert(declared, BigInteger.valueOf(completed));
    Slot records = RECORDS.mapping(gameId);
    for (int r = 0; r < completed; r++) {
      ctx.store(records.offset(BigInteger.valueOf(next + r)), Bytes32.wrap(Keccak.hash(Arrays.copyOfRange(pending, r * recordBytes, (r + 1) * recordBytes))));
    }
    int carried = pending.length - completed * recordBytes;
    storeBytes(ctx, g, CARRY, Arrays.copyOfRange(pending, completed * recordBytes, pending.length));

    if (last) {
      Bytes32 contentHash = ctx.load(f(g, G.CONTENT_HASH)), got = sponge.finish(chunk, 0, chunk.length);
      if (!got.equals(contentHash)) throw Provers.EVIDENCE_MISMATCH.revert(item(ITEM_CONTENT), contentHash, got);
    } else {
      storeBytes(ctx, g, SPONGE, sponge.absorbBlocks(chunk, 0, chunk.length).state());
    }
    ctx.storeUint(f(g, G.UPLOADED), BigInteger.valueOf(end));
    ctx.storeUint(f(g, G.NEXT_RECORD), BigInteger.valueOf(next + completed));
    ctx.storeUint(f(g, G.CARRY_LENGTH), BigInteger.valueOf(carried));
    // the upload's window runs from the descent; completing it opens the defender's
    long deadline = last ? enter(ctx, g, PICKING) : ctx.loadUint(f(g, G.DEADLINE)).longValueExact();
    ctx.emit(Provers.CONTRIBUTION_UPLOADED, gameId, BigInteger.valueOf(end), BigInteger.valueOf(total), BigInteger.valueOf(deadline));
    return null;
  }

  static Object step(CallContext ctx, Args in) {
    BigInteger gameId = in.uint(0);
    Slot g = inPhase(ctx, gameId, PICKING);
    Address defender = ctx.loadAddress(f(g, G.DEFENDER));
    if (!ctx.caller().equals(defender)) throw Provers.NOT_DEFENDER.revert(gameId, ctx.caller());
    BigInteger example = in.uint(1), count = ctx.loadUint(f(g, G.EXAMPLES));
    if (example.compareTo(count) >= 0) throw Provers.PART_OUT_OF_RANGE.revert(example, count);
    int e = example.intValueExact();
    long[] values = int64s(in.list(2), ITEM_VALUES);
    Bytes32 storedValues = ctx.load(f(g, G.VALUES_HASH)), gotValues = packedHash(values);
    if (!gotValues.equals(storedValues)) throw Provers.EVIDENCE_MISMATCH.revert(item(ITEM_VALUES), storedValues, gotValues);
    byte[] record = in.bytes(3).toArrayUnsafe();
    Bytes32 storedRecord = ctx.load(RECORDS.mapping(gameId).offset(example)), gotRecord = Bytes32.wrap(Keccak.hash(record));
    if (!gotRecord.equals(storedRecord)) throw Provers.EVIDENCE_MISMATCH.revert(item(ITEM_RECORD), storedRecord, gotRecord);

    List<?> spec = spec(ctx, ctx.loadUint(f(g, G.MODEL_ID)), ctx.loadUint(f(g, G.VERSION)));
    CommittedModel model = model(in.bytes(4), root(spec, "bytes32 weightsRoot"));
    int j = ctx.loadUint(f(g, G.COORDINATE)).intValueExact();
    BasisRow row = basisRow(in.bytes(5), in.list(6), j, uint(spec, "uint32 basisRank").intValueExact(), root(spec, "bytes32 basisRoot"), model);
    boolean challengerRight;
    try {
      if (record.length == 0) throw new IllegalArgumentException("an empty record");
      challengerRight = model.exampleProjection(row, Arrays.copyOfRange(record, 1, record.length), record[0] & 0xff) == values[e];
    } catch (IllegalArgumentException e2) {
      throw Provers.MALFORMED_EVIDENCE.revert(item(ITEM_RECORD)); // an example the model cannot read was never trained on
    } catch (ArithmeticException beyondInt64) {
      challengerRight = false; // the truth is no int64, so the challenger's int64 value is not it
    }
    // the defender picked this value as the challenger's lie: the challenger wins exactly when it is the truth
    return decide(ctx, gameId, g, challengerRight, ONE_STEP);
  }

  static Object timeout(CallContext ctx, Args in) {
    BigInteger gameId = in.uint(0);
    Slot g = GAMES.mapping(gameId);
    int state = ctx.loadUint(f(g, G.STATE)).intValueExact();
    if (state < OPEN || state > PICKING) throw Provers.WRONG_LEAF_CHALLENGE_STATE.revert(gameId, BigInteger.valueOf(state), BigInteger.valueOf(OPEN));
    long deadline = ctx.loadUint(f(g, G.DEADLINE)).longValueExact();
    if (ctx.block().number() <= deadline) throw Provers.LEAF_CHALLENGE_PENDING.revert(gameId, BigInteger.valueOf(deadline));
    return switch (state) {
      case OPEN -> decide(ctx, gameId, g, true, NO_DISPUTE);
      case PICKING -> decide(ctx, gameId, g, true, NO_STEP);
      default -> decide(ctx, gameId, g, false, NO_DESCENT);
    };
  }

  /**
   * Ends a game. Challenger right: the version is marked faulty and, the first time, its attesters
   * slashed; the challenger gets its bond and its share. Challenger wrong: its bond to the defender.
   */
  private static Object decide(CallContext ctx, BigInteger gameId, Slot g, boolean challengerWon, int reason) {
    Address challenger = ctx.loadAddress(f(g, G.CHALLENGER));
    BigInteger bond = ctx.loadUint(f(g, G.BOND));
    ctx.storeUint(f(g, G.STATE), BigInteger.valueOf(challengerWon ? CHALLENGER_WON : CHALLENGER_LOST));
    BigInteger slashed = BigInteger.ZERO, toChallenger = BigInteger.ZERO;
    if (challengerWon) {
      BigInteger modelId = ctx.loadUint(f(g, G.MODEL_ID)), version = ctx.loadUint(f(g, G.VERSION));
      Slot v = version(modelId, version);
      if (!ctx.loadBool(v.field(0))) { // a version already shown faulty was already slashed for it
        ctx.storeBool(v.field(0), true);
        slashed = slashAttesters(ctx, v);
        ctx.emit(Provers.VERSION_FAULTED, modelId, version, gameId, slashed);
      }
      toChallenger = BasisPoints.share(slashed, Provers.CHALLENGER_SHARE_BP.read(ctx).intValueExact());
      ctx.transfer(challenger, bond.add(toChallenger));
      if (slashed.subtract(toChallenger).signum() > 0) ctx.transfer(Addresses.TREASURY, slashed.subtract(toChallenger));
    } else {
      ctx.transfer(ctx.loadAddress(f(g, G.DEFENDER)), bond);
    }
    ctx.emit(Provers.LEAF_CHALLENGE_DECIDED, gameId, challengerWon, BigInteger.valueOf(reason), slashed, toChallenger);
    return null;
  }

  /** Takes up to attesterSlashBp of minAttesterBond from each attester's bond not locked by a claim (unbonding OPEN included). */
  private static BigInteger slashAttesters(CallContext ctx, Slot v) {
    BigInteger cap = BasisPoints.share(Provers.MIN_ATTESTER_BOND.read(ctx), Provers.ATTESTER_SLASH_BP.read(ctx).intValueExact());
    Slot list = v.field(1);
    int n = ctx.loadUint(list).intValueExact();
    Slot data = list.arrayData();
    BigInteger total = BigInteger.ZERO;
    for (int a = 0; a < n; a++) {
      Slot bond = Provers.bond(ctx.loadAddress(data.offset(BigInteger.valueOf(a))));
      Slot amount = Provers.bf(bond, Provers.BondField.AMOUNT), unbonding = Provers.bf(bond, Provers.BondField.UNBONDING);
      BigInteger have = ctx.loadUint(amount), free = have.subtract(ctx.loadUint(Provers.bf(bond, Provers.BondField.LOCKED)));
      BigInteger take = cap.min(free);
      if (take.signum() == 0) continue;
      ctx.storeUint(amount, have.subtract(take));
      BigInteger left = free.subtract(take);
      if (ctx.loadUint(unbonding).compareTo(left) > 0) ctx.storeUint(unbonding, left); // keeps amount ≥ locked + unbonding
      total = total.add(take);
    }
    return total;
  }

  // ------------------------------------------------------------------ versions and attesters

  static Slot version(BigInteger modelId, BigInteger version) {
    return VERSIONS.mapping(modelId).mapping(version);
  }

  static boolean faulty(CallContext ctx, BigInteger modelId, BigInteger version) {
    return ctx.loadBool(version(modelId, version).field(0));
  }

  /** Remembers an attester so a fault shown later can slash it; at most {@link #MAX_ATTESTERS} per version. */
  static void recordAttester(CallContext ctx, BigInteger modelId, BigInteger version, Address attester) {
    Slot list = version(modelId, version).field(1);
    int n = ctx.loadUint(list).intValueExact();
    if (n >= MAX_ATTESTERS) throw Provers.TOO_MANY_ATTESTERS.revert(BigInteger.valueOf(MAX_ATTESTERS));
    ctx.storeAddress(list.arrayData().offset(BigInteger.valueOf(n)), attester);
    ctx.storeUint(list, BigInteger.valueOf(n + 1));
  }

  static List<Object> view(CallContext ctx, BigInteger gameId) {
    Slot g = GAMES.mapping(gameId);
    return List.of(ctx.loadUint(f(g, G.MODEL_ID)), ctx.loadUint(f(g, G.VERSION)), ctx.loadUint(f(g, G.LEAF_INDEX)),
        ctx.loadUint(f(g, G.COORDINATE)), ctx.loadAddress(f(g, G.CHALLENGER)), ctx.loadAddress(f(g, G.DEFENDER)),
        ctx.loadUint(f(g, G.STATE)), ctx.loadUint(f(g, G.DEADLINE)), ctx.loadUint(f(g, G.DISPUTED)), ctx.loadUint(f(g, G.UPLOADED)));
  }

  /** A bisected game's position: the depth reached, the disputed node and its claimed sum, the last opened node's children and theirs. */
  static List<Object> bisectionView(CallContext ctx, BigInteger gameId) {
    Slot b = BISECTIONS.mapping(gameId);
    return List.of(ctx.loadUint(bf(b, B.DEPTH)), ctx.load(bf(b, B.NODE)), loadInt(ctx, bf(b, B.NODE_SUM)), ctx.load(bf(b, B.LEFT)),
        ctx.load(bf(b, B.RIGHT)), loadInt(ctx, bf(b, B.LEFT_SUM)), loadInt(ctx, bf(b, B.RIGHT_SUM)));
  }

  // ------------------------------------------------------------------ helpers

  private static Slot bf(Slot b, B field) {
    return b.field(field.ordinal());
  }

  /** A signed value as its 256-bit two's complement word, as Solidity stores an int256. */
  private static void storeInt(CallContext ctx, Slot slot, BigInteger value) {
    byte[] word = new byte[32], bytes = value.toByteArray();
    if (value.signum() < 0) Arrays.fill(word, (byte) 0xff);
    System.arraycopy(bytes, 0, word, 32 - bytes.length, bytes.length);
    ctx.store(slot, Bytes32.wrap(word));
  }

  private static BigInteger loadInt(CallContext ctx, Slot slot) {
    return new BigInteger(ctx.load(slot).toArrayUnsafe());
  }

  private static Slot inPhase(CallContext ctx, BigInteger gameId, int phase) {
    Slot g = GAMES.mapping(gameId);
    int state = ctx.loadUint(f(g, G.STATE)).intValueExact();
    if (state != phase) throw Provers.WRONG_LEAF_CHALLENGE_STATE.revert(gameId, BigInteger.valueOf(state), BigInteger.valueOf(phase));
    long deadline = ctx.loadUint(f(g, G.DEADLINE)).longValueExact();
    if (ctx.block().number() > deadline) throw Provers.LEAF_CHALLENGE_EXPIRED.revert(gameId, BigInteger.valueOf(deadline));
    return g;
  }

  private static void onlyChallenger(CallContext ctx, Slot g, BigInteger gameId) {
    if (!ctx.caller().equals(ctx.loadAddress(f(g, G.CHALLENGER)))) throw Provers.NOT_CHALLENGER.revert(gameId, ctx.caller());
  }

  /** Moves the game to {@code state} with a fresh response window; returns its last block. */
  private static long enter(CallContext ctx, Slot g, int state) {
    long deadline = ctx.block().number() + Provers.LEAF_RESPONSE_WINDOW.read(ctx).longValueExact();
    ctx.storeUint(f(g, G.STATE), BigInteger.valueOf(state));
    ctx.storeUint(f(g, G.DEADLINE), BigInteger.valueOf(deadline));
    return deadline;
  }

  private static List<?> spec(CallContext ctx, BigInteger modelId, BigInteger version) {
    List<?> v = (List<?>) ctx.call(Addresses.MODELS, Models.VERSION_VIEW, BigInteger.ZERO, modelId, version);
    return (List<?>) v.get(0);
  }

  private static BigInteger uint(List<?> spec, String field) {
    return (BigInteger) spec.get(Models.VERSION_SPEC_FIELDS.indexOf(field));
  }

  private static Bytes32 root(List<?> spec, String field) {
    return Bytes32.wrap((Bytes) spec.get(Models.VERSION_SPEC_FIELDS.indexOf(field)));
  }

  /** {@code e_U}: the version's scale is {@code 2^e_U}; only classifier versions have integer-gradient leaves to check. */
  private static int leafShift(BigInteger scale, BigInteger outputFunction) {
    if (outputFunction.intValueExact() != Models.OUTPUT_CLASSIFIER_MARGIN || scale.bitCount() != 1 || scale.bitLength() - 1 > Rounding.MAX_SHIFT) {
      throw Provers.UNSUPPORTED_CHALLENGE.revert(outputFunction);
    }
    return scale.bitLength() - 1;
  }

  /** The committed model a version's weights blob encodes: logistic regression or, by its tag, the MLP. */
  private static CommittedModel model(Bytes blob, Bytes32 weightsRoot) {
    Bytes32 got = Keccak.hash(blob);
    if (!got.equals(weightsRoot)) throw Provers.EVIDENCE_MISMATCH.revert(item(ITEM_WEIGHTS), weightsRoot, got);
    try {
      return CommittedModel.fromWeightsBytes(blob.toArrayUnsafe());
    } catch (IllegalArgumentException e) {
      throw Provers.MALFORMED_EVIDENCE.revert(item(ITEM_WEIGHTS));
    }
  }

  private static BasisRow basisRow(Bytes blob, List<Object> proof, int j, int k, Bytes32 basisRoot, CommittedModel model) {
    byte[] leaf = blob.toArrayUnsafe();
    BasisRow row;
    try {
      row = model.basisRow(j, leaf);
    } catch (MalformedRowException e) {
      throw Provers.MALFORMED_EVIDENCE.revert(item(ITEM_BASIS_ROW));
    }
    Bytes32 computed = IndexTree.rootFrom(k, new long[] {j}, new Bytes32[] {Bytes32.wrap(Keccak.hash(leaf))}, hashes(proof)).orElse(Bytes32.ZERO);
    if (!computed.equals(basisRoot)) throw Provers.EVIDENCE_MISMATCH.revert(item(ITEM_BASIS_ROW), basisRoot, computed);
    return row;
  }

  private static long[] int64s(List<Object> words, int item) {
    long[] out = new long[words.size()];
    for (int i = 0; i < out.length; i++) out[i] = ((BigInteger) words.get(i)).longValueExact(); // the ABI type bounds them
    return out;
  }

  /** The exact int64 sum; a sum that leaves int64 is no leaf's (the index builder refuses those). */
  private static long sum(long[] values, int item) {
    long s = 0;
    try {
      for (long v : values) s = Math.addExact(s, v);
    } catch (ArithmeticException overflow) {
      throw Provers.MALFORMED_EVIDENCE.revert(item(item));
    }
    return s;
  }

  /** keccak256 of the values as packed big-endian int64s. */
  static Bytes32 packedHash(long[] values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length);
    for (long v : values) b.putLong(v);
    return Bytes32.wrap(Keccak.hash(b.array()));
  }

  private static byte[] loadBytes(CallContext ctx, Slot g, int firstWord, int length) {
    byte[] out = new byte[length];
    for (int w = 0; w * 32 < length; w++) {
      byte[] word = ctx.load(g.field(firstWord + w)).toArrayUnsafe();
      System.arraycopy(word, 0, out, w * 32, Math.min(32, length - w * 32));
    }
    return out;
  }

  private static void storeBytes(CallContext ctx, Slot g, int firstWord, byte[] bytes) {
    for (int w = 0; w * 32 < bytes.length; w++) {
      byte[] word = new byte[32];
      System.arraycopy(bytes, w * 32, word, 0, Math.min(32, bytes.length - w * 32));
      ctx.store(g.field(firstWord + w), Bytes32.wrap(word));
    }
  }

  private static List<Bytes32> hashes(List<Object> words) {
    return words.stream().map(w -> Bytes32.wrap((Bytes) w)).toList();
  }

  private static BigInteger item(int item) {
    return BigInteger.valueOf(item);
  }

  private static Slot f(Slot g, G field) {
    return g.field(field.ordinal());
  }

  // ------------------------------------------------------------------ gas, priced from the input before anything runs

  static final AbiType.Tuple UPLOAD_ARGS = tuple("(uint256,uint256,bytes,uint256)");

  private static AbiType.Tuple tuple(String types) {
    return (AbiType.Tuple) AbiType.parse(types);
  }

  private static List<Object> decode(AbiType.Tuple types, Bytes data) {
    try {
      return AbiCodec.decode(types, data.toArrayUnsafe(), 4, data.size() - 4);
    } catch (RuntimeException malformed) {
      return null; // the call reverts when it decodes the same bytes; only the fixed part is charged
    }
  }

  /** Argument {@code i}'s length (bytes) or element count (arrays), read without decoding the call. */
  private static int length(byte[] calldata, int i) {
    return AbiCodec.dynamicLength(calldata, 4, i);
  }

  private static int size(List<Object> args, int i) {
    return args == null ? 0 : args.get(i) instanceof Bytes b ? b.size() : ((List<?>) args.get(i)).size();
  }

  /** A game's words written when it moves to a phase, with its deadline and the response window read (2 keys). */
  private static long phase(GasSchedule s) {
    return 4 * s.storageRead() + 2 * s.storageWrite() + 3 * s.storageKey();
  }

  static long openGas(GasSchedule s, Bytes data) {
    byte[] d = data.toArrayUnsafe();
    int contributions = length(d, 7) / CONTRIBUTION_LEAF_BYTES, partials = length(d, 8);
    return challengedGas(s, d) + contributions * (s.hashing(CONTRIBUTION_LEAF_BYTES) + s.hashBlock()) + s.hashing(8L * partials)
        + partials * (s.abiValue() + s.multiplyAdd()) + s.storageWrite(); // the partial sums' hash
  }

  /** The opening both games share: the leaf and its proof hashed, the version read, the game's words written, its event. */
  private static long challengedGas(GasSchedule s, byte[] d) {
    int leaf = length(d, 5), proof = length(d, 6);
    return s.hashing(leaf) + (proof + 1L) * s.hashBlock()
        + Models.VERSION_VIEW.nestedCost(s, BigInteger.ONE, BigInteger.ONE) + Models.MODEL_VIEW.nestedCost(s, BigInteger.ONE)
        // the faulty flag, the bond parameter (2), the game count; the game count and nine words; keys: the version, the game, the bond
        + 4 * s.storageRead() + 10 * s.storageWrite() + 3 * s.storageKey() + phase(s) + s.log(4, 32 * 6);
  }

  /** Opening a node: its 65-byte preimage hashed, its children and their sums and the depth written (one key), its event. */
  private static long splitNodeGas(GasSchedule s) {
    return s.hashing(NODE_BYTES) + 5 * s.storageWrite() + s.storageKey() + s.log(2, 32 * 6);
  }

  static long openBisectionGas(GasSchedule s, Bytes data) {
    return challengedGas(s, data.toArrayUnsafe()) + splitNodeGas(s) + s.storageRead(); // the deadline, read back for the split's event
  }

  static long splitGas(GasSchedule s, Bytes data) {
    // the challenger, the depth, the disputed node and its sum (one more key: the game's bisection words)
    return phase(s) + 4 * s.storageRead() + s.storageKey() + splitNodeGas(s);
  }

  static long disputeGas(GasSchedule s, Bytes data) {
    // a bisected game also reads the defender, the depth and the disputed child's hash and sum, and writes them as the disputed node
    return phase(s) + 10 * s.storageRead() + 4 * s.storageWrite() + 2 * s.storageKey() + s.log(3, 64)
        + Models.MODEL_VIEW.nestedCost(s, BigInteger.ONE) + Models.HAS_ATTESTED.nestedCost(s, BigInteger.ONE, BigInteger.ONE, Address.ZERO);
  }

  static long descendGas(GasSchedule s, Bytes data) {
    byte[] d = data.toArrayUnsafe();
    int partials = length(d, 1), proof = length(d, 3), values = length(d, 4);
    // the depth (its key) tells the games apart; the list game reads its words, a bisected one the disputed node and sum
    return s.hashing(8L * partials) + s.hashing(CONTRIBUTION_LEAF_BYTES) + (proof + 1L) * s.hashBlock() + s.hashing(8L * values)
        + (partials + values) * s.abiValue() + values * s.multiplyAdd() + phase(s) + 8 * s.storageRead() + 3 * s.storageWrite() + 2 * s.storageKey()
        + s.log(2, 96);
  }

  static long uploadGas(GasSchedule s, Bytes data) {
    List<Object> args = decode(UPLOAD_ARGS, data);
    long chunk = size(args, 2);
    BigInteger declared = args == null ? BigInteger.ZERO : (BigInteger) args.get(3);
    long records = declared.min(BigInteger.valueOf(MAX_EXAMPLES)).longValueExact();
    // the chunk absorbed once and hashed once more as records (with the carried head and one padding block per record),
    // each record's hash stored, the sponge and the carry read and written
    return s.hashing(chunk) + s.hashing(chunk + MAX_RECORD_BYTES) + records * (s.hashBlock() + s.storageWrite() + s.storageKey())
        + (SPONGE_WORDS + CARRY_WORDS) * (s.storageRead() + s.storageWrite()) + s.hashBlock()
        + phase(s) + 10 * s.storageRead() + 7 * s.storageWrite() + s.storageKey() + s.log(2, 96);
  }

  static long stepGas(GasSchedule s, Bytes data) {
    byte[] d = data.toArrayUnsafe();
    int values = length(d, 2), record = length(d, 3), weights = length(d, 4), row = length(d, 5), proof = length(d, 6);
    // the gradient is a forward pass and an outer product over the weights (two multiply-adds per weight), then one row's dot product
    return s.hashing(8L * values) + values * s.abiValue() + s.hashing(record) + s.hashing(weights) + s.hashing(row) + (proof + 1L) * s.hashBlock()
        + (2L * weights / 2 + row / 2) * s.multiplyAdd() + 8 * s.storageRead() + 3 * s.storageKey()
        + Models.VERSION_VIEW.nestedCost(s, BigInteger.ONE, BigInteger.ONE) + decideGas(s);
  }

  /** The worst end: the first win, slashing {@link #MAX_ATTESTERS} attesters. */
  static long decideGas(GasSchedule s) {
    long perAttester = 4 * s.storageRead() + 2 * s.storageWrite() + s.storageKey();
    // keys: the version, challengerShareBp, minAttesterBond and attesterSlashBp (2 each), the attester list's data
    return 8 * s.storageRead() + 2 * s.storageWrite() + 8 * s.storageKey() + MAX_ATTESTERS * perAttester + 2 * s.transfer()
        + s.log(3, 64) + s.log(2, 96);
  }

  static long timeoutGas(GasSchedule s) {
    return 2 * s.storageRead() + s.storageKey() + decideGas(s);
  }
}
