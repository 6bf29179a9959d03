package org.openledger.devnet.genesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.contracts.Addresses;
import org.openledger.precompiles.Address;

/**
 * A devnet's genesis, read from JSON (format in docs/devnet.md). Amounts of wei are decimal strings
 * or 0x-quantities, never JSON floating-point numbers, so they are exact.
 *
 * @param baseFeePerGas the base fee of block 0, from which EIP-1559 moves it
 * @param minBaseFeePerGas the floor under the base fee
 * @param feeRecipient the block's {@code miner}: receives the priority fees
 * @param alloc OPEN balances at genesis
 * @param stake governance-only stake: {@code Staking.stake(0)} called by each account at genesis
 * @param calls calls executed at genesis after the stakes, in order (parameter overrides from the Timelock)
 */
public record GenesisConfig(
    long chainId,
    long gasLimit,
    BigInteger baseFeePerGas,
    BigInteger minBaseFeePerGas,
    long timestamp,
    Address feeRecipient,
    Bytes extraData,
    Map<Address, BigInteger> alloc,
    List<Stake> stake,
    List<Call> calls) {

  public static final long DEFAULT_GAS_LIMIT = 30_000_000L;
  public static final BigInteger GWEI = BigInteger.TEN.pow(9);
  public static final String DEFAULT_RESOURCE = "/org/openledger/devnet/genesis/devnet.json";
  private static final Set<String> FIELDS = Set.of("chainId", "gasLimit", "baseFeePerGas", "minBaseFeePerGas", "timestamp",
      "feeRecipient", "extraData", "alloc", "stake", "calls", "_comment");

  public record Stake(Address account, BigInteger amount) {}

  /** A call at genesis: {@code function} is a Solidity signature such as {@code setVotingDelay(uint256)}. */
  public record Call(Address from, Address to, String function, List<JsonNode> args) {
    public Call {
      args = List.copyOf(args);
    }
  }

  public GenesisConfig {
    if (chainId <= 0) throw new GenesisException("chainId must be positive");
    if (gasLimit < 21_000) throw new GenesisException("gasLimit must be at least 21000");
    if (baseFeePerGas.signum() < 0 || minBaseFeePerGas.signum() < 0) throw new GenesisException("base fees must be >= 0");
    if (extraData.size() > 32) throw new GenesisException("extraData is at most 32 bytes");
    alloc = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(alloc));
    stake = List.copyOf(stake);
    calls = List.copyOf(calls);
  }

  /** Every wei that exists: the sum of the allocations (stake and calls move OPEN, never mint it). */
  public BigInteger supply() {
    return alloc.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
  }

  public GenesisConfig withGasLimit(long newGasLimit) {
    return new GenesisConfig(chainId, newGasLimit, baseFeePerGas, minBaseFeePerGas, timestamp, feeRecipient, extraData, alloc, stake, calls);
  }

  public GenesisConfig withAlloc(Map<Address, BigInteger> newAlloc) {
    return new GenesisConfig(chainId, gasLimit, baseFeePerGas, minBaseFeePerGas, timestamp, feeRecipient, extraData, newAlloc, stake, calls);
  }

  /** The genesis shipped with the devnet (development-only keys; see docs/devnet.md). */
  public static GenesisConfig defaultDevnet() {
    try (InputStream in = GenesisConfig.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the jar");
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static GenesisConfig read(Path file) {
    try {
      return parse(new ObjectMapper().readTree(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new GenesisException("cannot read genesis " + file + ": " + e.getMessage());
    }
  }

  public static GenesisConfig parse(JsonNode json) {
    if (json == null || !json.isObject()) throw new GenesisException("genesis must be a JSON object");
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) throw new GenesisException("unknown genesis field '" + name + "'; known: " + FIELDS);
    }
    long chainId = longOf(json, "chainId", null);
    long gasLimit = longOf(json, "gasLimit", DEFAULT_GAS_LIMIT);
    BigInteger baseFee = json.has("baseFeePerGas") ? wei(json.get("baseFeePerGas"), "baseFeePerGas") : GWEI;
    BigInteger minBaseFee = json.has("minBaseFeePerGas") ? wei(json.get("minBaseFeePerGas"), "minBaseFeePerGas") : baseFee;
    long timestamp = longOf(json, "timestamp", 0L);
    Address feeRecipient = json.has("feeRecipient") ? address(json.get("feeRecipient"), "feeRecipient") : Addresses.TREASURY;
    Bytes extra = json.has("extraData") ? hex(json.get("extraData"), "extraData") : Bytes.EMPTY;

    Map<Address, BigInteger> alloc = new LinkedHashMap<>();
    JsonNode allocJson = json.path("alloc");
    if (!allocJson.isMissingNode()) {
      if (!allocJson.isObject()) throw new GenesisException("alloc must be an object {address: wei}");
      for (Iterator<Map.Entry<String, JsonNode>> it = allocJson.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        Address a = address(e.getKey(), "alloc key");
        if (alloc.put(a, wei(e.getValue(), "alloc[" + e.getKey() + "]")) != null) throw new GenesisException("alloc lists " + a + " twice");
      }
    }
    List<Stake> stakes = new ArrayList<>();
    for (JsonNode s : array(json, "stake")) {
      stakes.add(new Stake(address(s.path("account"), "stake.account"), wei(s.path("amount"), "stake.amount")));
    }
    List<Call> calls = new ArrayList<>();
    for (JsonNode c : array(json, "calls")) {
      if (!c.path("function").isTextual()) throw new GenesisException("calls[].function must be a Solidity signature string");
      List<JsonNode> args = new ArrayList<>();
      c.path("args").forEach(args::add);
      calls.add(new Call(address(c.path("from"), "calls.from"), address(c.path("to"), "calls.to"), c.get("function").asText(), args));
    }
    return new GenesisConfig(chainId, gasLimit, baseFee, minBaseFee, timestamp, feeRecipient, extra, alloc, stakes, calls);
  }

  private static Iterable<JsonNode> array(JsonNode json, String field) {
    JsonNode n = json.path(field);
    if (n.isMissingNode()) return List.of();
    if (!n.isArray()) throw new GenesisException(field + " must be an array");
    return n;
  }

  private static long longOf(JsonNode json, String field, Long orElse) {
    JsonNode n = json.path(field);
    if (n.isMissingNode()) {
      if (orElse == null) throw new GenesisException("genesis needs '" + field + "'");
      return orElse;
    }
    BigInteger v = wei(n, field);
    if (v.bitLength() > 63) throw new GenesisException(field + " does not fit 63 bits");
    return v.longValue();
  }

  /** A non-negative integer: a JSON integer, a decimal string or a 0x-quantity. */
  public static BigInteger wei(JsonNode n, String field) {
    try {
      if (n.isIntegralNumber()) return nonNegative(n.bigIntegerValue(), field);
      if (n.isTextual()) {
        String t = n.asText();
        if (t.startsWith("0x")) return nonNegative(new BigInteger(t.substring(2), 16), field);
        return nonNegative(new BigInteger(t), field);
      }
    } catch (NumberFormatException e) {
      throw new GenesisException(field + " is not an integer: " + n);
    }
    throw new GenesisException(field + " must be an integer (a JSON integer, a decimal string or a 0x quantity), got " + n);
  }

  private static BigInteger nonNegative(BigInteger v, String field) {
    if (v.signum() < 0) throw new GenesisException(field + " must be >= 0");
    return v;
  }

  private static Address address(JsonNode n, String field) {
    if (!n.isTextual()) throw new GenesisException(field + " must be an address string");
    return address(n.asText(), field);
  }

  private static Address address(String s, String field) {
    try {
      if (!s.startsWith("0x")) throw new IllegalArgumentException("no 0x prefix");
      return Address.fromHex(s);
    } catch (IllegalArgumentException e) {
      throw new GenesisException(field + " is not an address: '" + s + "'");
    }
  }

  private static Bytes hex(JsonNode n, String field) {
    try {
      return Bytes.fromHexString(n.asText());
    } catch (IllegalArgumentException e) {
      throw new GenesisException(field + " is not hex: " + n);
    }
  }
}
