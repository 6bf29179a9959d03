package org.openledger.devnet.crash;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openledger.devnet.Wallets;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * One node life's write load: a thread per development account sends its next {@link #WINDOW}
 * scripted transactions, then waits for their receipts, and again, until the node dies under it
 * (the first I/O error ends the thread). Every receipt the node returned is recorded: those are
 * the promises the crash test holds the restarted node to. A refusal the script does not expect
 * (every scripted transaction is valid at its nonce) is recorded too, and fails the test. A
 * further thread watches the head: a block the node reported is a promise as well.
 */
final class WriteLoad {
  static final int WINDOW = 4;

  /** A receipt as the node returned it. */
  record Promised(String transactionHash, BigInteger blockNumber, String blockHash, BigInteger transactionIndex, String status, int life) {
    static Promised of(TransactionReceipt r, int life) {
      return new Promised(r.getTransactionHash(), r.getBlockNumber(), r.getBlockHash(), r.getTransactionIndex(), r.getStatus(), life);
    }
  }

  private final Web3j web3j;
  private final ScriptedTransactions script;
  private final int life;
  private final Map<String, Promised> promised;
  private final Map<Long, String> reportedBlocks;
  private final Queue<String> refusals = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();

  WriteLoad(Web3j web3j, ScriptedTransactions script, int life, Map<String, Promised> promised, Map<Long, String> reportedBlocks) {
    this.web3j = web3j;
    this.script = script;
    this.life = life;
    this.promised = promised;
    this.reportedBlocks = reportedBlocks;
  }

  WriteLoad start() {
    for (int s = 0; s < ScriptedTransactions.SENDERS.size(); s++) {
      int sender = s;
      threads.add(Thread.ofPlatform().name("load-" + s).start(() -> send(sender)));
    }
    threads.add(Thread.ofPlatform().name("head-watch").start(this::watchHead));
    return this;
  }

  /** Records the number and hash of every head the node reports (the first report of each number). */
  private void watchHead() {
    try {
      while (!stop.get()) {
        EthBlock.Block head = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock();
        reportedBlocks.putIfAbsent(head.getNumber().longValueExact(), head.getHash());
        Thread.sleep(5);
      }
    } catch (IOException e) {
      // the node is gone
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void send(int sender) {
    String from = ScriptedTransactions.SENDERS.get(sender).getAddress();
    try {
      long nonce = web3j.ethGetTransactionCount(from, DefaultBlockParameterName.LATEST).send().getTransactionCount().longValueExact();
      while (!stop.get()) {
        List<String> hashes = new ArrayList<>(WINDOW);
        for (int i = 0; i < WINDOW; i++) {
          byte[] raw = script.signed(sender, nonce + i);
          EthSendTransaction sent = web3j.ethSendRawTransaction(Numeric.toHexString(raw)).send();
          if (sent.hasError()) {
            refusals.add(from + " nonce " + (nonce + i) + ": " + sent.getError().getCode() + " " + sent.getError().getMessage());
            return;
          }
          String expected = Numeric.toHexString(Hash.sha3(raw));
          if (!expected.equals(sent.getTransactionHash())) {
            refusals.add(from + " nonce " + (nonce + i) + ": hash " + sent.getTransactionHash() + ", keccak(raw) is " + expected);
            return;
          }
          hashes.add(expected);
        }
        for (String hash : hashes) {
          Optional<TransactionReceipt> receipt;
          while ((receipt = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt()).isEmpty()) {
            if (stop.get()) return;
            Thread.sleep(2);
          }
          promised.put(hash, Promised.of(receipt.get(), life));
        }
        nonce += WINDOW;
      }
    } catch (IOException e) {
      // the node is gone: this life is over
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the threads (they end on their own once the node is killed) and waits for them. */
  List<String> stopAndJoin() throws InterruptedException {
    stop.set(true);
    for (Thread t : threads) t.join(30_000);
    return List.copyOf(refusals);
  }
}
