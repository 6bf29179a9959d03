package org.openledger.contracts.datanet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.ProtocolChain;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.host.CallResult;

/** A chain with the Datanets contract and funded actors, plus the calls the tests make. */
final class DatanetFixture {
  static final BigInteger OPEN = BigInteger.TEN.pow(18);
  static final BigInteger DEPOSIT = OPEN.multiply(BigInteger.TEN);
  static final BigInteger FEE = OPEN.multiply(BigInteger.valueOf(3));
  static final BigInteger FUNDS = OPEN.multiply(BigInteger.valueOf(1_000_000));

  static final Address OWNER = Address.of(0x0111);
  static final Address CURATOR = Address.of(0x0222);
  static final Address ALICE = Address.of(0xa11ce);
  static final Address BOB = Address.of(0xb0b);
  static final Address CAROL = Address.of(0xca201);
  static final Address MALLORY = Address.of(0x3a11);
  static final Address READER = Address.of(0x4ead);
  static final Address STRANGER = Address.of(0x57a7);
  static final Address TIMELOCK = Addresses.TIMELOCK;
  static final Address TREASURY = Addresses.TREASURY;
  static final Address DATANETS = Datanets.ADDRESS;

  final ProtocolChain chain = new ProtocolChain(Map.of(DATANETS, new Datanets()));

  DatanetFixture() {
    for (Address a : List.of(OWNER, CURATOR, ALICE, BOB, CAROL, MALLORY, READER, STRANGER, TIMELOCK)) chain.fund(a, FUNDS);
    chain.fund(DATANETS, BigInteger.ZERO); // so that "nothing changed" snapshots compare like with like
  }

  static BigInteger n(long v) {
    return BigInteger.valueOf(v);
  }

  static byte[] content(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ calls

  CallResult send(Address from, BigInteger value, FunctionSpec fn, Object... args) {
    return chain.send(from, DATANETS, value, fn, args);
  }

  CallResult send(Address from, FunctionSpec fn, Object... args) {
    return send(from, BigInteger.ZERO, fn, args);
  }

  Object ok(Address from, BigInteger value, FunctionSpec fn, Object... args) {
    return chain.ok(from, DATANETS, value, fn, args);
  }

  Object ok(Address from, FunctionSpec fn, Object... args) {
    return ok(from, BigInteger.ZERO, fn, args);
  }

  Object view(FunctionSpec fn, Object... args) {
    return chain.view(DATANETS, fn, args);
  }

  BigInteger balance(Address a) {
    return chain.balance(a);
  }

  // ------------------------------------------------------------------ protocol steps

  /** A datanet created by {@link #OWNER}, curated by {@link #CURATOR}. */
  BigInteger datanet(BigInteger deposit, BigInteger fee) {
    BigInteger id = (BigInteger) ok(OWNER, Datanets.CREATE, "Radiology", "openledger://datanet/radiology", deposit, fee);
    ok(OWNER, Datanets.SET_CURATOR, id, CURATOR);
    return id;
  }

  BigInteger datanet() {
    return datanet(DEPOSIT, FEE);
  }

  BigInteger depositOf(BigInteger datanetId) {
    return (BigInteger) datanetView(datanetId).get(4);
  }

  /** {@code who} submits {@code content}, bound to its own address, with the datanet's deposit. */
  BigInteger submit(Address who, BigInteger datanetId, byte[] content) {
    return submitHash(who, datanetId, Contributions.bind(content, who));
  }

  BigInteger submitHash(Address who, BigInteger datanetId, Bytes32 hash) {
    return (BigInteger) ok(who, depositOf(datanetId), Datanets.SUBMIT, datanetId, hash, "openledger://content/" + hash.toHexString());
  }

  void accept(BigInteger contributionId, byte[] content) {
    ok(CURATOR, Datanets.ACCEPT, contributionId, Contributions.contentHash(content));
  }

  /** Submitted by {@code who} and accepted by the curator. */
  BigInteger accepted(Address who, BigInteger datanetId, byte[] content) {
    BigInteger id = submit(who, datanetId, content);
    accept(id, content);
    return id;
  }

  void pay(BigInteger datanetId) {
    ok(READER, (BigInteger) datanetView(datanetId).get(5), Datanets.PAY_ACCESS, datanetId);
  }

  BigInteger claimable(BigInteger contributionId) {
    return (BigInteger) view(Datanets.CLAIMABLE, contributionId);
  }

  @SuppressWarnings("unchecked")
  List<Object> datanetView(BigInteger id) {
    return (List<Object>) view(Datanets.DATANET, id);
  }

  @SuppressWarnings("unchecked")
  List<Object> contributionView(BigInteger id) {
    return (List<Object>) view(Datanets.CONTRIBUTION, id);
  }

  ContributionStatus status(BigInteger contributionId) {
    return ContributionStatus.of((BigInteger) contributionView(contributionId).get(4));
  }

  @SuppressWarnings("unchecked")
  BigInteger liabilities() {
    List<Object> l = (List<Object>) view(Datanets.LIABILITIES);
    return ((BigInteger) l.get(0)).add((BigInteger) l.get(1));
  }

  /** The contract holds exactly what it owes, and no OPEN was created or destroyed. */
  void assertSolvent() {
    assertThat(balance(DATANETS)).as("contract balance == liabilities").isEqualTo(liabilities());
    assertThat(chain.totalBalances()).as("conservation").isEqualTo(chain.supply());
  }

  // ------------------------------------------------------------------ refusals

  /**
   * Sends the call, asserts it reverts with {@code error} carrying {@code expectedArgs}, and that
   * nothing changed: storage, balances (the value went back) and logs.
   */
  void assertRefused(Address from, BigInteger value, FunctionSpec fn, Object[] args, ErrorSpec error, Object... expectedArgs) {
    Map<String, Object> before = chain.host.snapshot();
    CallResult r = send(from, value, fn, args);
    assertThat(r.status()).as("%s by %s: %s", fn.name(), from, chain.describe(DATANETS, r)).isEqualTo(CallResult.Status.REVERT);
    assertThat(error.matches(r.output())).as("%s reverts with %s, got %s", fn.name(), error.name(), chain.describe(DATANETS, r)).isTrue();
    if (expectedArgs.length > 0) {
      assertThat(error.decode(r.output())).as("%s arguments", error.name()).containsExactly(expectedArgs);
    }
    assertThat(chain.host.snapshot()).as("nothing changed after a refused %s", fn.name()).isEqualTo(before);
  }

  static Object[] args(Object... args) {
    return args;
  }

  /** The error a view call reverts with (views go through a static call, which changes nothing by construction). */
  ErrorSpec viewError(FunctionSpec fn, Object... args) {
    CallResult r = chain.executor().execute(chain.host,
        org.openledger.precompiles.host.Message.staticCall(STRANGER, DATANETS, fn.encodeCall(args), ProtocolChain.GAS));
    assertThat(r.status()).as("%s%s", fn.name(), Arrays.toString(args)).isEqualTo(CallResult.Status.REVERT);
    return Datanets.SPEC.errorOf(r.output());
  }
}
