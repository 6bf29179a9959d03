package org.openledger.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.cli.OpenLedgerCommandTest;
import org.openledger.cli.chain.Connection;
import org.openledger.cli.chain.ContentStore;
import org.openledger.cli.chain.DevChain;
import org.openledger.cli.chain.RpcContentSource;
import org.openledger.cli.chain.Session;
import org.openledger.cli.devnet.DevelopmentKeys;
import org.openledger.compute.cpu.CpuBackend;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.attribution.AttributionProof;
import org.openledger.contracts.attribution.AttributionVerifier;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.settlement.FeeSplit;
import org.openledger.contracts.web3j.Inference;
import org.openledger.devnet.node.DevnetNode;
import org.openledger.governance.proposals.Proposal;
import org.openledger.governance.proposals.Proposals;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Pooling;
import org.openledger.cli.factory.AcceptedContributions;
import org.openledger.cli.prover.ProverLoop;
import org.openledger.cli.prover.ProverMetrics;
import org.openledger.prover.daemon.Journal;
import org.openledger.prover.factory.TrainingSet;
import org.openledger.prover.lora.AdapterArtifacts;
import org.openledger.prover.lora.AdapterFactory;
import org.openledger.prover.lora.BaseMlp;
import org.openledger.prover.proof.ProofEngine;
import org.openledger.prover.proof.ProofEngines;
import org.openledger.prover.lora.LoraAdapter;
import org.openledger.prover.lora.LoraGradient;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/**
 * {@code openledger serve} on the devnet after the demo (model 1, a logistic-regression base owned
 * by dave): bob's rank-8 adapter of it is proposed, approved, registered with heidi as host,
 * attested and deployed — bob fine-tunes it on datanet 1's accepted contributions and registers its
 * attribution index over the adapter's parameters; a server signing as heidi serves it over HTTP and
 * answers its on-chain requests, erin's prover engines prove them, and settlement pays the adapter's
 * contributors, bob and dave their exact parts.
 */
class ServeTest {
  static final BigInteger OPEN = BigInteger.TEN.pow(18);
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path tmp;
  static DevnetNode node;
  static Connection rpc;
  static Session alice, bob, carol, dave, erin, heidi;
  static BaseMlp base;
  static FixedLogistic fixedBase;
  static LoraAdapter adapter;
  static AdapterFactory.Built built;
  static BigInteger adapterModel;
  static LabelledImages test;
  static Server server;
  static HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void demoThenDeployAnAdapterAndServeIt() throws Exception {
    node = DevnetNode.start(DevnetNode.Config.ephemeral(tmp.resolve("chain")));
    var r = OpenLedgerCommandTest.run("demo", "--rpc-url", node.rpcUrl());
    assertThat(r.exit()).as(r.err()).isZero();
    rpc = Connection.open(node.rpcUrl());
    alice = as(0);
    bob = as(1);
    carol = as(2);
    dave = as(3);
    erin = as(4);
    heidi = as(7);
    alice.sendRaw(heidi.sender(), org.apache.tuweni.bytes.Bytes.EMPTY, OPEN.multiply(BigInteger.TEN)); // gas for posting results
    test = Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TEST));
    ContentStore content = new ContentStore(rpc);
    var baseSpec = carol.view(carol.models(false).version(BigInteger.ONE, BigInteger.ONE)).component1();
    byte[] baseBlob = new RpcContentSource(content).get(Bytes32.wrap(baseSpec.weightsRoot));
    fixedBase = FixedLogistic.fromWeightsBytes(baseBlob);
    base = BaseMlp.fromWeightsBytes(baseBlob);

    var proposed = bob.send(bob.models(true).propose(BigInteger.ONE, List.of(BigInteger.ONE), "fashion-lora", "openledger:test/lora"));
    adapterModel = org.openledger.contracts.web3j.Models.getModelProposedEvents(proposed).get(0).modelId;
    pass(Proposals.approveModel(adapterModel, "Approve fashion-lora"));
    // bob fine-tunes the adapter on datanet 1's accepted contributions and builds its index over the adapter's parameters
    long asOf = rpc.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
    TrainingSet set = TrainingSet.of(AcceptedContributions.of(bob, adapterModel, asOf));
    try (CpuBackend backend = new CpuBackend()) {
      // an OLA2 adapter: served in float, answered on-chain with its integer class
      built = AdapterFactory.build(fixedBase, set, AdapterFactory.Config.defaults(), backend);
    }
    adapter = built.artifacts().adapter();
    for (byte[] blob : built.blobs()) content.put(blob);
    AdapterArtifacts a = built.artifacts();
    var spec = new org.openledger.contracts.web3j.Models.VersionSpec(a.weightsRoot().toArray(), a.basisRoot().toArray(), a.indexRoot().toArray(),
        BigInteger.ONE, BigInteger.ONE, BigInteger.valueOf(Models.OUTPUT_CLASSIFIER_MARGIN),
        BigInteger.valueOf(Models.TOKEN_MODE_FIXED), BigInteger.valueOf(base.inputs()), BigInteger.ONE, heidi.sender(), OPEN, OPEN, BigInteger.valueOf(a.rank()));
    bob.send(bob.models(true).registerVersion(adapterModel, spec));
    erin.send(erin.provers(true).attest(adapterModel, BigInteger.ONE));
    pass(Proposals.deployModel(adapterModel, BigInteger.ONE, "Deploy fashion-lora v1"));

    server = new Server(heidi, new CpuBackend(), new Server.Config(BigInteger.ONE, "127.0.0.1", 0, 1 << 20, 8, 2_000_000, true, 0));
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    rpc.close();
    node.close();
  }

  static Session as(int account) {
    Credentials key = DevelopmentKeys.account(account);
    return Session.as(rpc, key);
  }

  /** Propose as alice, vote for as alice, bob and carol, queue and execute through the Timelock. */
  static void pass(Proposal p) {
    org.openledger.cli.chain.DevnetGovernance.pass(rpc, alice, List.of(alice, bob, carol), p);
  }

  static Object view(Address contract, FunctionSpec f, Object... args) {
    return f.decodeOutput(alice.callRaw(contract.toHexString(), f.encodeCall(args)));
  }

  static byte[] image(int i) {
    int size = test.images().size();
    return Arrays.copyOfRange(test.images().pixels(), i * size, (i + 1) * size);
  }

  /** The adapted model's class, from the double-precision reference (not the serving path). */
  static int referenceClass(byte[] pixels) {
    double[] z = new LoraGradient(base, adapter).logits(BaseMlp.pixels(pixels));
    int best = 0;
    for (int c = 1; c < z.length; c++) if (z[c] > z[best]) best = c;
    return best;
  }

  /** What {@code s} receives as a contributor in {@code p}. */
  static BigInteger paidTo(FeeSplit.Payout p, Session s) {
    return p.contributors().stream().filter(c -> c.contributor().equals(Address.fromHex(s.sender()))).map(FeeSplit.ContributorPayout::amount)
        .reduce(BigInteger.ZERO, BigInteger::add);
  }

  static BigInteger balance(Session s) throws Exception {
    return rpc.web3j().ethGetBalance(s.sender(), DefaultBlockParameterName.LATEST).send().getBalance();
  }

  static HttpResponse<String> post(String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/infer"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String pixelsBody(BigInteger model, byte[] pixels) {
    return "{\"model\": " + model + ", \"pixels\": \"" + Numeric.toHexString(pixels) + "\"}";
  }

  @Test
  void anOnChainAdapterRequestIsAnsweredByTheServerProvenOverTheAdaptersParametersAndSettlementPaysContributorsAdapterOwnerAndBaseOwnerTheirExactParts() throws Exception {
    byte[] pixels = image(3);
    byte[] inputHash = Numeric.hexStringToByteArray(new ContentStore(rpc).put(pixels));
    BigInteger in = BigInteger.valueOf(base.inputs());
    BigInteger maxFee = carol.view(carol.inference(false).quote(adapterModel, BigInteger.ONE, in, BigInteger.ONE));
    var requested = carol.send(carol.inference(true).request(adapterModel, BigInteger.ONE, inputHash, in, BigInteger.ONE, maxFee));
    BigInteger id = Inference.getRequestedEvents(requested).get(0).requestId;

    assertThat(server.hostLoop.tick()).isEqualTo(1);
    Inference.Request r = carol.view(carol.inference(false).getRequest(id));
    assertThat(r.state.intValue()).as("Resulted").isEqualTo(2);
    assertThat(r.host).isEqualToIgnoringCase(heidi.sender());
    assertThat(r.outputHash).as("the OLA2 integer class, what challengeOutput recomputes")
        .isEqualTo(Keccak.hash(FraudChecks.classOutput(built.artifacts().integer().predict(pixels))));
    assertThat(server.hostLoop.tick()).as("answered once").isZero();

    // erin's prover daemon loop proves it over the adapter's parameters: its ProofEngines dispatch on the OLA1 tag
    try (Journal journal = Journal.open(tmp.resolve("erin-journal"))) {
      ProverLoop loop = new ProverLoop(erin, journal, new ProofEngines(new RpcContentSource(new ContentStore(rpc))), new ProverMetrics(),
          requested.getBlockNumber().longValueExact());
      loop.tick();
    }
    var claim = erin.view(erin.provers(false).claimOf(id));
    assertThat(claim.component1()).isEqualToIgnoringCase(erin.sender());
    assertThat(claim.component4().intValueExact()).as("proven by the daemon").isEqualTo(org.openledger.contracts.prover.Provers.PROVEN);
    // the same engines, recomputed here, give the proof the daemon submitted (it is deterministic): its leaves are the expected scores
    var binding = new AttributionVerifier.Binding(rpc.chainId(), Addresses.PROVERS, id, adapterModel, BigInteger.ONE, Bytes32.wrap(r.inputHash),
        Bytes32.wrap(r.outputHash), Address.fromHex(erin.sender()));
    AdapterArtifacts a = built.artifacts();
    var version = new ProofEngine.Version(a.weightsRoot(), a.basisRoot(), a.indexRoot(), a.rank(), Models.OUTPUT_CLASSIFIER_MARGIN);
    ProofEngine.Outcome outcome = new ProofEngines(new RpcContentSource(new ContentStore(rpc))).prove(binding, version);
    assertThat(outcome).as(outcome.toString()).isInstanceOf(ProofEngine.Outcome.Proof.class);
    AttributionProof proof = AttributionProof.decode(((ProofEngine.Outcome.Proof) outcome).bytes());
    assertThat(proof.leaves()).as("the adapter's contributors are in the proof").isNotEmpty();
    new DevChain(rpc).mine(erin.view(erin.provers(false).parameters()).component3().longValueExact() + 1);

    BigInteger bobBefore = balance(bob), daveBefore = balance(dave);
    var settled = erin.send(erin.inference(true).settle(id));
    BigInteger fee = carol.view(carol.inference(false).getRequest(id)).fee;
    var params = carol.view(carol.inference(false).parameters());
    FeeSplit split = new FeeSplit(params.component2().intValueExact(), params.component3().intValueExact(), params.component4().intValueExact(),
        params.component5().intValueExact(), params.component6().intValueExact());
    List<FeeSplit.Score> scores = proof.leaves().stream().map(l -> new FeeSplit.Score(l.leaf().contributor(), BigInteger.valueOf(l.score()))).toList();
    FeeSplit.Payout expected = split.split(fee, params.component1(), true, false, scores);
    assertThat(expected.total()).isEqualTo(fee);
    var contributorsPaid = Inference.getContributorPaidEvents(settled);
    assertThat(contributorsPaid).hasSize(expected.contributors().size());
    for (FeeSplit.ContributorPayout c : expected.contributors()) {
      assertThat(contributorsPaid).as("contributor " + c.contributor()).anySatisfy(e -> {
        assertThat(e.contributor).isEqualToIgnoringCase(c.contributor().toHexString());
        assertThat(e.amount).isEqualTo(c.amount());
      });
    }
    assertThat(expected.contributors()).anySatisfy(c -> assertThat(c.amount()).isPositive());
    BigInteger bobAsContributor = paidTo(expected, bob), daveAsContributor = paidTo(expected, dave);

    assertThat(balance(bob).subtract(bobBefore)).as("adapter owner (and a contributor)").isEqualTo(expected.owner().add(bobAsContributor));
    assertThat(balance(dave).subtract(daveBefore)).as("base owner").isEqualTo(expected.baseOwner().add(daveAsContributor));
    assertThat(expected.owner()).isPositive();
    assertThat(expected.baseOwner()).isPositive();
    var paid = Inference.getPaidEvents(settled);
    assertThat(paid).anySatisfy(p -> {
      assertThat(p.account).isEqualToIgnoringCase(bob.sender());
      assertThat(p.role.intValue()).isZero();
      assertThat(p.amount).isEqualTo(expected.owner());
    });
    assertThat(paid).anySatisfy(p -> {
      assertThat(p.account).isEqualToIgnoringCase(dave.sender());
      assertThat(p.role.intValue()).isEqualTo(1);
      assertThat(p.amount).isEqualTo(expected.baseOwner());
    });
    BigInteger net = fee.subtract(params.component1());
    BigInteger ownerPart = net.multiply(BigInteger.valueOf(split.ownerBp())).divide(BigInteger.valueOf(10_000));
    assertThat(ownerPart.subtract(expected.owner()).subtract(expected.baseOwner())).as("rounding remainder of the owner part").isBetween(BigInteger.ZERO, BigInteger.ONE);
  }

  @Test
  void theHttpApiServesTheBaseModelAndTheAdapterWithTheirOwnOutputs() throws Exception {
    byte[] pixels = image(10);
    HttpResponse<String> baseReply = post(pixelsBody(BigInteger.ONE, pixels));
    assertThat(baseReply.statusCode()).as(baseReply.body()).isEqualTo(200);
    assertThat(JSON.readTree(baseReply.body()).get("class").asInt()).isEqualTo(fixedBase.predict(pixels));

    HttpResponse<String> adapterReply = post(pixelsBody(adapterModel, pixels));
    assertThat(adapterReply.statusCode()).as(adapterReply.body()).isEqualTo(200);
    JsonNode a = JSON.readTree(adapterReply.body());
    assertThat(a.get("class").asInt()).isEqualTo(referenceClass(pixels));
    assertThat(a.get("weightsRoot").asText()).as("the version's OLA2 blob").isEqualTo(built.artifacts().weightsRoot().toHexString());
    double[] expected = new LoraGradient(base, adapter).logits(BaseMlp.pixels(pixels));
    for (int c = 0; c < expected.length; c++) {
      assertThat(a.get("logits").get(c).asDouble()).isCloseTo(expected[c], org.assertj.core.data.Offset.offset(1e-3 * (1 + Math.abs(expected[c]))));
    }
    assertThat(server.metrics.registry.scrape()).contains("openledger_serve_adapter_loads_total 1").contains("openledger_serve_batch_size_count");
  }

  @Test
  void anUnknownModelIsRefusedWith404AndAFix() throws Exception {
    HttpResponse<String> reply = post(pixelsBody(BigInteger.valueOf(999), image(0)));
    assertThat(reply.statusCode()).isEqualTo(404);
    JsonNode body = JSON.readTree(reply.body());
    assertThat(body.get("error").asText()).contains("model 999 does not exist");
    assertThat(body.get("fix").asText()).isNotBlank();
  }

  @Test
  void anInputOfTheWrongLengthIsRefusedWith400NamingTheLength() throws Exception {
    HttpResponse<String> reply = post("{\"model\": " + adapterModel + ", \"input\": [0.1, 0.2]}");
    assertThat(reply.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(reply.body()).get("error").asText()).contains("2 values").contains(String.valueOf(base.inputs()));
  }

  @Test
  void aBodyThatIsNotJsonIsRefusedWith400() throws Exception {
    HttpResponse<String> reply = post("model=2");
    assertThat(reply.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(reply.body()).get("fix").asText()).contains("\"model\"");
  }

  @Test
  void healthNamesTheBaseModelAndTheAdapterMemory() throws Exception {
    HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode h = JSON.readTree(reply.body());
    assertThat(h.get("baseModel").asText()).isEqualTo("1");
    assertThat(h.get("adapterMemory").asLong()).isEqualTo(1 << 20);
    assertThat(h.get("inputs").asInt()).isEqualTo(base.inputs());
  }
}
