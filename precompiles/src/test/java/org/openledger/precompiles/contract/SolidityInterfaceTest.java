package org.openledger.precompiles.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openledger.precompiles.example.Guestbook;
import org.openledger.precompiles.gas.GasRule;

class SolidityInterfaceTest {

  @Test
  void guestbookInterfaceCompilesWithSolcToTheSameAbi() throws Exception {
    SolcAbiCheck.assertAbiMatchesSolc(Guestbook.SPEC);
  }

  @Test
  void everySupportedTypeCompilesWithSolcToTheSameAbi() throws Exception {
    SolcAbiCheck.assertAbiMatchesSolc(KitchenSink.SPEC);
  }

  @Test
  void everyInterfaceDeclaresTheFrameworkErrors() {
    assertThat(Guestbook.SPEC.errors()).containsAll(FrameworkErrors.ALL);
    assertThat(SolidityInterface.render(Guestbook.SPEC)).contains("error UnknownSelector(bytes4 selector);");
  }

  @Test
  void functionsCarryNatSpec() {
    assertThat(SolidityInterface.render(Guestbook.SPEC))
        .contains("/// @notice Signs `key` with `message`; returns how many entries the book holds.\n    function sign(bytes32 key, string calldata message) external returns (uint256 entries);");
  }

  @Test
  void selectorsAreKeccakOfTheCanonicalSignature() {
    assertThat(Guestbook.SIGN.signature()).isEqualTo("sign(bytes32,string)");
    assertThat(KitchenSink.VERIFY.signature()).isEqualTo("verify((uint64,bytes32,int16[],(int128,int128)[2],string)[],bytes32,uint256[3])");
  }

  @Test
  void anUndeclaredStructIsRefusedWithTheFix() {
    Declarations d = new Declarations("IBad");
    assertThatThrownBy(() -> d.function("f(Missing m)", "", GasRule.fixed(s -> 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("declare structs before use");
  }

  @Test
  void twoFunctionsWithOneSelectorAreRefused() {
    Declarations d = new Declarations("IBad");
    d.function("f(uint256 a)", "", GasRule.fixed(s -> 1));
    assertThatThrownBy(() -> d.function("f(uint256 b) view", "", GasRule.fixed(s -> 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("selector");
  }

  @Test
  void moreThanThreeIndexedEventParametersAreRefused() {
    Declarations d = new Declarations("IBad");
    assertThatThrownBy(() -> d.event("E(uint8 indexed a, uint8 indexed b, uint8 indexed c, uint8 indexed d)", ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 3 indexed");
  }

  @Test
  void anUnreadableDeclarationIsRefusedWithItsForm() {
    Declarations d = new Declarations("IBad");
    assertThatThrownBy(() -> d.error("not a declaration", ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name(type name, ...)");
  }
}
