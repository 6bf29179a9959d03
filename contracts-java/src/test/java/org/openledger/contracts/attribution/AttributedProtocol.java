package org.openledger.contracts.attribution;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Protocol;
import org.openledger.contracts.prover.Provers;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.host.CallResult;

/**
 * The protocol with the real verifier and a real index: {@code n} leaves of random int16 vectors
 * (no zero coordinate, so every ψ coordinate matters to every score), one per contributor in
 * ascending address order, committed by an {@link IndexTree} whose index root and rank the
 * deployed, attested version registers.
 */
public final class AttributedProtocol {
  public final Protocol p = new Protocol(new IndexProofVerifier());
  final Random random;
  final int k;
  public final List<IndexLeaf> leaves;
  public final IndexTree tree;
  public final BigInteger model;

  public AttributedProtocol(long seed, int n, int k) {
    this.random = new Random(seed);
    this.k = k;
    this.leaves = randomLeaves(random, n, k);
    this.tree = IndexTree.ofLeaves(leaves);
    this.model = p.deployedModel(Protocol.open("1"), tree.indexRoot(), k);
  }

  static List<IndexLeaf> randomLeaves(Random random, int n, int k) {
    List<IndexLeaf> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      short[] u = new short[k];
      for (int j = 0; j < k; j++) u[j] = nonZeroInt16(random);
      out.add(new IndexLeaf(Address.of(0x1000 + i), 1, Protocol.root("contributions " + i), u));
    }
    return out;
  }

  static short nonZeroInt16(Random random) {
    short v;
    do v = (short) (random.nextInt(65535) - 32767); while (v == 0);
    return v;
  }

  short[] psi() {
    short[] psi = new short[k];
    for (int j = 0; j < k; j++) psi[j] = nonZeroInt16(random);
    return psi;
  }

  /** A request with its result posted and claimed by {@link Protocol#prover}. */
  public BigInteger claimedRequest() {
    BigInteger id = p.request(model, Protocol.open("1.14"));
    p.result(id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    return id;
  }

  AttributionVerifier.Binding binding(BigInteger requestId) {
    return p.binding(requestId, model);
  }

  /** The honest proof for {@code requestId} with a fresh random ψ and M = 16. */
  public AttributionProof proof(BigInteger requestId) {
    return AttributionProof.build(binding(requestId).hash(), 7, psi(), leaves, tree, AttributionProof.MAX_LEAVES);
  }

  /** The proof for {@code requestId} when ψ = 0: no leaf scores above zero, so it includes none. */
  public AttributionProof emptyProof(BigInteger requestId) {
    return AttributionProof.build(binding(requestId).hash(), 0, new short[k], leaves, tree, AttributionProof.MAX_LEAVES);
  }

  /** Whether the last {@link #submit} left every account, balance and storage slot as it was. */
  boolean lastSubmitChangedNothing;

  CallResult submit(Address from, BigInteger requestId, Bytes proof) {
    Object before = p.chain.host.snapshot();
    CallResult r = p.chain.send(from, Addresses.PROVERS, Provers.SUBMIT_PROOF, requestId, proof);
    lastSubmitChangedNothing = p.chain.host.snapshot().equals(before);
    return r;
  }

  CallResult submit(BigInteger requestId, AttributionProof proof) {
    return submit(p.prover, requestId, proof.encode());
  }

  /** The same proof with other fields (a tampering). */
  static AttributionProof with(AttributionProof proof, Bytes32 binding, short[] psi, long n, List<AttributionProof.ProvenLeaf> leaves,
                               List<Bytes32> multiproof) {
    return new AttributionProof(binding, proof.psiShift(), psi, n, leaves, multiproof);
  }

  static AttributionProof withLeaves(AttributionProof proof, List<AttributionProof.ProvenLeaf> leaves) {
    return with(proof, proof.binding(), proof.psi(), proof.leafCount(), leaves, proof.multiproof());
  }
}
