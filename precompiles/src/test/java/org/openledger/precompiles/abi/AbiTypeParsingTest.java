package org.openledger.precompiles.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link AbiType#parse} takes exactly the canonical type names that signatures and selectors use. */
class AbiTypeParsingTest {

  @Test
  void aTupleArrayParsesIntoNestedArraysOfATuple() {
    AbiType type = AbiType.parse("(uint256,bytes)[2][]");

    AbiType tuple = AbiType.Tuple.of(new AbiType.Uint(256), new AbiType.DynamicBytes());
    assertThat(type).isEqualTo(new AbiType.Array(new AbiType.Array(tuple, 2), AbiType.Array.DYNAMIC));
  }

  @Test
  void aTupleArrayPrintsCanonically() {
    assertThat(AbiType.parse("(uint256,bytes)[2][]").canonical()).isEqualTo("(uint256,bytes)[2][]");
  }

  @Test
  void theLastBracketIsTheOutermostArray() {
    // uint8[2][3] is three arrays of two
    AbiType.Array type = (AbiType.Array) AbiType.parse("uint8[2][3]");

    assertThat(type.length()).isEqualTo(3);
    assertThat(type.element()).isEqualTo(new AbiType.Array(new AbiType.Uint(8), 2));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "uint8", "uint256", "int8", "int136", "int256", "address", "bool", "bytes1", "bytes32", "bytes", "string",
      "uint256[]", "bytes32[4]", "string[][3]", "()", "(bool)", "((address,string)[],uint8)[1]", "(uint256,(bytes,(int8)))"})
  void canonicalNamesParseAndPrintUnchanged(String name) {
    assertThat(AbiType.parse(name).canonical()).isEqualTo(name);
  }

  @Test
  void uintWithoutAWidthIsRefused() {
    assertRefused("uint");
  }

  @Test
  void intWithoutAWidthIsRefused() {
    assertRefused("int");
  }

  @Test
  void anAliasInsideATupleIsRefused() {
    assertRefused("(address,uint)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"uint7", "uint0", "uint264", "int4", "int257", "uint-8"})
  void integerWidthsOtherThanMultiplesOf8UpTo256AreRefused(String name) {
    assertRefused(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes33", "bytes0", "bytes-1"})
  void fixedBytesOutside1To32AreRefused(String name) {
    assertRefused(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"uint08", "bytes032", "uint256[02]", "uint256[+2]", "uint\u0668"})
  void nonCanonicalNumbersAreRefused(String name) {
    // Integer.parseInt takes leading zeros, a plus sign and non-ASCII digits: none are canonical
    assertRefused(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"uint256[0]", "uint256[-1]", "uint256[x]", "uint256[", "uint256]"})
  void malformedArraySuffixesAreRefused(String name) {
    assertRefused(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"(", "(uint256", "(uint256,", "(uint256,)", "(,uint256)", "(uint256))", ")"})
  void unbalancedOrEmptyTupleMembersAreRefused(String name) {
    assertRefused(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " uint256", "uint256 ", "(uint256, bool)", "UINT256", "fixed128x18", "function", "tuple"})
  void namesThatAreNotCanonicalTypesAreRefused(String name) {
    assertRefused(name);
  }

  @Test
  void anArrayOfEmptyTuplesIsRefused() {
    // its elements take no bytes, so no amount of data bounds its length
    assertRefused("()[]");
    assertRefused("()[3]");
  }

  @Test
  void aFixedArrayWhoseEncodingExceeds2GiBIsRefused() {
    assertRefused("uint256[67108864]");
    assertRefused("uint8[65536][65536]");
  }

  @Test
  void theEmptyTupleIsTheEmptyParameterList() {
    assertThat(AbiType.parse("()")).isEqualTo(new AbiType.Tuple(java.util.List.of()));
  }

  @Test
  void parsedTuplesEqualConstructedTuples() {
    assertThat(AbiType.parse("(address,bool)")).isEqualTo(AbiType.Tuple.of(new AbiType.AddressType(), new AbiType.Bool()));
  }

  private static void assertRefused(String name) {
    assertThatThrownBy(() -> AbiType.parse(name)).isInstanceOf(IllegalArgumentException.class);
  }
}
