package org.openledger.devnet.besu;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.devnet.genesis.GenesisConfig;
import org.openledger.precompiles.Address;

/**
 * Turns a devnet {@link GenesisConfig} into the input of Besu's {@code operator
 * generate-blockchain-config}: a QBFT genesis (London from block 0, the devnet's base fee, gas
 * limit and chain id, every account of {@link GenesisState}) plus the number of validator keys to
 * generate. Besu then adds {@code extraData} (the validator set) and writes the final genesis.
 *
 * <p>{@code java ... BesuGenesisWriter <out.json> [devnet-genesis.json] [validators]}: without a
 * devnet genesis, the one shipped with the devnet; without a count, 4 validators.
 */
public final class BesuGenesisWriter {
  /** Besu's QBFT mixHash: the constant that marks a BFT block ("ctical byzantine fault tolerance"). */
  public static final String BFT_MIX_HASH = "0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365";
  public static final int DEFAULT_VALIDATORS = 4;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private BesuGenesisWriter() {}

  /** The genesis without {@code extraData}: the {@code genesis} member of the QBFT config file. */
  public static ObjectNode genesis(GenesisConfig config, QbftOptions qbft) {
    ObjectNode qbftNode = JSON.objectNode()
        .put("blockperiodseconds", qbft.blockPeriodSeconds())
        .put("epochlength", qbft.epochLength())
        .put("requesttimeoutseconds", qbft.requestTimeoutSeconds())
        // the devnet pays priority fees to its feeRecipient (the Treasury); without this QBFT pays the proposer
        .put("miningbeneficiary", config.feeRecipient().toHexString());
    ObjectNode chainConfig = JSON.objectNode()
        .put("chainId", config.chainId())
        .put("berlinBlock", 0)
        .put("londonBlock", 0)
        // EIP-1559 fees are burned as on the devnet, never zeroed
        .put("zeroBaseFee", false);
    chainConfig.set("qbft", qbftNode);

    ObjectNode genesis = JSON.objectNode();
    genesis.set("config", chainConfig);
    genesis.put("nonce", "0x0")
        .put("timestamp", quantity(BigInteger.valueOf(config.timestamp())))
        .put("gasLimit", quantity(BigInteger.valueOf(config.gasLimit())))
        .put("difficulty", "0x1")
        .put("mixHash", BFT_MIX_HASH)
        .put("coinbase", Address.ZERO.toHexString())
        .put("baseFeePerGas", quantity(config.baseFeePerGas()));
    genesis.set("alloc", alloc(GenesisState.of(config)));
    return genesis;
  }

  /** The whole file for {@code besu operator generate-blockchain-config --config-file=...}. */
  public static ObjectNode qbftConfigFile(GenesisConfig config, QbftOptions qbft, int validators) {
    if (validators < 1) throw new IllegalArgumentException("a QBFT network needs at least one validator");
    ObjectNode file = JSON.objectNode();
    file.set("genesis", genesis(config, qbft));
    ObjectNode nodes = JSON.objectNode().put("generate", true).put("count", validators);
    file.set("blockchain", JSON.objectNode().set("nodes", nodes));
    return file;
  }

  static ObjectNode alloc(SortedMap<Address, GenesisAccount> accounts) {
    ObjectNode alloc = JSON.objectNode();
    accounts.forEach((address, account) -> {
      ObjectNode a = JSON.objectNode().put("balance", quantity(account.balance()));
      if (account.nonce() != 0) a.put("nonce", quantity(BigInteger.valueOf(account.nonce())));
      if (!account.code().isEmpty()) a.put("code", account.code().toHexString());
      if (!account.storage().isEmpty()) {
        ObjectNode storage = JSON.objectNode();
        for (Map.Entry<Bytes32, Bytes32> e : account.storage().entrySet()) storage.put(e.getKey().toHexString(), e.getValue().toHexString());
        a.set("storage", storage);
      }
      alloc.set(address.toHexString(), a);
    });
    return alloc;
  }

  static String quantity(BigInteger v) {
    return "0x" + v.toString(16);
  }

  public static String toJson(ObjectNode node) {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 3) {
      System.err.println("usage: BesuGenesisWriter <qbftConfigFile.json> [devnet-genesis.json] [validators]");
      System.exit(2);
    }
    GenesisConfig config = args.length >= 2 ? GenesisConfig.read(Path.of(args[1])) : GenesisConfig.defaultDevnet();
    int validators = args.length == 3 ? Integer.parseInt(args[2]) : DEFAULT_VALIDATORS;
    Path out = Path.of(args[0]);
    Files.writeString(out, toJson(qbftConfigFile(config, QbftOptions.DEFAULT, validators)), StandardCharsets.UTF_8);
    System.out.println("wrote " + out + " (chain " + config.chainId() + ", " + validators + " validators)");
  }
}
