package org.openledger.contracts.web3j;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.precompiles.contract.FunctionSpec;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * The calldata a generated wrapper builds (web3j's {@code FunctionEncoder} on the wrapper's
 * {@code Function}, via {@link RemoteFunctionCall#encodeFunctionCall()}) is byte for byte what our
 * {@link FunctionSpec#encodeCall} builds for the same arguments, for functions of every contract
 * and every kind of parameter: strings, dynamic and fixed bytes, addresses, small and large
 * integers, booleans, arrays and structs.
 */
class CalldataTest {
  static final BigInteger MAX_UINT256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
  static final Address ALICE = Address.of(0x0e01);
  static final BigInteger WEI = BigInteger.TEN.pow(18);

  private final Web3j web3j = Web3j.build(new FakeNode());
  private final ReadonlyTransactionManager tm = new ReadonlyTransactionManager(web3j, ALICE.toHexString());
  private final StaticGasProvider gas = new StaticGasProvider(BigInteger.ZERO, BigInteger.valueOf(1_000_000));
  private final Datanets datanets = OpenLedgerContracts.datanets(web3j, tm, gas);
  private final Models models = OpenLedgerContracts.models(web3j, tm, gas);
  private final Inference inference = OpenLedgerContracts.inference(web3j, tm, gas);
  private final Staking staking = OpenLedgerContracts.staking(web3j, tm, gas);
  private final Provers provers = OpenLedgerContracts.provers(web3j, tm, gas);
  private final Services services = OpenLedgerContracts.services(web3j, tm, gas);

  static void same(RemoteFunctionCall<?> wrapperCall, FunctionSpec ours, Object... args) {
    assertThat(wrapperCall.encodeFunctionCall()).as(ours.signature()).isEqualTo(ours.encodeCall(args).toHexString());
  }

  static Bytes32 word(String seed) {
    return Bytes32.wrap(Keccak.hash(seed.getBytes(StandardCharsets.UTF_8)));
  }

  static BigInteger n(long v) {
    return BigInteger.valueOf(v);
  }

  @Test
  void datanets() {
    Bytes32 h = word("contribution");
    same(datanets.create("news", "ipfs://d", WEI, n(5)), org.openledger.contracts.datanet.Datanets.CREATE, "news", "ipfs://d", WEI, n(5));
    same(datanets.submit(n(1), h.toArray(), "ipfs://c", WEI), org.openledger.contracts.datanet.Datanets.SUBMIT, n(1), h, "ipfs://c");
    same(datanets.accept(n(7), h.toArray()), org.openledger.contracts.datanet.Datanets.ACCEPT, n(7), h);
    same(datanets.reject(n(7), "spam — ünïcødé ✓"), org.openledger.contracts.datanet.Datanets.REJECT, n(7), "spam — ünïcødé ✓");
    same(datanets.claim(List.of(n(1), n(2), MAX_UINT256)), org.openledger.contracts.datanet.Datanets.CLAIM, List.of(n(1), n(2), MAX_UINT256));
    same(datanets.claim(List.of()), org.openledger.contracts.datanet.Datanets.CLAIM, List.of());
    same(datanets.setCurator(n(1), ALICE.toHexString()), org.openledger.contracts.datanet.Datanets.SET_CURATOR, n(1), ALICE);
    same(datanets.payAccess(n(3), WEI), org.openledger.contracts.datanet.Datanets.PAY_ACCESS, n(3));
    same(datanets.datanet(n(7)), org.openledger.contracts.datanet.Datanets.DATANET, n(7));
    same(datanets.contributionsOfPage(ALICE.toHexString(), n(64)), org.openledger.contracts.datanet.Datanets.CONTRIBUTIONS_OF_PAGE, ALICE, n(64));
    same(datanets.liabilities(), org.openledger.contracts.datanet.Datanets.LIABILITIES);
  }

  @Test
  void models() {
    var spec = new Models.VersionSpec(word("w").toArray(), word("b").toArray(), word("i").toArray(), n(100), n(1000), n(1), n(0),
        n(400), n(240), ALICE.toHexString(), WEI, MAX_UINT256, n(512));
    List<Object> ours = List.of(word("w"), word("b"), word("i"), n(100), n(1000), n(1), n(0), n(400), n(240), ALICE, WEI, MAX_UINT256, n(512));
    same(models.registerVersion(n(5), spec), org.openledger.contracts.model.Models.REGISTER_VERSION, n(5), ours);
    same(models.propose(n(0), List.of(n(1), n(2)), "fashion", "ipfs://m"), org.openledger.contracts.model.Models.PROPOSE,
        n(0), List.of(n(1), n(2)), "fashion", "ipfs://m");
    same(models.deploy(n(3), n(1)), org.openledger.contracts.model.Models.DEPLOY, n(3), n(1));
    same(models.setRates(n(3), n(1), n(7), n(9)), org.openledger.contracts.model.Models.SET_RATES, n(3), n(1), n(7), n(9));
    same(models.setHost(n(3), n(1), ALICE.toHexString()), org.openledger.contracts.model.Models.SET_HOST, n(3), n(1), ALICE);
    same(models.model(n(3)), org.openledger.contracts.model.Models.MODEL_VIEW, n(3));
    same(models.version(n(3), n(2)), org.openledger.contracts.model.Models.VERSION_VIEW, n(3), n(2));
    same(models.hasAttested(n(3), n(2), ALICE.toHexString()), org.openledger.contracts.model.Models.HAS_ATTESTED, n(3), n(2), ALICE);
    same(models.parameters(), org.openledger.contracts.model.Models.PARAMETERS);
  }

  @Test
  void inference() {
    Bytes32 in = word("input");
    same(inference.request(n(1), n(1), in.toArray(), n(400), n(240), WEI), org.openledger.contracts.inference.Inference.REQUEST_FN,
        n(1), n(1), in, n(400), n(240));
    same(inference.submitResult(n(9), word("out").toArray(), n(240)), org.openledger.contracts.inference.Inference.SUBMIT_RESULT,
        n(9), word("out"), n(240));
    same(inference.setFeeSplit(n(7000), n(1000), n(2000), n(65535), n(0)), org.openledger.contracts.inference.Inference.SET_SPLIT,
        n(7000), n(1000), n(2000), n(65535), n(0));
    same(inference.setRequestTimeout(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)),
        org.openledger.contracts.inference.Inference.SET_TIMEOUT, BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
    same(inference.quote(n(1), n(1), n(400), n(240)), org.openledger.contracts.inference.Inference.QUOTE, n(1), n(1), n(400), n(240));
    same(inference.getRequest(n(9)), org.openledger.contracts.inference.Inference.GET_REQUEST, n(9));
  }

  @Test
  void staking() {
    same(staking.stake(n(3), WEI), org.openledger.contracts.staking.Staking.STAKE, n(3));
    same(staking.checkpoints(ALICE.toHexString(), n(4_294_967_295L)), org.openledger.contracts.staking.Staking.CHECKPOINTS,
        ALICE, n(4_294_967_295L));
    same(staking.getPastVotes(ALICE.toHexString(), n(10)), org.openledger.contracts.staking.Staking.GET_PAST_VOTES, ALICE, n(10));
    same(staking.delegate(ALICE.toHexString()), org.openledger.contracts.staking.Staking.DELEGATE, ALICE);
    same(staking.slash(n(4), WEI), org.openledger.contracts.staking.Staking.SLASH, n(4), WEI);
    same(staking.claimAll(), org.openledger.contracts.staking.Staking.CLAIM_ALL);
    same(staking.CLOCK_MODE(), org.openledger.contracts.staking.Staking.CLOCK_MODE);
  }

  @Test
  void provers() {
    byte[] proof = new byte[77];
    for (int i = 0; i < proof.length; i++) proof[i] = (byte) (i * 37);
    same(provers.bond(WEI), org.openledger.contracts.prover.Provers.BOND);
    same(provers.submitProof(n(1), proof), org.openledger.contracts.prover.Provers.SUBMIT_PROOF, n(1), Bytes.wrap(proof));
    same(provers.submitProof(n(1), new byte[0]), org.openledger.contracts.prover.Provers.SUBMIT_PROOF, n(1), Bytes.EMPTY);
    same(provers.challenge(n(1), word("evidence").toArray(), WEI), org.openledger.contracts.prover.Provers.CHALLENGE, n(1), word("evidence"));
    same(provers.resolveChallenge(n(1), true), org.openledger.contracts.prover.Provers.RESOLVE_CHALLENGE, n(1), true);
    same(provers.resolveChallenge(n(1), false), org.openledger.contracts.prover.Provers.RESOLVE_CHALLENGE, n(1), false);
    same(provers.setParameter(word("claimWindow").toArray(), n(600)), org.openledger.contracts.prover.Provers.SET_PARAMETER,
        word("claimWindow"), n(600));
    same(provers.claimOf(n(1)), org.openledger.contracts.prover.Provers.CLAIM_OF, n(1));
  }

  @Test
  void services() {
    same(services.openJob(n(3), word("dataset").toArray(), n(9_000), n(100), WEI), org.openledger.contracts.services.Services.OPEN_JOB,
        n(3), word("dataset"), n(9_000), n(100));
    same(services.deliver(n(1), n(2), MAX_UINT256, word("eval").toArray()), org.openledger.contracts.services.Services.DELIVER,
        n(1), n(2), MAX_UINT256, word("eval"));
    same(services.dispute(n(1), "score does not reproduce"), org.openledger.contracts.services.Services.DISPUTE, n(1), "score does not reproduce");
    same(services.resolveDispute(n(1), true), org.openledger.contracts.services.Services.RESOLVE_DISPUTE, n(1), true);
    same(services.openRound(n(3), WEI, n(4_294_967_295L), n(1_000), WEI), org.openledger.contracts.services.Services.OPEN_ROUND,
        n(3), WEI, n(4_294_967_295L), n(1_000));
    same(services.claimFeedback(List.of(n(4), n(5))), org.openledger.contracts.services.Services.CLAIM_FEEDBACK, List.of(n(4), n(5)));
    same(services.feedbackIdOf(n(1), ALICE.toHexString(), n(2)), org.openledger.contracts.services.Services.FEEDBACK_ID_OF, n(1), ALICE, n(2));
    same(services.job(n(1)), org.openledger.contracts.services.Services.JOB, n(1));
  }

  @Property(tries = 200)
  void anyStringsAndAmountsEncodeAlike(
      @ForAll @StringLength(max = 80) @CharRange(from = '\u0000', to = '\ud7ff') String name,
      @ForAll @StringLength(max = 300) @CharRange(from = ' ', to = '\u07ff') String uri,
      @ForAll @BigRange(min = "0", max = "115792089237316195423570985008687907853269984665640564039457584007913129639935") BigInteger deposit,
      @ForAll @BigRange(min = "0", max = "115792089237316195423570985008687907853269984665640564039457584007913129639935") BigInteger fee) {
    same(datanets.create(name, uri, deposit, fee), org.openledger.contracts.datanet.Datanets.CREATE, name, uri, deposit, fee);
  }

  @Property(tries = 200)
  void anyIdListsEncodeAlike(
      @ForAll @Size(max = 40) List<@BigRange(min = "0", max = "115792089237316195423570985008687907853269984665640564039457584007913129639935") BigInteger> ids,
      @ForAll @StringLength(max = 64) @CharRange(from = 'a', to = 'z') String name) {
    same(models.propose(BigInteger.ZERO, ids, name, ""), org.openledger.contracts.model.Models.PROPOSE, BigInteger.ZERO, ids, name, "");
    same(datanets.claim(ids), org.openledger.contracts.datanet.Datanets.CLAIM, ids);
  }
}
