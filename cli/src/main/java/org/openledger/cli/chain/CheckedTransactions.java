package org.openledger.cli.chain;

import java.io.IOException;
import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.cli.UserError;
import org.openledger.contracts.Catalog;
import org.openledger.precompiles.contract.FunctionSpec;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthGetCode;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * The transaction manager every CLI command hands to the generated wrappers. Before signing, it
 * runs the transaction as an {@code eth_call} on the pending state: a revert is reported as the
 * contract's custom error in words, and nothing is sent. It then estimates gas (native contracts
 * state their gas from calldata, so the estimate is exact), prices an EIP-1559 transaction from
 * the latest base fee and the node's suggested tip, signs locally and waits for the receipt.
 * The wrappers' own gas provider is ignored.
 */
public final class CheckedTransactions extends TransactionManager {
  private static final int RECEIPT_POLL_MS = 200;
  private static final int RECEIPT_ATTEMPTS = 300; // one minute

  private final Connection node;
  private final Web3j web3j;
  private final Credentials credentials;

  CheckedTransactions(Connection node, Credentials credentials) {
    super(new PollingTransactionReceiptProcessor(node.web3j(), RECEIPT_POLL_MS, RECEIPT_ATTEMPTS), credentials.getAddress());
    this.node = node;
    this.web3j = node.web3j();
    this.credentials = credentials;
  }

  CheckedTransactions(Connection node, String readerAddress) {
    super(new PollingTransactionReceiptProcessor(node.web3j(), RECEIPT_POLL_MS, RECEIPT_ATTEMPTS), readerAddress);
    this.node = node;
    this.web3j = node.web3j();
    this.credentials = null;
  }

  @Override
  public EthSendTransaction sendTransaction(BigInteger gasPrice, BigInteger gasLimit, String to, String data, BigInteger value, boolean constructor)
      throws IOException {
    return send(to, data, value);
  }

  @Override
  public EthSendTransaction sendEIP1559Transaction(long chainId, BigInteger maxPriorityFeePerGas, BigInteger maxFeePerGas, BigInteger gasLimit,
      String to, String data, BigInteger value, boolean constructor) throws IOException {
    return send(to, data, value);
  }

  @Override
  public String sendCall(String to, String data, DefaultBlockParameter block) throws IOException {
    EthCall call = web3j.ethCall(Transaction.createEthCallTransaction(getFromAddress(), to, data), block).send();
    if (call.hasError()) throw refusal("call to", to, data, call.getError());
    return call.getValue();
  }

  @Override
  public EthGetCode getCode(String address, DefaultBlockParameter block) throws IOException {
    return web3j.ethGetCode(address, block).send();
  }

  /** Checks, prices, signs and sends one transaction; the wrapper then waits for its receipt. */
  public EthSendTransaction send(String to, String data, BigInteger value) throws IOException {
    if (credentials == null) throw new IllegalStateException("a reader cannot send transactions");
    BigInteger amount = value == null ? BigInteger.ZERO : value;
    Transaction probe = Transaction.createFunctionCallTransaction(getFromAddress(), null, null, null, to, amount, data);
    EthCall dryRun = web3j.ethCall(probe, DefaultBlockParameterName.PENDING).send();
    if (dryRun.hasError()) throw refusal("transaction to", to, data, dryRun.getError());
    EthEstimateGas estimate = web3j.ethEstimateGas(probe).send();
    if (estimate.hasError()) throw refusal("transaction to", to, data, estimate.getError());
    BigInteger gas = estimate.getAmountUsed();

    BigInteger nonce = web3j.ethGetTransactionCount(getFromAddress(), DefaultBlockParameterName.PENDING).send().getTransactionCount();
    BigInteger tip = web3j.ethMaxPriorityFeePerGas().send().getMaxPriorityFeePerGas();
    EthBlock.Block latest = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock();
    BigInteger baseFee = latest.getBaseFeePerGas() == null ? BigInteger.ZERO : latest.getBaseFeePerGas();
    // Room for the base fee to double before inclusion (it rises at most 12.5% per block).
    BigInteger maxFee = baseFee.shiftLeft(1).add(tip);

    RawTransaction tx = RawTransaction.createTransaction(node.chainId(), nonce, gas, to, amount, data, tip, maxFee);
    String signed = Numeric.toHexString(TransactionEncoder.signMessage(tx, credentials));
    EthSendTransaction sent = web3j.ethSendRawTransaction(signed).send();
    if (sent.hasError()) {
      throw new UserError("the node refused the transaction to " + describeTarget(to, data) + ": " + sent.getError().getMessage()
          + hint(sent.getError().getMessage()));
    }
    return sent;
  }

  private UserError refusal(String what, String to, String data, Response.Error error) {
    String target = describeTarget(to, data);
    if (error.getCode() == 3 || (error.getMessage() != null && error.getMessage().startsWith("execution reverted"))) {
      return new UserError(target + " was refused: " + Reverts.describe(to, error.getData()) + "; nothing was sent");
    }
    return new UserError("the node refused the " + what + " " + target + ": " + error.getMessage() + hint(error.getMessage()));
  }

  /** {@code Datanets.submit} for calldata to an OpenLedger contract, else the address. */
  static String describeTarget(String to, String data) {
    Catalog.Entry entry = Reverts.at(to);
    if (entry == null) return to;
    try {
      Bytes bytes = Bytes.fromHexString(data == null ? "0x" : data);
      if (bytes.size() >= 4) {
        FunctionSpec f = entry.spec().function(bytes.getInt(0));
        if (f != null) return contractName(entry) + "." + f.name();
      }
    } catch (IllegalArgumentException ignored) {
      // not hex: fall through to the contract's name
    }
    return contractName(entry);
  }

  /** "Datanets" for the interface IDatanets. */
  static String contractName(Catalog.Entry entry) {
    return entry.spec().name().replaceFirst("^I(?=[A-Z])", "");
  }

  private String hint(String message) {
    if (message == null) return "";
    String m = message.toLowerCase(java.util.Locale.ROOT);
    if (m.contains("insufficient funds")) {
      return " — the signing account " + getFromAddress() + " needs more OPEN for value + gas (on the devnet, the development accounts are funded at genesis)";
    }
    if (m.contains("nonce too low") || m.contains("already known")) {
      return " — another transaction from " + getFromAddress() + " was sent at the same time; run the command again";
    }
    return "";
  }
}
