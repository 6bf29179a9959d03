package org.openledger.contracts.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.ProtocolChain;
import org.openledger.contracts.model.Models.State;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.Message;

/** A chain with the Models contract, its actors, and helpers that bring a model into any state. */
final class ModelsFixture {
  static final BigInteger OPEN = BigInteger.TEN.pow(18);
  static final Address OWNER = Address.of(0x0e1);
  static final Address ADAPTER_OWNER = Address.of(0xada);
  static final Address STRANGER = Address.of(0x5e1);
  static final Address HOST = Address.of(0x4057);
  static final Address ATTESTER = Address.of(0xa77e);
  static final Address ATTESTER_2 = Address.of(0xa77f);

  /** Everyone a test tries as a caller. */
  static final List<Address> CALLERS = List.of(Addresses.TIMELOCK, Addresses.SERVICES, Addresses.PROVERS, Addresses.GOVERNOR,
      Addresses.INFERENCE, Addresses.DATANETS, Addresses.STAKING, OWNER, ADAPTER_OWNER, STRANGER, HOST, ATTESTER, Address.ZERO);

  final ProtocolChain chain = new ProtocolChain(Map.of(Addresses.MODELS, new Models(), Addresses.DATANETS, new org.openledger.contracts.datanet.Datanets()));

  {
    chain.createDatanets(Models.MAX_DATANETS_LIMIT);
  }

  // ------------------------------------------------------------------ version specs

  /** A VersionSpec; {@link #list()} is its ABI value. */
  record Spec(Bytes32 weightsRoot, Bytes32 basisRoot, Bytes32 indexRoot, BigInteger damping, BigInteger scale, int outputFunction,
              int tokenMode, BigInteger fixedIn, BigInteger fixedOut, Address host, BigInteger inRate, BigInteger outRate, long basisRank) {

    /** A valid classifier version: 784 input and 1 output token per request, 1 OPEN per 1,000 tokens each way. */
    static Spec valid() {
      return new Spec(Bytes32.fromHexString("0x01"), Bytes32.fromHexString("0x02"), Bytes32.fromHexString("0x03"),
          BigInteger.valueOf(1_000), BigInteger.ONE.shiftLeft(16), 0, 0, BigInteger.valueOf(784), BigInteger.ONE, HOST, OPEN, OPEN, 512);
    }

    /** A valid text version (counts come from the tokenizer). */
    static Spec text() {
      return valid().withOutputFunction(1).withTokenMode(1).withFixed(BigInteger.ZERO, BigInteger.ZERO);
    }

    List<Object> list() {
      return Arrays.asList(weightsRoot, basisRoot, indexRoot, damping, scale, BigInteger.valueOf(outputFunction), BigInteger.valueOf(tokenMode),
          fixedIn, fixedOut, host, inRate, outRate, BigInteger.valueOf(basisRank));
    }

    Spec withRoots(Bytes32 w, Bytes32 b, Bytes32 i) {
      return new Spec(w, b, i, damping, scale, outputFunction, tokenMode, fixedIn, fixedOut, host, inRate, outRate, basisRank);
    }

    Spec withScale(BigInteger s) {
      return new Spec(weightsRoot, basisRoot, indexRoot, damping, s, outputFunction, tokenMode, fixedIn, fixedOut, host, inRate, outRate, basisRank);
    }

    Spec withOutputFunction(int f) {
      return new Spec(weightsRoot, basisRoot, indexRoot, damping, scale, f, tokenMode, fixedIn, fixedOut, host, inRate, outRate, basisRank);
    }

    Spec withTokenMode(int m) {
      return new Spec(weightsRoot, basisRoot, indexRoot, damping, scale, outputFunction, m, fixedIn, fixedOut, host, inRate, outRate, basisRank);
    }

    Spec withFixed(BigInteger in, BigInteger out) {
      return new Spec(weightsRoot, basisRoot, indexRoot, damping, scale, outputFunction, tokenMode, in, out, host, inRate, outRate, basisRank);
    }

    Spec withHost(Address h) {
      return new Spec(weightsRoot, basisRoot, indexRoot, damping, scale, outputFunction, tokenMode, fixedIn, fixedOut, h, inRate, outRate, basisRank);
    }

    Spec withRates(BigInteger in, BigInteger out) {
      return new Spec(weightsRoot, basisRoot, indexRoot, damping, scale, outputFunction, tokenMode, fixedIn, fixedOut, host, in, out, basisRank);
    }

    Spec withBasisRank(long r) {
      return new Spec(weightsRoot, basisRoot, indexRoot, damping, scale, outputFunction, tokenMode, fixedIn, fixedOut, host, inRate, outRate, r);
    }
  }

  // ------------------------------------------------------------------ calls

  CallResult send(Address from, FunctionSpec fn, Object... args) {
    return chain.send(from, Addresses.MODELS, fn, args);
  }

  Object ok(Address from, FunctionSpec fn, Object... args) {
    return chain.ok(from, Addresses.MODELS, fn, args);
  }

  Object view(FunctionSpec fn, Object... args) {
    return chain.view(Addresses.MODELS, fn, args);
  }

  /** A static call's raw result (for views that revert). */
  CallResult staticCall(FunctionSpec fn, Object... args) {
    return chain.executor().execute(chain.host, Message.staticCall(STRANGER, Addresses.MODELS, fn.encodeCall(args), ProtocolChain.GAS));
  }

  /**
   * All state (storage, balances, logs), for asserting that a failed call changed nothing; zero
   * balances are left out: the host keeps a zero entry for an account whose balance went to zero
   * (the value of a failed call moved to the contract and back), which is not a state change.
   */
  Map<String, Object> snapshot() {
    Map<String, Object> raw = new java.util.HashMap<>(chain.host.snapshot());
    Map<Object, Object> nonZero = new java.util.HashMap<>();
    ((Map<?, ?>) raw.get("balances")).forEach((k, v) -> {
      if (((BigInteger) v).signum() != 0) nonZero.put(k, v);
    });
    raw.put("balances", nonZero);
    return raw;
  }

  String describe(CallResult r) {
    return chain.describe(Addresses.MODELS, r);
  }

  /** Asserts {@code r} reverted with {@code error} carrying {@code args} (integers as long or BigInteger). */
  void assertReverted(CallResult r, ErrorSpec error, Object... args) {
    assertThat(r.status()).as("status of a call expected to revert with %s: %s", error.name(), describe(r)).isEqualTo(CallResult.Status.REVERT);
    assertThat(error.matches(r.output())).as("revert %s is %s", describe(r), error.name()).isTrue();
    assertThat(normalize(error.decode(r.output()))).isEqualTo(normalize(Arrays.asList(args)));
  }

  /** Runs {@code call}, asserts it reverted with {@code error(args)} and left every account, word and log as it was. */
  void assertRevertsAndChangesNothing(java.util.function.Supplier<CallResult> call, ErrorSpec error, Object... args) {
    Map<String, Object> before = snapshot();
    assertReverted(call.get(), error, args);
    assertThat(snapshot()).isEqualTo(before);
  }

  static List<Object> normalize(List<?> values) {
    return ProtocolChain.normalize(values);
  }

  static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  static List<BigInteger> ids(long... values) {
    List<BigInteger> out = new ArrayList<>();
    for (long v : values) out.add(big(v));
    return out;
  }

  // ------------------------------------------------------------------ reading

  @SuppressWarnings("unchecked")
  List<Object> model(BigInteger id) {
    return (List<Object>) view(Models.MODEL_VIEW, id);
  }

  State state(BigInteger id) {
    return State.of(((BigInteger) model(id).get(4)).intValueExact());
  }

  BigInteger deployedVersion(BigInteger id) {
    return (BigInteger) model(id).get(5);
  }

  BigInteger versionCount(BigInteger id) {
    return (BigInteger) model(id).get(6);
  }

  @SuppressWarnings("unchecked")
  List<Object> terms(BigInteger id, long version) {
    return (List<Object>) view(Models.INFERENCE_TERMS, id, big(version));
  }

  boolean deployedFlag(BigInteger id, long version) {
    return (Boolean) terms(id, version).get(0);
  }

  // ------------------------------------------------------------------ bringing a model into a state

  BigInteger propose(Address owner) {
    return (BigInteger) ok(owner, Models.PROPOSE, BigInteger.ZERO, ids(1, 2), "mnist-classifier", "ipfs://model-card");
  }

  BigInteger proposeAdapter(Address owner, BigInteger base) {
    return (BigInteger) ok(owner, Models.PROPOSE, base, ids(3), "mnist-lora", "ipfs://adapter-card");
  }

  BigInteger register(BigInteger id, Address owner, Spec spec) {
    return (BigInteger) ok(owner, Models.REGISTER_VERSION, id, spec.list());
  }

  void attest(BigInteger id, BigInteger version, Address attester) {
    ok(Addresses.PROVERS, Models.RECORD_ATTESTATION, id, version, attester);
  }

  /**
   * A model owned by {@code owner} (base model when {@code base} is null) brought to {@code state}
   * by legal steps. In Evaluation its version 1 is attested; in Deployed and Deprecated version 1
   * is deployed and version 2 is registered and attested but not deployed.
   */
  BigInteger modelIn(State state, Address owner, BigInteger base) {
    BigInteger id = base == null ? propose(owner) : proposeAdapter(owner, base);
    switch (state) {
      case PROPOSED -> { }
      case REJECTED -> ok(Addresses.TIMELOCK, Models.REJECT, id);
      case APPROVED -> ok(Addresses.TIMELOCK, Models.APPROVE, id);
      case TRAINING -> {
        ok(Addresses.TIMELOCK, Models.APPROVE, id);
        ok(Addresses.SERVICES, Models.MARK_TRAINING, id);
      }
      case EVALUATION -> {
        ok(Addresses.TIMELOCK, Models.APPROVE, id);
        attest(id, register(id, owner, Spec.valid()), ATTESTER);
      }
      case DEPLOYED, DEPRECATED -> {
        ok(Addresses.TIMELOCK, Models.APPROVE, id);
        attest(id, register(id, owner, Spec.valid()), ATTESTER);
        ok(Addresses.TIMELOCK, Models.DEPLOY, id, BigInteger.ONE);
        attest(id, register(id, owner, Spec.valid().withRates(OPEN.shiftLeft(1), OPEN)), ATTESTER);
        if (state == State.DEPRECATED) ok(Addresses.TIMELOCK, Models.DEPRECATE, id);
      }
    }
    assertThat(state(id)).isEqualTo(state);
    return id;
  }

  BigInteger modelIn(State state) {
    return modelIn(state, OWNER, null);
  }

  /** A Deployed base model owned by OWNER and a Deployed adapter of it owned by ADAPTER_OWNER: {base, adapter}. */
  BigInteger[] deployedBaseAndAdapter() {
    BigInteger base = modelIn(State.DEPLOYED);
    BigInteger adapter = modelIn(State.DEPLOYED, ADAPTER_OWNER, base);
    return new BigInteger[] {base, adapter};
  }
}
