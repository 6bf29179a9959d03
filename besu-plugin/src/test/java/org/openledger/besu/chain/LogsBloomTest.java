package org.openledger.besu.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.inference.Inference;

/** The bloom bits against web3j's independent implementation (org.web3j.utils.Bloom). */
class LogsBloomTest {
  static final Bytes EMPTY = Bytes.wrap(new byte[256]);

  @Test
  void setsTheSameBitsAsWeb3j() {
    Bytes address = Addresses.INFERENCE.toBytes();
    Bytes32 topic = Inference.CONTRIBUTOR_PAID_EVENT.topic0();
    Bytes ours = LogsBloom.with(LogsBloom.with(EMPTY, address), topic);
    org.web3j.utils.Bloom theirs = new org.web3j.utils.Bloom();
    theirs.add(address.toArrayUnsafe());
    theirs.add(topic.toArrayUnsafe());
    assertThat(ours.toArrayUnsafe()).isEqualTo(theirs.getBytes());
  }

  @Test
  void aValueNotAddedIsReportedAbsent() {
    Bytes bloom = LogsBloom.with(EMPTY, Addresses.INFERENCE.toBytes());
    assertThat(LogsBloom.mayContain(bloom, Addresses.INFERENCE.toBytes())).isTrue();
    assertThat(LogsBloom.mayContain(bloom, Addresses.STAKING.toBytes())).isFalse();
  }
}
