package org.openledger.cli.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.concurrent.Callable;
import org.openledger.cli.UserError;
import org.openledger.contracts.web3j.Datanets;
import org.openledger.contracts.web3j.Inference;
import org.openledger.contracts.web3j.Models;
import org.openledger.contracts.web3j.OpenLedgerContracts;
import org.openledger.contracts.web3j.Staking;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.TransactionManager;

/**
 * One command's conversation with a node: typed wrappers of every contract, bound either to the
 * command's signer (transactions) or to a reader (views), and the calls that turn web3j's
 * exceptions into {@link UserError}s.
 */
public final class Session implements AutoCloseable {
  private final Connection node;
  private final KeyOptions keys;
  private final boolean ownsNode;
  private CheckedTransactions signer;

  public Session(RpcOptions rpc, KeyOptions keys) {
    this.node = rpc.connect();
    this.keys = keys;
    this.ownsNode = true;
  }

  private Session(Connection node, Credentials credentials) {
    this.node = node;
    this.keys = null;
    this.ownsNode = false;
    this.signer = node.signer(credentials);
  }

  /** A session signing as {@code credentials} on a shared connection (which it does not close). */
  public static Session as(Connection node, Credentials credentials) {
    return new Session(node, credentials);
  }

  public Connection node() {
    return node;
  }

  /** The signer's address; asks for the key (and fails clearly) when none is configured. */
  public String sender() {
    return signer().getFromAddress();
  }

  public CheckedTransactions signer() {
    if (signer == null) {
      Credentials credentials = keys.credentials();
      signer = node.signer(credentials);
    }
    return signer;
  }

  private TransactionManager reader() {
    if (signer != null) return node.reader(signer.getFromAddress());
    String from = keys == null ? null : keys.addressOrNull();
    return node.reader(from);
  }

  public Datanets datanets(boolean signing) {
    return OpenLedgerContracts.datanets(node.web3j(), signing ? signer() : reader(), Connection.UNUSED_GAS);
  }

  public Models models(boolean signing) {
    return OpenLedgerContracts.models(node.web3j(), signing ? signer() : reader(), Connection.UNUSED_GAS);
  }

  public Inference inference(boolean signing) {
    return OpenLedgerContracts.inference(node.web3j(), signing ? signer() : reader(), Connection.UNUSED_GAS);
  }

  public Staking staking(boolean signing) {
    return OpenLedgerContracts.staking(node.web3j(), signing ? signer() : reader(), Connection.UNUSED_GAS);
  }

  public org.openledger.contracts.web3j.Provers provers(boolean signing) {
    return OpenLedgerContracts.provers(node.web3j(), signing ? signer() : reader(), Connection.UNUSED_GAS);
  }

  public org.openledger.contracts.web3j.Services services(boolean signing) {
    return OpenLedgerContracts.services(node.web3j(), signing ? signer() : reader(), Connection.UNUSED_GAS);
  }

  /** Sends a transaction built by a wrapper and waits for its receipt; reverts and refusals become {@link UserError}s. */
  public TransactionReceipt send(RemoteFunctionCall<TransactionReceipt> call) {
    return run(call::send);
  }

  /** Reads a view through a wrapper. */
  public <T> T view(RemoteFunctionCall<T> call) {
    return run(call::send);
  }

  private <T> T run(Callable<T> call) {
    try {
      return call.call();
    } catch (UserError e) {
      throw e;
    } catch (TransactionException e) {
      String hash = e.getTransactionHash().orElse("?");
      throw new UserError("transaction " + hash + " failed on-chain: " + e.getMessage()
          + " (the state changed between the check and inclusion; run the command again to see why)");
    } catch (IOException e) {
      throw Connection.unreachable(node.url(), e);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof UserError u) throw u;
      if (e.getCause() instanceof IOException io) throw Connection.unreachable(node.url(), io);
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends calldata built by our own codec (governance actions, whose wrappers are not needed to
   * encode them) and waits for the receipt; a failed receipt is a {@link UserError}.
   */
  public TransactionReceipt sendRaw(String to, org.apache.tuweni.bytes.Bytes data, BigInteger value) {
    return run(() -> {
      var sent = signer().send(to, data.toHexString(), value);
      TransactionReceipt r = new org.web3j.tx.response.PollingTransactionReceiptProcessor(node.web3j(), 200, 300)
          .waitForTransactionReceipt(sent.getTransactionHash());
      if (!r.isStatusOK()) {
        throw new TransactionException("status " + r.getStatus() + ", gas used " + r.getGasUsed(), r);
      }
      return r;
    });
  }

  /** eth_call of calldata from our codec; returns the raw return data. */
  public org.apache.tuweni.bytes.Bytes callRaw(String to, org.apache.tuweni.bytes.Bytes data) {
    return run(() -> org.apache.tuweni.bytes.Bytes.fromHexString(reader().sendCall(to, data.toHexString(),
        org.web3j.protocol.core.DefaultBlockParameterName.LATEST)));
  }

  public BigInteger blockNumber() {
    return run(() -> node.web3j().ethBlockNumber().send().getBlockNumber());
  }

  @Override
  public void close() {
    if (ownsNode) node.close();
  }
}
