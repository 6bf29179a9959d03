package org.openledger.precompiles.gas;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/** The v1 prices of the work a storage read does not cover: deriving slot keys, views, logged strings (docs/gas.md §5). */
class GasScheduleTest {
  static final GasSchedule V1 = GasSchedule.V1;

  @Test
  void aDerivedSlotKeyCostsWhatAStorageReadCosts() {
    assertThat(V1.storageKey()).isEqualTo(V1.storageRead());
  }

  @Test
  void aViewPaysTwoReadsPerStorageReadAndFourPerSlotKey() {
    assertThat(V1.viewRead()).isEqualTo(2 * V1.storageRead());
    assertThat(V1.viewKey()).isEqualTo(4 * V1.storageRead());
    assertThat(V1.view(3, 2)).isEqualTo(3 * 2 * V1.storageRead() + 2 * 4 * V1.storageRead());
  }

  @Test
  void aViewThatReadsNothingCostsNothingBeyondTheCall() {
    assertThat(V1.view(0, 0)).isZero();
  }

  @Test
  void aLoggedStringWordPaysItsThirtyTwoLogBytesAndARead() {
    assertThat(V1.loggedStringWord()).isEqualTo(32 * V1.logDataByte() + V1.storageRead());
  }

  @Test
  void aViewRuleChargesTheSameWhateverTheCalldata() {
    GasRule rule = GasRule.view(5, 3);
    assertThat(rule.gas(V1, Bytes.EMPTY)).isEqualTo(V1.view(5, 3));
    assertThat(rule.gas(V1, Bytes.wrap(new byte[4 + 32 * 10]))).isEqualTo(V1.view(5, 3));
  }

  @Test
  void aViewRuleFollowsTheScheduleItIsGiven() {
    GasSchedule doubled = new GasSchedule("test", V1.call(), V1.calldataWord(), V1.storageRead(), V1.storageWrite(), V1.storageKey(),
        2 * V1.viewRead(), 2 * V1.viewKey(), V1.logBase(), V1.logTopic(), V1.logDataByte(), V1.keccakBase(), V1.keccakWord(),
        V1.transfer(), V1.nestedCall(), V1.hashBlock(), V1.multiplyAdd(), V1.abiValue());
    assertThat(GasRule.view(5, 3).gas(doubled, Bytes.EMPTY)).isEqualTo(2 * V1.view(5, 3));
  }
}
