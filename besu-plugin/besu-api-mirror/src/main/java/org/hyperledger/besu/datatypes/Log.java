// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: datatypes/src/main/java/org/hyperledger/besu/datatypes/Log.java
package org.hyperledger.besu.datatypes;

import java.util.List;
import org.apache.tuweni.bytes.Bytes;

/** Signatures only. */
public class Log {
  private final Address logger;
  private final Bytes data;
  private final List<LogTopic> topics;

  public Log(final Address logger, final Bytes data, final List<LogTopic> topics) {
    this.logger = logger;
    this.data = data;
    this.topics = List.copyOf(topics);
  }

  public Address getLogger() {
    return logger;
  }

  public Bytes getData() {
    return data;
  }

  public List<LogTopic> getTopics() {
    return topics;
  }
}
