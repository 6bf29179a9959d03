package org.openledger.precompiles.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.InMemoryHost;
import org.openledger.precompiles.host.Log;
import org.openledger.precompiles.host.Message;

/**
 * Random trees of nested native calls, each node writing, logging and then succeeding, reverting
 * or faulting: exactly the nodes whose whole path from the root succeeded leave a trace.
 */
class NestedCallRollbackProperties {
  static final Address A = Address.of(0x0b01);
  static final Address B = Address.of(0x0b02);
  static final Address SENDER = Address.of(0xcafe);

  /** parent[j] < j for j > 0 (a tree rooted at 0); failure[j] in {0 ok, 1 revert, 2 fault}; at[j] in {A, B}. */
  record Tree(List<Integer> parent, List<Integer> failure, List<Address> at) {
    int size() {
      return parent.size();
    }

    boolean persists(int node) {
      for (int k = node; ; k = parent.get(k)) {
        if (failure.get(k) != 0) return false;
        if (k == 0) return true;
      }
    }

    /** Nodes in the order they run: pre-order, children by index. */
    void preorder(int node, List<Integer> out) {
      out.add(node);
      for (int j = 1; j < size(); j++) {
        if (parent.get(j) == node) preorder(j, out);
      }
    }
  }

  @Provide
  Arbitrary<Tree> trees() {
    return Arbitraries.integers().between(1, 12).flatMap(n -> {
      Arbitrary<List<Integer>> parents = Combinators.combine(
              Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofSize(n), Arbitraries.just(n))
          .as((raw, size) -> {
            List<Integer> p = new ArrayList<>();
            p.add(0);
            for (int j = 1; j < size; j++) p.add(raw.get(j) % j);
            return p;
          });
      Arbitrary<List<Integer>> failures = Arbitraries.frequency(
          net.jqwik.api.Tuple.of(6, 0), net.jqwik.api.Tuple.of(2, 1), net.jqwik.api.Tuple.of(1, 2)).list().ofSize(n);
      Arbitrary<List<Address>> at = Arbitraries.of(A, B).list().ofSize(n);
      return Combinators.combine(parents, failures, at).as(Tree::new);
    });
  }

  @Property(tries = 300)
  void exactlyTheFramesWhosePathSucceededPersist(@ForAll("trees") Tree tree) {
    InMemoryHost host = new InMemoryHost();
    Executor executor = new Executor(ForkSchedule.of(new Fork("v1", 0, GasSchedule.V1, Map.of(A, new Probe(1), B, new Probe(1)))));
    List<BigInteger> parents = tree.parent().stream().map(BigInteger::valueOf).toList();
    List<BigInteger> failures = tree.failure().stream().map(BigInteger::valueOf).toList();

    CallResult result = executor.execute(host,
        Message.call(SENDER, tree.at().get(0), BigInteger.ZERO, Probe.NODE.encodeCall(BigInteger.ZERO, parents, failures, tree.at()), Long.MAX_VALUE / 4));

    assertThat(result.isSuccess()).isEqualTo(tree.failure().get(0) == 0);
    for (int j = 0; j < tree.size(); j++) {
      boolean written = !host.storage(tree.at().get(j), Probe.valueSlot(j)).isZero();
      assertThat(written).as("node %d's write", j).isEqualTo(tree.persists(j));
    }
    List<Integer> order = new ArrayList<>();
    tree.preorder(0, order);
    List<BigInteger> expectedLogs = order.stream().filter(tree::persists).map(BigInteger::valueOf).toList();
    List<BigInteger> logged = host.logs().stream().map(Log::topics).map(t -> t.get(1).toUnsignedBigInteger()).toList();
    assertThat(logged).isEqualTo(expectedLogs);
    assertThat(result.logs()).isEqualTo(host.logs());
  }

  @Property(tries = 100)
  void nestedCallsSeeTheirCallerAsTheCallingContract(@ForAll("trees") Tree tree) {
    InMemoryHost host = new InMemoryHost();
    Executor executor = new Executor(ForkSchedule.of(new Fork("v1", 0, GasSchedule.V1, Map.of(A, new Probe(1), B, new Probe(1)))));
    List<BigInteger> parents = tree.parent().stream().map(BigInteger::valueOf).toList();
    List<BigInteger> ok = tree.parent().stream().map(x -> BigInteger.ZERO).toList();
    executor.execute(host, Message.call(SENDER, tree.at().get(0), BigInteger.ZERO, Probe.NODE.encodeCall(BigInteger.ZERO, parents, ok, tree.at()), Long.MAX_VALUE / 4));
    for (Log log : host.logs()) {
      int node = log.topics().get(1).toUnsignedBigInteger().intValueExact();
      Address expectedCaller = node == 0 ? SENDER : tree.at().get(tree.parent().get(node));
      assertThat(Probe.NOTE.toLog(log.address(), BigInteger.valueOf(node), expectedCaller)).isEqualTo(log);
    }
  }
}
