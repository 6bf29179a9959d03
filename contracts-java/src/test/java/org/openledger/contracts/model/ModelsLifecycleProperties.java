package org.openledger.contracts.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.model.ModelsFixture.big;
import static org.openledger.contracts.model.ModelsFixture.ids;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.model.Models.State;
import org.openledger.contracts.model.ModelsFixture.Spec;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.host.CallResult;

/**
 * Random sequences of every state-changing operation, by the right caller or a random one, against
 * a plain reference model of the lifecycle: each call succeeds exactly when the reference says it
 * may, fails with the error the reference predicts and then changes nothing, and the contract's
 * models, versions, attestations and deployed flags always equal the reference's.
 */
class ModelsLifecycleProperties {
  static final Address ALICE = Address.of(0xa11ce);
  static final Address BOB = Address.of(0xb0b);
  static final Address CAROL = Address.of(0xca201);
  static final List<Address> CALLERS = List.of(Addresses.TIMELOCK, Addresses.SERVICES, Addresses.PROVERS, ALICE, BOB, CAROL);
  static final List<Address> ATTESTERS = List.of(ALICE, BOB, CAROL);

  enum Op { PROPOSE, APPROVE, REJECT, MARK_TRAINING, REGISTER, ATTEST, DEPLOY, DEPRECATE, SET_REQUIRED }

  /**
   * One operation. {@code caller} -1 means the account allowed to call it, else an index into
   * {@link #CALLERS}; {@code model} and {@code version} pick ids relative to what exists ({@link
   * #modelId}, {@link #version}), unknown ones included; {@code who} picks an attester, a required
   * attestation count, or (0) a base model rather than an adapter in a proposal.
   */
  record Step(Op op, int caller, int model, int version, int who) {}

  /** The reference: what the lifecycle should be, in plain Java. */
  static final class Ref {
    static final class M {
      final Address owner;
      final int base;
      State state = State.PROPOSED;
      int deployed;
      final List<Set<Address>> attesters = new ArrayList<>();

      M(Address owner, int base) {
        this.owner = owner;
        this.base = base;
      }
    }

    final List<M> models = new ArrayList<>();
    int required = 1;

    M get(int id) {
      return id >= 1 && id <= models.size() ? models.get(id - 1) : null;
    }

    boolean deployedFlag(int id, int version) {
      M m = get(id);
      boolean d = m.state == State.DEPLOYED && m.deployed == version;
      return m.base == 0 ? d : d && get(m.base).state == State.DEPLOYED;
    }
  }

  /** Every sequence starts from a deployed base model (model 1, version 1), so adapters can be proposed from the start. */
  static final List<Step> DEPLOYED_BASE = List.of(new Step(Op.PROPOSE, -1, 0, 0, 0), new Step(Op.APPROVE, -1, 0, 0, 0),
      new Step(Op.REGISTER, -1, 0, 0, 0), new Step(Op.ATTEST, -1, 0, 0, 0), new Step(Op.DEPLOY, -1, 0, 0, 0));

  @Property(tries = 100)
  void everyOperationFollowsTheReferenceLifecycle(@ForAll("sequences") List<Step> steps) {
    ModelsFixture f = new ModelsFixture();
    Ref ref = new Ref();
    List<Step> all = new ArrayList<>(DEPLOYED_BASE);
    all.addAll(steps);
    for (Step step : all) {
      Address authorized = authorized(step, ref);
      Address caller = step.caller() < 0 ? (authorized == null ? ALICE : authorized) : CALLERS.get(step.caller());
      ErrorSpec expected = predict(step, caller, ref);
      Map<String, Object> before = expected == null ? null : f.snapshot();
      CallResult r = call(f, step, caller, ref);
      if (expected == null) {
        assertThat(r.isSuccess()).as("%s by %s: %s", step, caller, f.describe(r)).isTrue();
        if (step.op() == Op.DEPLOY) Statistics.label("deployments").collect(ref.get(modelId(step, ref)).base == 0 ? "base model" : "adapter");
        apply(step, caller, ref);
      } else {
        assertThat(r.status()).as("%s by %s: %s", step, caller, f.describe(r)).isEqualTo(CallResult.Status.REVERT);
        assertThat(expected.matches(r.output())).as("%s by %s: expected %s, got %s", step, caller,
            expected.name(), f.describe(r)).isTrue();
        assertThat(f.snapshot()).isEqualTo(before);
      }
    }
    assertMatches(f, ref);
    Statistics.label("furthest adapter state").collect(ref.models.stream().filter(m -> m.base != 0).map(m -> m.state).max(Enum::compareTo)
        .map(State::name).orElse("no adapter"));
  }

  @Provide
  Arbitrary<List<Step>> sequences() {
    // deprecation is final and stops adapters: rare, so that adapters of a deployed base get far too
    Arbitrary<Op> op = Arbitraries.frequency(Tuple.of(6, Op.PROPOSE), Tuple.of(6, Op.APPROVE), Tuple.of(2, Op.REJECT),
        Tuple.of(3, Op.MARK_TRAINING), Tuple.of(3, Op.REGISTER), Tuple.of(15, Op.ATTEST), Tuple.of(12, Op.DEPLOY), Tuple.of(1, Op.DEPRECATE),
        Tuple.of(2, Op.SET_REQUIRED));
    // mostly the right caller (the access table tests the wrong ones exhaustively); otherwise any of the six
    Arbitrary<Integer> caller = Arbitraries.frequency(Tuple.of(30, -1), Tuple.of(1, 0), Tuple.of(1, 1), Tuple.of(1, 2), Tuple.of(1, 3),
        Tuple.of(1, 4), Tuple.of(1, 5));
    Arbitrary<Step> step = Combinators.combine(op, caller, Arbitraries.integers().between(0, 19), Arbitraries.integers().between(0, 9),
        Arbitraries.integers().between(0, 2)).as(Step::new);
    return step.list().ofMinSize(50).ofMaxSize(250);
  }

  /**
   * The model a step acts on. {@code model} 0..5: one the step's operation may act on in its
   * current state, if there is one; 10..19: the newest such model (so that recent models, the
   * adapters among them, go all the way through the lifecycle too); 6, 7: any existing model; 8:
   * id 0; 9: the next unused id (both unknown).
   */
  static int modelId(Step s, Ref ref) {
    int n = ref.models.size();
    if (s.model() == 8 || n == 0) return 0;
    if (s.model() == 9) return n + 1;
    if (s.model() < 6 || s.model() >= 10) {
      List<Integer> fitting = new ArrayList<>();
      for (int id = 1; id <= n; id++) if (fits(s.op(), ref.get(id), ref)) fitting.add(id);
      if (!fitting.isEmpty()) return s.model() >= 10 ? fitting.getLast() : fitting.get(s.model() % fitting.size());
    }
    return s.model() % n + 1;
  }

  static boolean fits(Op op, Ref.M m, Ref ref) {
    return switch (op) {
      case PROPOSE -> m.base == 0 && m.state == State.DEPLOYED; // a base for an adapter
      case APPROVE, REJECT -> m.state == State.PROPOSED;
      case MARK_TRAINING -> m.state == State.APPROVED;
      case REGISTER -> m.state == State.APPROVED || m.state == State.TRAINING || m.state == State.EVALUATION || m.state == State.DEPLOYED;
      case ATTEST -> !m.attesters.isEmpty() && m.attesters.getLast().size() < ATTESTERS.size();
      case DEPLOY -> (m.state == State.EVALUATION || m.state == State.DEPLOYED) && deployable(m, ref) > 0;
      case DEPRECATE -> m.state == State.DEPLOYED;
      case SET_REQUIRED -> true;
    };
  }

  /** The newest version with enough attestations that the model does not serve yet; 0 if none. */
  static int deployable(Ref.M m, Ref ref) {
    for (int v = m.attesters.size(); v >= 1; v--) if (v != m.deployed && m.attesters.get(v - 1).size() >= ref.required) return v;
    return 0;
  }

  /**
   * The version a step acts on. {@code version} 0..4: for a deployment, an attested version not
   * yet served if there is one, otherwise the newest; 5, 6, 9: any; 7: version 0; 8: one past the
   * newest (both unknown).
   */
  static int version(Step s, Ref ref) {
    Ref.M m = ref.get(modelId(s, ref));
    int n = m == null ? 0 : m.attesters.size();
    switch (s.version()) {
      case 7: return 0;
      case 8: return n + 1;
      case 0, 1, 2, 3, 4: {
        return s.op() == Op.DEPLOY && m != null && deployable(m, ref) > 0 ? deployable(m, ref) : n;
      }
      default: return n == 0 ? 0 : s.version() % n + 1;
    }
  }

  /** A proposal's base model id: who = 0 proposes a base model, otherwise an adapter of model {@code model} (0 is a base model too). */
  static int base(Step s, Ref ref) {
    return s.who() == 0 ? 0 : modelId(s, ref);
  }

  /** The one account allowed to make the call (null: anyone, or the model does not exist). */
  static Address authorized(Step s, Ref ref) {
    return switch (s.op()) {
      case PROPOSE -> null;
      case APPROVE, REJECT, DEPLOY, DEPRECATE, SET_REQUIRED -> Addresses.TIMELOCK;
      case MARK_TRAINING -> Addresses.SERVICES;
      case ATTEST -> Addresses.PROVERS;
      case REGISTER -> ref.get(modelId(s, ref)) == null ? null : ref.get(modelId(s, ref)).owner;
    };
  }

  static CallResult call(ModelsFixture f, Step s, Address caller, Ref ref) {
    BigInteger id = big(modelId(s, ref));
    BigInteger v = big(version(s, ref));
    return switch (s.op()) {
      case PROPOSE -> f.send(caller, Models.PROPOSE, big(base(s, ref)), ids(1), "m", "");
      case APPROVE -> f.send(caller, Models.APPROVE, id);
      case REJECT -> f.send(caller, Models.REJECT, id);
      case MARK_TRAINING -> f.send(caller, Models.MARK_TRAINING, id);
      case REGISTER -> f.send(caller, Models.REGISTER_VERSION, id, Spec.valid().list());
      case ATTEST -> f.send(caller, Models.RECORD_ATTESTATION, id, v, ATTESTERS.get(s.who()));
      case DEPLOY -> f.send(caller, Models.DEPLOY, id, v);
      case DEPRECATE -> f.send(caller, Models.DEPRECATE, id);
      case SET_REQUIRED -> f.send(caller, Models.SET_REQUIRED_ATTESTATIONS, big(1 + s.who()));
    };
  }

  /** The error the contract must revert with, in its order of checks; null when the call must succeed. */
  static ErrorSpec predict(Step s, Address caller, Ref ref) {
    Ref.M m = ref.get(modelId(s, ref));
    int version = version(s, ref);
    switch (s.op()) {
      case PROPOSE -> {
        if (base(s, ref) == 0) return null;
        if (m == null) return Models.UNKNOWN_MODEL;
        if (m.base != 0) return Models.BASE_IS_ADAPTER;
        return m.state == State.DEPLOYED ? null : Models.BASE_NOT_DEPLOYED;
      }
      case SET_REQUIRED -> {
        return caller.equals(Addresses.TIMELOCK) ? null : Models.NOT_AUTHORIZED;
      }
      case REGISTER -> {
        if (m == null) return Models.UNKNOWN_MODEL;
        if (!caller.equals(m.owner)) return Models.NOT_AUTHORIZED;
        return switch (m.state) {
          case APPROVED, TRAINING, EVALUATION, DEPLOYED -> null;
          default -> Models.ILLEGAL_TRANSITION;
        };
      }
      default -> { }
    }
    if (!caller.equals(authorized(s, ref))) return Models.NOT_AUTHORIZED;
    if (m == null) return Models.UNKNOWN_MODEL;
    boolean versionExists = version >= 1 && version <= m.attesters.size();
    return switch (s.op()) {
      case APPROVE, REJECT -> m.state == State.PROPOSED ? null : Models.ILLEGAL_TRANSITION;
      case MARK_TRAINING -> m.state == State.APPROVED ? null : Models.ILLEGAL_TRANSITION;
      case DEPRECATE -> m.state == State.DEPLOYED ? null : Models.ILLEGAL_TRANSITION;
      case ATTEST -> !versionExists ? Models.UNKNOWN_VERSION
          : m.attesters.get(version - 1).contains(ATTESTERS.get(s.who())) ? Models.ALREADY_ATTESTED : null;
      case DEPLOY -> {
        if (m.state != State.EVALUATION && m.state != State.DEPLOYED) yield Models.ILLEGAL_TRANSITION;
        if (!versionExists) yield Models.UNKNOWN_VERSION;
        if (m.state == State.DEPLOYED && m.deployed == version) yield Models.VERSION_ALREADY_DEPLOYED;
        if (m.attesters.get(version - 1).size() < ref.required) yield Models.INSUFFICIENT_ATTESTATIONS;
        if (m.base != 0 && ref.get(m.base).state != State.DEPLOYED) yield Models.BASE_NOT_DEPLOYED;
        yield null;
      }
      default -> throw new IllegalStateException(s.toString());
    };
  }

  static void apply(Step s, Address caller, Ref ref) {
    Ref.M m = ref.get(modelId(s, ref));
    int version = version(s, ref);
    switch (s.op()) {
      case PROPOSE -> ref.models.add(new Ref.M(caller, base(s, ref)));
      case APPROVE -> m.state = State.APPROVED;
      case REJECT -> m.state = State.REJECTED;
      case MARK_TRAINING -> m.state = State.TRAINING;
      case REGISTER -> {
        m.attesters.add(new HashSet<>());
        if (m.state != State.DEPLOYED) m.state = State.EVALUATION;
      }
      case ATTEST -> m.attesters.get(version - 1).add(ATTESTERS.get(s.who()));
      case DEPLOY -> {
        m.state = State.DEPLOYED;
        m.deployed = version;
      }
      case DEPRECATE -> m.state = State.DEPRECATED;
      case SET_REQUIRED -> ref.required = 1 + s.who();
    }
  }

  static void assertMatches(ModelsFixture f, Ref ref) {
    assertThat(f.view(Models.MODEL_COUNT_VIEW)).isEqualTo(big(ref.models.size()));
    assertThat(((List<?>) f.view(Models.PARAMETERS)).get(2)).isEqualTo(big(ref.required));
    for (int id = 1; id <= ref.models.size(); id++) {
      Ref.M m = ref.get(id);
      List<Object> model = f.model(big(id));
      assertThat(model.get(0)).isEqualTo(m.owner);
      assertThat(model.get(1)).isEqualTo(big(m.base));
      assertThat(model.get(4)).as("state of model %d", id).isEqualTo(m.state.uint8());
      assertThat(model.get(5)).isEqualTo(big(m.deployed));
      assertThat(model.get(6)).isEqualTo(big(m.attesters.size()));
      for (int v = 1; v <= m.attesters.size(); v++) {
        assertThat(f.view(Models.ATTESTATIONS, big(id), big(v))).isEqualTo(big(m.attesters.get(v - 1).size()));
        for (Address a : ATTESTERS) {
          assertThat(f.view(Models.HAS_ATTESTED, big(id), big(v), a)).isEqualTo(m.attesters.get(v - 1).contains(a));
        }
        assertThat(f.deployedFlag(big(id), v)).as("deployed flag of model %d version %d", id, v).isEqualTo(ref.deployedFlag(id, v));
      }
    }
  }
}
