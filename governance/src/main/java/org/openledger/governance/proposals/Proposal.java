package org.openledger.governance.proposals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.governance.governor.Governor;
import org.openledger.governance.timelock.ActionPolicy;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.FunctionSpec;

/**
 * A proposal's content, as {@code Governor.propose} takes it: parallel lists of targets, values
 * (wei from the treasury) and calldatas, and a description. Built with {@link #builder} or the
 * typed factories of {@link Proposals}; every action is checked against {@link ActionPolicy} when
 * added, so a proposal that the Governor would refuse cannot be built.
 *
 * @param targets the contracts called (or accounts paid)
 * @param values wei sent with each action, from the treasury
 * @param calldatas ABI-encoded calls (empty for a plain transfer)
 * @param description the proposal text (its keccak is part of the id)
 */
public record Proposal(List<Address> targets, List<BigInteger> values, List<Bytes> calldatas, String description) {

  public Proposal {
    targets = List.copyOf(targets);
    values = List.copyOf(values);
    calldatas = List.copyOf(calldatas);
    if (targets.isEmpty() || targets.size() > ActionPolicy.MAX_ACTIONS || values.size() != targets.size() || calldatas.size() != targets.size()) {
      throw new IllegalArgumentException("a proposal holds 1 to " + ActionPolicy.MAX_ACTIONS + " actions, with one value and calldata each");
    }
    int bad = ActionPolicy.firstDisallowed(targets, values, calldatas);
    if (bad >= 0) throw new IllegalArgumentException("action " + bad + " (" + targets.get(bad) + ") is not allowed for governance");
  }

  /** A builder for a proposal described by {@code description}. */
  public static Builder builder(String description) {
    return new Builder(description);
  }

  /** {@code keccak256(bytes(description))}, as queue and execute take it. */
  public Bytes32 descriptionHash() {
    return Governor.descriptionHash(description);
  }

  /** The id the Governor gives this proposal when {@code proposer} makes it. */
  public BigInteger id(Address proposer) {
    return Governor.hashProposal(proposer, targets, values, calldatas, descriptionHash());
  }

  /** The arguments of {@link Governor#PROPOSE}. */
  public Object[] proposeArgs() {
    return new Object[] {targets, values, calldatas, description};
  }

  /** Calldata of {@link Governor#PROPOSE} (send it to the Governor from the proposer). */
  public Bytes proposeCalldata() {
    return Governor.PROPOSE.encodeCall(proposeArgs());
  }

  /** The arguments of {@link Governor#QUEUE} or {@link Governor#EXECUTE} for proposal {@code id}. */
  public Object[] lifecycleArgs(BigInteger id) {
    return new Object[] {id, targets, values, calldatas, descriptionHash()};
  }

  /** Calldata of {@link Governor#QUEUE} for the proposal {@code proposer} made. */
  public Bytes queueCalldata(Address proposer) {
    return Governor.QUEUE.encodeCall(lifecycleArgs(id(proposer)));
  }

  /** Calldata of {@link Governor#EXECUTE} for the proposal {@code proposer} made. */
  public Bytes executeCalldata(Address proposer) {
    return Governor.EXECUTE.encodeCall(lifecycleArgs(id(proposer)));
  }

  /** The same actions under another description (a fresh id). */
  public Proposal withDescription(String newDescription) {
    return new Proposal(targets, values, calldatas, newDescription);
  }

  /** Collects actions; {@link #build} checks them. */
  public static final class Builder {
    private final String description;
    private final List<Address> targets = new ArrayList<>();
    private final List<BigInteger> values = new ArrayList<>();
    private final List<Bytes> calldatas = new ArrayList<>();

    private Builder(String description) {
      this.description = description;
    }

    /** Adds a call of {@code function} on the native contract at {@code target} with {@code args}. */
    public Builder call(Address target, FunctionSpec function, Object... args) {
      return callWithValue(target, BigInteger.ZERO, function, args);
    }

    /** Adds a call sending {@code value} wei from the treasury (payable functions only). */
    public Builder callWithValue(Address target, BigInteger value, FunctionSpec function, Object... args) {
      targets.add(target);
      values.add(value);
      calldatas.add(function.encodeCall(args));
      return this;
    }

    /** Adds a plain OPEN transfer of {@code amount} wei from the treasury to {@code to}. */
    public Builder transfer(Address to, BigInteger amount) {
      targets.add(to);
      values.add(amount);
      calldatas.add(Bytes.EMPTY);
      return this;
    }

    public Proposal build() {
      return new Proposal(targets, values, calldatas, description);
    }
  }
}
