// Mirror of besu-eth/besu@683880baa609111e6fee47ef1122dce7a76a154b
// besu: evm/src/main/java/org/hyperledger/besu/evm/frame/MessageFrame.java
package org.hyperledger.besu.evm.frame;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.hyperledger.besu.datatypes.Address;
import org.hyperledger.besu.datatypes.Log;
import org.hyperledger.besu.datatypes.Wei;
import org.hyperledger.besu.evm.worldstate.WorldUpdater;

/**
 * Signatures only: the getters a precompile reads, and the subset of Besu's builder that the
 * adapter's tests need to stand a frame up. Besu's own frame carries far more (stack, memory,
 * access lists, parent frames); a precompile sees none of it.
 */
public class MessageFrame {

  public enum State {
    NOT_STARTED,
    CODE_EXECUTING,
    CODE_SUCCESS,
    CODE_SUSPENDED,
    EXCEPTIONAL_HALT,
    REVERT,
    COMPLETED_FAILED,
    COMPLETED_SUCCESS,
  }

  public enum Type {
    CONTRACT_CREATION,
    MESSAGE_CALL,
  }

  private final Type type;
  private final WorldUpdater worldUpdater;
  private long gasRemaining;
  private final Address recipient;
  private final Address originator;
  private final Address contract;
  private final Bytes inputData;
  private final Address sender;
  private final Wei value;
  private final Wei apparentValue;
  private final BlockValues blockValues;
  private final boolean isStatic;
  private final List<Log> logs = new ArrayList<>();
  private Optional<Bytes> revertReason = Optional.empty();

  private MessageFrame(final Builder b) {
    this.type = Objects.requireNonNull(b.type, "type");
    this.worldUpdater = Objects.requireNonNull(b.worldUpdater, "worldUpdater");
    this.gasRemaining = b.initialGas;
    this.recipient = Objects.requireNonNull(b.address, "address");
    this.originator = Objects.requireNonNull(b.originator, "originator");
    this.contract = Objects.requireNonNull(b.contract, "contract");
    this.inputData = Objects.requireNonNull(b.inputData, "inputData");
    this.sender = Objects.requireNonNull(b.sender, "sender");
    this.value = Objects.requireNonNull(b.value, "value");
    this.apparentValue = Objects.requireNonNull(b.apparentValue, "apparentValue");
    this.blockValues = Objects.requireNonNull(b.blockValues, "blockValues");
    this.isStatic = b.isStatic;
  }

  public static Builder builder() {
    return new Builder();
  }

  public long decrementRemainingGas(final long amount) {
    return this.gasRemaining -= amount;
  }

  public long getRemainingGas() {
    return gasRemaining;
  }

  public boolean isStatic() {
    return isStatic;
  }

  public Optional<Bytes> getRevertReason() {
    return revertReason;
  }

  public void setRevertReason(final Bytes revertReason) {
    this.revertReason = Optional.ofNullable(revertReason);
  }

  public void addLog(final Log log) {
    logs.add(log);
  }

  public List<Log> getLogs() {
    return logs;
  }

  public WorldUpdater getWorldUpdater() {
    return worldUpdater;
  }

  public Type getType() {
    return type;
  }

  public Bytes getInputData() {
    return inputData;
  }

  public Address getRecipientAddress() {
    return recipient;
  }

  public Address getOriginatorAddress() {
    return originator;
  }

  public Address getContractAddress() {
    return contract;
  }

  public Address getSenderAddress() {
    return sender;
  }

  public Wei getValue() {
    return value;
  }

  public Wei getApparentValue() {
    return apparentValue;
  }

  public BlockValues getBlockValues() {
    return blockValues;
  }

  public static class Builder {
    private Type type;
    private WorldUpdater worldUpdater;
    private long initialGas;
    private Address address;
    private Address originator;
    private Address contract;
    private Bytes inputData = Bytes.EMPTY;
    private Address sender;
    private Wei value;
    private Wei apparentValue;
    private BlockValues blockValues;
    private boolean isStatic;

    public Builder type(final Type type) {
      this.type = type;
      return this;
    }

    public Builder worldUpdater(final WorldUpdater worldUpdater) {
      this.worldUpdater = worldUpdater;
      return this;
    }

    public Builder initialGas(final long initialGas) {
      this.initialGas = initialGas;
      return this;
    }

    public Builder address(final Address address) {
      this.address = address;
      return this;
    }

    public Builder originator(final Address originator) {
      this.originator = originator;
      return this;
    }

    public Builder contract(final Address contract) {
      this.contract = contract;
      return this;
    }

    public Builder inputData(final Bytes inputData) {
      this.inputData = inputData;
      return this;
    }

    public Builder sender(final Address sender) {
      this.sender = sender;
      return this;
    }

    public Builder value(final Wei value) {
      this.value = value;
      return this;
    }

    public Builder apparentValue(final Wei apparentValue) {
      this.apparentValue = apparentValue;
      return this;
    }

    public Builder blockValues(final BlockValues blockValues) {
      this.blockValues = blockValues;
      return this;
    }

    public Builder isStatic(final boolean isStatic) {
      this.isStatic = isStatic;
      return this;
    }

    public MessageFrame build() {
      return new MessageFrame(this);
    }
  }
}
