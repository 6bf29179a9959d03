package org.openledger.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.ProtocolChain;
import org.openledger.contracts.datanet.Datanets;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.prover.DeclaredScoresVerifier;
import org.openledger.contracts.prover.Provers;
import org.openledger.contracts.services.Services;
import org.openledger.contracts.staking.Staking;
import org.openledger.governance.governor.Governor;
import org.openledger.governance.proposals.Proposal;
import org.openledger.governance.timelock.Timelock;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.host.CallResult;

/**
 * The protocol's contracts plus the Governor and Timelock on one {@link ProtocolChain}, at the
 * default parameters, with governance-only stake allocated at genesis ({@code stake(0)}).
 */
public final class GovChain {
  public static final BigInteger OPEN = BigInteger.TEN.pow(18);
  public static final long DELAY = Governor.VOTING_DELAY.defaultValue().longValueExact();
  public static final long PERIOD = Governor.VOTING_PERIOD.defaultValue().longValueExact();
  public static final long MIN_DELAY = Timelock.MIN_DELAY.defaultValue().longValueExact();
  public static final long GRACE = Timelock.GRACE_PERIOD.defaultValue().longValueExact();

  public final ProtocolChain chain;
  public final Address alice = Address.of(0xa11ce);
  public final Address bob = Address.of(0xb0b);
  public final Address carol = Address.of(0xca401);
  public final Address owner = Address.of(0x0e01);
  public final Address prover = Address.of(0x0e02);
  public final Address user = Address.of(0x0e03);
  public final Address mallory = Address.of(0xbad);

  public GovChain() {
    chain = new ProtocolChain(Map.of(
        Addresses.DATANETS, new Datanets(), Addresses.MODELS, new Models(), Addresses.INFERENCE, new Inference(),
        Addresses.STAKING, new Staking(), Addresses.PROVERS, new Provers(new DeclaredScoresVerifier()),
        Addresses.SERVICES, new Services(), Addresses.GOVERNOR, new Governor(), Addresses.TIMELOCK, new Timelock()));
    for (Address a : List.of(alice, bob, carol, owner, prover, user, mallory)) chain.fund(a, open("100000"));
    chain.fund(Addresses.TIMELOCK, open("1000000"));
    chain.createDatanets(Models.MAX_DATANETS_LIMIT);
  }

  /** Genesis: governance-only stake of 20,000 OPEN for Alice, 10,000 for Bob and 5,000 for Carol, then one block. */
  public GovChain withGenesisStake() {
    stake(alice, open("20000"));
    stake(bob, open("10000"));
    stake(carol, open("5000"));
    chain.advance(1);
    return this;
  }

  public static BigInteger open(String amount) {
    return new BigDecimal(amount).movePointRight(18).toBigIntegerExact();
  }

  public BigInteger stake(Address who, BigInteger amount) {
    return (BigInteger) chain.ok(who, Addresses.STAKING, amount, Staking.STAKE, BigInteger.ZERO);
  }

  public BigInteger propose(Address proposer, Proposal p) {
    BigInteger id = (BigInteger) chain.ok(proposer, Addresses.GOVERNOR, Governor.PROPOSE, p.proposeArgs());
    assertThat(id).isEqualTo(p.id(proposer));
    return id;
  }

  public CallResult vote(Address voter, BigInteger id, int support) {
    return chain.send(voter, Addresses.GOVERNOR, Governor.CAST_VOTE, id, BigInteger.valueOf(support));
  }

  public int state(BigInteger id) {
    return ((BigInteger) chain.view(Addresses.GOVERNOR, Governor.STATE, id)).intValueExact();
  }

  public CallResult queue(Proposal p, BigInteger id) {
    return chain.send(user, Addresses.GOVERNOR, Governor.QUEUE, p.lifecycleArgs(id));
  }

  public CallResult execute(Proposal p, BigInteger id) {
    return chain.send(user, Addresses.GOVERNOR, Governor.EXECUTE, p.lifecycleArgs(id));
  }

  /** Alice proposes; Alice and Bob vote For; queued and executed after the delays. Returns the id. */
  public BigInteger pass(Proposal p) {
    BigInteger id = propose(alice, p);
    chain.advance(DELAY + 1);
    assertOk(vote(alice, id, Governor.FOR));
    assertOk(vote(bob, id, Governor.FOR));
    chain.advance(PERIOD);
    assertThat(state(id)).isEqualTo(Governor.SUCCEEDED);
    assertOk(queue(p, id));
    chain.advance(((BigInteger) chain.view(Addresses.TIMELOCK, Timelock.GET_MIN_DELAY)).longValueExact());
    assertOk(execute(p, id));
    assertThat(state(id)).isEqualTo(Governor.EXECUTED);
    return id;
  }

  public void assertOk(CallResult r) {
    assertThat(r.isSuccess()).as(() -> chain.describe(Addresses.GOVERNOR, r)).isTrue();
  }

  /** Asserts {@code r} reverted with {@code error}. */
  public static void assertReverts(CallResult r, ErrorSpec error) {
    assertThat(r.status()).as("status").isEqualTo(CallResult.Status.REVERT);
    assertThat(error.matches(r.output())).as(() -> "expected " + error.name() + ", got " + r.output()).isTrue();
  }

  public Object view(Address to, FunctionSpec fn, Object... args) {
    return chain.view(to, fn, args);
  }

  public int modelState(BigInteger modelId) {
    List<?> m = (List<?>) chain.view(Addresses.MODELS, Models.MODEL_VIEW, modelId);
    return ((BigInteger) m.get(4)).intValueExact();
  }

  public static Bytes32 root(String name) {
    return Bytes32.wrap(Keccak.hash(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** An inference request on version 1 of {@code modelId} (400 in, 240 out tokens) with 10 OPEN escrow. */
  public CallResult request(BigInteger modelId) {
    return chain.send(user, Addresses.INFERENCE, open("10"), Inference.REQUEST_FN, modelId, BigInteger.ONE, root("input"),
        BigInteger.valueOf(400), BigInteger.valueOf(240));
  }
}
