package org.openledger.cli.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ConnectException;
import org.openledger.cli.UserError;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthChainId;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;

/** A connected node: web3j over HTTP, its chain id, and transaction managers for signers and readers. */
public final class Connection implements AutoCloseable {
  /** What wrappers are given as a gas provider. {@link CheckedTransactions} prices every transaction itself, so these numbers are never used. */
  public static final ContractGasProvider UNUSED_GAS = new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO);
  private static final String READER = "0x0000000000000000000000000000000000000000";

  private final String url;
  private final HttpService service;
  private final Web3j web3j;
  private final long chainId;

  private Connection(String url, HttpService service, Web3j web3j, long chainId) {
    this.url = url;
    this.service = service;
    this.web3j = web3j;
    this.chainId = chainId;
  }

  /** Connects and asks the chain id; a {@link UserError} that says how to start a node when none answers. */
  public static Connection open(String url) {
    HttpService service = new HttpService(url);
    Web3j web3j = Web3j.build(service);
    try {
      EthChainId id = web3j.ethChainId().send();
      if (id.hasError()) {
        throw new UserError("the node at " + url + " refused eth_chainId: " + id.getError().getMessage());
      }
      return new Connection(url, service, web3j, id.getChainId().longValueExact());
    } catch (IOException e) {
      web3j.shutdown();
      throw unreachable(url, e);
    }
  }

  static UserError unreachable(String url, IOException e) {
    String why = rootMessage(e);
    return new UserError("cannot reach a node at " + url + " (" + why + "): start the devnet with 'openledger devnet start', "
        + "or point --rpc-url (env OPENLEDGER_RPC_URL) at a running node");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    if (t instanceof ConnectException) return "connection refused";
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  public String url() {
    return url;
  }

  /** The HTTP transport, for methods web3j does not know ({@code openledger_*}). */
  HttpService service() {
    return service;
  }

  public Web3j web3j() {
    return web3j;
  }

  public long chainId() {
    return chainId;
  }

  /** Sends {@code signer}'s transactions: checked by an eth_call first, so a revert is reported before anything is signed. */
  public CheckedTransactions signer(Credentials signer) {
    return new CheckedTransactions(this, signer);
  }

  /** For views: calls from {@code from}, or from the zero address when null. */
  public CheckedTransactions reader(String from) {
    return new CheckedTransactions(this, from == null ? READER : from);
  }

  @Override
  public void close() {
    web3j.shutdown();
  }
}
