package org.openledger.governance.timelock;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Catalog;
import org.openledger.governance.governor.Governor;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.abi.AbiCodec;
import org.openledger.precompiles.contract.ContractSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.contract.Mutability;
import org.openledger.precompiles.gas.GasSchedule;

/**
 * What governance may do (DESIGN §5): an action is either a call of a declared function of one
 * of OpenLedger's native contracts (the fixed addresses of {@link Addresses}) or a plain OPEN
 * transfer (empty calldata) to an account that is not a native contract. On the Governor and the
 * Timelock themselves only their governance setters are callable, so an executed proposal can
 * never re-enter proposing, voting, queueing or execution.
 *
 * <p>The Governor refuses a disallowed action when it is proposed, the Timelock again when it is
 * queued. Because every allowed call targets a function whose {@link FunctionSpec#gas() gas rule}
 * is known statically, the Timelock's {@code execute} can charge each action's requirement from
 * the calldata alone ({@link #requirement}).
 */
public final class ActionPolicy {
  private ActionPolicy() {}

  /** Most actions one proposal (one Timelock operation) may carry: bounds proposal gas. */
  public static final int MAX_ACTIONS = 16;

  /** The native contracts governance may call, by address (resolved on first use to avoid class-initialisation cycles). */
  private static final class Known {
    static final Map<Address, ContractSpec> SPECS = specs();
    static final Set<FunctionSpec> GOVERNANCE_SETTERS = Set.of(
        Governor.SET_VOTING_DELAY, Governor.SET_VOTING_PERIOD, Governor.SET_PROPOSAL_THRESHOLD,
        Governor.UPDATE_QUORUM_NUMERATOR, Governor.SET_GUARDIAN, Timelock.UPDATE_DELAY, Timelock.UPDATE_GRACE_PERIOD);
  }

  /** Every contract of contracts-java's {@link Catalog}, plus the Governor and the Timelock. */
  private static Map<Address, ContractSpec> specs() {
    Map<Address, ContractSpec> out = new HashMap<>();
    for (Catalog.Entry e : Catalog.all()) out.put(e.address(), e.spec());
    out.put(Addresses.GOVERNOR, Governor.SPEC);
    out.put(Addresses.TIMELOCK, Timelock.SPEC);
    return Map.copyOf(out);
  }

  /** The interface of the native contract governance knows at {@code address}, or null. */
  public static ContractSpec specAt(Address address) {
    return Known.SPECS.get(address);
  }

  /** Whether {@code address} is one of the native contracts governance knows. */
  public static boolean isNativeContract(Address address) {
    return Known.SPECS.containsKey(address);
  }

  /**
   * The function an allowed call action invokes, or null when the action is a plain transfer or
   * not allowed. Use {@link #isAllowed} for the verdict.
   */
  public static FunctionSpec functionOf(Address target, Bytes calldata) {
    ContractSpec spec = Known.SPECS.get(target);
    if (spec == null || calldata.size() < 4) return null;
    return spec.function(calldata.getInt(0));
  }

  /**
   * Whether one action is allowed: a plain transfer (empty calldata) to a non-zero account that is
   * no native contract, or a call of a declared function of a known native contract with calldata
   * that decodes, value only for a payable function, and on the Governor or Timelock only their
   * governance setters.
   */
  public static boolean isAllowed(Address target, BigInteger value, Bytes calldata) {
    if (value.signum() < 0 || value.bitLength() > 256) return false;
    if (calldata.isEmpty()) return !target.equals(Address.ZERO) && !isNativeContract(target);
    FunctionSpec f = functionOf(target, calldata);
    if (f == null) return false;
    if (value.signum() > 0 && f.mutability() != Mutability.PAYABLE) return false;
    if ((target.equals(Addresses.GOVERNOR) || target.equals(Addresses.TIMELOCK)) && !Known.GOVERNANCE_SETTERS.contains(f)) return false;
    try {
      byte[] raw = calldata.toArrayUnsafe();
      AbiCodec.decode(f.inputTypes(), raw, 4, raw.length - 4);
      return true;
    } catch (RuntimeException malformed) {
      return false;
    }
  }

  /** Index of the first action {@link #isAllowed} refuses, or -1 when all are allowed. */
  public static int firstDisallowed(List<Address> targets, List<BigInteger> values, List<Bytes> calldatas) {
    for (int i = 0; i < targets.size(); i++) {
      if (!isAllowed(targets.get(i), values.get(i), calldatas.get(i))) return i;
    }
    return -1;
  }

  /** The selector an action's calldata starts with (zero for a transfer or shorter calldata), for errors. */
  public static Bytes selectorOf(Bytes calldata) {
    return calldata.size() >= 4 ? calldata.slice(0, 4) : Bytes.wrap(new byte[4]);
  }

  /**
   * The gas executing one action requires from the Timelock: a transfer's cost for a plain
   * transfer, otherwise the nested-call cost plus the callee's requirement (per-call base plus its
   * gas rule), exactly what the executor meters. A disallowed action is priced at a nested call's
   * base (its execution is refused before it runs).
   */
  public static long requirement(GasSchedule s, Address target, Bytes calldata) {
    if (calldata.isEmpty()) return s.transfer();
    FunctionSpec f = functionOf(target, calldata);
    long base = s.nestedCall() + s.callBase(calldata.size());
    return f == null ? base : Math.addExact(base, f.gas().gas(s, calldata));
  }
}
