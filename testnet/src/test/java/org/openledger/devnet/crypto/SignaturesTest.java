package org.openledger.devnet.crypto;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SignaturesTest {
  @Test
  void refusesHighS() {
    assertThatThrownBy(() -> Signatures.check(BigInteger.ONE, Signatures.HALF_N.add(BigInteger.ONE), 0))
        .isInstanceOf(InvalidSignatureException.class).hasMessageContaining("EIP-2");
  }

  @Test
  void refusesZeroR() {
    assertThatThrownBy(() -> Signatures.check(BigInteger.ZERO, BigInteger.ONE, 0)).isInstanceOf(InvalidSignatureException.class);
  }

  @Test
  void refusesRecoveryIdsOtherThanZeroAndOne() {
    assertThatThrownBy(() -> Signatures.check(BigInteger.ONE, BigInteger.ONE, 2)).isInstanceOf(InvalidSignatureException.class);
  }

  @Test
  void theNativeLibraryLoadsOnThisPlatform() throws Exception {
    // Linux x86_64 is what the node targets: a silent fallback here would cost 5x in throughput.
    NativeRecovery.load();
  }
}
