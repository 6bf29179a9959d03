package org.openledger.contracts;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.prover.DeclaredScoresVerifier;
import org.openledger.contracts.prover.Provers;
import org.openledger.contracts.staking.Staking;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.contract.NativeContract;

/**
 * The protocol's contracts on a {@link ProtocolChain}, with the steps a scenario needs: a deployed
 * model, a bonded prover, stakers, requests, proofs and settlement. By default proofs go through the
 * test double {@link DeclaredScoresVerifier}, for tests of settlement mechanics that choose scores
 * freely; {@code new Protocol(new IndexProofVerifier())} checks real proofs (see the attribution tests).
 */
public final class Protocol {
  public static final BigInteger OPEN = BigInteger.TEN.pow(18);

  public final ProtocolChain chain;
  public final Address owner = Address.of(0x0e01);
  public final Address prover = Address.of(0x0e02);
  public final Address user = Address.of(0x0e03);
  public final Address staker = Address.of(0x0e04);

  public Protocol() {
    this(new DeclaredScoresVerifier());
  }

  public Protocol(AttributionVerifier verifier) {
    Map<Address, NativeContract> contracts = Map.of(
        Addresses.DATANETS, new org.openledger.contracts.datanet.Datanets(),
        Addresses.MODELS, new Models(), Addresses.INFERENCE, new Inference(), Addresses.STAKING, new Staking(),
        Addresses.PROVERS, new Provers(verifier));
    chain = new ProtocolChain(contracts);
    for (Address a : List.of(owner, prover, user, staker)) chain.fund(a, OPEN.multiply(BigInteger.valueOf(1_000)));
    chain.createDatanets(1);
  }

  public static BigInteger open(String amount) {
    return new BigDecimal(amount).movePointRight(18).toBigIntegerExact();
  }

  /**
   * Proposes, approves, trains, registers and deploys a fixed-count model (400 input and 240
   * output tokens at {@code rate} wei per 1,000 tokens each); the prover bonds 100 OPEN and attests.
   */
  public BigInteger deployedModel(BigInteger rate) {
    return deployedModel(rate, root("index"), 512);
  }

  /** {@link #deployedModel(BigInteger)} with the version's index root and basis rank given: a real index's, for real proofs. */
  public BigInteger deployedModel(BigInteger rate, Bytes32 indexRoot, int basisRank) {
    return deployedModel(rate, root("weights"), root("basis"), indexRoot, basisRank);
  }

  /** {@link #deployedModel(BigInteger)} registering all three roots: a real model's, for fraud proofs. */
  public BigInteger deployedModel(BigInteger rate, Bytes32 weightsRoot, Bytes32 basisRoot, Bytes32 indexRoot, int basisRank) {
    BigInteger id = (BigInteger) chain.ok(owner, Addresses.MODELS, Models.PROPOSE, BigInteger.ZERO, List.of(BigInteger.ONE), "fashion", "ipfs://m");
    chain.ok(Addresses.TIMELOCK, Addresses.MODELS, Models.APPROVE, id);
    chain.ok(Addresses.SERVICES, Addresses.MODELS, Models.MARK_TRAINING, id);
    List<Object> spec = List.of(weightsRoot, basisRoot, indexRoot, BigInteger.valueOf(100), BigInteger.valueOf(1000),
        BigInteger.ZERO, BigInteger.ZERO, BigInteger.valueOf(400), BigInteger.valueOf(240), owner, rate, rate, BigInteger.valueOf(basisRank));
    BigInteger version = (BigInteger) chain.ok(owner, Addresses.MODELS, Models.REGISTER_VERSION, id, spec);
    chain.ok(prover, Addresses.PROVERS, OPEN.multiply(BigInteger.valueOf(100)), Provers.BOND);
    chain.ok(prover, Addresses.PROVERS, Provers.ATTEST, id, version);
    chain.ok(Addresses.TIMELOCK, Addresses.MODELS, Models.DEPLOY, id, version);
    return id;
  }

  /** Stakes {@code amount} behind the model and activates it after the warm-up. */
  public BigInteger stakeAndActivate(Address who, BigInteger modelId, BigInteger amount) {
    BigInteger position = (BigInteger) chain.ok(who, Addresses.STAKING, amount, Staking.STAKE, modelId);
    chain.advance(Staking.WARMUP_BLOCKS.defaultValue().longValueExact());
    chain.ok(who, Addresses.STAKING, Staking.ACTIVATE, position);
    return position;
  }

  public BigInteger request(BigInteger modelId, BigInteger escrow) {
    return (BigInteger) chain.ok(user, Addresses.INFERENCE, escrow, Inference.REQUEST_FN, modelId, BigInteger.ONE, root("input"),
        BigInteger.valueOf(400), BigInteger.valueOf(240));
  }

  public void result(BigInteger requestId) {
    chain.ok(owner, Addresses.INFERENCE, Inference.SUBMIT_RESULT, requestId, root("output"), BigInteger.valueOf(240));
  }

  /** The binding a proof for {@code requestId} by {@link #prover} must carry. */
  public AttributionVerifier.Binding binding(BigInteger requestId, BigInteger modelId) {
    return new AttributionVerifier.Binding(chain.host.block().chainId(), Addresses.PROVERS, requestId, modelId, BigInteger.ONE,
        root("input"), root("output"), prover);
  }

  public Bytes proof(BigInteger requestId, BigInteger modelId, List<Address> who, List<BigInteger> scores) {
    return DeclaredScoresVerifier.proof(binding(requestId, modelId), who, scores);
  }

  public static Bytes32 root(String name) {
    return Bytes32.wrap(Keccak.hash(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
