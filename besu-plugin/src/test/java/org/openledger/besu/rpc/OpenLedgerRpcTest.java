package org.openledger.besu.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.Protocol.open;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openledger.besu.adapter.InMemoryWorld;
import org.openledger.besu.chain.ChainReader;
import org.openledger.besu.chain.HostWorldView;
import org.openledger.besu.chain.InMemoryChain;
import org.openledger.besu.content.ContentStore;
import org.openledger.besu.metrics.PluginMetrics;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Protocol;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.prover.Provers;
import org.openledger.governance.GovernanceContracts;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.executor.Executor;
import org.openledger.precompiles.executor.Fork;
import org.openledger.precompiles.executor.ForkSchedule;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.host.Log;

/**
 * The openledger_* methods over a chain whose state the contracts' own Protocol fixture built:
 * block 0 is empty, block 1 holds a datanet and a deployed model, and, in the settlement tests,
 * a later block holds the transaction that settled an inference (its real logs).
 */
class OpenLedgerRpcTest {
  static final Address ALICE = Address.of(0xa1), BOB = Address.of(0xb0);

  final Protocol p = new Protocol();
  final InMemoryChain chain = new InMemoryChain();
  final RpcHarness rpc = new RpcHarness();
  @TempDir Path data;
  BigInteger model;

  @BeforeEach
  void setUp() {
    model = p.deployedModel(open("1"));
    chain.add(new InMemoryWorld());
    chain.add(new HostWorldView(p.chain.host));
    OpenLedgerRpc methods = new OpenLedgerRpc(() -> null, GovernanceContracts.withCatalog());
    methods.register(rpc);
    Executor executor = new Executor(ForkSchedule.of(new Fork("openledger-v1", 0, GasSchedule.V1, GovernanceContracts.instancesWithCatalog())));
    methods.start(new OpenLedgerRpc.Runtime(executor, 1337, 0, new ChainReader(chain, chain, 10_000), ContentStore.under(data, 64)), PluginMetrics.NONE);
  }

  /** Runs the worked example's settlement (alice 25, bob 75) and appends its transaction's logs as the head block; returns the request id. */
  BigInteger settledInference() {
    BigInteger id = p.request(model, open("1.14"));
    p.result(id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.CLAIM, id);
    p.chain.ok(p.prover, Addresses.PROVERS, Provers.SUBMIT_PROOF, id,
        p.proof(id, model, List.of(ALICE, BOB), List.of(BigInteger.valueOf(25), BigInteger.valueOf(75))));
    p.chain.advance(Provers.CHALLENGE_WINDOW.defaultValue().longValueExact() + 1);
    while (chain.getChainHeadHeader().getNumber() < p.chain.blockNumber() - 1) chain.add(new HostWorldView(p.chain.host));
    int before = p.chain.host.logs().size();
    p.chain.ok(BOB, Addresses.INFERENCE, Inference.SETTLE, id);
    List<Log> logs = List.copyOf(p.chain.host.logs().subList(before, p.chain.host.logs().size()));
    chain.add(new HostWorldView(p.chain.host), List.of(new InMemoryChain.Tx(Bytes32.repeat((byte) 0x5e), logs)));
    return id;
  }

  // ------------------------------------------------------------------ registration

  @Test
  void registersEveryMethodUnderTheOpenledgerNamespace() {
    for (String m : List.of("pluginInfo", "contractAddresses", "getModel", "getDatanet", "getPayouts", "getInferencePayout", "putContent", "getContent")) {
      assertThat(rpc.has("openledger_" + m)).as(m).isTrue();
    }
  }

  @Test
  void chainMethodsAnswerNotInstalledBeforeThePluginStarts() {
    RpcHarness fresh = new RpcHarness();
    new OpenLedgerRpc(() -> null, GovernanceContracts.withCatalog()).register(fresh);
    fresh.fails(-32000, "openledger_getModel", "1").hasMessageContaining("not installed");
  }

  // ------------------------------------------------------------------ views

  @Test
  void getModelReturnsTheModelViewWithNamedFieldsAndItsDatanets() {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) rpc.call("openledger_getModel", "0x" + model.toString(16));
    assertThat(m).containsEntry("modelId", model.toString()).containsEntry("owner", p.owner.toHexString())
        .containsEntry("name", "fashion").containsEntry("metadataURI", "ipfs://m").containsEntry("stateName", "DEPLOYED")
        .containsEntry("deployedVersion", "1").containsEntry("datanetIds", List.of("1")).containsEntry("block", 1L);
  }

  @Test
  void getModelReadsTheStateOfTheGivenBlock() {
    rpc.fails(-32010, "openledger_getModel", model.toString(), "0x0").hasMessage("no model " + model + " (at block 0)");
  }

  @Test
  void getModelOfAnUnknownIdIsUnknownModel() {
    rpc.fails(-32010, "openledger_getModel", 99).hasMessage("no model 99 (at block 1)");
  }

  @Test
  void getModelRefusesMalformedParameters() {
    rpc.fails(-32602, "openledger_getModel", (Object[]) null).hasMessage("openledger_getModel takes 1 to 2 parameters, got 0");
    rpc.fails(-32602, "openledger_getModel", "one").hasMessageContaining("modelId must be a non-negative integer");
    rpc.fails(-32602, "openledger_getModel", -1).hasMessageContaining("modelId must be a non-negative integer below 2^256");
    rpc.fails(-32602, "openledger_getModel", 1, "pending").hasMessageContaining("block must be \"latest\", \"earliest\" or a block number");
  }

  @Test
  void aBlockBeyondTheHeadIsUnknown() {
    rpc.fails(-32001, "openledger_getModel", 1, 7).hasMessage("block 7 is not on this node's chain (head 1)");
  }

  @Test
  void aPrunedStateIsReportedAsUnavailable() {
    chain.prune(0);
    rpc.fails(-32002, "openledger_getDatanet", 1, "earliest").hasMessageContaining("world state of block 0 is not available");
  }

  @Test
  void everyWorldStateOpenedForAViewIsClosed() {
    rpc.call("openledger_getModel", model);
    rpc.fails(-32010, "openledger_getModel", 99);
    assertThat(chain.statesOpened).isEqualTo(3);
    assertThat(chain.statesClosed).isEqualTo(3);
  }

  @Test
  void getDatanetReturnsTheDatanetViewWithNamedFields() {
    @SuppressWarnings("unchecked")
    Map<String, Object> d = (Map<String, Object>) rpc.call("openledger_getDatanet", "1", "latest");
    assertThat(d).containsKeys("owner", "curator", "name", "submissionDeposit", "accessFee", "acceptedCount", "createdAt")
        .containsEntry("datanetId", "1").containsEntry("block", 1L);
    assertThat(d.get("submissionDeposit")).isInstanceOf(String.class);
  }

  @Test
  void getDatanetOfAnUnknownIdIsUnknownDatanet() {
    rpc.fails(-32011, "openledger_getDatanet", "0x10").hasMessage("no datanet 16 (at block 1)");
  }

  // ------------------------------------------------------------------ payouts

  @Test
  void getPayoutsListsWhatEachSettledInferencePaidTheContributor() {
    BigInteger id = settledInference();
    OpenLedgerRpc.Payouts out = (OpenLedgerRpc.Payouts) rpc.call("openledger_getPayouts", ALICE.toHexString());
    assertThat(out.total()).isEqualTo(open("0.032").toString());
    assertThat(out.payouts()).singleElement().satisfies(x -> {
      assertThat(x.requestId()).isEqualTo(id.toString());
      assertThat(x.modelId()).isEqualTo(model.toString());
      assertThat(x.score()).isEqualTo("25");
      assertThat(x.contributorsTotal()).isEqualTo(open("0.128").toString());
      assertThat(x.block()).isEqualTo(chain.getChainHeadHeader().getNumber());
      assertThat(x.transactionHash()).isEqualTo(Bytes32.repeat((byte) 0x5e).toHexString());
    });
  }

  @Test
  void getPayoutsOfSomeoneNeverPaidIsEmpty() {
    settledInference();
    OpenLedgerRpc.Payouts out = (OpenLedgerRpc.Payouts) rpc.call("openledger_getPayouts", p.user.toHexString(), 0, "latest");
    assertThat(out.payouts()).isEmpty();
    assertThat(out.total()).isEqualTo("0");
  }

  @Test
  void getPayoutsReadsReceiptsOnlyOfBlocksWhoseBloomMayMatch() {
    settledInference();
    rpc.call("openledger_getPayouts", ALICE.toHexString());
    assertThat(chain.receiptReads).isEqualTo(1);
  }

  @Test
  void getPayoutsRefusesARangeAboveTheLimit() {
    RpcHarness small = new RpcHarness();
    OpenLedgerRpc methods = new OpenLedgerRpc(() -> null, GovernanceContracts.withCatalog());
    methods.register(small);
    methods.start(new OpenLedgerRpc.Runtime(null, 1337, 0, new ChainReader(chain, chain, 1), null), PluginMetrics.NONE);
    small.fails(-32015, "openledger_getPayouts", ALICE.toHexString()).hasMessageContaining("spans 2 blocks; at most 1");
  }

  @Test
  void getPayoutsRefusesAMalformedAddress() {
    rpc.fails(-32602, "openledger_getPayouts", "0x1234").hasMessageContaining("contributor must be a 20-byte address");
  }

  @Test
  void getInferencePayoutBreaksTheSettledFeeDownByRoleAndContributor() {
    BigInteger id = settledInference();
    OpenLedgerRpc.InferencePayout out = (OpenLedgerRpc.InferencePayout) rpc.call("openledger_getInferencePayout", id);
    assertThat(out.fee()).isEqualTo(open("1.14").toString());
    assertThat(out.refund()).isEqualTo("0");
    assertThat(out.prover()).isEqualTo(p.prover.toHexString());
    // the worked example of docs/economics.md; with no active stake the stakers' 0.064 goes to the treasury
    assertThat(out.payments()).containsExactly(new OpenLedgerRpc.Payment("owner", p.owner.toHexString(), open("0.448").toString()),
        new OpenLedgerRpc.Payment("prover", p.prover.toHexString(), open("0.25").toString()),
        new OpenLedgerRpc.Payment("treasury", Addresses.TREASURY.toHexString(), open("0.314").toString()));
    assertThat(out.contributors()).containsExactly(new OpenLedgerRpc.ContributorPayment(ALICE.toHexString(), "25", open("0.032").toString()),
        new OpenLedgerRpc.ContributorPayment(BOB.toHexString(), "75", open("0.096").toString()));
    BigInteger paid = out.payments().stream().map(x -> new BigInteger(x.amount())).reduce(BigInteger.ZERO, BigInteger::add)
        .add(out.contributors().stream().map(x -> new BigInteger(x.amount())).reduce(BigInteger.ZERO, BigInteger::add));
    assertThat(paid).as("every wei of the escrow is accounted for").isEqualTo(new BigInteger(out.escrow()));
  }

  @Test
  void getInferencePayoutOfAPendingRequestIsNotSettled() {
    BigInteger id = p.request(model, open("1.14"));
    chain.add(new HostWorldView(p.chain.host));
    rpc.fails(-32013, "openledger_getInferencePayout", id).hasMessageStartingWith("inference request " + id + " is not settled: it is Requested");
  }

  @Test
  void getInferencePayoutOfAnUnknownRequestIsUnknownRequest() {
    rpc.fails(-32012, "openledger_getInferencePayout", 42).hasMessage("no inference request 42 (at block 1)");
  }

  // ------------------------------------------------------------------ content store

  @Test
  void putContentReturnsTheKeccakAndGetContentTheBytes() {
    String hash = (String) rpc.call("openledger_putContent", "0xc0ffee");
    assertThat(hash).isEqualTo(Keccak.hash(Bytes.fromHexString("0xc0ffee")).toHexString());
    assertThat(rpc.call("openledger_getContent", hash)).isEqualTo("0xc0ffee");
  }

  @Test
  void contentIsPersistedUnderTheDataPath() {
    String hash = (String) rpc.call("openledger_putContent", "0x01");
    assertThat(Files.exists(data.resolve("openledger/content/" + hash.substring(2)))).isTrue();
  }

  @Test
  void putContentAboveTheLimitIsTooLarge() {
    rpc.fails(-32005, "openledger_putContent", "0x" + "00".repeat(65)).hasMessageStartingWith("content is 65 bytes; the limit is 64");
  }

  @Test
  void getContentOfAnUnknownHashIsNotFound() {
    rpc.fails(-32014, "openledger_getContent", Bytes32.ZERO.toHexString()).hasMessageStartingWith("no content with hash 0x00");
  }

  @Test
  void contentMethodsRefuseMalformedHexAndHashes() {
    rpc.fails(-32602, "openledger_putContent", "0xabc").hasMessageContaining("content must be bytes as 0x");
    rpc.fails(-32602, "openledger_getContent", "0x1234").hasMessageContaining("hash must be a 32-byte hash");
    rpc.fails(-32602, "openledger_putContent", "0x01", "0x02").hasMessage("openledger_putContent takes 1 parameter, got 2");
  }
}
