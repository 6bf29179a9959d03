package org.openledger.precompiles.abi;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.utils.Numeric;

class ScratchTest {
  @Test
  void scratch() {
    for (String sig : List.of("(string[])", "((bool,string[]))")) {
      AbiType.Tuple t = (AbiType.Tuple) AbiType.parse(sig);
      List<Object> v = defaults(t);
      System.out.println(sig + " " + v);
      String w = TypeEncoder.encode(new DynamicStruct(Web3jTypes.toWeb3j(t, v)));
      String o = Numeric.toHexStringNoPrefix(AbiCodec.encode(t, v));
      System.out.println(" web3j " + w.replaceAll("(.{64})", "$1\n       "));
      System.out.println(" ours  " + o.replaceAll("(.{64})", "$1\n       "));
    }
  }

  @SuppressWarnings("unchecked")
  static List<Object> defaults(AbiType.Tuple t) {
    return (List<Object>) def(t);
  }

  static Object def(AbiType t) {
    return switch (t) {
      case AbiType.Uint u -> BigInteger.ONE;
      case AbiType.Int i -> BigInteger.TWO;
      case AbiType.Bool b -> true;
      case AbiType.Str s -> "\uFFFF\uD800\uDC00\uD800\uDC00\uD800\uDC00\uFFFFabc";
      case AbiType.DynamicBytes d -> org.apache.tuweni.bytes.Bytes.of(7);
      case AbiType.Array a -> java.util.Collections.nCopies(a.isFixed() ? a.length() : 1, def(a.element()));
      case AbiType.Tuple tu -> tu.components().stream().map(ScratchTest::def).toList();
      default -> throw new IllegalStateException();
    };
  }
}
