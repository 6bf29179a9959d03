package org.openledger.contracts.prover;

import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.attribution.AttributionProof;
import org.openledger.contracts.attribution.BasisRow;
import org.openledger.contracts.attribution.CommittedModel;
import org.openledger.contracts.attribution.FixedLora;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.IndexTree;
import org.openledger.contracts.attribution.SpanProof;
import org.openledger.contracts.attribution.TextTokenizer;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.prover.Provers.ClaimField;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.abi.AbiCodec;
import org.openledger.precompiles.abi.AbiType;
import org.openledger.precompiles.contract.Args;
import org.openledger.precompiles.contract.CallContext;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.storage.Slot;

/**
 * The Provers contract's one-step fraud proofs (docs/attribution.md §8): a challenger posts the
 * bond and the evidence; the contract checks each evidence item against what the chain committed
 * (a mismatch reverts and changes nothing), recomputes with {@link FraudChecks}, and decides on
 * the spot — the prover slashed and the request reopened, or the challenger's bond paid to the
 * prover. The committed weights blob names its model ({@link CommittedModel#fromWeightsBytes}:
 * logistic regression or the MLP), and everything below is the same for both: for the shipped
 * models every check fits one transaction, so there are no bisection rounds.
 */
final class FraudProofs {
  static final int OUTPUT = 0, PSI = 1, OMISSION = 2, SPAN = 3;
  static final int ITEM_WEIGHTS = 0, ITEM_INPUT = 1, ITEM_PROOF = 2, ITEM_BASIS_ROW = 3, ITEM_LEAF = 4, ITEM_STRETCH = 10;

  private FraudProofs() {}

  /** What every challenge reads first: the proven claim, the request's commitments and its version's. */
  private record Context(BigInteger id, Slot claim, Address prover, Bytes32 inputHash, Bytes32 outputHash, List<?> spec, BigInteger modelId,
      BigInteger version) {
    Bytes32 root(String field) {
      return Bytes32.wrap((Bytes) spec.get(Models.VERSION_SPEC_FIELDS.indexOf(field)));
    }

    int basisRank() {
      return ((BigInteger) spec.get(Models.VERSION_SPEC_FIELDS.indexOf("uint32 basisRank"))).intValueExact();
    }
  }

  private static Context open(CallContext ctx, BigInteger id) {
    return open(ctx, id, Models.OUTPUT_CLASSIFIER_MARGIN);
  }

  private static Context open(CallContext ctx, BigInteger id, int challengedFunction) {
    Slot c = Provers.CLAIMS.mapping(id);
    int state = ctx.loadUint(Provers.cf(c, ClaimField.STATE)).intValueExact();
    if (state != Provers.PROVEN || ctx.block().number() > ctx.loadUint(Provers.cf(c, ClaimField.CHALLENGE_ENDS)).longValueExact()) {
      throw Provers.NOT_CHALLENGEABLE.revert(id);
    }
    BigInteger required = Provers.CHALLENGER_BOND.read(ctx);
    if (!ctx.value().equals(required)) throw Provers.WRONG_CHALLENGER_BOND.revert(ctx.value(), required);
    List<?> request = (List<?>) ctx.call(Addresses.INFERENCE, Inference.GET_REQUEST, BigInteger.ZERO, id);
    List<?> version = (List<?>) ctx.call(Addresses.MODELS, Models.VERSION_VIEW, BigInteger.ZERO, request.get(1), request.get(2));
    List<?> spec = (List<?>) version.get(0);
    int outputFunction = ((BigInteger) spec.get(Models.VERSION_SPEC_FIELDS.indexOf("uint8 outputFunction"))).intValueExact();
    if (outputFunction != challengedFunction) throw Provers.UNSUPPORTED_CHALLENGE.revert(BigInteger.valueOf(outputFunction));
    return new Context(id, c, ctx.loadAddress(Provers.cf(c, ClaimField.PROVER)), Provers.bytes32(request.get(3)), Provers.bytes32(request.get(12)), spec,
        (BigInteger) request.get(1), (BigInteger) request.get(2));
  }

  static Object output(CallContext ctx, Args in) {
    Context c = open(ctx, in.uint(0));
    CommittedModel model = weights(in.bytes(1), c);
    byte[] input = input(in.bytes(2), c, model);
    return decide(ctx, c, OUTPUT, FraudChecks.outputIsWrong(model, input, c.outputHash()));
  }

  static Object psi(CallContext ctx, Args in) {
    Context c = open(ctx, in.uint(0));
    AttributionProof proof = proof(ctx, in.bytes(1), c);
    BigInteger coordinate = in.uint(2);
    if (coordinate.compareTo(BigInteger.valueOf(proof.k())) >= 0) throw Provers.COORDINATE_OUT_OF_RANGE.revert(coordinate, BigInteger.valueOf(proof.k()));
    int j = coordinate.intValueExact();
    CommittedModel model = weights(in.bytes(3), c);
    byte[] input = input(in.bytes(4), c, model);
    BasisRow row = basisRow(in.bytes(5), in.list(6), j, c, model);
    return decide(ctx, c, PSI, FraudChecks.psiIsWrong(proof, model, row, input));
  }

  static Object omission(CallContext ctx, Args in) {
    Context c = open(ctx, in.uint(0));
    AttributionProof proof = proof(ctx, in.bytes(1), c);
    BigInteger leafIndex = in.uint(2);
    IndexLeaf leaf;
    try {
      leaf = IndexLeaf.decode(in.bytes(3).toArrayUnsafe(), proof.k());
    } catch (IllegalArgumentException e) {
      throw Provers.MALFORMED_EVIDENCE.revert(BigInteger.valueOf(ITEM_LEAF));
    }
    if (leafIndex.compareTo(BigInteger.valueOf(proof.leafCount())) >= 0) throw Provers.MALFORMED_EVIDENCE.revert(BigInteger.valueOf(ITEM_LEAF));
    Bytes32 expected = c.root("bytes32 indexRoot");
    Bytes32 computed = IndexTree.rootFrom(proof.leafCount(), new long[] {leafIndex.longValueExact()}, new Bytes32[] {leaf.hash()}, hashes(in.list(4)))
        .map(root -> IndexTree.indexRoot(proof.leafCount(), root)).orElse(Bytes32.ZERO);
    if (!computed.equals(expected)) throw Provers.EVIDENCE_MISMATCH.revert(BigInteger.valueOf(ITEM_LEAF), expected, computed);
    boolean omitted;
    try {
      omitted = FraudChecks.omits(proof, leafIndex.longValueExact(), leaf);
    } catch (IllegalArgumentException included) {
      throw Provers.LEAF_INCLUDED.revert(leafIndex);
    }
    return decide(ctx, c, OMISSION, omitted);
  }

  /**
   * A text-spans proof left something out (docs/text-attribution.md §6): the output's stretch
   * {@code [startByte, endByte)} contains listed span {@code span} and occurs token-aligned at
   * {@code offset} in corpus chunk {@code leafIndex} (its leaf blob and Merkle path against the
   * corpus root). A strictly longer stretch shows the span not maximal; the span itself, in a chunk
   * the span does not list, shows an omitted chunk. An honest proof loses neither: its spans are
   * maximal and list every chunk they occur in.
   */
  static Object span(CallContext ctx, Args in) {
    Context c = open(ctx, in.uint(0), Models.OUTPUT_TEXT_SPANS);
    SpanProof proof = spanProof(ctx, in.bytes(1), c);
    BigInteger k = in.uint(2), start = in.uint(3), end = in.uint(4), leafIndex = in.uint(5), offset = in.uint(7);
    Bytes leaf = in.bytes(6);
    byte[] out = proof.output();
    if (k.compareTo(BigInteger.valueOf(proof.spans().size())) >= 0 || end.compareTo(BigInteger.valueOf(out.length)) > 0) {
      throw Provers.MALFORMED_EVIDENCE.revert(BigInteger.valueOf(ITEM_STRETCH));
    }
    SpanProof.ProvenSpan listed = proof.spans().get(k.intValueExact());
    int a = start.intValueExact(), b = end.intValueExact();
    // the stretch must contain the listed span, on the output's token boundaries
    if (a > listed.startByte() || b < listed.endByte() || !TextTokenizer.isBoundary(out, 0, out.length, a)
        || !TextTokenizer.isBoundary(out, 0, out.length, b)) {
      throw Provers.MALFORMED_EVIDENCE.revert(BigInteger.valueOf(ITEM_STRETCH));
    }
    byte[] blob = leaf.toArrayUnsafe();
    if (blob.length < SpanProof.leafBlobBytes(1) || blob.length > SpanProof.leafBlobBytes(SpanProof.MAX_CHUNK_BYTES) || blob[0] != 0
        || leafIndex.compareTo(BigInteger.valueOf(proof.leafCount())) >= 0) {
      throw Provers.MALFORMED_EVIDENCE.revert(BigInteger.valueOf(ITEM_LEAF));
    }
    Bytes32 expected = c.root("bytes32 indexRoot");
    Bytes32 computed = IndexTree.rootFrom(proof.leafCount(), new long[] {leafIndex.longValueExact()}, new Bytes32[] {Keccak.hash(leaf)},
        hashes(in.list(8))).map(root -> IndexTree.indexRoot(proof.leafCount(), root)).orElse(Bytes32.ZERO);
    if (!computed.equals(expected)) throw Provers.EVIDENCE_MISMATCH.revert(BigInteger.valueOf(ITEM_LEAF), expected, computed);
    if (a == listed.startByte() && b == listed.endByte()) {
      for (SpanProof.Occurrence o : listed.occurrences()) {
        if (proof.chunks().get((int) o.slot()).leafIndex() == leafIndex.longValueExact()) throw Provers.LEAF_INCLUDED.revert(leafIndex);
      }
    }
    byte[] text = java.util.Arrays.copyOfRange(blob, SpanProof.leafBlobBytes(0), blob.length);
    int length = b - a;
    boolean occurs = offset.compareTo(BigInteger.valueOf(text.length - length)) <= 0;
    if (occurs) {
      int p = offset.intValueExact();
      occurs = java.util.Arrays.equals(text, p, p + length, out, a, b) && TextTokenizer.isBoundary(text, 0, text.length, p)
          && TextTokenizer.isBoundary(text, 0, text.length, p + length);
    }
    return decide(ctx, c, SPAN, occurs);
  }

  private static SpanProof spanProof(CallContext ctx, Bytes blob, Context c) {
    Bytes32 stored = ctx.load(Provers.cf(c.claim(), ClaimField.PROOF_HASH)), got = Keccak.hash(blob);
    if (!got.equals(stored)) throw Provers.EVIDENCE_MISMATCH.revert(BigInteger.valueOf(ITEM_PROOF), stored, got);
    try {
      return SpanProof.decode(blob); // it verified when it was submitted
    } catch (AttributionProof.FormatException e) {
      throw Provers.MALFORMED_EVIDENCE.revert(BigInteger.valueOf(ITEM_PROOF));
    }
  }

  /** Slash and reopen, or pay the challenger's bond to the prover. */
  private static Object decide(CallContext ctx, Context c, int kind, boolean fraud) {
    if (fraud) {
      BigInteger[] outcome = Provers.slash(ctx, c.claim(), c.prover(), ctx.caller(), ctx.value());
      ctx.emit(Provers.FRAUD_PROVEN, c.id(), ctx.caller(), BigInteger.valueOf(kind), outcome[0], outcome[1]);
    } else {
      ctx.transfer(c.prover(), ctx.value());
      ctx.emit(Provers.CHALLENGE_FAILED, c.id(), ctx.caller(), BigInteger.valueOf(kind), ctx.value());
    }
    return null;
  }

  private static CommittedModel weights(Bytes blob, Context c) {
    Bytes32 expected = c.root("bytes32 weightsRoot"), got = Keccak.hash(blob);
    if (!got.equals(expected)) throw Provers.EVIDENCE_MISMATCH.revert(BigInteger.valueOf(ITEM_WEIGHTS), expected, got);
    // never read a float adapter blob (OLA1) as logistic weights: the chain recomputes integer adapters (OLA2) only
    if (CommittedModel.isAdapter(blob.toArrayUnsafe())) throw Provers.ADAPTER_NOT_CHALLENGEABLE.revert(c.modelId(), c.version());
    try {
      return CommittedModel.fromWeightsBytes(blob.toArrayUnsafe());
    } catch (IllegalArgumentException e) {
      throw Provers.MALFORMED_EVIDENCE.revert(BigInteger.valueOf(ITEM_WEIGHTS));
    }
  }

  private static byte[] input(Bytes blob, Context c, CommittedModel model) {
    Bytes32 got = Keccak.hash(blob);
    if (!got.equals(c.inputHash())) throw Provers.EVIDENCE_MISMATCH.revert(BigInteger.valueOf(ITEM_INPUT), c.inputHash(), got);
    // an input the committed model cannot read can never have been answered correctly
    if (blob.size() != model.inputLength()) throw Provers.MALFORMED_EVIDENCE.revert(BigInteger.valueOf(ITEM_INPUT));
    return blob.toArray();
  }

  private static AttributionProof proof(CallContext ctx, Bytes blob, Context c) {
    Bytes32 stored = ctx.load(Provers.cf(c.claim(), ClaimField.PROOF_HASH)), got = Keccak.hash(blob);
    if (!got.equals(stored)) throw Provers.EVIDENCE_MISMATCH.revert(BigInteger.valueOf(ITEM_PROOF), stored, got);
    try {
      return AttributionProof.decode(blob); // it verified when it was submitted
    } catch (AttributionProof.FormatException e) {
      throw Provers.MALFORMED_EVIDENCE.revert(BigInteger.valueOf(ITEM_PROOF));
    }
  }

  /** Row j decoded in the model's row format (a leaf naming another row is malformed), then checked against basisRoot. */
  private static BasisRow basisRow(Bytes blob, List<Object> proof, int j, Context c, CommittedModel model) {
    BasisRow row;
    try {
      row = model.basisRow(j, blob.toArrayUnsafe());
    } catch (IllegalArgumentException e) {
      throw Provers.MALFORMED_EVIDENCE.revert(BigInteger.valueOf(ITEM_BASIS_ROW));
    }
    Bytes32 leaf = Keccak.hash(blob);
    Bytes32 expected = c.root("bytes32 basisRoot");
    Bytes32 computed = IndexTree.rootFrom(c.basisRank(), new long[] {j}, new Bytes32[] {leaf}, hashes(proof)).orElse(Bytes32.ZERO);
    if (!computed.equals(expected)) throw Provers.EVIDENCE_MISMATCH.revert(BigInteger.valueOf(ITEM_BASIS_ROW), expected, computed);
    return row;
  }

  private static List<Bytes32> hashes(List<Object> words) {
    return words.stream().map(w -> Bytes32.wrap((Bytes) w)).toList();
  }

  // ------------------------------------------------------------------ gas

  private static final AbiType.Tuple OUTPUT_ARGS = (AbiType.Tuple) AbiType.parse("(uint256,bytes,bytes)");
  private static final AbiType.Tuple PSI_ARGS = (AbiType.Tuple) AbiType.parse("(uint256,bytes,uint256,bytes,bytes,bytes,bytes32[])");
  private static final AbiType.Tuple OMISSION_ARGS = (AbiType.Tuple) AbiType.parse("(uint256,bytes,uint256,bytes,bytes32[])");
  static final AbiType.Tuple SPAN_ARGS = (AbiType.Tuple) AbiType.parse("(uint256,bytes,uint256,uint256,uint256,uint256,bytes,uint256,bytes32[])");

  /**
   * Priced from the evidence before anything runs: each blob hashed once; the forward pass is one
   * multiply-add per weight (two bytes of the weights blob; an MLP's int64 biases are counted four
   * times over). For ψ, logistic regression's gradient and dense row are two more per weight; an
   * MLP or OLA2 adapter blob (its tag read from the evidence) adds one per weight for the backward
   * pass (which touches only W2, or the adapter's B, a fraction of the blob) and one per int16 of
   * its Kronecker row. ψ · u is one
   * per coordinate of the proof; each Merkle proof hash a hashed node; plus the two nested views
   * and the slashing path's reads, writes and transfers.
   */
  static long gas(GasSchedule s, Bytes data, int kind) {
    AbiType.Tuple types = kind == OUTPUT ? OUTPUT_ARGS : kind == PSI ? PSI_ARGS : kind == SPAN ? SPAN_ARGS : OMISSION_ARGS;
    List<Object> args;
    try {
      args = AbiCodec.decode(types, data.toArrayUnsafe(), 4, data.size() - 4);
    } catch (RuntimeException malformed) {
      args = null;
    }
    long hashed = 0, multiplyAdds = 0, nodes = 0;
    if (args != null) {
      for (Object a : args) {
        if (a instanceof Bytes b) hashed += s.hashing(b.size());
        if (a instanceof List<?> l) nodes += l.size() + 1;
      }
      Bytes first = (Bytes) args.get(1);
      multiplyAdds = switch (kind) {
        case OUTPUT -> first.size() / 2;
        case PSI -> {
          Bytes weights = (Bytes) args.get(3);
          byte[] head = weights.slice(0, Math.min(FixedLora.TAG.length, weights.size())).toArrayUnsafe();
          yield FixedMlp.isMlp(head) || FixedLora.isLora(head)
              ? weights.size() + ((Bytes) args.get(5)).size() / 2 + first.size() / 2
              : 3L * weights.size() / 2 + first.size() / 2;
        }
        // a span proof decoded (one per 32 bytes, as SpanProofVerifier prices it) and one per 32 bytes compared
        case SPAN -> (first.size() + 31) / 32 + ((Bytes) args.get(6)).size() / 32 + 1;
        default -> first.size() / 2 + ((Bytes) args.get(3)).size();
      };
    }
    // keys: the claim, challengerBond, challengerShareBp (2 each), the prover's bond
    long slashing = 10 * s.storageRead() + 9 * s.storageWrite() + 6 * s.storageKey() + 2 * s.transfer() + s.log(3, 96);
    return hashed + nodes * s.hashBlock() + multiplyAdds * s.multiplyAdd() + slashing
        + Inference.GET_REQUEST.nestedCost(s, BigInteger.ONE) + Models.VERSION_VIEW.nestedCost(s, BigInteger.ONE, BigInteger.ONE);
  }
}
