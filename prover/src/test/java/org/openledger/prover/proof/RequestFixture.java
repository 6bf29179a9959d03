package org.openledger.prover.proof;

import java.math.BigInteger;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Protocol;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.inference.Inference;
import org.openledger.precompiles.Keccak;

/** What the proof-engine tests share: a request resulted on a deployed version, and a content store over a map. */
public final class RequestFixture {
  private RequestFixture() {}

  /** A request on version 1 of {@code model}, resulted, with the binding its proof must carry. */
  public record Setup(Protocol p, BigInteger model, BigInteger request, AttributionVerifier.Binding binding) {}

  /**
   * Requests inference on version 1 of {@code model} with {@code input} (published in {@code content}, as
   * a requester would), and the owner posts {@code output} as its result.
   */
  public static Setup request(Protocol p, BigInteger model, byte[] input, byte[] output, Map<Bytes32, byte[]> content) {
    Bytes32 inputHash = Bytes32.wrap(Keccak.hash(input));
    content.put(inputHash, input);
    BigInteger id = (BigInteger) p.chain.ok(p.user, Addresses.INFERENCE, Protocol.open("1.14"), Inference.REQUEST_FN, model, BigInteger.ONE,
        inputHash, BigInteger.valueOf(400), BigInteger.valueOf(240));
    Bytes32 outputHash = Bytes32.wrap(Keccak.hash(output));
    p.chain.ok(p.owner, Addresses.INFERENCE, Inference.SUBMIT_RESULT, id, outputHash, BigInteger.valueOf(240));
    var binding = new AttributionVerifier.Binding(p.chain.host.block().chainId(), Addresses.PROVERS, id, model, BigInteger.ONE, inputHash,
        outputHash, p.prover);
    return new Setup(p, model, id, binding);
  }

  /** A content source over {@code m}: a blob not in it is {@link ContentSource.Unavailable}. */
  public static ContentSource source(Map<Bytes32, byte[]> m) {
    return h -> {
      byte[] b = m.get(h);
      if (b == null) throw new ContentSource.Unavailable("no content " + h.toHexString());
      return b;
    };
  }
}
