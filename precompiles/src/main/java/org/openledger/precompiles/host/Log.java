package org.openledger.precompiles.host;

import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.precompiles.Address;

/** An event log, as the EVM's LOG0..LOG4 produce it. */
public record Log(Address address, List<Bytes32> topics, Bytes data) {
  public Log {
    topics = List.copyOf(topics);
    if (topics.size() > 4) {
      throw new IllegalArgumentException("a log has at most 4 topics, got " + topics.size());
    }
  }
}
