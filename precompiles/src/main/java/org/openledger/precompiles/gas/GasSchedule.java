package org.openledger.precompiles.gas;

/**
 * Every gas cost the framework charges, in one table per fork (the role Besu's {@code
 * GasCalculator} plays for the EVM). Contracts never write gas literals: their {@link GasRule}s
 * are formulas over these entries, and the executor meters storage, logs, transfers and nested
 * calls against the gas the rule declared.
 *
 * <p>Costs follow the EVM's for the same work (Berlin/London cold access), so a native contract
 * is never cheaper than the Solidity contract it replaces would be.
 *
 * @param call every call into a native contract: dispatch and ABI decoding of the head
 * @param calldataWord per 32-byte word of calldata: decoding and copying
 * @param storageRead one storage read ({@code SLOAD}, cold)
 * @param storageWrite one storage write ({@code SSTORE} of a fresh slot, the worst case, so the
 *     cost is known before execution)
 * @param storageKey deriving one storage slot key: a keccak-256 per mapping level, array data
 *     slot or long-string data slot. The EVM prices the same work as a {@code KECCAK256}, but here
 *     it costs a node about three reads' worth of CPU (docs/gas.md §5), so it is charged as a read
 * @param viewRead a storage read by a view function. A view has no worst-case-priced writes to
 *     carry its decoding and encoding, so its reads and keys pay for the whole call: 2 reads each
 * @param viewKey a slot key derived by a view function: 4 reads each, for the same reason
 * @param logBase a log ({@code LOG0})
 * @param logTopic per log topic
 * @param logDataByte per byte of log data
 * @param keccakBase a keccak-256 hash
 * @param keccakWord per 32-byte word hashed
 * @param transfer a native (OPEN) transfer to an account ({@code CALL} with value)
 * @param nestedCall a call from one native contract to another (cold account access)
 * @param hashBlock one keccak-f permutation (136 bytes) of a contract's own hashing, such as
 *     verifying a Merkle multiproof: priced by its CPU, as {@code storageKey} is, not by the EVM's
 *     {@code KECCAK256}, which assumes a far cheaper hash than a node's
 * @param multiplyAdd one integer multiply-accumulate of a contract's own arithmetic, such as
 *     rescoring an attribution proof's leaves, with the decoding of its operands
 * @param abiValue one element of a numeric ABI array decoded from calldata into a value: the
 *     parsing, range check and allocation that {@code calldataWord}'s copy price does not cover
 *     (about 25 ns, docs/gas.md §5); charged by rules whose arrays hold up to thousands of numbers
 */
public record GasSchedule(
    String name,
    long call,
    long calldataWord,
    long storageRead,
    long storageWrite,
    long storageKey,
    long viewRead,
    long viewKey,
    long logBase,
    long logTopic,
    long logDataByte,
    long keccakBase,
    long keccakWord,
    long transfer,
    long nestedCall,
    long hashBlock,
    long multiplyAdd,
    long abiValue) {

  /**
   * The schedule of the first OpenLedger fork. {@code storageKey}, {@code viewRead}, {@code
   * viewKey} and {@code abiValue} were added from the CPU calibration of docs/gas.md before
   * anything was deployed.
   */
  public static final GasSchedule V1 =
      new GasSchedule("v1", 2_100, 6, 2_100, 20_000, 2_100, 4_200, 8_400, 375, 375, 8, 30, 6, 9_000, 2_600, 6_000, 16, 400);

  /** Gas of a log with {@code topics} topics and {@code dataBytes} bytes of data. */
  public long log(int topics, long dataBytes) {
    return logBase + topics * logTopic + dataBytes * logDataByte;
  }

  /** Gas of a view's storage work: {@code reads} reads and {@code keys} derived slot keys. */
  public long view(long reads, long keys) {
    return reads * viewRead + keys * viewKey;
  }

  /**
   * Gas per 32-byte word of a string argument that is decoded, checked as UTF-8 and logged: its
   * log bytes plus a read's worth for the decoding, which the log price alone does not cover.
   */
  public long loggedStringWord() {
    return 32 * logDataByte + storageRead;
  }

  /** Gas of a contract hashing {@code bytes} bytes itself: keccak pads to whole 136-byte blocks. */
  public long hashing(long bytes) {
    return hashBlock * (bytes / 136 + 1);
  }

  /** Gas of hashing {@code bytes} bytes. */
  public long keccak(long bytes) {
    return keccakBase + keccakWord * ((bytes + 31) / 32);
  }

  /** The per-call base: dispatch plus decoding {@code calldataBytes} bytes. */
  public long callBase(long calldataBytes) {
    return call + calldataWord * ((calldataBytes + 31) / 32);
  }
}
