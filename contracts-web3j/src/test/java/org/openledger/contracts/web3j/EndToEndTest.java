package org.openledger.contracts.web3j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.datanet.Contributions;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.contract.FunctionSpec;
import org.web3j.abi.CustomErrorEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.tuples.generated.Tuple4;
import org.web3j.tx.ClientTransactionManager;
import org.web3j.tx.exceptions.ContractCallException;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * The generated wrappers against the real contracts, end to end: wrapper → web3j's JSON-RPC
 * request (serialised to JSON) → {@link FakeNode} → our {@code Executor} running the native
 * contract on an {@code InMemoryHost} → JSON response → the wrapper's decoding. Each view's result
 * as the wrapper decodes it is compared, field by field, with what our own codec decodes from the
 * same return bytes; each transaction's calldata as sent with what {@link FunctionSpec#encodeCall}
 * builds.
 */
class EndToEndTest {
  static final BigInteger OPEN = BigInteger.TEN.pow(18);
  static final Address OWNER = Address.of(0x0e01);
  static final Address PROVER = Address.of(0x0e02);
  static final Address USER = Address.of(0x0e03);
  static final Address STAKER = Address.of(0x0e04);

  private final FakeNode node = new FakeNode();
  private final Web3j web3j = Web3j.build(node);
  private final StaticGasProvider gas = new StaticGasProvider(BigInteger.ZERO, BigInteger.valueOf(10_000_000));

  EndToEndTest() {
    for (Address a : List.of(OWNER, PROVER, USER, STAKER)) node.fund(a, OPEN.multiply(BigInteger.valueOf(1_000)));
  }

  @AfterEach
  void close() {
    web3j.shutdown();
  }

  private ClientTransactionManager as(Address who) {
    return new ClientTransactionManager(web3j, who.toHexString());
  }

  private Datanets datanets(Address who) {
    return OpenLedgerContracts.datanets(web3j, as(who), gas);
  }

  private Models models(Address who) {
    return OpenLedgerContracts.models(web3j, as(who), gas);
  }

  private Inference inference(Address who) {
    return OpenLedgerContracts.inference(web3j, as(who), gas);
  }

  private Staking staking(Address who) {
    return OpenLedgerContracts.staking(web3j, as(who), gas);
  }

  private Provers provers(Address who) {
    return OpenLedgerContracts.provers(web3j, as(who), gas);
  }

  private Services services(Address who) {
    return OpenLedgerContracts.services(web3j, as(who), gas);
  }

  static Bytes32 root(String name) {
    return Bytes32.wrap(Keccak.hash(name.getBytes(StandardCharsets.UTF_8)));
  }

  static BigInteger n(long v) {
    return BigInteger.valueOf(v);
  }

  /** A web3j value as our codec's Java value: addresses as {@link Address}, bytes as tuweni Bytes, structs and arrays as lists. */
  static Object plain(Object v) {
    if (v instanceof org.web3j.abi.datatypes.Address a) return Address.fromHex(a.getValue());
    if (v instanceof Type<?> t) return plain(t.getValue());
    if (v instanceof List<?> l) return l.stream().map(EndToEndTest::plain).toList();
    if (v instanceof byte[] b) return Bytes.wrap(b);
    return v;
  }

  /** The transaction succeeded, and the calldata web3j sent is what our encoder builds. */
  private TransactionReceipt sent(TransactionReceipt receipt, FunctionSpec fn, Object... args) {
    assertThat(receipt.isStatusOK()).as(fn.signature()).isTrue();
    JsonNode tx = node.lastRequest("eth_sendTransaction").path("params").get(0);
    assertThat(tx.path("data").asText()).as(fn.signature()).isEqualTo(fn.encodeCall(args).toHexString());
    return receipt;
  }

  /** What our codec decodes from the return data of the last eth_call. */
  private Object oursFromLastCall(FunctionSpec fn) {
    return fn.decodeOutput(Bytes.fromHexString(node.lastResponse("eth_call").path("result").asText()));
  }

  @Test
  void datanetsCreateSubmitAndReadStructs() throws Exception {
    TransactionReceipt r = sent(datanets(OWNER).create("news", "ipfs://d", OPEN, OPEN.divide(n(2))).send(),
        org.openledger.contracts.datanet.Datanets.CREATE, "news", "ipfs://d", OPEN, OPEN.divide(n(2)));
    Datanets.DatanetCreatedEventResponse created = Datanets.getDatanetCreatedEvents(r).get(0);
    assertThat(created.datanetId).isEqualTo(BigInteger.ONE);
    assertThat(Address.fromHex(created.owner)).isEqualTo(OWNER);
    assertThat(created.name).isEqualTo("news");

    Datanets.Datanet d = datanets(USER).datanet(created.datanetId).send();
    assertThat(plain(d)).isEqualTo(oursFromLastCall(org.openledger.contracts.datanet.Datanets.DATANET));
    assertThat(d.name).isEqualTo("news");
    assertThat(d.metadataURI).isEqualTo("ipfs://d");
    assertThat(Address.fromHex(d.curator)).isEqualTo(OWNER);
    assertThat(d.submissionDeposit).isEqualTo(OPEN);

    byte[] content = "a labelled example".getBytes(StandardCharsets.UTF_8);
    Bytes32 hash = Contributions.bind(content, USER);
    r = sent(datanets(USER).submit(BigInteger.ONE, hash.toArray(), "ipfs://c", OPEN).send(),
        org.openledger.contracts.datanet.Datanets.SUBMIT, BigInteger.ONE, hash, "ipfs://c");
    BigInteger contributionId = Datanets.getContributionSubmittedEvents(r).get(0).contributionId;
    assertThat(node.host.balance(Addresses.DATANETS)).isEqualTo(OPEN);

    Datanets.Contribution c = datanets(USER).contribution(contributionId).send();
    assertThat(plain(c)).isEqualTo(oursFromLastCall(org.openledger.contracts.datanet.Datanets.CONTRIBUTION));
    assertThat(c.contributionHash).isEqualTo(hash.toArray());
    assertThat(c.deposit).isEqualTo(OPEN);

    List<?> mine = datanets(USER).contributionsOf(USER.toHexString()).send();
    assertThat(plain(mine)).isEqualTo(oursFromLastCall(org.openledger.contracts.datanet.Datanets.CONTRIBUTIONS_OF)).isEqualTo(List.of(contributionId));
  }

  @Test
  void aModelIsProposedApprovedDeployedStakedAndRequestedThroughTheWrappers() throws Exception {
    // a datanet for the model to name, then propose, approve (Timelock), mark training (Services)
    sent(datanets(OWNER).create("fashion data", "ipfs://d", OPEN, BigInteger.ZERO).send(),
        org.openledger.contracts.datanet.Datanets.CREATE, "fashion data", "ipfs://d", OPEN, BigInteger.ZERO);
    TransactionReceipt r = sent(models(OWNER).propose(BigInteger.ZERO, List.of(BigInteger.ONE), "fashion", "ipfs://m").send(),
        org.openledger.contracts.model.Models.PROPOSE, BigInteger.ZERO, List.of(BigInteger.ONE), "fashion", "ipfs://m");
    BigInteger modelId = Models.getModelProposedEvents(r).get(0).modelId;
    assertThat(Models.getModelProposedEvents(r).get(0).datanetIds).containsExactly(BigInteger.ONE);
    sent(models(Addresses.TIMELOCK).approve(modelId).send(), org.openledger.contracts.model.Models.APPROVE, modelId);
    sent(models(Addresses.SERVICES).markTraining(modelId).send(), org.openledger.contracts.model.Models.MARK_TRAINING, modelId);

    // a version: a struct argument, and a struct in the event
    BigInteger rate = OPEN.divide(n(1000));
    Models.VersionSpec spec = new Models.VersionSpec(root("weights").toArray(), root("basis").toArray(), root("index").toArray(), n(100),
        n(1000), n(0), n(0), n(400), n(240), OWNER.toHexString(), rate, rate, n(512));
    List<Object> ourSpec = List.of(root("weights"), root("basis"), root("index"), n(100), n(1000), n(0), n(0), n(400), n(240), OWNER,
        rate, rate, n(512));
    r = sent(models(OWNER).registerVersion(modelId, spec).send(), org.openledger.contracts.model.Models.REGISTER_VERSION, modelId, ourSpec);
    Models.VersionRegisteredEventResponse registered = Models.getVersionRegisteredEvents(r).get(0);
    BigInteger version = registered.version;
    assertThat(plain(registered.spec)).isEqualTo(ourSpec);

    // the prover bonds (payable) and attests; governance deploys
    sent(provers(PROVER).bond(OPEN.multiply(n(100))).send(), org.openledger.contracts.prover.Provers.BOND);
    sent(provers(PROVER).attest(modelId, version).send(), org.openledger.contracts.prover.Provers.ATTEST, modelId, version);
    sent(models(Addresses.TIMELOCK).deploy(modelId, version).send(), org.openledger.contracts.model.Models.DEPLOY, modelId, version);

    Models.Model model = models(USER).model(modelId).send();
    assertThat(plain(model)).isEqualTo(oursFromLastCall(org.openledger.contracts.model.Models.MODEL_VIEW));
    assertThat(model.name).isEqualTo("fashion");
    assertThat(model.state).isEqualTo(BigInteger.valueOf(org.openledger.contracts.model.Models.State.DEPLOYED.code()));
    assertThat(model.deployedVersion).isEqualTo(version);

    Models.Terms terms = models(USER).inferenceTerms(modelId, version).send();
    assertThat(plain(terms)).isEqualTo(oursFromLastCall(org.openledger.contracts.model.Models.INFERENCE_TERMS));
    assertThat(terms.deployed).isTrue();

    Tuple3<Models.VersionSpec, BigInteger, BigInteger> v = models(USER).version(modelId, version).send();
    assertThat(List.of(plain(v.component1()), v.component2(), v.component3()))
        .isEqualTo(oursFromLastCall(org.openledger.contracts.model.Models.VERSION_VIEW));
    assertThat(plain(v.component1())).isEqualTo(ourSpec);

    // a paid request: quote, then escrow exactly the quote
    BigInteger fee = inference(USER).quote(modelId, version, n(400), n(240)).send();
    assertThat(fee).isEqualTo(oursFromLastCall(org.openledger.contracts.inference.Inference.QUOTE)).isPositive();
    Bytes32 input = root("input");
    r = sent(inference(USER).request(modelId, version, input.toArray(), n(400), n(240), fee).send(),
        org.openledger.contracts.inference.Inference.REQUEST_FN, modelId, version, input, n(400), n(240));
    assertThat(node.lastRequest("eth_sendTransaction").path("params").get(0).path("value").asText()).isEqualTo("0x" + fee.toString(16));
    BigInteger requestId = Inference.getRequestedEvents(r).get(0).requestId;

    Inference.Request request = inference(USER).getRequest(requestId).send();
    assertThat(plain(request)).isEqualTo(oursFromLastCall(org.openledger.contracts.inference.Inference.GET_REQUEST));
    assertThat(Address.fromHex(request.requester)).isEqualTo(USER);
    assertThat(request.escrow).isEqualTo(fee);
    assertThat(request.inputHash).isEqualTo(input.toArray());
    assertThat(request.state).isEqualTo(BigInteger.valueOf(org.openledger.contracts.inference.Inference.REQUESTED));

    // staking behind the model, with votes
    sent(staking(STAKER).delegate(STAKER.toHexString()).send(), org.openledger.contracts.staking.Staking.DELEGATE, STAKER);
    r = sent(staking(STAKER).stake(modelId, OPEN.multiply(n(5))).send(), org.openledger.contracts.staking.Staking.STAKE, modelId);
    BigInteger positionId = Staking.getStakedEvents(r).get(0).positionId;
    Staking.Position position = staking(STAKER).position(positionId).send();
    assertThat(plain(position)).isEqualTo(oursFromLastCall(org.openledger.contracts.staking.Staking.POSITION));
    assertThat(position.amount).isEqualTo(OPEN.multiply(n(5)));
    assertThat(staking(STAKER).getVotes(STAKER.toHexString()).send()).isEqualTo(OPEN.multiply(n(5)));
    BigInteger checkpoints = staking(STAKER).numCheckpoints(STAKER.toHexString()).send();
    Staking.Checkpoint last = staking(STAKER).checkpoints(STAKER.toHexString(), checkpoints.subtract(BigInteger.ONE)).send();
    assertThat(plain(last)).isEqualTo(oursFromLastCall(org.openledger.contracts.staking.Staking.CHECKPOINTS));
    assertThat(last.votes).isEqualTo(OPEN.multiply(n(5)));

    // a multi-value view
    Tuple4<BigInteger, BigInteger, BigInteger, BigInteger> bond = provers(USER).bondOf(PROVER.toHexString()).send();
    assertThat(List.of(bond.component1(), bond.component2(), bond.component3(), bond.component4()))
        .isEqualTo(oursFromLastCall(org.openledger.contracts.prover.Provers.BOND_OF));
    assertThat(bond.component1()).isEqualTo(OPEN.multiply(n(100)));
  }

  @Test
  void aFineTuningJobIsOpenedThroughServicesWhichMovesTheModelToTraining() throws Exception {
    datanets(OWNER).create("data", "ipfs://d", OPEN, BigInteger.ZERO).send(); // the datanet the model names
    BigInteger modelId = Models.getModelProposedEvents(
        models(OWNER).propose(BigInteger.ZERO, List.of(BigInteger.ONE), "fashion", "ipfs://m").send()).get(0).modelId;
    models(Addresses.TIMELOCK).approve(modelId).send();

    Bytes32 dataset = root("dataset");
    BigInteger budget = OPEN.multiply(n(10));
    TransactionReceipt r = sent(services(OWNER).openJob(modelId, dataset.toArray(), n(9_000), n(100), budget).send(),
        org.openledger.contracts.services.Services.OPEN_JOB, modelId, dataset, n(9_000), n(100));
    Services.JobOpenedEventResponse opened = Services.getJobOpenedEvents(r).get(0);
    assertThat(opened.budget).isEqualTo(budget);
    assertThat(node.host.balance(Addresses.SERVICES)).isEqualTo(budget);

    Services.Job job = services(USER).job(opened.jobId).send();
    assertThat(plain(job)).isEqualTo(oursFromLastCall(org.openledger.contracts.services.Services.JOB));
    assertThat(Address.fromHex(job.owner)).isEqualTo(OWNER);
    assertThat(job.datasetRoot).isEqualTo(dataset.toArray());
    assertThat(job.budget).isEqualTo(budget);
    // the nested native call Services -> Models happened inside the one transaction
    assertThat(models(USER).model(modelId).send().state)
        .isEqualTo(BigInteger.valueOf(org.openledger.contracts.model.Models.State.TRAINING.code()));
  }

  @Test
  void customErrorsReachTheClientAndDecode() throws Exception {
    datanets(OWNER).create("data", "ipfs://d", OPEN, BigInteger.ZERO).send(); // the datanet the model names
    BigInteger modelId = Models.getModelProposedEvents(
        models(OWNER).propose(BigInteger.ZERO, List.of(BigInteger.ONE), "m", "").send()).get(0).modelId;

    // a transaction by the wrong caller: the receipt fails, web3j replays it as eth_call for the error data
    TransactionException failed = catchThrowableOfType(TransactionException.class, () -> models(USER).approve(modelId).send());
    assertThat(failed).isNotNull();
    // web3j keeps JSON-RPC error data as JSON text: a hex string arrives in quotes
    String data = failed.getEncodedDataResponse().orElseThrow().replace("\"", "");
    assertThat(data).startsWith(CustomErrorEncoder.encode(Models.NOTAUTHORIZED_ERROR).substring(0, 10));
    assertThat(org.openledger.contracts.model.Models.SPEC.describeRevert(Bytes.fromHexString(data)))
        .isEqualTo("NotAuthorized(" + USER + ", " + Addresses.TIMELOCK + ")");
    assertThat(models(USER).model(modelId).send().state).isEqualTo(BigInteger.ZERO); // still Proposed

    // a view that reverts
    assertThat(catchThrowableOfType(ContractCallException.class, () -> models(USER).model(n(99)).send())).isNotNull();
    JsonNode error = node.lastResponse("eth_call").path("error");
    assertThat(error.path("code").asInt()).isEqualTo(3);
    assertThat(org.openledger.contracts.model.Models.SPEC.describeRevert(Bytes.fromHexString(error.path("data").asText())))
        .isEqualTo("UnknownModel(99)");
  }
}
