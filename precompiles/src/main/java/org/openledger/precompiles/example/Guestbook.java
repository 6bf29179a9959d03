package org.openledger.precompiles.example;

import java.math.BigInteger;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.Args;
import org.openledger.precompiles.contract.CallContext;
import org.openledger.precompiles.contract.ContractSpec;
import org.openledger.precompiles.contract.Declarations;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.EventSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.contract.NativeContract;
import org.openledger.precompiles.gas.GasRule;
import org.openledger.precompiles.storage.Parameter;
import org.openledger.precompiles.storage.Slot;

/**
 * The framework's worked example (docs/native-contracts.md): a guestbook where anyone signs a
 * key once, readers tip the author in OPEN, and the author withdraws. It shows every part of the
 * framework in a few lines: declarations, storage in Solidity's layout, events, custom errors,
 * payable functions, a lazily defaulted parameter and native transfers.
 *
 * <p>Storage layout, as the equivalent Solidity contract would have it:
 * <pre>
 * slot 0: uint256 entries
 * slot 1: mapping(bytes32 =&gt; address) authorOf
 * slot 2: mapping(address =&gt; uint256) tipsOf
 * slot 3, 4: parameters (minTip)
 * </pre>
 */
public final class Guestbook extends NativeContract {
  /** Where the example lives on the devnet: next to the OpenLedger contracts at 0x…0a01-0a08. */
  public static final Address ADDRESS = Address.of(0x0a00);

  private static final Slot ENTRIES = Slot.at(0);
  private static final Slot AUTHOR_OF = Slot.at(1);
  private static final Slot TIPS_OF = Slot.at(2);
  /** Smallest tip accepted, in wei; unset, it reads as 1 gwei. */
  static final Parameter MIN_TIP = new Parameter("minTip", Slot.at(3), BigInteger.TEN.pow(9));

  private static final Declarations D = new Declarations("IGuestbook");

  public static final ErrorSpec ALREADY_SIGNED =
      D.error("AlreadySigned(bytes32 key, address author)", "The key was signed before, by `author`.");
  public static final ErrorSpec UNKNOWN_ENTRY = D.error("UnknownEntry(bytes32 key)", "Nobody signed this key.");
  public static final ErrorSpec TIP_TOO_SMALL = D.error("TipTooSmall(uint256 sent, uint256 minimum)", "The tip is below the minimum.");
  public static final ErrorSpec NOTHING_TO_WITHDRAW = D.error("NothingToWithdraw(address author)", "The caller has no tips to withdraw.");

  public static final EventSpec SIGNED =
      D.event("Signed(address indexed author, bytes32 indexed key, string message)", "An entry was written.");
  public static final EventSpec TIPPED =
      D.event("Tipped(address indexed from, bytes32 indexed key, uint256 amount)", "An entry's author was tipped.");
  public static final EventSpec WITHDRAWN = D.event("Withdrawn(address indexed author, uint256 amount)", "An author withdrew tips.");

  public static final FunctionSpec SIGN = D.function(
      "sign(bytes32 key, string message) returns (uint256 entries)",
      "Signs `key` with `message`; returns how many entries the book holds.",
      GasRule.perWord(s -> 2 * s.storageRead() + 2 * s.storageWrite() + s.log(3, 64), s -> s.logDataByte() * 32));
  public static final FunctionSpec AUTHOR = D.function(
      "authorOf(bytes32 key) view returns (address author)", "The author of `key`, or the zero address.",
      GasRule.fixed(s -> s.storageRead()));
  public static final FunctionSpec ENTRY_COUNT = D.function(
      "entries() view returns (uint256)", "How many keys were signed.", GasRule.fixed(s -> s.storageRead()));
  public static final FunctionSpec TIP = D.function(
      "tip(bytes32 key) payable", "Tips the author of `key` with the value sent; at least the minimum tip.",
      GasRule.fixed(s -> 5 * s.storageRead() + s.storageWrite() + s.log(3, 32)));
  public static final FunctionSpec TIPS = D.function(
      "tipsOf(address author) view returns (uint256)", "Tips `author` may withdraw, in wei.", GasRule.fixed(s -> s.storageRead()));
  public static final FunctionSpec WITHDRAW = D.function(
      "withdraw() returns (uint256 amount)", "Sends the caller all its tips.",
      GasRule.fixed(s -> s.storageRead() + s.storageWrite() + s.transfer() + s.log(2, 32)));

  public static final ContractSpec SPEC = D.spec("""
      A guestbook: the native-contract framework's worked example.
      Sign a key once; tip an entry's author in OPEN; authors withdraw their tips.""");

  public Guestbook() {
    super(SPEC);
    on(SIGN, this::sign);
    on(AUTHOR, (ctx, in) -> ctx.loadAddress(AUTHOR_OF.mapping(in.bytes32(0))));
    on(ENTRY_COUNT, (ctx, in) -> ctx.loadUint(ENTRIES));
    on(TIP, this::tip);
    on(TIPS, (ctx, in) -> ctx.loadUint(TIPS_OF.mapping(in.address(0))));
    on(WITHDRAW, this::withdraw);
  }

  private Object sign(CallContext ctx, Args in) {
    Bytes32 key = in.bytes32(0);
    Slot author = AUTHOR_OF.mapping(key);
    Address existing = ctx.loadAddress(author);
    if (!existing.equals(Address.ZERO)) throw ALREADY_SIGNED.revert(key, existing);
    ctx.storeAddress(author, ctx.caller());
    BigInteger entries = ctx.loadUint(ENTRIES).add(BigInteger.ONE);
    ctx.storeUint(ENTRIES, entries);
    ctx.emit(SIGNED, ctx.caller(), key, in.string(1));
    return entries;
  }

  private Object tip(CallContext ctx, Args in) {
    Bytes32 key = in.bytes32(0);
    Address author = ctx.loadAddress(AUTHOR_OF.mapping(key));
    if (author.equals(Address.ZERO)) throw UNKNOWN_ENTRY.revert(key);
    BigInteger minimum = MIN_TIP.read(ctx);
    if (ctx.value().compareTo(minimum) < 0) throw TIP_TOO_SMALL.revert(ctx.value(), minimum);
    Slot tips = TIPS_OF.mapping(author);
    ctx.storeUint(tips, ctx.loadUint(tips).add(ctx.value()));
    ctx.emit(TIPPED, ctx.caller(), key, ctx.value());
    return null;
  }

  private Object withdraw(CallContext ctx, Args in) {
    Slot tips = TIPS_OF.mapping(ctx.caller());
    BigInteger amount = ctx.loadUint(tips);
    if (amount.signum() == 0) throw NOTHING_TO_WITHDRAW.revert(ctx.caller());
    ctx.storeUint(tips, BigInteger.ZERO); // before the transfer: no re-entrancy window
    ctx.transfer(ctx.caller(), amount);
    ctx.emit(WITHDRAWN, ctx.caller(), amount);
    return amount;
  }

  /** The storage words a reader needs to find an author with {@code eth_getStorageAt}. */
  public static List<Slot> layout(Bytes32 key, Address author) {
    return List.of(ENTRIES, AUTHOR_OF.mapping(key), TIPS_OF.mapping(author));
  }
}
