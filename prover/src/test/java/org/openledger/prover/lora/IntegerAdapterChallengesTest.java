package org.openledger.prover.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.prover.lora.AdapterAttributionTest.CHALLENGER;
import static org.openledger.prover.lora.AdapterAttributionTest.claimState;
import static org.openledger.prover.lora.AdapterAttributionTest.pixels;
import static org.openledger.prover.lora.AdapterAttributionTest.request;
import static org.openledger.prover.proof.RequestFixture.source;
import static org.openledger.prover.lora.AdapterAttributionTest.submit;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.attribution.AttributionProof;
import org.openledger.contracts.attribution.FixedLora;
import org.openledger.contracts.attribution.IndexLeaf;
import org.openledger.contracts.attribution.LoraBasisRow;
import org.openledger.contracts.attribution.Rounding;
import org.openledger.contracts.prover.Provers;
import org.openledger.precompiles.host.CallResult;
import org.openledger.prover.attribution.adapter.IntegerAdapter;
import org.openledger.prover.attribution.index.Query;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.proof.ProofAuditor;
import org.openledger.prover.proof.ProofEngine;
import org.openledger.prover.proof.ProofEngines;
import org.openledger.prover.proof.RequestFixture;

/**
 * An OLA2 adapter version (docs/openlora.md §8) built by {@link AdapterFactory} from the fine-tuning
 * of {@link AdapterAttributionTest}: the daemon's engines prove its requests in the chain's integers,
 * so an honest proof survives the output and ψ challenges, and a wrong ψ or output is found by the
 * audit and slashed on-chain with the evidence it returns.
 */
class IntegerAdapterChallengesTest {

  @BeforeAll
  static void deliver() {
    AdapterAttributionTest.deliver();
  }

  @AfterAll
  static void close() {
    AdapterAttributionTest.close();
  }

  static AdapterArtifacts a() {
    return AdapterAttributionTest.integer;
  }

  static ProofEngine.Version v() {
    return AdapterAttributionTest.integerVersion;
  }

  /** A request on test image {@code image}, resulted as {@code output}, with its content in a copy of the store. */
  static RequestFixture.Setup requested(int image, int output, Map<Bytes32, byte[]> content) {
    content.putAll(AdapterAttributionTest.store);
    return request(a(), image, output, content);
  }

  @Test
  void theVersionIsAnOla2BlobCarryingItsBaseAndItsClassIsTheChainsInteger() {
    FixedLora m = FixedLora.decode(a().weightsBytes());
    assertThat(m.base()).isEqualTo(AdapterAttributionTest.fixedBase);
    assertThat(a().query(pixels(3)).predicted()).isEqualTo(m.predict(pixels(3)));
    LabelledImages test = AdapterAttributionTest.test;
    int agree = 0;
    for (int i = 0; i < test.size(); i++) if (m.predict(pixels(i)) == new LoraGradient(a().base(), a().adapter()).predict(BaseMlp.pixels(pixels(i)))) agree++;
    System.out.printf("OLA2: integer class = float class of its dequantized adapter on %d of %d test images; evaluation %d bp integer%n", agree,
        test.size(), AdapterFactory.evaluationScoreBp(a(), test));
    assertThat(agree).isGreaterThan(test.size() * 95 / 100);
  }

  @Test
  void anHonestProofOfAnIntegerAdapterAuditsSoundAndSurvivesThePsiAndOutputChallenges() {
    Map<Bytes32, byte[]> content = new HashMap<>();
    int cls = a().query(pixels(17)).predicted();
    var s = requested(17, cls, content);
    Bytes proof = ((ProofEngine.Outcome.Proof) new ProofEngines(source(content)).prove(s.binding(), v())).bytes();
    submit(s, proof);
    assertThat(new ProofEngines(source(content)).audit(s.binding(), v(), proof)).isInstanceOf(ProofAuditor.Finding.Sound.class);
    for (int j : new int[] {0, a().rank() - 1}) {
      CallResult r = s.p().chain.send(CHALLENGER, Addresses.PROVERS, Provers.CHALLENGER_BOND.defaultValue(), Provers.CHALLENGE_PSI, s.request(), proof,
          BigInteger.valueOf(j), Bytes.wrap(a().weightsBytes()), Bytes.wrap(pixels(17)), Bytes.wrap(a().rows().get(j).leafBytes()),
          a().basisTree().multiproof(new int[] {j}));
      assertThat(r.isSuccess()).as(s.p().chain.describe(Addresses.PROVERS, r)).isTrue();
    }
    CallResult out = s.p().chain.send(CHALLENGER, Addresses.PROVERS, Provers.CHALLENGER_BOND.defaultValue(), Provers.CHALLENGE_OUTPUT, s.request(),
        Bytes.wrap(a().weightsBytes()), Bytes.wrap(pixels(17)));
    assertThat(out.isSuccess()).as(s.p().chain.describe(Addresses.PROVERS, out)).isTrue();
    assertThat(claimState(s)).as("the honest proof stands").isEqualTo(Provers.PROVEN);
  }

  @Test
  void aWrongPsiOnAnIntegerAdapterIsFoundByTheAuditAndSlashedOnChain() {
    Map<Bytes32, byte[]> content = new HashMap<>();
    Query q = a().query(pixels(23));
    var s = requested(23, q.predicted(), content);
    short[] psi = q.psi();
    psi[1] += psi[1] > 0 ? -1 : 1;
    Bytes proof = AttributionProof.build(s.binding().hash(), q.shift(), psi, a().leaves(), a().tree(), AttributionProof.MAX_LEAVES).encode();
    submit(s, proof);
    var finding = new ProofEngines(source(content)).audit(s.binding(), v(), proof);
    assertThat(finding).isInstanceOf(ProofAuditor.Finding.WrongPsi.class);
    var w = (ProofAuditor.Finding.WrongPsi) finding;
    assertThat(w.coordinate()).isEqualTo(1);
    CallResult r = s.p().chain.send(CHALLENGER, Addresses.PROVERS, Provers.CHALLENGER_BOND.defaultValue(), Provers.CHALLENGE_PSI, s.request(), proof,
        BigInteger.valueOf(w.coordinate()), Bytes.wrap(w.weights()), Bytes.wrap(w.input()), Bytes.wrap(w.basisRow()), w.basisProof());
    assertThat(r.isSuccess()).as(s.p().chain.describe(Addresses.PROVERS, r)).isTrue();
    assertThat(claimState(s)).as("slashed: the request reopens").isEqualTo(Provers.NONE);
  }

  @Test
  void aWrongOutputOnAnIntegerAdapterIsRefusedByTheProverFoundByTheAuditAndSlashedOnChain() {
    Map<Bytes32, byte[]> content = new HashMap<>();
    Query q = a().query(pixels(29));
    var s = requested(29, (q.predicted() + 1) % 10, content);
    assertThat(new ProofEngines(source(content)).prove(s.binding(), v())).isInstanceOf(ProofEngine.Outcome.WrongOutput.class);
    Bytes proof = AttributionProof.build(s.binding().hash(), q.shift(), q.psi(), a().leaves(), a().tree(), AttributionProof.MAX_LEAVES).encode();
    submit(s, proof);
    var finding = new ProofEngines(source(content)).audit(s.binding(), v(), proof);
    assertThat(finding).isInstanceOf(ProofAuditor.Finding.WrongOutput.class);
    CallResult r = s.p().chain.send(CHALLENGER, Addresses.PROVERS, Provers.CHALLENGER_BOND.defaultValue(), Provers.CHALLENGE_OUTPUT, s.request(),
        Bytes.wrap(((ProofAuditor.Finding.WrongOutput) finding).weights()), Bytes.wrap(pixels(29)));
    assertThat(r.isSuccess()).as(s.p().chain.describe(Addresses.PROVERS, r)).isTrue();
    assertThat(claimState(s)).isEqualTo(Provers.NONE);
  }

  @Test
  void everyLeafCoordinateIsTheRoundedSumOfTheChainsExampleProjections() {
    // the leaf game's step recomputes raw_j(g_e) with CommittedModel.exampleProjection: the index must be exactly those sums
    FixedLora m = a().integer();
    List<LoraBasisRow> rows = IntegerAdapter.chainRows(a().rows());
    LabelledImages ex = AdapterAttributionTest.set.examples();
    int shift = AdapterAttributionTest.integerBuilt.index().shift();
    for (int j : new int[] {0, 1, a().rank() - 1}) {
      long[] sums = new long[a().leaves().size()];
      var owners = AdapterAttributionTest.set.owners();
      for (int i = 0; i < ex.size(); i++) {
        int leaf = leafOf(owners.get(i).contributor());
        sums[leaf] = Math.addExact(sums[leaf], m.exampleProjection(rows.get(j), IntegerAdapter.pixels(ex, i), ex.label(i)));
      }
      for (int c = 0; c < sums.length; c++) assertThat((long) a().leaves().get(c).u()[j]).isEqualTo(Rounding.shift(sums[c], shift));
    }
  }

  static int leafOf(org.openledger.precompiles.Address contributor) {
    List<IndexLeaf> leaves = a().leaves();
    for (int c = 0; c < leaves.size(); c++) if (leaves.get(c).contributor().equals(contributor)) return c;
    throw new AssertionError("no leaf for " + contributor);
  }
}
