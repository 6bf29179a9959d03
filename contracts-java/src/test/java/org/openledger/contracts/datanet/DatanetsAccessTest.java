package org.openledger.contracts.datanet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.datanet.DatanetFixture.*;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.host.CallResult;

/**
 * Who may call each state-changing function. For every (function, role) pair: the allowed roles
 * succeed; every other role gets the function's custom error, naming the caller, and nothing
 * changes (storage, balances, logs).
 */
class DatanetsAccessTest {

  enum Role {
    OWNER(DatanetFixture.OWNER), CURATOR(DatanetFixture.CURATOR), CONTRIBUTOR(ALICE), TIMELOCK(DatanetFixture.TIMELOCK), STRANGER(DatanetFixture.STRANGER);

    final Address address;

    Role(Address address) {
      this.address = address;
    }
  }

  /** The state every row starts from: a datanet (owner ≠ curator), one pending and one accepted contribution that has earned. */
  static final class World {
    final DatanetFixture f = new DatanetFixture();
    final BigInteger datanet = f.datanet();
    final BigInteger pending = f.submit(ALICE, datanet, content("pending"));
    final BigInteger accepted = f.accepted(ALICE, datanet, content("accepted"));

    World() {
      f.pay(datanet);
    }
  }

  /** A call as {@code caller} in {@code world}: value and arguments. */
  record Call(BigInteger value, Object... args) {}

  /**
   * @param refusal the error everyone else gets; its arguments are computed from the world and the caller
   */
  record Row(FunctionSpec function, Set<Role> allowed, BiFunction<World, Address, Call> call, ErrorSpec refusal,
      BiFunction<World, Address, Object[]> refusalArgs) {
    @Override
    public String toString() {
      return function.name() + " by " + allowed;
    }
  }

  static final Set<Role> ANYONE = EnumSet.allOf(Role.class);

  static List<Row> table() {
    return List.of(
        new Row(Datanets.CREATE, ANYONE, (w, c) -> new Call(BigInteger.ZERO, "Mine", "", DEPOSIT, FEE), null, null),
        new Row(Datanets.SET_CURATOR, EnumSet.of(Role.OWNER), (w, c) -> new Call(BigInteger.ZERO, w.datanet, BOB),
            Datanets.NOT_OWNER, (w, c) -> new Object[] {w.datanet, c}),
        new Row(Datanets.TRANSFER_OWNERSHIP, EnumSet.of(Role.OWNER), (w, c) -> new Call(BigInteger.ZERO, w.datanet, BOB),
            Datanets.NOT_OWNER, (w, c) -> new Object[] {w.datanet, c}),
        new Row(Datanets.SET_FEES, EnumSet.of(Role.OWNER), (w, c) -> new Call(BigInteger.ZERO, w.datanet, OPEN, OPEN),
            Datanets.NOT_OWNER, (w, c) -> new Object[] {w.datanet, c}),
        new Row(Datanets.SUBMIT, ANYONE,
            (w, c) -> new Call(DEPOSIT, w.datanet, Contributions.bind(content("fresh"), c), ""), null, null),
        new Row(Datanets.ACCEPT, EnumSet.of(Role.CURATOR),
            (w, c) -> new Call(BigInteger.ZERO, w.pending, Contributions.contentHash(content("pending"))),
            Datanets.NOT_CURATOR, (w, c) -> new Object[] {w.datanet, c}),
        new Row(Datanets.REJECT, EnumSet.of(Role.CURATOR), (w, c) -> new Call(BigInteger.ZERO, w.pending, "no"),
            Datanets.NOT_CURATOR, (w, c) -> new Object[] {w.datanet, c}),
        new Row(Datanets.SLASH, EnumSet.of(Role.TIMELOCK), (w, c) -> new Call(BigInteger.ZERO, w.accepted),
            Datanets.NOT_TIMELOCK, (w, c) -> new Object[] {c}),
        new Row(Datanets.PAY_ACCESS, ANYONE, (w, c) -> new Call(FEE, w.datanet), null, null),
        new Row(Datanets.CLAIM, EnumSet.of(Role.CONTRIBUTOR), (w, c) -> new Call(BigInteger.ZERO, List.of(w.accepted)),
            Datanets.NOT_CONTRIBUTOR, (w, c) -> new Object[] {w.accepted, c}));
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Row row : table()) {
      for (Role role : Role.values()) out.add(Arguments.of(row, role));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: called by {1}")
  @MethodSource("cases")
  void onlyTheAllowedRolesMayCallEachStateChangingFunction(Row row, Role role) {
    World w = new World();
    Call call = row.call().apply(w, role.address);
    if (row.allowed().contains(role)) {
      CallResult r = w.f.send(role.address, call.value(), row.function(), call.args());
      assertThat(r.isSuccess()).as("%s by %s: %s", row.function().name(), role, w.f.chain.describe(DATANETS, r)).isTrue();
      w.f.assertSolvent();
    } else {
      w.f.assertRefused(role.address, call.value(), row.function(), call.args(), row.refusal(), row.refusalArgs().apply(w, role.address));
    }
  }

  @org.junit.jupiter.api.Test
  void theTableCoversEveryStateChangingFunction() {
    Set<String> inTable = new java.util.HashSet<>();
    table().forEach(r -> inTable.add(r.function().name()));
    Set<String> writers = new java.util.HashSet<>();
    Datanets.SPEC.functions().stream().filter(fn -> fn.mutability().writes()).forEach(fn -> writers.add(fn.name()));
    assertThat(inTable).isEqualTo(writers);
  }
}
