package org.openledger.contracts.datanet;

import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;

/**
 * The two hashes a Datanet contribution is known by, for contributors, curators, the CLI and the
 * prover. Both are Ethereum keccak-256, so Solidity computes the same values:
 *
 * <ul>
 *   <li>{@link #bind contribution hash} {@code = keccak256(abi.encodePacked(content, contributor))}:
 *       the content followed by the contributor's 20 address bytes. The contributor submits it
 *       on-chain; it binds the content to the one address that may hold it.
 *   <li>{@link #contentHash content hash} {@code = keccak256(content)}: the key of the content in
 *       the content store, which the curator records on acceptance and by which exact duplicates
 *       of content are refused.
 * </ul>
 *
 * <p>A curator accepts a contribution only if {@link #verify} holds for the content fetched from the
 * content store and the address that submitted it. A front-runner who copies someone's
 * contribution hash from the mempool fails that check (the hash binds the original contributor),
 * is rejected, and loses the deposit.
 */
public final class Contributions {
  private Contributions() {}

  /** {@code keccak256(content ‖ contributor)}: the contribution hash {@code contributor} submits for {@code content}. */
  public static Bytes32 bind(byte[] content, Address contributor) {
    return Bytes32.wrap(Keccak.hash(content, contributor.toArrayUnsafe()));
  }

  /** {@code keccak256(content)}: the content-store key, and what {@code accept} records. */
  public static Bytes32 contentHash(byte[] content) {
    return Bytes32.wrap(Keccak.hash(content));
  }

  /** The curator's check: whether {@code content} submitted by {@code submitter} is what {@code contributionHash} commits to. */
  public static boolean verify(byte[] content, Address submitter, Bytes32 contributionHash) {
    return bind(content, submitter).equals(contributionHash);
  }
}
