package org.openledger.prover.proof;

import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.IndexLeaf;

/**
 * What any classifier version commits to and registers — a whole model's ({@link VersionArtifacts})
 * or an OpenLoRA adapter's ({@code lora.AdapterArtifacts}): three roots, the basis rank and the
 * index leaves, and the blobs that make the roots resolvable in a content store.
 */
public interface PublishedVersion {
  Bytes32 weightsRoot();

  Bytes32 basisRoot();

  Bytes32 indexRoot();

  /** k: the number of basis rows, ψ's length. */
  int rank();

  List<IndexLeaf> leaves();

  List<byte[]> blobs();
}
