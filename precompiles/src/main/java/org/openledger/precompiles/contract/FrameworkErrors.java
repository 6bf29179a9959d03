package org.openledger.precompiles.contract;

import java.util.List;

/**
 * The errors the framework itself reverts with, before or around a contract's code. Every
 * generated interface declares them, so web3j, cast and Solidity callers decode them by name.
 */
public final class FrameworkErrors {
  private FrameworkErrors() {}

  private static final Declarations D = new Declarations("IOpenLedgerNative");

  public static final ErrorSpec UNKNOWN_SELECTOR =
      D.error("UnknownSelector(bytes4 selector)", "No function of this contract has that selector.");
  public static final ErrorSpec MALFORMED_CALLDATA =
      D.error("MalformedCalldata()", "The calldata is shorter than a selector or does not decode as the function's parameters.");
  public static final ErrorSpec NOT_PAYABLE =
      D.error("NotPayable(uint256 value)", "Value was sent to a function that does not accept it.");
  public static final ErrorSpec WRITE_IN_STATIC_CALL =
      D.error("WriteInStaticCall()", "A state change was attempted in a static call (eth_call, STATICCALL, a view function).");
  public static final ErrorSpec DELEGATE_CALL_REFUSED =
      D.error("DelegateCallRefused()", "Native contracts cannot be reached by DELEGATECALL or CALLCODE: their storage lives at their own address.");
  public static final ErrorSpec INSUFFICIENT_BALANCE =
      D.error("InsufficientBalance(address account, uint256 balance, uint256 needed)", "A transfer needs more OPEN than the account holds.");
  public static final ErrorSpec NO_NATIVE_CONTRACT =
      D.error("NoNativeContract(address target)", "A native contract called an address that holds no native contract.");
  public static final ErrorSpec NESTED_CALL_HALTED =
      D.error("NestedCallHalted(address target)", "A nested native call ran out of gas or faulted.");

  public static final List<ErrorSpec> ALL =
      List.of(UNKNOWN_SELECTOR, MALFORMED_CALLDATA, NOT_PAYABLE, WRITE_IN_STATIC_CALL, DELEGATE_CALL_REFUSED,
          INSUFFICIENT_BALANCE, NO_NATIVE_CONTRACT, NESTED_CALL_HALTED);
}
