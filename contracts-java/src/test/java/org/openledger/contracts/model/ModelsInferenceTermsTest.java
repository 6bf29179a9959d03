package org.openledger.contracts.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openledger.contracts.model.ModelsFixture.ADAPTER_OWNER;
import static org.openledger.contracts.model.ModelsFixture.HOST;
import static org.openledger.contracts.model.ModelsFixture.OPEN;
import static org.openledger.contracts.model.ModelsFixture.OWNER;
import static org.openledger.contracts.model.ModelsFixture.STRANGER;
import static org.openledger.contracts.model.ModelsFixture.big;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.model.Models.State;
import org.openledger.contracts.model.ModelsFixture.Spec;
import org.openledger.precompiles.Address;

/** What Inference snapshots: {@code inferenceTerms} for base models and adapters. */
class ModelsInferenceTermsTest {
  final ModelsFixture f = new ModelsFixture();

  static List<Object> terms(boolean deployed, Address owner, Address baseOwner, Address host, BigInteger inRate, BigInteger outRate,
      int tokenMode, long fixedIn, long fixedOut, boolean isAdapter) {
    return List.of(deployed, owner, baseOwner, host, inRate, outRate, big(tokenMode), big(fixedIn), big(fixedOut), isAdapter);
  }

  @Test
  void aDeployedBaseModelsDeployedVersionIsServedOnItsRegisteredTerms() {
    BigInteger id = f.modelIn(State.DEPLOYED); // v1 deployed: 784 in, 1 out, 1 OPEN per 1,000 each way, hosted by HOST
    assertThat(f.terms(id, 1)).isEqualTo(terms(true, OWNER, Address.ZERO, HOST, OPEN, OPEN, 0, 784, 1, false));
  }

  @Test
  void onlyTheDeployedVersionIsFlaggedDeployed() {
    BigInteger id = f.modelIn(State.DEPLOYED); // v2 registered and attested, not deployed
    assertThat(f.terms(id, 2)).isEqualTo(terms(false, OWNER, Address.ZERO, HOST, OPEN.shiftLeft(1), OPEN, 0, 784, 1, false));
    f.ok(Addresses.TIMELOCK, Models.DEPLOY, id, big(2));
    assertThat(f.deployedFlag(id, 2)).isTrue();
    assertThat(f.deployedFlag(id, 1)).isFalse();
  }

  @Test
  void noVersionIsDeployedBeforeDeploymentOrAfterDeprecation() {
    BigInteger evaluating = f.modelIn(State.EVALUATION);
    assertThat(f.deployedFlag(evaluating, 1)).isFalse();
    BigInteger deprecated = f.modelIn(State.DEPRECATED);
    assertThat(f.deployedFlag(deprecated, 1)).isFalse();
    assertThat(f.deployedFlag(deprecated, 2)).isFalse();
  }

  @Test
  void anAdaptersTermsNameTheBaseModelsOwner() {
    BigInteger[] pair = f.deployedBaseAndAdapter();
    assertThat(f.terms(pair[1], 1)).isEqualTo(terms(true, ADAPTER_OWNER, OWNER, HOST, OPEN, OPEN, 0, 784, 1, true));
    assertThat(f.terms(pair[1], 2).get(0)).isEqualTo(false);
    assertThat(f.terms(pair[1], 2).get(2)).isEqualTo(OWNER);
  }

  @Test
  void anAdapterStopsServingWhenItsBaseIsDeprecated() {
    BigInteger[] pair = f.deployedBaseAndAdapter();
    f.ok(Addresses.TIMELOCK, Models.DEPRECATE, pair[0]);
    assertThat(f.state(pair[1])).isEqualTo(State.DEPLOYED);
    assertThat(f.deployedFlag(pair[1], 1)).isFalse();
  }

  @Test
  void aZeroHostMeansTheOwner() {
    BigInteger id = f.modelIn(State.APPROVED);
    f.register(id, OWNER, Spec.valid().withHost(Address.ZERO));
    assertThat(f.terms(id, 1).get(3)).isEqualTo(OWNER);
    f.ok(OWNER, Models.SET_HOST, id, BigInteger.ONE, STRANGER);
    assertThat(f.terms(id, 1).get(3)).isEqualTo(STRANGER);
    f.ok(OWNER, Models.SET_HOST, id, BigInteger.ONE, Address.ZERO);
    assertThat(f.terms(id, 1).get(3)).isEqualTo(OWNER);
    assertThat(f.chain.host.logs()).endsWith(Models.HOST_SET.toLog(Addresses.MODELS, id, BigInteger.ONE, OWNER));
  }

  @Test
  void newRatesApplyToTermsReadAfterTheChange() {
    BigInteger id = f.modelIn(State.DEPLOYED);
    List<Object> before = f.terms(id, 1); // what a request made now snapshots
    f.ok(OWNER, Models.SET_RATES, id, BigInteger.ONE, big(3), big(5));
    assertThat(f.chain.host.logs()).endsWith(Models.RATES_SET.toLog(Addresses.MODELS, id, BigInteger.ONE, big(3), big(5)));
    assertThat(before.subList(4, 6)).containsExactly(OPEN, OPEN);
    assertThat(f.terms(id, 1).subList(4, 6)).containsExactly(big(3), big(5));
  }

  @Test
  void ratesAboveALoweredBoundAreServedAtTheBound() {
    BigInteger id = f.modelIn(State.DEPLOYED); // v1: 1 OPEN in, 1 OPEN out
    f.ok(Addresses.TIMELOCK, Models.SET_MAX_RATES, OPEN.divide(BigInteger.TWO), OPEN.shiftLeft(1));
    assertThat(f.terms(id, 1).subList(4, 6)).containsExactly(OPEN.divide(BigInteger.TWO), OPEN);
    // the owner's own figure is kept: raising the bound again restores it
    @SuppressWarnings("unchecked")
    List<Object> spec = (List<Object>) ((List<Object>) f.view(Models.VERSION_VIEW, id, BigInteger.ONE)).get(0);
    assertThat(spec.get(10)).isEqualTo(OPEN);
  }

  @Test
  void aTextVersionReportsTextModeAndNoFixedCounts() {
    BigInteger id = f.modelIn(State.APPROVED);
    f.register(id, OWNER, Spec.text());
    assertThat(f.terms(id, 1).subList(6, 9)).containsExactly(big(1), BigInteger.ZERO, BigInteger.ZERO);
  }

  @Test
  void inferenceTermsFitsTheGasItDeclaresOnItsLongestPath() {
    BigInteger[] pair = f.deployedBaseAndAdapter(); // an adapter reads its base too
    f.ok(Addresses.TIMELOCK, Models.SET_MAX_RATES, OPEN, OPEN); // set parameters read their value word too
    assertThat(f.deployedFlag(pair[1], 1)).isTrue();
  }
}
