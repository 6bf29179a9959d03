package org.openledger.contracts.prover;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Protocol;
import org.openledger.contracts.attribution.AttributionProof;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.IndexProofVerifier;
import org.openledger.contracts.attribution.IndexTree;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.contracts.inference.Inference;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.host.CallResult;

/**
 * What the one-step output and ψ fraud-proof tests share, whatever the committed model: a deployed
 * version with a random index, a request resulted and claimed, a proof submitted, the challenges
 * sent, and the outcomes (won, lost, refused with nothing changed) checked on the balances.
 */
abstract class OneStepFraudFixture {
  final Address challenger = Address.of(0xc4a1);
  Protocol p;
  byte[] input;
  List<IndexLeaf> leaves;
  IndexTree tree, basisTree;
  BigInteger modelId;
  int predicted;

  /** The committed weights blob, the evidence of both challenges. */
  abstract Bytes weights();

  /** raw_j(∇f(x)) for every row: the query's projections by the spec. */
  abstract long[] rawPsi();

  /** Basis row j's leaf. */
  abstract Bytes rowLeaf(int j);

  /** n random leaves of k coordinates, the version deployed with basisTree, the challenger funded. */
  void deploy(Random random, Bytes32 weightsRoot, int n, int k) {
    leaves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      short[] u = new short[k];
      for (int j = 0; j < k; j++) u[j] = (short) (random.nextInt(65535) - 32767);
      leaves.add(new IndexLeaf(Address.of(0x100 + i), 1, Bytes32.ZERO, u));
    }
    tree = IndexTree.ofLeaves(leaves);
    p = new Protocol(new IndexProofVerifier());
    modelId = p.deployedModel(Protocol.open("1"), weightsRoot, basisTree.root(), tree.indexRoot(), k);
    p.chain.host.setBalance(challenger, Protocol.open("100"));
  }

  CallResult challengePsi(BigInteger id, Bytes proof, int j) {
    return challengePsi(id, proof, j, rowLeaf(j), j);
  }

  static short[] shorts(Random r, int n, int bound) {
    short[] v = new short[n];
    for (int i = 0; i < n; i++) v[i] = (short) (r.nextInt(2 * bound + 1) - bound);
    return v;
  }

  static long[] longs(Random r, int n, long bound) {
    long[] v = new long[n];
    for (int i = 0; i < n; i++) v[i] = r.nextLong(-bound, bound + 1);
    return v;
  }

  BigInteger resulted(int posted) {
    BigInteger id = (BigInteger) p.chain.ok(p.user, Addresses.INFERENCE, Protocol.open("1.14"), Inference.REQUEST_FN, modelId, BigInteger.ONE,
        Keccak.hash(Bytes.wrap(input)), BigInteger.valueOf(400), BigInteger.valueOf(240));
    p.chain.ok(p.owner, Addresses.INFERENCE, Inference.SUBMIT_RESULT, id, outputHash(posted), BigInteger.valueOf(240));
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    return id;
  }

  static Bytes32 outputHash(int c) {
    return Keccak.hash(Bytes.wrap(FraudChecks.classOutput(c)));
  }

  Bytes prove(BigInteger id, int posted, short[] psi, int psiShift) {
    Bytes32 binding = new AttributionVerifier.Binding(p.chain.host.block().chainId(), Addresses.PROVERS, id, modelId, BigInteger.ONE,
        Keccak.hash(Bytes.wrap(input)), outputHash(posted), p.prover).hash();
    Bytes bytes = AttributionProof.build(binding, psiShift, psi, leaves, tree, AttributionProof.MAX_LEAVES).encode();
    CallResult r = p.chain.send(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id, bytes);
    assertThat(r.isSuccess()).as(p.chain.describe(Addresses.PROVERS, r)).isTrue();
    return bytes;
  }

  /** Proves {@code raw} rounded as a prover must: to int16 at its own shift. */
  Bytes prove(BigInteger id, int posted, long[] raw) {
    int e = Rounding.int16Shift(raw);
    return prove(id, posted, Rounding.toInt16(raw, e), e);
  }

  Bytes honestProof(BigInteger id, int posted) {
    return prove(id, posted, rawPsi());
  }

  /** A proof whose ψ coordinate {@code j} is one int16 step off the right one. */
  Bytes proofOffByOneStep(BigInteger id, int posted, int j) {
    long[] raw = rawPsi();
    int e = Rounding.int16Shift(raw);
    short[] psi = Rounding.toInt16(raw, e);
    psi[j] += psi[j] > 0 ? -1 : 1;
    return prove(id, posted, psi, e);
  }

  CallResult challengeOutput(BigInteger id, Bytes weights) {
    return p.chain.send(challenger, Addresses.PROVERS, Provers.CHALLENGER_BOND.defaultValue(), Provers.CHALLENGE_OUTPUT, id, weights, Bytes.wrap(input));
  }

  CallResult challengePsi(BigInteger id, Bytes proof, int j, Bytes rowLeaf, int proofRow) {
    return p.chain.send(challenger, Addresses.PROVERS, Provers.CHALLENGER_BOND.defaultValue(), Provers.CHALLENGE_PSI, id, proof,
        BigInteger.valueOf(j), weights(), Bytes.wrap(input), rowLeaf, basisTree.multiproof(new int[] {proofRow}));
  }

  int claimState(BigInteger id) {
    return ((BigInteger) ((List<?>) p.chain.view(Addresses.PROVERS, Provers.CLAIM_OF, id)).get(3)).intValueExact();
  }

  BigInteger lockedBond() {
    return (BigInteger) ((List<?>) p.chain.view(Addresses.PROVERS, Provers.BOND_OF, p.prover)).get(0);
  }

      /** Runs a challenge that must win, with the balances read before it. */
  void assertWon(java.util.function.Supplier<CallResult> challenge, BigInteger id) {
    BigInteger challengerBefore = challengerBeforeBond(), bondBefore = lockedBond();
    CallResult r = challenge.get();
    assertThat(r.isSuccess()).as(p.chain.describe(Addresses.PROVERS, r)).isTrue();
    assertThat(claimState(id)).as("the request reopens").isEqualTo(Provers.NONE);
    assertThat(p.chain.balance(challenger)).as("bond back plus a share of the slashed bond").isGreaterThan(challengerBefore);
    assertThat(lockedBond()).as("the prover's bond is slashed").isLessThan(bondBefore);
  }

  void assertLost(CallResult r, BigInteger id, BigInteger proverBefore) {
    assertThat(r.isSuccess()).as(p.chain.describe(Addresses.PROVERS, r)).isTrue();
    assertThat(claimState(id)).as("the proof stands").isEqualTo(Provers.PROVEN);
    assertThat(p.chain.balance(p.prover).subtract(proverBefore)).isEqualTo(Provers.CHALLENGER_BOND.defaultValue());
  }

  void assertRefused(CallResult r, ErrorSpec error, Object before) {
    assertThat(r.status()).as(p.chain.describe(Addresses.PROVERS, r)).isEqualTo(CallResult.Status.REVERT);
    assertThat(error.matches(r.output())).as(p.chain.describe(Addresses.PROVERS, r)).isTrue();
    assertThat(p.chain.host.snapshot()).isEqualTo(before);
  }

  BigInteger challengerBeforeBond() {
    return p.chain.balance(challenger).subtract(Provers.CHALLENGER_BOND.defaultValue());
  }

}
