package org.openledger.cli.factory;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openledger.cli.OpenLedgerCommandTest;
import org.openledger.cli.OpenLedgerCommandTest.Run;
import org.openledger.cli.chain.Connection;
import org.openledger.cli.chain.Session;
import org.openledger.cli.devnet.DevelopmentKeys;
import org.openledger.cli.devnet.DevelopmentKeystores;
import org.openledger.devnet.node.DevnetNode;
import org.openledger.prover.data.FashionMnist;
import org.openledger.prover.data.ImageContribution;
import org.openledger.prover.data.LabelledImages;
import org.openledger.prover.eval.Pooling;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * What the factory's devnet tests share: a devnet the demo has run on (model 1, a deployed
 * logistic-regression base owned by dave; five contributors' accepted Fashion-MNIST images on
 * datanet 1), keystores of the first development accounts for running commands as them, and an
 * evaluation set (200 pooled test images) as a file and as images.
 */
final class FactoryDevnet implements AutoCloseable {
  final DevnetNode node;
  final Connection rpc;
  final DevelopmentKeystores keys;
  final Path evaluationFile;
  final LabelledImages evaluation;

  private FactoryDevnet(Path tmp) throws Exception {
    node = DevnetNode.start(DevnetNode.Config.ephemeral(tmp.resolve("chain")));
    Run demo = OpenLedgerCommandTest.run("demo", "--rpc-url", node.rpcUrl());
    assertThat(demo.exit()).as(demo.err()).isZero();
    rpc = Connection.open(node.rpcUrl());
    keys = DevelopmentKeystores.write(tmp);
    LabelledImages test = Pooling.pool2x2(FashionMnist.shipped(FashionMnist.Split.TEST));
    ImageContribution set = ImageContribution.of(test, 0, 200, FashionMnist.CLASSES);
    evaluationFile = Files.write(tmp.resolve("evaluation.bin"), set.encode());
    evaluation = ImageContribution.stack(List.of(set));
  }

  /** Starts the devnet in {@code tmp} and runs the demo on it. */
  static FactoryDevnet start(Path tmp) throws Exception {
    return new FactoryDevnet(tmp);
  }

  /** Development account {@code account} (0 alice … 4 erin, as the demo names them) over JSON-RPC. */
  Session session(int account) {
    return Session.as(rpc, DevelopmentKeys.account(account));
  }

  /** Runs a command as development account {@code user} (0..4), signing with its keystore. */
  Run as(int user, String... args) {
    return OpenLedgerCommandTest.run(keys.signedAs(user, node.rpcUrl(), args));
  }

  /** How many transactions {@code s} has sent: unchanged by a command that sent nothing. */
  BigInteger nonce(Session s) throws Exception {
    return rpc.web3j().ethGetTransactionCount(s.sender(), DefaultBlockParameterName.LATEST).send().getTransactionCount();
  }

  @Override
  public void close() {
    rpc.close();
    node.close();
  }
}
