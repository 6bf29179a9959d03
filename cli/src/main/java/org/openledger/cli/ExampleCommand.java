package org.openledger.cli;

import org.openledger.cli.chain.Output;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.example.Guestbook;
import org.openledger.precompiles.executor.Executor;
import org.openledger.precompiles.executor.Fork;
import org.openledger.precompiles.executor.ForkSchedule;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.host.CallKind;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.InMemoryHost;
import org.openledger.precompiles.host.Log;
import org.openledger.precompiles.host.Message;
import org.openledger.precompiles.storage.Slot;
import picocli.CommandLine.Command;

/**
 * The framework's worked example, end to end on an in-memory chain: the same executor and
 * contract code that the devnet and the Besu plugin run. (The protocol demo on a real devnet is 'openledger demo'.)
 */
@Command(
    name = "example",
    mixinStandardHelpOptions = true,
    description = {
      "Run the native-contract framework's worked example on an in-memory chain.",
      "",
      "Calls the example contract IGuestbook through the same executor the devnet and the Besu",
      "plugin use: successful calls, custom-error reverts, a refused DELEGATECALL, eth_calls, and",
      "the resulting logs, balances and storage slots as eth_getLogs, eth_getBalance and",
      "eth_getStorageAt see them. Exits 1 if OPEN was not conserved."
    })
final class ExampleCommand implements Callable<Integer> {
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);
  private static final BigInteger OPEN = BigInteger.TEN.pow(18);
  private static final long GAS = 1_000_000;

  private final Address alice = Address.fromHex("0x00000000000000000000000000000000000a11ce");
  private final Address bob = Address.fromHex("0x0000000000000000000000000000000000000b0b");
  private final Map<Address, String> names = Map.of(alice, "alice", bob, "bob", Guestbook.ADDRESS, "guestbook");

  private final InMemoryHost host = new InMemoryHost();
  private final Executor executor =
      new Executor(ForkSchedule.of(new Fork("v1", 0, GasSchedule.V1, Map.of(Guestbook.ADDRESS, new Guestbook()))));
  private final Output calls = new Output("#", "from", "call", "value", "status", "gas", "result");
  private int step;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    host.setBalance(bob, OPEN);
    Bytes32 key = Bytes32.wrap(org.openledger.precompiles.Keccak.hash("first entry".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

    out.println("OpenLedger native-contract framework: worked example");
    out.println("IGuestbook at " + Guestbook.ADDRESS + ", fork v1 (gas schedule " + GasSchedule.V1.name() + "), chain id "
        + host.block().chainId() + ", block " + host.block().number());
    out.println();

    send(alice, BigInteger.ZERO, Guestbook.SIGN, "sign(key, \"hello, ledger\")", key, "hello, ledger");
    send(bob, BigInteger.ZERO, Guestbook.SIGN, "sign(key, \"mine now\")", key, "mine now");
    send(bob, GWEI.divide(BigInteger.TWO), Guestbook.TIP, "tip(key)", key);
    send(bob, GWEI.multiply(BigInteger.valueOf(3)), Guestbook.TIP, "tip(key)", key);
    send(bob, BigInteger.ONE, Guestbook.SIGN, "sign(other, \"x\") with value", Bytes32.ZERO, "x");
    delegate(bob, Guestbook.SIGN.encodeCall(Bytes32.ZERO, "via delegatecall"));
    view(Guestbook.AUTHOR, "authorOf(key)  [eth_call]", key);
    send(alice, BigInteger.ZERO, Guestbook.WITHDRAW, "withdraw()");
    view(Guestbook.ENTRY_COUNT, "entries()  [eth_call]");
    calls.print(out, false);

    out.println();
    out.println("Logs (eth_getLogs):");
    Output logs = new Output("address", "event", "topics", "data bytes");
    for (Log log : host.logs()) {
      String event = Guestbook.SPEC.events().stream().filter(e -> e.topic0().equals(log.topics().get(0)))
          .map(e -> e.name()).findFirst().orElse("?");
      logs.row(name(log.address()), event, log.topics().size(), log.data().size());
    }
    logs.print(out, false);

    out.println();
    out.println("Balances (eth_getBalance, OPEN):");
    Output balances = new Output("account", "balance");
    for (Address a : List.of(alice, bob, Guestbook.ADDRESS)) balances.row(name(a), open(host.balance(a)));
    balances.print(out, false);

    out.println();
    out.println("Storage (eth_getStorageAt; Solidity's layout):");
    Output storage = new Output("variable", "slot", "value");
    List<Slot> slots = Guestbook.layout(key, alice);
    String[] vars = {"entries", "authorOf[key]", "tipsOf[alice]"};
    for (int i = 0; i < slots.size(); i++) {
      storage.row(vars[i], abbreviate(slots.get(i).key().toHexString()), word(host.storage(Guestbook.ADDRESS, slots.get(i).key())));
    }
    storage.print(out, false);

    out.println();
    out.println("The Solidity interface tools call it by:  openledger interface guestbook [--abi]");
    boolean conserved = host.balance(alice).add(host.balance(bob)).add(host.balance(Guestbook.ADDRESS)).equals(OPEN);
    out.println("OPEN conserved across all accounts: " + (conserved ? "yes" : "NO"));
    return conserved ? 0 : 1;
  }

  /** A transaction: the value moves to the contract first and back if the call fails, as a chain does. */
  private void send(Address from, BigInteger value, FunctionSpec fn, String label, Object... args) {
    Bytes data = fn.encodeCall(args);
    host.transfer(from, Guestbook.ADDRESS, value);
    CallResult r = executor.execute(host, Message.call(from, Guestbook.ADDRESS, value, data, GAS));
    if (!r.isSuccess()) host.transfer(Guestbook.ADDRESS, from, value);
    record(from, label, value, fn, r);
  }

  private void view(FunctionSpec fn, String label, Object... args) {
    CallResult r = executor.execute(host, Message.staticCall(Address.ZERO, Guestbook.ADDRESS, fn.encodeCall(args), GAS));
    record(Address.ZERO, label, BigInteger.ZERO, fn, r);
  }

  private void delegate(Address from, Bytes data) {
    Message m = new Message(CallKind.DELEGATECALL, from, Guestbook.ADDRESS, BigInteger.ZERO, data, false, GAS);
    record(from, "DELEGATECALL sign(...)", BigInteger.ZERO, Guestbook.SIGN, executor.execute(host, m));
  }

  private void record(Address from, String label, BigInteger value, FunctionSpec fn, CallResult r) {
    String result = switch (r.status()) {
      case SUCCESS -> fn.outputs().isEmpty() ? "-" : fn.outputs().get(0).name().isEmpty()
          ? describe(fn.decodeOutput(r.output())) : fn.outputs().get(0).name() + " = " + describe(fn.decodeOutput(r.output()));
      case REVERT -> readable(Guestbook.SPEC.describeRevert(r.output()));
      case HALT -> r.haltReason();
    };
    calls.row(++step, from.equals(Address.ZERO) ? "-" : name(from), label, gwei(value),
        r.status(), String.format("%,d", r.gasUsed()), result);
  }

  /** Known addresses by name, long hex abbreviated. */
  private String readable(String text) {
    for (Map.Entry<Address, String> e : names.entrySet()) text = text.replace(e.getKey().toHexString(), e.getValue());
    return text.replaceAll("0x([0-9a-f]{6})[0-9a-f]{20,}([0-9a-f]{4})", "0x$1…$2");
  }

  private static String gwei(BigInteger wei) {
    return wei.signum() == 0 ? "0" : new BigDecimal(wei).movePointLeft(9).stripTrailingZeros().toPlainString() + " gwei";
  }

  private String describe(Object value) {
    if (value instanceof Address a) return name(a);
    return String.valueOf(value);
  }

  private String name(Address a) {
    return names.getOrDefault(a, a.toHexString());
  }

  private static String open(BigInteger wei) {
    return new BigDecimal(wei).movePointLeft(18).stripTrailingZeros().toPlainString();
  }

  private static String word(Bytes32 value) {
    return value.isZero() ? "0x0" : value.toShortHexString();
  }

  private static String abbreviate(String hex) {
    return hex.length() <= 14 ? hex : hex.substring(0, 8) + "…" + hex.substring(hex.length() - 4);
  }
}
