package org.openledger.contracts.bench;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Catalog;
import org.openledger.contracts.ProtocolChain;
import org.openledger.contracts.attribution.AttributionProof;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.attribution.BasisRows;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.SumTree;
import org.openledger.contracts.attribution.IndexProofVerifier;
import org.openledger.contracts.attribution.IndexTree;
import org.openledger.contracts.attribution.KeccakSponge;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.contracts.attribution.SpanProof;
import org.openledger.contracts.attribution.TextTokenizer;
import org.openledger.contracts.datanet.Contributions;
import org.openledger.contracts.datanet.Datanets;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.prover.Provers;
import org.openledger.contracts.services.Services;
import org.openledger.contracts.staking.Staking;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.contract.ContractSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.contract.NativeContract;
import org.openledger.precompiles.executor.Executor;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.Message;

/**
 * The protocol brought into one prepared state in which a call of every external function of
 * every contract (Datanets, Models, Inference, Staking, Provers, Services; views included)
 * succeeds, with the heaviest realistic arguments the declared limits allow: 64-byte names,
 * 256-byte URIs and reasons, 32 datanets per model (the parameter raised to its hard cap), 16
 * contributors per proof, 64 positions for {@code claimAll}, 256 contributions for the listing
 * views, hundreds of checkpoints for the vote lookups, and the most expensive successful branch
 * (an adapter model, so settlement pays a base owner too; a lapsed claim taken over; a refund
 * with an open challenge; a delivery below threshold that refunds).
 *
 * <p>The state is built by real calls through a {@link ProtocolChain}, block by block, up to
 * {@link #FINAL_BLOCK}; every case then runs at that block against a {@link ReadOnlyHost} over it,
 * so repeated invocations see the same state and take the same path. Arrays without a declared
 * bound ({@code Datanets.claim}, {@code Services.claimFeedback}) get {@link #UNBOUNDED_ARRAY} ids.
 *
 * <p>Proofs are real v1 proofs checked by {@link IndexProofVerifier}: every version registers the
 * same index of {@link #INDEX_LEAVES} leaves at basis rank {@link #BASIS_RANK}, in which exactly the
 * 16 {@link #CONTRIBUTORS_16} score positive for {@link #PSI}, so a proof carries M = 16 leaves.
 */
final class CalibrationProtocol {
  /** The block every case runs at. */
  static final long FINAL_BLOCK = 60_000;
  /** Gas given to each call; far above any requirement. */
  static final long GAS = ProtocolChain.GAS;
  /** Ids passed to the claim functions whose arrays have no declared bound. */
  static final int UNBOUNDED_ARRAY = 64;

  static final BigInteger OPEN = BigInteger.TEN.pow(18);

  // actors
  static final Address DN_OWNER = Address.of(0xd001);
  static final Address DN_OWNER_2 = Address.of(0xd002);
  static final Address CONTRIBUTOR = Address.of(0xd003);
  static final Address CONTRIBUTOR_2 = Address.of(0xd004);
  static final Address READER = Address.of(0xd005);
  static final Address CURATOR_2 = Address.of(0xd006);
  static final Address BASE_OWNER = Address.of(0xe001);
  static final Address ADAPTER_OWNER = Address.of(0xe002);
  static final Address HOST = Address.of(0xe003);
  static final Address HOST_2 = Address.of(0xe004);
  static final Address NEW_ATTESTER = Address.of(0xe005);
  static final Address USER = Address.of(0xe006);
  static final Address P1 = Address.of(0xf001);
  static final Address P2 = Address.of(0xf002);
  static final Address P3 = Address.of(0xf003);
  static final Address CHALLENGER = Address.of(0xf004);
  static final Address STAKER_64 = Address.of(0xa001);
  static final Address STAKER = Address.of(0xa002);
  static final Address GOVERNANCE_STAKER = Address.of(0xa003);
  static final Address DELEGATOR = Address.of(0xa004);
  static final Address DELEGATE_B = Address.of(0xa005);
  static final Address DELEGATE_C = Address.of(0xa006);
  static final Address S_OWNER = Address.of(0xb001);
  static final Address TRAINER = Address.of(0xb002);
  static final Address VALIDATOR = Address.of(0xb003);
  static final Address VALIDATOR_2 = Address.of(0xb004);
  static final Address ANYONE = Address.of(0xb005);
  static final List<Address> CONTRIBUTORS_16 =
      IntStream.range(0, Provers.MAX_CONTRIBUTORS).mapToObj(i -> Address.of(0xc000 + i)).toList();
  static final int BASIS_RANK = 512;
  static final int INDEX_LEAVES = 1_000;
  /** The query every proof explains: the same for every request, as only the proof's size and shape matter here. */
  static final short[] PSI = psi();
  /** The index: CONTRIBUTORS_16 first, aligned with ψ (positive scores), then leaves opposed to it (negative ones). */
  static final List<IndexLeaf> INDEX = index();
  static final IndexTree INDEX_TREE = IndexTree.ofLeaves(INDEX);
  /** The version fraud proofs run against: full-size logistic regression (10 × 784) and a k = 512 basis of d = 7,850 rows. */
  static final FixedLogistic FRAUD_MODEL = fraudModel();
  /** The span challenge's corpus: 17 chunks (contributors 0x6000 + i) of one 4,095-byte text, the host's output that text. */
  static final int SPAN_CHUNKS = SpanProof.MAX_OCCURRENCES + 1;
  static final byte[] SPAN_INPUT = "Recite the word list.".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  static final byte[] SPAN_TEXT = spanText();
  static final List<SpanProof.OpenedChunk> SPAN_LEAVES = IntStream.range(0, SPAN_CHUNKS)
      .mapToObj(i -> new SpanProof.OpenedChunk(i, Address.of(0x6000 + i), BigInteger.valueOf(i + 1), 0, SPAN_TEXT)).toList();
  static final IndexTree SPAN_TREE = IndexTree.of(SPAN_LEAVES.stream().map(SpanProof.OpenedChunk::leafHash).toList());

  private static byte[] spanText() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < SpanProof.MAX_CHUNK_BYTES; i++) sb.append("w").append(i % 10).append(' ');
    return java.util.Arrays.copyOf(sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII), SpanProof.MAX_CHUNK_BYTES - 1);
  }
  static final BasisRows FRAUD_BASIS = fraudBasis();
  static final IndexTree FRAUD_BASIS_TREE = IndexTree.ofBasis(FRAUD_BASIS);
  static final byte[] FRAUD_INPUT = fraudInput();

  private static FixedLogistic fraudModel() {
    java.util.Random r = new java.util.Random(3);
    short[] w = new short[10 * 784];
    for (int i = 0; i < w.length; i++) w[i] = (short) (r.nextInt(65535) - 32767);
    int[] b = new int[10];
    for (int c = 0; c < 10; c++) b[c] = r.nextInt();
    return new FixedLogistic(10, 784, 16, w, b);
  }

  private static BasisRows fraudBasis() {
    java.util.Random r = new java.util.Random(4);
    short[] rows = new short[BASIS_RANK * 7_850];
    for (int i = 0; i < rows.length; i++) rows[i] = (short) (r.nextInt(65535) - 32767);
    return new BasisRows(BASIS_RANK, 7_850, rows, 0);
  }

  private static byte[] fraudInput() {
    byte[] px = new byte[784];
    new java.util.Random(5).nextBytes(px);
    return px;
  }

  private static short[] psi() {
    short[] psi = new short[BASIS_RANK];
    for (int j = 0; j < BASIS_RANK; j++) psi[j] = (short) (j % 2 == 0 ? 1_000 + j : -1_000 - j);
    return psi;
  }

  private static List<IndexLeaf> index() {
    List<IndexLeaf> out = new ArrayList<>(INDEX_LEAVES);
    for (int i = 0; i < INDEX_LEAVES; i++) {
      short[] u = new short[BASIS_RANK];
      int sign = i < Provers.MAX_CONTRIBUTORS ? 1 : -1;
      for (int j = 0; j < BASIS_RANK; j++) u[j] = (short) (sign * Integer.signum(PSI[j]) * (100 + (i * 31 + j * 7) % 20_000));
      Address who = i < Provers.MAX_CONTRIBUTORS ? CONTRIBUTORS_16.get(i) : Address.of(0xd000 + i);
      out.add(new IndexLeaf(who, 1, Bytes32.wrap(Keccak.hash(("contributions " + i).getBytes(StandardCharsets.UTF_8))), u));
    }
    return out;
  }

  /** The contract at each address, in the order the cases are listed. */
  static final Map<Address, String> CONTRACT_NAMES = orderedNames();

  private static Map<Address, String> orderedNames() {
    Map<Address, String> m = new LinkedHashMap<>();
    m.put(Addresses.DATANETS, "Datanets");
    m.put(Addresses.MODELS, "Models");
    m.put(Addresses.INFERENCE, "Inference");
    m.put(Addresses.STAKING, "Staking");
    m.put(Addresses.PROVERS, "Provers");
    m.put(Addresses.SERVICES, "Services");
    return m;
  }

  /**
   * One calibration case: a call of {@code function} that succeeds on the prepared state.
   *
   * @param name {@code Contract.function}, e.g. {@code Staking.claimAll}
   */
  record Case(String name, ContractSpec contract, FunctionSpec function, Address caller, Address target, BigInteger value,
              Bytes calldata, String arguments) {
    Message message() {
      return Message.call(caller, target, value, calldata, GAS);
    }
  }

  final ProtocolChain chain;
  final Map<Address, NativeContract> contracts;
  private final ReadOnlyHost readOnly;
  private final List<Case> cases = new ArrayList<>();

  private CalibrationProtocol() {
    Map<Address, NativeContract> m = new LinkedHashMap<>();
    m.put(Addresses.DATANETS, new Datanets());
    m.put(Addresses.MODELS, new Models());
    m.put(Addresses.INFERENCE, new Inference());
    m.put(Addresses.STAKING, new Staking());
    m.put(Addresses.PROVERS, new Provers(new IndexProofVerifier()));
    m.put(Addresses.SERVICES, new Services());
    contracts = m;
    chain = new ProtocolChain(Map.copyOf(m));
    readOnly = new ReadOnlyHost(chain.host);
  }

  /** Builds the prepared state and the cases; deterministic, about a thousand calls. */
  static CalibrationProtocol build() {
    CalibrationProtocol p = new CalibrationProtocol();
    new Builder(p).run();
    p.checkCoverage();
    return p;
  }

  List<Case> cases() {
    return List.copyOf(cases);
  }

  Case find(String name) {
    return cases.stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no calibration case " + name + "; cases: "
            + cases.stream().map(Case::name).toList()));
  }

  /** The cases whose names match any of {@code patterns} (regular expressions, whole name), in case order. */
  List<Case> select(List<String> patterns) {
    List<Pattern> compiled = patterns.stream().map(Pattern::compile).toList();
    return cases.stream().filter(c -> compiled.stream().anyMatch(p -> p.matcher(c.name()).matches())).toList();
  }

  Executor executor() {
    return chain.executor();
  }

  /** The host every case runs on: the prepared state, read-only. */
  ReadOnlyHost host() {
    return readOnly;
  }

  CallResult execute(Case c) {
    return chain.executor().execute(readOnly, c.message());
  }

  /** The gas the call is charged: {@link Executor#gasRequirement} for its calldata at the final block. */
  long gas(Case c) {
    return chain.executor().gasRequirement(c.target(), c.calldata(), FINAL_BLOCK);
  }

  /**
   * Runs {@code c} twice and fails loudly, with the decoded error, unless both calls succeed with
   * the same output and logs and are charged {@link #gas}. Returns the result.
   */
  CallResult requireSuccess(Case c) {
    CallResult first = execute(c);
    if (!first.isSuccess()) {
      throw new IllegalStateException("calibration case " + c.name() + " (" + c.arguments() + ") does not succeed: "
          + chain.describe(c.target(), first));
    }
    CallResult second = execute(c);
    if (!second.isSuccess() || !second.output().equals(first.output()) || !second.logs().equals(first.logs())) {
      throw new IllegalStateException("calibration case " + c.name() + " is not repeatable: " + first + " then " + second);
    }
    if (first.gasUsed() != gas(c)) {
      throw new IllegalStateException("calibration case " + c.name() + " was charged " + first.gasUsed() + ", not its requirement " + gas(c));
    }
    return first;
  }

  /** Every contract of the {@link Catalog} is here, and every external function of each has exactly one case. */
  private void checkCoverage() {
    List<String> problems = new ArrayList<>();
    for (Catalog.Entry e : Catalog.all()) {
      if (!contracts.containsKey(e.address())) problems.add("catalog contract " + e.name() + " is not in the calibration");
    }
    for (Map.Entry<Address, NativeContract> e : contracts.entrySet()) {
      for (FunctionSpec f : e.getValue().spec().functions()) {
        long n = cases.stream().filter(c -> c.target().equals(e.getKey()) && c.function().equals(f)).count();
        if (n != 1) problems.add(CONTRACT_NAMES.get(e.getKey()) + "." + f.name() + " has " + n + " cases");
      }
    }
    if (!problems.isEmpty()) throw new IllegalStateException("calibration cases must cover every function once: " + problems);
  }

  // ------------------------------------------------------------------ helpers

  static String ascii(String prefix, int bytes) {
    StringBuilder s = new StringBuilder(prefix);
    for (int i = 0; s.length() < bytes; i++) s.append((char) ('a' + i % 26));
    return s.substring(0, bytes);
  }

  static Bytes32 root(String name) {
    return Bytes32.wrap(Keccak.hash(name.getBytes(StandardCharsets.UTF_8)));
  }

  static BigInteger open(long whole) {
    return OPEN.multiply(BigInteger.valueOf(whole));
  }

  /** Walks the protocol through time to the prepared state, registering the cases on the way. */
  private static final class Builder {
    private final CalibrationProtocol p;
    private final ProtocolChain chain;

    // strings at their declared maximum
    private final String name64 = ascii("OpenLedger calibration ", 64);
    private final String uri256 = ascii("ipfs://bafy-calibration-", 256);
    private final String reason256 = ascii("the evaluation set does not reproduce the reported score: ", 256);
    private final List<BigInteger> datanets32 =
        IntStream.rangeClosed(1, Models.MAX_DATANETS_LIMIT).mapToObj(BigInteger::valueOf).toList();

    Builder(CalibrationProtocol p) {
      this.p = p;
      this.chain = p.chain;
    }

    private Object ok(Address from, Address to, BigInteger value, FunctionSpec fn, Object... args) {
      return chain.ok(from, to, value, fn, args);
    }

    private Object ok(Address from, Address to, FunctionSpec fn, Object... args) {
      return chain.ok(from, to, BigInteger.ZERO, fn, args);
    }

    private BigInteger id(Object decoded) {
      return (BigInteger) decoded;
    }

    private void at(long block) {
      long now = chain.blockNumber();
      if (block < now) throw new IllegalStateException("the timeline goes back from block " + now + " to " + block);
      chain.advance(block - now);
    }

    private void add(Address caller, Address target, BigInteger value, FunctionSpec fn, Object... args) {
      NativeContract contract = p.contracts.get(target);
      String name = CONTRACT_NAMES.get(target) + "." + fn.name();
      p.cases.add(new Case(name, contract.spec(), fn, caller, target, value, fn.encodeCall(args), describeArgs(args)));
    }

    private void add(Address caller, Address target, FunctionSpec fn, Object... args) {
      add(caller, target, BigInteger.ZERO, fn, args);
    }

    private static String describeArgs(Object[] args) {
      List<String> out = new ArrayList<>();
      for (Object a : args) {
        out.add(switch (a) {
          case String s -> "string[" + s.getBytes(StandardCharsets.UTF_8).length + " B]";
          case List<?> l -> "[" + l.size() + " items]";
          case Bytes b when b.size() > 32 -> "bytes[" + b.size() + " B]";
          default -> String.valueOf(a);
        });
      }
      return String.join(", ", out);
    }

    private List<Object> versionSpec(String weights, Address host, BigInteger rate) {
      return List.of(root(weights), root("basis " + weights), INDEX_TREE.indexRoot(), BigInteger.valueOf(100), BigInteger.valueOf(1000),
          BigInteger.ZERO, BigInteger.ZERO, BigInteger.valueOf(400), BigInteger.valueOf(240), host, rate, rate, BigInteger.valueOf(BASIS_RANK));
    }

    void run() {
      for (Address a : List.of(DN_OWNER, DN_OWNER_2, CONTRIBUTOR, CONTRIBUTOR_2, READER, BASE_OWNER, ADAPTER_OWNER, HOST, USER, P1, P2, P3,
          CHALLENGER, STAKER_64, STAKER, GOVERNANCE_STAKER, DELEGATOR, S_OWNER, TRAINER, VALIDATOR, VALIDATOR_2, ANYONE,
          Addresses.INFERENCE)) {
        chain.fund(a, open(1_000_000));
      }
      // ---- block 2: datanets, models, prover bonds; blocks 10 to 7,600: staking
      at(2);
      datanets();
      chain.createDatanets(Models.MAX_DATANETS_LIMIT); // models name 32 existing datanets
      ModelIds m = models();
      InferenceFlow inf = new InferenceFlow(m);
      ServicesFlow s = new ServicesFlow(m);
      staking(m);

      // ---- towards the final block: requests, claims, proofs, jobs and rounds, in block order
      at(50_000);
      s.closedRound();
      at(52_000);
      BigInteger warming = id(ok(STAKER, Addresses.STAKING, open(100), Staking.STAKE, m.adapter())); // activatable from 59,200
      at(56_000); // a request that expires (deadline 59,600) with a challenged proof: refundable at the final block
      BigInteger refundable = inf.requested();
      at(56_001);
      inf.resulted(refundable);
      at(56_002);
      ok(P1, Addresses.PROVERS, Provers.CLAIM, refundable);
      at(56_003);
      inf.proven(refundable, P1);
      at(56_010);
      ok(CHALLENGER, Addresses.PROVERS, Provers.CHALLENGER_BOND.defaultValue(), Provers.CHALLENGE, refundable, root("evidence"));
      at(58_000);
      s.expiringJob();
      LeafFlow leaf = new LeafFlow();
      at(58_500); // a game nobody disputed, its window over at the final block: the timeout that slashes 64 attesters
      BigInteger expired = leaf.opened();
      at(58_900);
      s.releasableJobOpened();
      at(59_000); // a request proven at 59,003, final from 59,304, within the stakers' warm-up at the final block
      BigInteger settleable = inf.requested();
      s.releasableJobDelivered();
      s.activeRound();
      at(59_001);
      inf.resulted(settleable);
      at(59_002);
      ok(P1, Addresses.PROVERS, Provers.CLAIM, settleable);
      at(59_003);
      inf.proven(settleable, P1);
      at(59_100); // leaf-coordinate games in each phase, their windows open at the final block
      leaf.inPhases();
      at(59_500); // a request claimed by P2 whose claim lapses at 59,802: P1 takes it over
      BigInteger lapsing = inf.requested();
      at(59_501);
      inf.resulted(lapsing);
      at(59_502);
      ok(P2, Addresses.PROVERS, Provers.CLAIM, lapsing);
      at(59_700);
      s.disputableJobs();
      at(59_800); // proven at 59,803: challengeable until 60,103
      BigInteger challengeable = inf.requested();
      s.rejectableFeedback();
      at(59_801);
      inf.resulted(challengeable);
      at(59_802);
      ok(P1, Addresses.PROVERS, Provers.CLAIM, challengeable);
      at(59_803);
      inf.proven(challengeable, P1);
      at(59_900); // claimed at 59,950: provable until 60,250
      BigInteger provable = inf.requested();
      at(59_901);
      inf.resulted(provable);
      at(59_950);
      ok(P1, Addresses.PROVERS, Provers.CLAIM, provable);
      at(59_990);
      BigInteger requested = inf.requested();
      at(59_995);
      s.openAndAcceptedJobs();
      at(59_996);
      s.deliverableVersion();
      fraudFlow();
      at(FINAL_BLOCK);
      // OPEN forced onto Staking from outside (a self-destruct): what sweepSurplus sends to the treasury
      chain.host.setBalance(Addresses.STAKING, chain.balance(Addresses.STAKING).add(open(1)));

      inf.cases(refundable, settleable, requested);
      proverCases(m, inf, refundable, settleable, lapsing, challengeable, provable);
      fraudCases();
      leaf.cases(expired);
      stakingCases(m, warming);
      s.cases();
    }

    // ================================================================ Datanets

    private void datanets() {
      Address dn = Addresses.DATANETS;
      BigInteger deposit = OPEN;
      BigInteger fee = OPEN.add(BigInteger.valueOf(7)); // not divisible by 64: each payment sends a remainder to the treasury
      BigInteger datanet = id(ok(DN_OWNER, dn, Datanets.CREATE, name64, uri256, deposit, fee));
      List<Bytes32> hashes = new ArrayList<>();
      for (int i = 1; i <= Datanets.MAX_LISTED; i++) {
        Bytes32 hash = Contributions.bind(content(i), CONTRIBUTOR);
        hashes.add(hash);
        ok(CONTRIBUTOR, dn, deposit, Datanets.SUBMIT, datanet, hash, uri256);
      }
      for (int i = 1; i <= UNBOUNDED_ARRAY; i++) {
        ok(DN_OWNER, dn, Datanets.ACCEPT, BigInteger.valueOf(i), Contributions.contentHash(content(i)));
      }
      for (int k = 0; k < 3; k++) ok(READER, dn, fee, Datanets.PAY_ACCESS, datanet);

      BigInteger accepted = BigInteger.ONE;
      BigInteger pending = BigInteger.valueOf(200);
      List<BigInteger> claimIds = IntStream.rangeClosed(1, UNBOUNDED_ARRAY).mapToObj(BigInteger::valueOf).toList();

      add(DN_OWNER_2, dn, Datanets.CREATE, name64, uri256, deposit, fee);
      add(DN_OWNER, dn, Datanets.SET_CURATOR, datanet, CURATOR_2);
      add(DN_OWNER, dn, Datanets.TRANSFER_OWNERSHIP, datanet, DN_OWNER_2);
      add(DN_OWNER, dn, Datanets.SET_FEES, datanet, open(2), open(3));
      add(CONTRIBUTOR_2, dn, deposit, Datanets.SUBMIT, datanet, Contributions.bind(content(10_000), CONTRIBUTOR_2), uri256);
      add(DN_OWNER, dn, Datanets.ACCEPT, pending, Contributions.contentHash(content(200)));
      add(DN_OWNER, dn, Datanets.REJECT, pending, reason256);
      add(Addresses.TIMELOCK, dn, Datanets.SLASH, accepted);
      add(READER, dn, fee, Datanets.PAY_ACCESS, datanet);
      add(CONTRIBUTOR, dn, Datanets.CLAIM, claimIds);
      add(ANYONE, dn, Datanets.DATANET, datanet);
      add(ANYONE, dn, Datanets.CONTRIBUTION, pending);
      add(ANYONE, dn, Datanets.DATANET_COUNT);
      add(ANYONE, dn, Datanets.CONTRIBUTION_COUNT);
      add(ANYONE, dn, Datanets.CONTRIBUTIONS_OF, CONTRIBUTOR);
      add(ANYONE, dn, Datanets.CONTRIBUTIONS_OF_PAGE, CONTRIBUTOR, BigInteger.ZERO);
      add(ANYONE, dn, Datanets.CONTRIBUTION_COUNT_OF, CONTRIBUTOR);
      add(ANYONE, dn, Datanets.IS_ACCEPTED, accepted);
      add(ANYONE, dn, Datanets.CLAIMABLE, accepted);
      add(ANYONE, dn, Datanets.CONTRIBUTION_OF_HASH, hashes.get(0));
      add(ANYONE, dn, Datanets.ACCEPTED_CONTENT, datanet, Contributions.contentHash(content(1)));
      add(ANYONE, dn, Datanets.ACCESS_COUNT, datanet, READER);
      add(ANYONE, dn, Datanets.LIABILITIES);
    }

    private static byte[] content(int i) {
      return ("calibration content #" + i + " " + "x".repeat(64)).getBytes(StandardCharsets.UTF_8);
    }

    // ================================================================ Models

    /** The models the other contracts use. */
    private record ModelIds(BigInteger base, BigInteger adapter, BigInteger adapterVersion, BigInteger adapter2,
                            BigInteger adapter2Version, BigInteger servicesModel, BigInteger approvedForServices) {}

    private ModelIds models() {
      Address mo = Addresses.MODELS;
      Address timelock = Addresses.TIMELOCK;
      BigInteger rate = OPEN.divide(BigInteger.TWO);
      ok(timelock, mo, Models.SET_MAX_DATANETS_PER_MODEL, Models.MAX_DATANETS_LIMIT);
      // provers bond first (attestations need a bonded prover); P3 starts unbonding now, to withdraw at the final block
      ok(P1, Addresses.PROVERS, open(10_000), Provers.BOND);
      ok(P2, Addresses.PROVERS, open(1_000), Provers.BOND);
      ok(P3, Addresses.PROVERS, open(100), Provers.BOND);
      ok(P3, Addresses.PROVERS, Provers.START_UNBONDING, open(100));

      BigInteger base = id(ok(BASE_OWNER, mo, Models.PROPOSE, BigInteger.ZERO, datanets32, name64, uri256));
      ok(timelock, mo, Models.APPROVE, base);
      ok(Addresses.SERVICES, mo, Models.MARK_TRAINING, base);
      BigInteger baseVersion = id(ok(BASE_OWNER, mo, Models.REGISTER_VERSION, base, versionSpec("base", HOST, rate)));
      ok(P1, Addresses.PROVERS, Provers.ATTEST, base, baseVersion);
      ok(timelock, mo, Models.DEPLOY, base, baseVersion);

      BigInteger adapter = id(ok(ADAPTER_OWNER, mo, Models.PROPOSE, base, datanets32, name64, uri256));
      ok(timelock, mo, Models.APPROVE, adapter);
      BigInteger adapterVersion = id(ok(ADAPTER_OWNER, mo, Models.REGISTER_VERSION, adapter, versionSpec("adapter", HOST, rate)));
      ok(P1, Addresses.PROVERS, Provers.ATTEST, adapter, adapterVersion);
      ok(timelock, mo, Models.DEPLOY, adapter, adapterVersion);

      // an adapter in Evaluation with an attested version: what deploy takes
      BigInteger adapter2 = id(ok(ADAPTER_OWNER, mo, Models.PROPOSE, base, datanets32, name64, uri256));
      ok(timelock, mo, Models.APPROVE, adapter2);
      BigInteger adapter2Version = id(ok(ADAPTER_OWNER, mo, Models.REGISTER_VERSION, adapter2, versionSpec("adapter2", HOST, rate)));
      ok(P1, Addresses.PROVERS, Provers.ATTEST, adapter2, adapter2Version);

      BigInteger proposed = id(ok(ADAPTER_OWNER, mo, Models.PROPOSE, BigInteger.ZERO, datanets32, name64, uri256));
      BigInteger training = id(ok(ADAPTER_OWNER, mo, Models.PROPOSE, BigInteger.ZERO, datanets32, name64, uri256));
      ok(timelock, mo, Models.APPROVE, training);
      ok(Addresses.SERVICES, mo, Models.MARK_TRAINING, training);
      BigInteger approved = id(ok(S_OWNER, mo, Models.PROPOSE, BigInteger.ZERO, datanets32, name64, uri256));
      ok(timelock, mo, Models.APPROVE, approved);
      // the model Services' jobs and rounds run on: in Evaluation
      BigInteger servicesModel = id(ok(S_OWNER, mo, Models.PROPOSE, BigInteger.ZERO, datanets32, name64, uri256));
      ok(timelock, mo, Models.APPROVE, servicesModel);
      ok(S_OWNER, mo, Models.REGISTER_VERSION, servicesModel, versionSpec("services v0", Address.ZERO, rate));

      add(ADAPTER_OWNER, mo, Models.PROPOSE, base, datanets32, name64, uri256);
      add(timelock, mo, Models.APPROVE, proposed);
      add(timelock, mo, Models.REJECT, proposed);
      add(Addresses.SERVICES, mo, Models.MARK_TRAINING, approved);
      add(ADAPTER_OWNER, mo, Models.REGISTER_VERSION, training, versionSpec("training", Address.ZERO, rate));
      add(Addresses.SERVICES, mo, Models.REGISTER_VERSION_FOR, training, versionSpec("delivered by a trainer", Address.ZERO, rate));
      add(timelock, mo, Models.DEPLOY, adapter2, adapter2Version);
      add(timelock, mo, Models.DEPRECATE, base);
      add(Addresses.PROVERS, mo, Models.RECORD_ATTESTATION, adapter2, adapter2Version, NEW_ATTESTER);
      add(ADAPTER_OWNER, mo, Models.SET_RATES, adapter, adapterVersion, OPEN, OPEN);
      add(ADAPTER_OWNER, mo, Models.SET_HOST, adapter, adapterVersion, HOST_2);
      add(timelock, mo, Models.SET_MAX_RATES, open(20), open(20));
      add(timelock, mo, Models.SET_REQUIRED_ATTESTATIONS, 2);
      add(timelock, mo, Models.SET_MAX_DATANETS_PER_MODEL, Models.MAX_DATANETS_LIMIT);
      add(ANYONE, mo, Models.INFERENCE_TERMS, adapter, adapterVersion);
      add(ANYONE, mo, Models.MODEL_VIEW, base);
      add(ANYONE, mo, Models.VERSION_VIEW, adapter, adapterVersion);
      add(ANYONE, mo, Models.MODEL_COUNT_VIEW);
      add(ANYONE, mo, Models.DATANETS_OF, base);
      add(ANYONE, mo, Models.ATTESTATIONS, adapter, adapterVersion);
      add(ANYONE, mo, Models.HAS_ATTESTED, adapter, adapterVersion, P1);
      add(ANYONE, mo, Models.PARAMETERS);

      // the version the fraud proofs are checked against: real weights and basis roots
      fraudModel = id(ok(BASE_OWNER, mo, Models.PROPOSE, BigInteger.ZERO, datanets32, name64, uri256));
      ok(timelock, mo, Models.APPROVE, fraudModel);
      List<Object> spec = new ArrayList<>(versionSpec("fraud", HOST, rate));
      spec.set(0, FRAUD_MODEL.weightsRoot());
      spec.set(1, FRAUD_BASIS_TREE.root());
      spec.set(7, BigInteger.valueOf(784));
      spec.set(8, BigInteger.ONE);
      fraudVersion = id(ok(BASE_OWNER, mo, Models.REGISTER_VERSION, fraudModel, spec));
      ok(P1, Addresses.PROVERS, Provers.ATTEST, fraudModel, fraudVersion);
      ok(timelock, mo, Models.DEPLOY, fraudModel, fraudVersion);

      // the text-spans version the span challenge is checked against: SPAN_CHUNKS chunks of one 4,095-byte text
      spanModel = id(ok(BASE_OWNER, mo, Models.PROPOSE, BigInteger.ZERO, datanets32, name64, uri256));
      ok(timelock, mo, Models.APPROVE, spanModel);
      List<Object> spanSpec = new ArrayList<>(versionSpec("spans", HOST, rate));
      spanSpec.set(1, TextTokenizer.COMMITMENT);
      spanSpec.set(2, SPAN_TREE.indexRoot());
      spanSpec.set(5, BigInteger.valueOf(Models.OUTPUT_TEXT_SPANS));
      spanSpec.set(6, BigInteger.valueOf(Models.TOKEN_MODE_TEXT));
      spanSpec.set(7, BigInteger.ZERO);
      spanSpec.set(8, BigInteger.ZERO);
      spanSpec.set(12, BigInteger.valueOf(12));
      spanVersion = id(ok(BASE_OWNER, mo, Models.REGISTER_VERSION, spanModel, spanSpec));
      ok(P1, Addresses.PROVERS, Provers.ATTEST, spanModel, spanVersion);
      ok(timelock, mo, Models.DEPLOY, spanModel, spanVersion);
      return new ModelIds(base, adapter, adapterVersion, adapter2, adapter2Version, servicesModel, approved);
    }

    // ================================================================ Inference and Provers

    /** Requests on the deployed adapter (fixed counts 400 in, 240 out), taken through result, claim and proof. */
    private BigInteger fraudModel, fraudVersion, spanModel, spanVersion, spanRequest;
    private Bytes spanProof;
    private final List<BigInteger> fraudRequests = new ArrayList<>();
    private final List<Bytes> fraudProofs = new ArrayList<>();

    /**
     * Three requests on the fraud-proof version, proven by P1 at 59,999 and challengeable at the
     * final block: the host's output is wrong for the first (the output challenge wins and
     * slashes), ψ is not the model's for the second (the ψ challenge wins), the third is honest
     * in its leaves (the omission challenge loses).
     */
    private void fraudFlow() {
      int predicted = FRAUD_MODEL.predict(FRAUD_INPUT);
      Bytes32 input = Keccak.hash(Bytes.wrap(FRAUD_INPUT));
      BigInteger in = BigInteger.valueOf(784), out = BigInteger.ONE;
      BigInteger maxFee = (BigInteger) chain.view(Addresses.INFERENCE, Inference.QUOTE, fraudModel, fraudVersion, in, out);
      at(59_997);
      for (int i = 0; i < 3; i++) {
        fraudRequests.add(id(ok(USER, Addresses.INFERENCE, maxFee, Inference.REQUEST_FN, fraudModel, fraudVersion, input, in, out)));
      }
      int[] posted = {(predicted + 1) % 10, predicted, predicted};
      for (int i = 0; i < 3; i++) {
        ok(HOST, Addresses.INFERENCE, Inference.SUBMIT_RESULT, fraudRequests.get(i), Keccak.hash(Bytes.wrap(FraudChecks.classOutput(posted[i]))), out);
      }
      Bytes32 spanInput = Keccak.hash(Bytes.wrap(SPAN_INPUT));
      BigInteger spanIn = BigInteger.valueOf(TextTokenizer.count(SPAN_INPUT)), spanOut = BigInteger.valueOf(TextTokenizer.count(SPAN_TEXT));
      BigInteger spanFee = (BigInteger) chain.view(Addresses.INFERENCE, Inference.QUOTE, spanModel, spanVersion, spanIn, spanOut);
      spanRequest = id(ok(USER, Addresses.INFERENCE, spanFee, Inference.REQUEST_FN, spanModel, spanVersion, spanInput, spanIn, spanOut));
      ok(HOST, Addresses.INFERENCE, Inference.SUBMIT_RESULT, spanRequest, Keccak.hash(Bytes.wrap(SPAN_TEXT)), spanOut);
      at(59_998);
      for (BigInteger r : fraudRequests) ok(P1, Addresses.PROVERS, Provers.CLAIM, r);
      ok(P1, Addresses.PROVERS, Provers.CLAIM, spanRequest);
      at(59_999);
      for (int i = 0; i < 3; i++) {
        AttributionVerifier.Binding binding = new AttributionVerifier.Binding(chain.host.block().chainId(), Addresses.PROVERS, fraudRequests.get(i),
            fraudModel, fraudVersion, input, Keccak.hash(Bytes.wrap(FraudChecks.classOutput(posted[i]))), P1);
        Bytes proof = AttributionProof.build(binding.hash(), 0, PSI, INDEX, INDEX_TREE, AttributionProof.MAX_LEAVES).encode();
        ok(P1, Addresses.PROVERS, Provers.SUBMIT_PROOF, fraudRequests.get(i), proof);
        fraudProofs.add(proof);
      }
      spanProof = spanProof(new AttributionVerifier.Binding(chain.host.block().chainId(), Addresses.PROVERS, spanRequest, spanModel, spanVersion,
          spanInput, Keccak.hash(Bytes.wrap(SPAN_TEXT)), P1));
      ok(P1, Addresses.PROVERS, Provers.SUBMIT_PROOF, spanRequest, spanProof);
    }

    /**
     * The largest span proof the limits allow (32 spans, each in 16 chunks of the 4,095-byte text),
     * over a corpus of 17 such chunks: it leaves out the 17th, so the span challenge wins.
     */
    private Bytes spanProof(AttributionVerifier.Binding binding) {
      int[] b = TextTokenizer.boundaries(SPAN_TEXT);
      List<SpanProof.ProvenSpan> spans = new ArrayList<>();
      for (int k = 0; k < SpanProof.MAX_SPANS; k++) {
        int start = b[2 * k], end = b[b.length - 1 - 2 * (SpanProof.MAX_SPANS - 1 - k)];
        spans.add(new SpanProof.ProvenSpan(start, end,
            IntStream.range(0, SpanProof.MAX_OCCURRENCES).mapToObj(i -> new SpanProof.Occurrence(i, start)).toList()));
      }
      List<SpanProof.OpenedChunk> opened = SPAN_LEAVES.subList(0, SpanProof.MAX_OCCURRENCES);
      return new SpanProof(binding.hash(), SPAN_INPUT, SPAN_TEXT, SPAN_CHUNKS, spans, opened,
          SPAN_TREE.multiproof(IntStream.range(0, SpanProof.MAX_OCCURRENCES).toArray())).encode();
    }

    private void fraudCases() {
      Address pr = Addresses.PROVERS;
      BigInteger bond = Provers.CHALLENGER_BOND.defaultValue();
      Bytes weights = Bytes.wrap(FRAUD_MODEL.weightsBytes()), input = Bytes.wrap(FRAUD_INPUT);
      add(CHALLENGER, pr, bond, Provers.CHALLENGE_OUTPUT, fraudRequests.get(0), weights, input);
      add(CHALLENGER, pr, bond, Provers.CHALLENGE_PSI, fraudRequests.get(1), fraudProofs.get(1), BigInteger.valueOf(BASIS_RANK - 1), weights, input,
          Bytes.wrap(FRAUD_BASIS.rowLeafBytes(BASIS_RANK - 1)), FRAUD_BASIS_TREE.multiproof(new int[] {BASIS_RANK - 1}));
      int outside = Provers.MAX_CONTRIBUTORS + 500; // an opposed leaf: negative score, so nothing was omitted
      add(CHALLENGER, pr, bond, Provers.CHALLENGE_OMISSION, fraudRequests.get(2), fraudProofs.get(2), BigInteger.valueOf(outside),
          Bytes.wrap(INDEX.get(outside).leafBytes()), INDEX_TREE.multiproof(new int[] {outside}));
      // the costliest span challenge: the longest span (about 4 KiB compared) found in the one chunk the proof leaves out
      SpanProof.ProvenSpan longest = SpanProof.decode(spanProof).spans().get(0);
      int left = SPAN_CHUNKS - 1;
      add(CHALLENGER, pr, bond, Provers.CHALLENGE_SPAN, spanRequest, spanProof, BigInteger.ZERO, BigInteger.valueOf(longest.startByte()),
          BigInteger.valueOf(longest.endByte()), BigInteger.valueOf(left), Bytes.wrap(SPAN_LEAVES.get(left).leafBlob()),
          BigInteger.valueOf(longest.startByte()), SPAN_TREE.multiproof(new int[] {left}));
      add(ANYONE, pr, Provers.PARAMETERS);
    }

    /**
     * Leaf-coordinate challenges at full size against their own version (the fraud model's weights
     * and k = 512 basis, 64 attesters): the challenged leaf has 1,024 contributions, the disputed one
     * 1,024 images of 28×28 (804,875 bytes, uploaded in 100,096-byte chunks). The challenger's values
     * are right, so the step and the timeout take the costliest path: the first win, slashing all 64.
     * The bisected games run on the same leaf (their moves cost the same at any contribution count):
     * the dispute case disputes a bisected game, the costlier kind.
     */
    private final class LeafFlow {
      static final int CONTRIBUTIONS = 1_024, IMAGES = 1_024, J = BASIS_RANK - 1, SHIFT = 20;
      static final int CHUNK = 736 * KeccakSponge.RATE;
      final byte[] content = content();
      final long[] values = new long[IMAGES];
      final long[] partials = new long[CONTRIBUTIONS];
      final List<byte[]> contributionLeaves = new ArrayList<>();
      final IndexTree contributionsTree;
      final SumTree sums;
      final List<IndexLeaf> leaves = new ArrayList<>();
      final IndexTree tree;
      final BigInteger model, version;
      BigInteger disputed, uploading, picking, bisectionOpen, bisectionDisputed;

      LeafFlow() {
        short[] row = java.util.Arrays.copyOfRange(FRAUD_BASIS.rows(), J * 7_850, (J + 1) * 7_850);
        for (int e = 0; e < IMAGES; e++) {
          int at = 11 + e * 785;
          values[e] = FraudChecks.exampleProjection(FRAUD_MODEL, row, java.util.Arrays.copyOfRange(content, at + 1, at + 785), content[at]);
          partials[0] += values[e];
        }
        for (int i = 0; i < CONTRIBUTIONS; i++) {
          Bytes32 hash = i == 0 ? Keccak.hash(Bytes.wrap(content)) : root("leaf contribution " + i);
          contributionLeaves.add(Bytes.concatenate(Bytes.of(0), Bytes32.leftPad(Bytes.ofUnsignedInt(i + 1)), hash).toArray());
        }
        contributionsTree = IndexTree.of(contributionLeaves.stream().map(l -> Bytes32.wrap(Keccak.hash(l))).toList());
        sums = SumTree.of(contributionLeaves, partials);
        short[] u = INDEX.get(0).u().clone();
        u[J] = (short) Math.max(-32_767, Math.min(32_767, Rounding.shift(partials[0], SHIFT) + 1)); // off by one quantization step
        leaves.add(new IndexLeaf(BASE_OWNER, 1, contributionsTree.root(), u));
        leaves.addAll(INDEX.subList(1, INDEX_LEAVES));
        tree = IndexTree.ofLeaves(leaves);

        Address mo = Addresses.MODELS;
        model = id(ok(BASE_OWNER, mo, Models.PROPOSE, BigInteger.ZERO, datanets32, name64, uri256));
        ok(Addresses.TIMELOCK, mo, Models.APPROVE, model);
        List<Object> spec = new ArrayList<>(versionSpec("leaf", HOST, OPEN));
        spec.set(0, FRAUD_MODEL.weightsRoot());
        spec.set(1, FRAUD_BASIS_TREE.root());
        spec.set(2, tree.indexRoot());
        spec.set(4, BigInteger.ONE.shiftLeft(SHIFT));
        version = id(ok(BASE_OWNER, mo, Models.REGISTER_VERSION, model, spec));
        for (int a = 0; a < Models.MAX_REQUIRED_ATTESTATIONS; a++) {
          Address attester = Address.of(0x7000 + a);
          chain.fund(attester, open(20));
          ok(attester, Addresses.PROVERS, open(20), Provers.BOND);
          ok(attester, Addresses.PROVERS, Provers.ATTEST, model, version);
        }
      }

      private static byte[] content() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(11 + IMAGES * 785).putInt(0x4f4c4931).putShort((short) 28).putShort((short) 28)
            .put((byte) 10).putShort((short) IMAGES);
        java.util.Random r = new java.util.Random(6);
        byte[] pixels = new byte[784];
        for (int e = 0; e < IMAGES; e++) {
          r.nextBytes(pixels);
          b.put((byte) r.nextInt(10)).put(pixels);
        }
        return b.array();
      }

      Object[] openArgs() {
        byte[] all = new byte[CONTRIBUTIONS * 65];
        for (int i = 0; i < CONTRIBUTIONS; i++) System.arraycopy(contributionLeaves.get(i), 0, all, 65 * i, 65);
        return new Object[] {model, version, BigInteger.valueOf(INDEX_LEAVES), BigInteger.ZERO, BigInteger.valueOf(J),
            Bytes.wrap(leaves.get(0).leafBytes()), tree.multiproof(new int[] {0}), Bytes.wrap(all), int64s(partials)};
      }

      BigInteger opened() {
        return id(ok(CHALLENGER, Addresses.PROVERS, Provers.LEAF_CHALLENGER_BOND.defaultValue(), Provers.OPEN_LEAF_CHALLENGE, openArgs()));
      }

      Object[] bisectionArgs() {
        SumTree.Opening root = sums.opening(sums.root()).orElseThrow();
        return new Object[] {model, version, BigInteger.valueOf(INDEX_LEAVES), BigInteger.ZERO, BigInteger.valueOf(J),
            Bytes.wrap(leaves.get(0).leafBytes()), tree.multiproof(new int[] {0}), sums.total(), Bytes.wrap(root.preimage()), root.leftSum()};
      }

      BigInteger openedBisection() {
        return id(ok(CHALLENGER, Addresses.PROVERS, Provers.LEAF_CHALLENGER_BOND.defaultValue(), Provers.OPEN_LEAF_BISECTION, bisectionArgs()));
      }

      /** The challenger's opening of the left child of the root, which the defender disputed. */
      Object[] splitArgs(BigInteger game) {
        SumTree.Opening left = sums.opening(sums.opening(sums.root()).orElseThrow().left()).orElseThrow();
        return new Object[] {game, Bytes.wrap(left.preimage()), left.leftSum()};
      }

      Object[] descendArgs(BigInteger game) {
        return new Object[] {game, int64s(partials), Bytes.wrap(contributionLeaves.get(0)), contributionsTree.multiproof(new int[] {0}), int64s(values)};
      }

      Object[] uploadArgs(BigInteger game, int from) {
        int to = Math.min(content.length, from + CHUNK);
        long records = (to - 11L) / 785 - Math.max(0, (from - 11L) / 785);
        if (from == 0) records = (to - 11L) / 785;
        return new Object[] {game, BigInteger.valueOf(from), Bytes.wrap(java.util.Arrays.copyOfRange(content, from, to)), BigInteger.valueOf(records)};
      }

      /** Games opened, disputed, descended (one chunk uploaded) and fully uploaded, all inside their windows at the final block. */
      void inPhases() {
        disputed = opened();
        uploading = opened();
        picking = opened();
        for (BigInteger g : List.of(disputed, uploading, picking)) ok(BASE_OWNER, Addresses.PROVERS, Provers.DISPUTE_PARTIAL_SUM, g, BigInteger.ZERO);
        for (BigInteger g : List.of(uploading, picking)) ok(CHALLENGER, Addresses.PROVERS, Provers.DESCEND_LEAF_CHALLENGE, descendArgs(g));
        ok(CHALLENGER, Addresses.PROVERS, Provers.UPLOAD_CONTRIBUTION, uploadArgs(uploading, 0));
        bisectionOpen = openedBisection();
        bisectionDisputed = openedBisection();
        ok(BASE_OWNER, Addresses.PROVERS, Provers.DISPUTE_PARTIAL_SUM, bisectionDisputed, BigInteger.ZERO);
        for (int from = 0; from < content.length; from += CHUNK) ok(CHALLENGER, Addresses.PROVERS, Provers.UPLOAD_CONTRIBUTION, uploadArgs(picking, from));
      }

      void cases(BigInteger expired) {
        Address pr = Addresses.PROVERS;
        int e = IMAGES - 1, at = 11 + e * 785;
        add(CHALLENGER, pr, Provers.LEAF_CHALLENGER_BOND.defaultValue(), Provers.OPEN_LEAF_CHALLENGE, openArgs());
        add(BASE_OWNER, pr, Provers.DISPUTE_PARTIAL_SUM, bisectionOpen, BigInteger.ZERO);
        add(CHALLENGER, pr, Provers.LEAF_CHALLENGER_BOND.defaultValue(), Provers.OPEN_LEAF_BISECTION, bisectionArgs());
        add(CHALLENGER, pr, Provers.SPLIT_LEAF_CHALLENGE, splitArgs(bisectionDisputed));
        add(ANYONE, pr, Provers.LEAF_BISECTION, bisectionDisputed);
        add(CHALLENGER, pr, Provers.DESCEND_LEAF_CHALLENGE, descendArgs(disputed));
        add(CHALLENGER, pr, Provers.UPLOAD_CONTRIBUTION, uploadArgs(uploading, CHUNK));
        add(BASE_OWNER, pr, Provers.STEP_LEAF_CHALLENGE, picking, BigInteger.valueOf(e), int64s(values),
            Bytes.wrap(java.util.Arrays.copyOfRange(content, at, at + 785)), Bytes.wrap(FRAUD_MODEL.weightsBytes()),
            Bytes.wrap(FRAUD_BASIS.rowLeafBytes(J)), FRAUD_BASIS_TREE.multiproof(new int[] {J}));
        add(ANYONE, pr, Provers.TIMEOUT_LEAF_CHALLENGE, expired);
        add(ANYONE, pr, Provers.LEAF_CHALLENGE, picking);
        add(ANYONE, pr, Provers.VERSION_FAULTY_VIEW, model, version);
        add(ANYONE, pr, Provers.LEAF_CHALLENGE_PARAMETERS);
      }

      private static List<BigInteger> int64s(long[] v) {
        return java.util.Arrays.stream(v).mapToObj(BigInteger::valueOf).toList();
      }
    }

    private final class InferenceFlow {
      private final BigInteger model;
      private final BigInteger version;
      private final Bytes32 input = root("input");
      private final Bytes32 output = root("output");
      private final BigInteger escrow;

      InferenceFlow(ModelIds m) {
        model = m.adapter();
        version = m.adapterVersion();
        BigInteger maxFee = (BigInteger) chain.view(Addresses.INFERENCE, Inference.QUOTE, model, version, 400, 240);
        escrow = maxFee.add(OPEN); // more than the maximum fee: settlement refunds the rest
      }

      BigInteger requested() {
        return id(ok(USER, Addresses.INFERENCE, escrow, Inference.REQUEST_FN, model, version, input, 400, 240));
      }

      /** The host posts 200 of the 240 output tokens allowed: the fee is below the maximum. */
      void resulted(BigInteger request) {
        ok(HOST, Addresses.INFERENCE, Inference.SUBMIT_RESULT, request, output, 200);
      }

      Bytes proof(BigInteger request, Address prover) {
        AttributionVerifier.Binding binding = new AttributionVerifier.Binding(chain.host.block().chainId(), Addresses.PROVERS, request,
            model, version, input, output, prover);
        return AttributionProof.build(binding.hash(), 0, PSI, INDEX, INDEX_TREE, AttributionProof.MAX_LEAVES).encode();
      }

      void proven(BigInteger request, Address prover) {
        ok(prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, request, proof(request, prover));
      }

      void cases(BigInteger refundable, BigInteger settleable, BigInteger requested) {
        Address in = Addresses.INFERENCE;
        Address timelock = Addresses.TIMELOCK;
        add(USER, in, escrow, Inference.REQUEST_FN, model, version, input, 400, 240);
        add(HOST, in, Inference.SUBMIT_RESULT, requested, output, 200);
        add(ANYONE, in, Inference.SETTLE, settleable);
        add(ANYONE, in, Inference.REFUND, refundable);
        add(ANYONE, in, Inference.GET_REQUEST, settleable);
        add(ANYONE, in, Inference.REQUEST_COUNT);
        add(ANYONE, in, Inference.QUOTE, model, version, 400, 240);
        add(timelock, in, Inference.SET_PLATFORM_FEE, OPEN.divide(BigInteger.TWO));
        add(timelock, in, Inference.SET_SPLIT, 7000, 1000, 2000, 5000, 2000);
        add(timelock, in, Inference.SET_TIMEOUT, 3600);
        add(ANYONE, in, Inference.PARAMETERS);
      }
    }

    private void proverCases(ModelIds m, InferenceFlow inf, BigInteger refundable, BigInteger settleable, BigInteger lapsing,
                             BigInteger challengeable, BigInteger provable) {
      Address pr = Addresses.PROVERS;
      add(P1, pr, OPEN, Provers.BOND);
      add(P1, pr, Provers.START_UNBONDING, OPEN);
      add(P3, pr, Provers.WITHDRAW_BOND);
      add(P1, pr, Provers.CLAIM, lapsing);
      add(P1, pr, Provers.SUBMIT_PROOF, provable, inf.proof(provable, P1));
      add(CHALLENGER, pr, Provers.CHALLENGER_BOND.defaultValue(), Provers.CHALLENGE, challengeable, root("evidence"));
      add(Addresses.TIMELOCK, pr, Provers.RESOLVE_CHALLENGE, refundable, true);
      add(Addresses.INFERENCE, pr, Provers.RELEASE, refundable);
      add(ANYONE, pr, Provers.VERIFIED_ATTRIBUTION, settleable);
      add(P2, pr, Provers.ATTEST, m.adapter2(), m.adapter2Version());
      add(ANYONE, pr, Provers.BOND_OF, P1);
      add(ANYONE, pr, Provers.CLAIM_OF, settleable);
      add(Addresses.TIMELOCK, pr, Provers.SET_PARAMETER, Provers.CLAIM_WINDOW.label(), 300);
    }

    // ================================================================ Staking

    private final List<BigInteger> stakerPositions = new ArrayList<>(); // claim, unbond, slash, withdraw

    /** Positions, activations, distributions and checkpoints, blocks 10 to 7,600. */
    private void staking(ModelIds m) {
      Address st = Addresses.STAKING;
      List<BigInteger> sixtyFour = new ArrayList<>();
      for (int i = 0; i < Staking.MAX_POSITIONS_PER_OWNER; i++) {
        at(10 + i); // one total-supply checkpoint per block
        sixtyFour.add(id(ok(STAKER_64, st, open(10), Staking.STAKE, m.adapter())));
      }
      at(80);
      for (int i = 0; i < 4; i++) stakerPositions.add(id(ok(STAKER, st, open(100), Staking.STAKE, m.adapter())));
      for (int i = 0; i < Staking.MAX_POSITIONS_PER_OWNER; i++) {
        at(100 + i);
        ok(GOVERNANCE_STAKER, st, open(1), Staking.STAKE, BigInteger.ZERO);
      }
      at(200);
      ok(DELEGATOR, st, open(10), Staking.STAKE, BigInteger.ZERO);
      for (int i = 0; i < 256; i++) { // 256 checkpoints for each of the two delegates
        at(300 + i);
        ok(DELEGATOR, st, Staking.DELEGATE, i % 2 == 0 ? DELEGATE_B : DELEGATE_C);
      }
      at(7_300);
      for (BigInteger position : sixtyFour) ok(ANYONE, st, Staking.ACTIVATE, position);
      for (BigInteger position : stakerPositions) ok(ANYONE, st, Staking.ACTIVATE, position);
      at(7_400);
      ok(Addresses.INFERENCE, st, open(10).add(BigInteger.valueOf(13)), Staking.DISTRIBUTE, m.adapter());
      at(7_500);
      ok(STAKER, st, Staking.UNBOND, stakerPositions.get(3));
      at(7_600);
      ok(Addresses.INFERENCE, st, open(10).add(BigInteger.valueOf(29)), Staking.DISTRIBUTE, m.adapter());
    }

    private void stakingCases(ModelIds m, BigInteger warming) {
      Address st = Addresses.STAKING;
      Address timelock = Addresses.TIMELOCK;
      BigInteger claimable = stakerPositions.get(0);
      add(STAKER, st, open(10), Staking.STAKE, m.adapter());
      add(ANYONE, st, Staking.ACTIVATE, warming);
      add(STAKER, st, Staking.UNBOND, stakerPositions.get(1));
      add(STAKER, st, Staking.WITHDRAW, stakerPositions.get(3));
      add(Addresses.INFERENCE, st, open(1).add(BigInteger.valueOf(3)), Staking.DISTRIBUTE, m.adapter());
      add(STAKER, st, Staking.CLAIM, claimable);
      add(STAKER_64, st, Staking.CLAIM_ALL);
      add(timelock, st, Staking.SLASH, stakerPositions.get(2), open(1));
      add(timelock, st, Staking.SET_MIN_STAKE, open(2));
      add(timelock, st, Staking.SET_WARMUP_BLOCKS, 7_200);
      add(timelock, st, Staking.SET_UNBONDING_BLOCKS, 50_400);
      add(ANYONE, st, Staking.SWEEP_SURPLUS);
      add(STAKER, st, Staking.DELEGATE, DELEGATE_B);
      add(ANYONE, st, Staking.DELEGATES, DELEGATOR);
      add(ANYONE, st, Staking.GET_VOTES, DELEGATE_B);
      add(ANYONE, st, Staking.GET_PAST_VOTES, DELEGATE_B, 427);
      add(ANYONE, st, Staking.GET_PAST_TOTAL_SUPPLY, 130);
      add(ANYONE, st, Staking.NUM_CHECKPOINTS, DELEGATE_B);
      add(ANYONE, st, Staking.CHECKPOINTS, DELEGATE_B, 100);
      add(ANYONE, st, Staking.CLOCK);
      add(ANYONE, st, Staking.CLOCK_MODE);
      add(ANYONE, st, Staking.POSITION, claimable);
      add(ANYONE, st, Staking.POSITIONS_OF_FN, STAKER_64);
      add(ANYONE, st, Staking.PENDING_REWARDS, claimable);
      add(ANYONE, st, Staking.ACTIVE_STAKE, m.adapter());
      add(ANYONE, st, Staking.REWARD_PER_SHARE, m.adapter());
      add(ANYONE, st, Staking.TOTAL_BONDED);
      add(ANYONE, st, Staking.TOTAL_PRINCIPAL_FN);
      add(ANYONE, st, Staking.REWARD_RESERVE_FN);
      add(ANYONE, st, Staking.MIN_STAKE_FN);
      add(ANYONE, st, Staking.WARMUP_BLOCKS_FN);
      add(ANYONE, st, Staking.UNBONDING_BLOCKS_FN);
    }

    // ================================================================ Services

    /** ModelFactory jobs in every state and RLHF rounds on the Services model (in Evaluation). */
    private final class ServicesFlow {
      private final BigInteger model;
      private final BigInteger approved;
      private final BigInteger budget = open(10);
      private BigInteger closedRound, activeRound, rejectable, expiring, releasable, releasableVersion, disputable, disputed, open,
          accepted, deliverable;
      private final List<BigInteger> claimable = new ArrayList<>();

      ServicesFlow(ModelIds m) {
        model = m.servicesModel();
        approved = m.approvedForServices();
      }

      private Object ok(Address from, FunctionSpec fn, Object... args) {
        return Builder.this.ok(from, Addresses.SERVICES, fn, args);
      }

      private BigInteger openJob(long deadlineBlocks) {
        return id(Builder.this.ok(S_OWNER, Addresses.SERVICES, budget, Services.OPEN_JOB, model, root("dataset"), 9_000, deadlineBlocks));
      }

      private BigInteger acceptedJob(long deadlineBlocks) {
        BigInteger job = openJob(deadlineBlocks);
        ok(TRAINER, Services.ACCEPT_JOB, job);
        return job;
      }

      private BigInteger version(String weights) {
        return id(Builder.this.ok(S_OWNER, Addresses.MODELS, Models.REGISTER_VERSION, model,
            versionSpec(weights, Address.ZERO, OPEN.divide(BigInteger.TWO))));
      }

      private BigInteger openRound(BigInteger reward, int slots, long duration) {
        return id(Builder.this.ok(S_OWNER, Addresses.SERVICES, reward.multiply(BigInteger.valueOf(slots)), Services.OPEN_ROUND, model, reward,
            slots, duration));
      }

      /** Block 50,000: a round that ends at 50,100 and can be closed from 50,400 on, with 2 of its 10 slots used. */
      void closedRound() {
        closedRound = openRound(OPEN, 10, 100);
        ok(VALIDATOR, Services.SUBMIT_FEEDBACK, closedRound, 1, root("closed 1"));
        ok(VALIDATOR, Services.SUBMIT_FEEDBACK, closedRound, 2, root("closed 2"));
      }

      /** Block 58,000: an accepted job whose deadline (58,100) passes before the final block. */
      void expiringJob() {
        expiring = acceptedJob(100);
      }

      void releasableJobOpened() {
        releasable = acceptedJob(5_000);
        releasableVersion = version("released");
      }

      /** Block 59,000: delivered, its dispute window ends at 59,600. */
      void releasableJobDelivered() {
        ok(TRAINER, Services.DELIVER, releasable, releasableVersion, 9_500, root("eval released"));
      }

      /** Block 59,000: a round running past the final block, with 64 feedbacks whose rejection windows end at 59,300. */
      void activeRound() {
        activeRound = openRound(OPEN, 100, 5_000);
        for (int i = 1; i <= UNBOUNDED_ARRAY; i++) {
          claimable.add(id(ok(VALIDATOR, Services.SUBMIT_FEEDBACK, activeRound, i, root("feedback " + i))));
        }
      }

      /** Block 59,700: delivered jobs whose dispute window is open at the final block; one of them disputed. */
      void disputableJobs() {
        disputable = acceptedJob(5_000);
        ok(TRAINER, Services.DELIVER, disputable, version("disputable"), 9_500, root("eval disputable"));
        disputed = acceptedJob(5_000);
        ok(TRAINER, Services.DELIVER, disputed, version("disputed"), 9_500, root("eval disputed"));
        ok(S_OWNER, Services.DISPUTE, disputed, reason256);
      }

      /** Block 59,800: a feedback still inside its rejection window at the final block. */
      void rejectableFeedback() {
        rejectable = id(ok(VALIDATOR_2, Services.SUBMIT_FEEDBACK, activeRound, 1, root("feedback rejectable")));
      }

      void openAndAcceptedJobs() {
        open = openJob(5_000);
        accepted = acceptedJob(5_000);
      }

      /** Block 59,996: a version registered after the accepted job opened, never delivered. */
      void deliverableVersion() {
        deliverable = version("deliverable");
      }

      void cases() {
        Address sv = Addresses.SERVICES;
        Address timelock = Addresses.TIMELOCK;
        add(S_OWNER, sv, budget, Services.OPEN_JOB, approved, root("dataset"), 9_000, 1_000);
        add(TRAINER, sv, Services.ACCEPT_JOB, open);
        add(S_OWNER, sv, Services.CANCEL_JOB, open);
        add(TRAINER, sv, Services.DELIVER, accepted, deliverable, 8_999, root("eval deliverable")); // below 9,000: refunds at once
        add(TRAINER, sv, Services.DELIVER_VERSION, accepted, versionSpec("trainer weights", Address.ZERO, OPEN.divide(BigInteger.TWO)), 8_999,
            root("eval trainer weights")); // registers the version at Models, then refunds at once
        add(S_OWNER, sv, Services.DISPUTE, disputable, reason256);
        add(timelock, sv, Services.RESOLVE_DISPUTE, disputed, true);
        add(ANYONE, sv, Services.RELEASE, releasable);
        add(ANYONE, sv, Services.REFUND_JOB, expiring);
        add(S_OWNER, sv, open(100), Services.OPEN_ROUND, model, OPEN, 100, 1_000);
        add(VALIDATOR_2, sv, Services.SUBMIT_FEEDBACK, activeRound, 999, root("feedback new"));
        add(S_OWNER, sv, Services.REJECT_FEEDBACK, rejectable, reason256);
        add(VALIDATOR, sv, Services.CLAIM_FEEDBACK, claimable);
        add(ANYONE, sv, Services.CLOSE_ROUND, closedRound);
        add(timelock, sv, Services.SET_PARAMETER, Services.DISPUTE_WINDOW.label(), 600);
        add(ANYONE, sv, Services.JOB, releasable);
        add(ANYONE, sv, Services.ROUND, activeRound);
        add(ANYONE, sv, Services.FEEDBACK_VIEW, claimable.get(0));
        add(ANYONE, sv, Services.FEEDBACK_ID_OF, activeRound, VALIDATOR, 1);
        add(ANYONE, sv, Services.JOB_COUNT_VIEW);
        add(ANYONE, sv, Services.ROUND_COUNT_VIEW);
        add(ANYONE, sv, Services.FEEDBACK_COUNT_VIEW);
        add(ANYONE, sv, Services.LIABILITIES);
        add(ANYONE, sv, Services.PARAMETERS);
      }
    }
  }
}
