package org.openledger.contracts.web3j;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Catalog;
import org.openledger.governance.GovernanceContracts;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.EventSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.web3j.abi.CustomErrorEncoder;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.CustomError;
import org.web3j.abi.datatypes.Event;
import org.web3j.tx.Contract;

/**
 * Every OpenLedger contract (the catalog's and governance's) has a generated wrapper that knows all of its functions, events and
 * errors (by web3j's own encoding of their signatures), can only be loaded (never deployed), and
 * is reachable at its fixed address through {@link OpenLedgerContracts}.
 */
class WrappersTest {

  static Class<?> wrapper(Catalog.Entry e) throws ClassNotFoundException {
    return Class.forName("org.openledger.contracts.web3j." + e.interfaceName().substring(1));
  }

  @Test
  void everyContractHasALoadOnlyWrapper() throws Exception {
    for (Catalog.Entry e : GovernanceContracts.withCatalog()) {
      Class<?> w = wrapper(e);
      assertThat(Contract.class).isAssignableFrom(w);
      assertThat(w.getField("BINARY").get(null)).as(e.name()).isEqualTo(Contract.BIN_NOT_PROVIDED);
      assertThat(Arrays.stream(w.getDeclaredMethods()).map(Method::getName))
          .as(e.name() + " declares no deploy method").noneMatch(n -> n.equals("deployRemoteCall") || isStaticDeploy(w, n));
      assertThat(Arrays.stream(w.getDeclaredMethods()).filter(m -> m.getName().equals("load") && Modifier.isStatic(m.getModifiers())))
          .as(e.name()).hasSize(4);
    }
  }

  @Test
  void everyFunctionEventAndErrorIsInTheWrapperWithTheSameSignature() throws Exception {
    for (Catalog.Entry e : GovernanceContracts.withCatalog()) {
      Class<?> w = wrapper(e);
      for (FunctionSpec f : e.spec().functions()) {
        assertThat(w.getField("FUNC_" + f.name().toUpperCase(Locale.ROOT)).get(null)).as(f.signature()).isEqualTo(f.name());
        assertThat(Arrays.stream(w.getMethods()).filter(m -> m.getName().equals(f.name()) && !Modifier.isStatic(m.getModifiers())))
            .as(e.name() + " wrapper method for " + f.signature()).isNotEmpty();
      }
      for (EventSpec ev : e.spec().events()) {
        Event event = (Event) w.getField(ev.name().toUpperCase(Locale.ROOT) + "_EVENT").get(null);
        assertThat(EventEncoder.encode(event)).as(ev.signature()).isEqualTo(ev.topic0().toHexString());
      }
      for (ErrorSpec er : e.spec().errors()) {
        CustomError error = (CustomError) w.getField(er.name().toUpperCase(Locale.ROOT) + "_ERROR").get(null);
        assertThat(CustomErrorEncoder.encode(error).substring(0, 10)).as(er.signature())
            .isEqualTo(org.apache.tuweni.bytes.Bytes.wrap(er.selector()).toHexString());
      }
    }
  }

  @Test
  void openLedgerContractsNamesEveryFixedAddress() throws Exception {
    for (Catalog.Entry e : GovernanceContracts.withCatalog()) {
      String address = (String) OpenLedgerContracts.class.getField(e.name().toUpperCase(Locale.ROOT)).get(null);
      assertThat(address).isEqualTo(e.address().toHexString());
    }
    {
      var web3j = org.web3j.protocol.Web3j.build(new FakeNode());
      var gas = new org.web3j.tx.gas.StaticGasProvider(java.math.BigInteger.ZERO, java.math.BigInteger.valueOf(1_000_000));
      var tm = new org.web3j.tx.ReadonlyTransactionManager(web3j, "0x0000000000000000000000000000000000000e01");
      assertThat(OpenLedgerContracts.models(web3j, tm, gas).getContractAddress()).isEqualTo(OpenLedgerContracts.MODELS);
      assertThat(OpenLedgerContracts.provers(web3j, tm, gas).getContractAddress()).isEqualTo(OpenLedgerContracts.PROVERS);
      assertThat(OpenLedgerContracts.governor(web3j, tm, gas).getContractAddress()).isEqualTo(OpenLedgerContracts.GOVERNOR);
      assertThat(OpenLedgerContracts.timelock(web3j, tm, gas).getContractAddress()).isEqualTo(OpenLedgerContracts.TIMELOCK);
    }
  }

  private static boolean isStaticDeploy(Class<?> w, String name) {
    return name.equals("deploy") && Arrays.stream(w.getDeclaredMethods())
        .anyMatch(m -> m.getName().equals("deploy") && Modifier.isStatic(m.getModifiers()));
  }
}
