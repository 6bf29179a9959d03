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
import org.openledger.contracts.attribution.BasisRows;
import org.openledger.contracts.attribution.FixedLogistic;
import org.openledger.contracts.attribution.FraudChecks;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.IndexTree;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.settlement.FeeSplit;
import org.openledger.contracts.web3j.Inference;
import org.openledger.devnet.node.DevnetNode;
import org.openledger.governance.governor.Governor;
import org.openledger.governance.proposals.Proposal;
import org.openledger.governance.proposals.Proposals;
import org.openledger.governance.timelock.Timelock;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Pooling;
import org.openledger.prover.lora.BaseMlp;
import org.openledger.prover.lora.LoraAdapter;
import org.openledger.prover.lora.LoraGradient;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/**
 * {@code openledger serve} on the devnet after the demo (model 1, a logistic-regression base owned
 * by dave): bob's rank-8 adapter of it is proposed, approved, registered with heidi as host,
 * attested and deployed; a server signing as heidi serves it over HTTP and answers its on-chain
 * requests, and settlement pays bob and dave their exact parts.
 */
class ServeTest {
  static final BigInteger OPEN = BigInteger.TEN.pow(18);
  /** The adapter version's basis rank: its attribution index is not built yet (docs/openlora.md §5), so its one leaf has no influence. */
  static final int K = 4;
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path tmp;
  static DevnetNode node;
  static Connection rpc;
  static Session alice, bob, carol, dave, erin, heidi;
  static BaseMlp base;
  static FixedLogistic fixedBase;
  static LoraAdapter adapter;
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

    adapter = LoraAdapter.random(base, 8, 16, 2026);
    content.put(adapter.weightsBytes());
    var proposed = bob.send(bob.models(true).propose(BigInteger.ONE, List.of(BigInteger.ONE), "fashion-lora", "openledger:test/lora"));
    adapterModel = org.openledger.contracts.web3j.Models.getModelProposedEvents(proposed).get(0).modelId;
    pass(Proposals.approveModel(adapterModel, "Approve fashion-lora"));
    IndexLeaf leaf = new IndexLeaf(Address.fromHex(DevelopmentKeys.account(5).getAddress()), 1, Bytes32.repeat((byte) 1), new short[K]);
    Bytes32 basisRoot = IndexTree.ofBasis(new BasisRows(K, (int) adapter.parameters(), new short[K * (int) adapter.parameters()], 0)).root();
    var spec = new org.openledger.contracts.web3j.Models.VersionSpec(adapter.weightsRoot().toArray(), basisRoot.toArray(),
        IndexTree.ofLeaves(List.of(leaf)).indexRoot().toArray(), BigInteger.ONE, BigInteger.ONE, BigInteger.valueOf(Models.OUTPUT_CLASSIFIER_MARGIN),
        BigInteger.valueOf(Models.TOKEN_MODE_FIXED), BigInteger.valueOf(base.inputs()), BigInteger.ONE, heidi.sender(), OPEN, OPEN, BigInteger.valueOf(K));
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
    DevChain chain = new DevChain(rpc);
    Address proposer = Address.fromHex(alice.sender());
    alice.sendRaw(Governor.ADDRESS.toHexString(), p.proposeCalldata(), BigInteger.ZERO);
    BigInteger id = p.id(proposer);
    chain.mine(((BigInteger) view(Governor.ADDRESS, Governor.VOTING_DELAY_FN)).longValueExact() + 1);
    for (Session s : List.of(alice, bob, carol)) {
      s.sendRaw(Governor.ADDRESS.toHexString(), Governor.CAST_VOTE.encodeCall(id, BigInteger.valueOf(Governor.FOR)), BigInteger.ZERO);
    }
    chain.mine(((BigInteger) view(Governor.ADDRESS, Governor.VOTING_PERIOD_FN)).longValueExact());
    alice.sendRaw(Governor.ADDRESS.toHexString(), p.queueCalldata(proposer), BigInteger.ZERO);
    chain.mine(((BigInteger) view(Timelock.ADDRESS, Timelock.GET_MIN_DELAY)).longValueExact());
    alice.sendRaw(Governor.ADDRESS.toHexString(), p.executeCalldata(proposer), BigInteger.ZERO);
    assertThat(((BigInteger) view(Governor.ADDRESS, Governor.STATE, id)).intValueExact()).isEqualTo(Governor.EXECUTED);
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
  void anOnChainAdapterRequestIsAnsweredByTheServerAndSettlementPaysAdapterOwnerAndBaseOwnerTheirExactParts() throws Exception {
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
    assertThat(r.outputHash).isEqualTo(Keccak.hash(FraudChecks.classOutput(referenceClass(pixels))));
    assertThat(server.hostLoop.tick()).as("answered once").isZero();

    // erin proves it: the adapter's one leaf has no influence, so the correct proof is the empty one (m = 0)
    erin.send(erin.provers(true).claim(id));
    var binding = new AttributionVerifier.Binding(rpc.chainId(), Addresses.PROVERS, id, adapterModel, BigInteger.ONE, Bytes32.wrap(r.inputHash),
        Bytes32.wrap(r.outputHash), Address.fromHex(erin.sender()));
    IndexLeaf leaf = new IndexLeaf(Address.fromHex(DevelopmentKeys.account(5).getAddress()), 1, Bytes32.repeat((byte) 1), new short[K]);
    AttributionProof proof = AttributionProof.build(binding.hash(), 0, new short[K], List.of(leaf), AttributionProof.MAX_LEAVES);
    assertThat(proof.leaves()).isEmpty();
    erin.send(erin.provers(true).submitProof(id, proof.encode().toArrayUnsafe()));
    new DevChain(rpc).mine(erin.view(erin.provers(false).parameters()).component3().longValueExact() + 1);

    BigInteger bobBefore = balance(bob), daveBefore = balance(dave);
    var settled = erin.send(erin.inference(true).settle(id));
    BigInteger fee = carol.view(carol.inference(false).getRequest(id)).fee;
    var params = carol.view(carol.inference(false).parameters());
    FeeSplit split = new FeeSplit(params.component2().intValueExact(), params.component3().intValueExact(), params.component4().intValueExact(),
        params.component5().intValueExact(), params.component6().intValueExact());
    FeeSplit.Payout expected = split.split(fee, params.component1(), true, false, List.of());

    assertThat(balance(bob).subtract(bobBefore)).as("adapter owner").isEqualTo(expected.owner()).isPositive();
    assertThat(balance(dave).subtract(daveBefore)).as("base owner").isEqualTo(expected.baseOwner()).isPositive();
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
    assertThat(a.get("weightsRoot").asText()).isEqualTo(adapter.weightsRoot().toHexString());
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
