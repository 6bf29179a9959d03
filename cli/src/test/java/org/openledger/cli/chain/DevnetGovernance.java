package org.openledger.cli.chain;

import java.math.BigInteger;
import java.util.List;
import org.openledger.governance.governor.Governor;
import org.openledger.governance.proposals.Proposal;
import org.openledger.governance.timelock.Timelock;
import org.openledger.precompiles.Address;

/** Governance on a devnet the demo has run on, as the devnet tests drive it: one proposal passed end to end. */
public final class DevnetGovernance {
  private DevnetGovernance() {}

  /**
   * {@code proposer} proposes {@code p}, every voter votes for, and the devnet mines through the
   * voting delay, the voting period and the Timelock's delay; then it is queued and executed.
   *
   * @throws IllegalStateException when the proposal did not end Executed
   */
  public static void pass(Connection rpc, Session proposer, List<Session> voters, Proposal p) {
    DevChain chain = new DevChain(rpc);
    Address from = Address.fromHex(proposer.sender());
    proposer.sendRaw(Governor.ADDRESS.toHexString(), p.proposeCalldata(), BigInteger.ZERO);
    BigInteger id = p.id(from);
    chain.mine(((BigInteger) view(proposer, Governor.ADDRESS, Governor.VOTING_DELAY_FN)).longValueExact() + 1);
    for (Session s : voters) s.sendRaw(Governor.ADDRESS.toHexString(), Governor.CAST_VOTE.encodeCall(id, BigInteger.valueOf(Governor.FOR)), BigInteger.ZERO);
    chain.mine(((BigInteger) view(proposer, Governor.ADDRESS, Governor.VOTING_PERIOD_FN)).longValueExact());
    proposer.sendRaw(Governor.ADDRESS.toHexString(), p.queueCalldata(from), BigInteger.ZERO);
    chain.mine(((BigInteger) view(proposer, Timelock.ADDRESS, Timelock.GET_MIN_DELAY)).longValueExact());
    proposer.sendRaw(Governor.ADDRESS.toHexString(), p.executeCalldata(from), BigInteger.ZERO);
    int state = ((BigInteger) view(proposer, Governor.ADDRESS, Governor.STATE, id)).intValueExact();
    if (state != Governor.EXECUTED) throw new IllegalStateException("proposal " + id + " ended in state " + state + ", not Executed");
  }

  private static Object view(Session s, Address contract, org.openledger.precompiles.contract.FunctionSpec f, Object... args) {
    return f.decodeOutput(s.callRaw(contract.toHexString(), f.encodeCall(args)));
  }
}
