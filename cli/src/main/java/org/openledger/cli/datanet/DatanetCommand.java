package org.openledger.cli.datanet;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.ContentStore;
import org.openledger.cli.chain.KeyOptions;
import org.openledger.cli.chain.Open;
import org.openledger.cli.chain.Output;
import org.openledger.cli.chain.RpcOptions;
import org.openledger.cli.chain.Session;
import org.openledger.contracts.web3j.Datanets;
import org.openledger.precompiles.Keccak;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openledger datanet}: create Datanets, contribute data, curate, and list them. */
@Command(
    name = "datanet",
    mixinStandardHelpOptions = true,
    description = {
      "Create Datanets, contribute data to them, curate contributions, and list them.",
      "",
      "A contribution is committed on-chain as keccak256(content ‖ contributor) with a deposit; the",
      "content itself goes to the node's content store. The curator accepts it (deposit returned) or",
      "rejects it (deposit slashed to the treasury)."
    },
    subcommands = {
      DatanetCommand.Create.class, DatanetCommand.Submit.class, DatanetCommand.Accept.class,
      DatanetCommand.Reject.class, DatanetCommand.ListAll.class, DatanetCommand.Contributions.class
    })
public final class DatanetCommand {

  static final String[] STATUS = {"none", "pending", "accepted", "rejected", "slashed"};

  static String status(BigInteger s) {
    int i = s.intValue();
    return i >= 0 && i < STATUS.length ? STATUS[i] : "status " + s;
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a Datanet; you become its owner and curator.")
  static final class Create implements Callable<Integer> {
    @Mixin RpcOptions rpc;
    @Mixin KeyOptions keys;
    @Option(names = "--name", required = true, description = "Name (1 to 64 bytes).") String name;
    @Option(names = "--metadata", defaultValue = "", description = "Metadata URI (up to 256 bytes).") String metadata;
    @Option(names = "--deposit", defaultValue = "1", description = "Deposit per submission in OPEN, returned on acceptance (default ${DEFAULT-VALUE}).") String deposit;
    @Option(names = "--access-fee", defaultValue = "0", description = "Fee in OPEN to access the data, shared by accepted contributions (default ${DEFAULT-VALUE}).") String accessFee;

    @Override
    public Integer call() {
      try (Session s = new Session(rpc, keys)) {
        TransactionReceipt r = s.send(s.datanets(true).create(name, metadata, Open.parse(deposit, "--deposit"), Open.parse(accessFee, "--access-fee")));
        var e = Datanets.getDatanetCreatedEvents(r).get(0);
        new Output("datanet", "name", "owner", "deposit", "accessFee", "tx").row(e.datanetId, e.name, e.owner, Open.format(e.submissionDeposit),
            Open.format(e.accessFee), r.getTransactionHash()).print(System.out, rpc.json());
        return 0;
      }
    }
  }

  @Command(name = "submit", mixinStandardHelpOptions = true, description = {
      "Contribute a file to a Datanet: stores it in the node's content store and commits",
      "keccak256(content ‖ you) on-chain with the Datanet's deposit."})
  static final class Submit implements Callable<Integer> {
    @Mixin RpcOptions rpc;
    @Mixin KeyOptions keys;
    @Option(names = "--datanet", required = true, description = "Datanet id.") BigInteger datanet;
    @Option(names = "--file", required = true, description = "The data to contribute.") Path file;
    @Option(names = "--metadata", description = "Metadata URI (default: the content store address of the file).") String metadata;

    @Override
    public Integer call() {
      byte[] content = read(file);
      try (Session s = new Session(rpc, keys)) {
        Datanets datanets = s.datanets(true);
        Datanets.Datanet d = s.view(datanets.datanet(datanet));
        String contentHash = new ContentStore(s.node()).put(content);
        byte[] contribution = contributionHash(content, s.sender());
        String uri = metadata != null ? metadata : "openledger:content/" + contentHash;
        TransactionReceipt r = s.send(datanets.submit(datanet, contribution, uri, d.submissionDeposit));
        var e = Datanets.getContributionSubmittedEvents(r).get(0);
        new Output("contribution", "datanet", "contributor", "deposit", "contentHash", "tx").row(e.contributionId, e.datanetId, e.contributor,
            Open.format(e.deposit), contentHash, r.getTransactionHash()).print(System.out, rpc.json());
        return 0;
      }
    }
  }

  @Command(name = "accept", mixinStandardHelpOptions = true, description = {
      "Accept a pending contribution (curator only). The content is fetched from the node's content",
      "store (or read from --file) and checked against the contributor's commitment before sending."})
  static final class Accept implements Callable<Integer> {
    @Mixin RpcOptions rpc;
    @Mixin KeyOptions keys;
    @Parameters(index = "0", paramLabel = "CONTRIBUTION", description = "Contribution id.") BigInteger id;
    @Option(names = "--file", description = "The contributed content, when it is not in the node's content store.") Path file;

    @Override
    public Integer call() {
      try (Session s = new Session(rpc, keys)) {
        Datanets datanets = s.datanets(true);
        Datanets.Contribution c = s.view(datanets.contribution(id));
        byte[] content;
        if (file != null) {
          content = read(file);
        } else if (c.metadataURI.startsWith("openledger:content/")) {
          content = new ContentStore(s.node()).get(c.metadataURI.substring("openledger:content/".length()));
        } else {
          throw new UserError("contribution " + id + " points at " + c.metadataURI + ", not at the content store: pass the content with --file");
        }
        byte[] expected = contributionHash(content, c.contributor);
        if (!java.util.Arrays.equals(expected, c.contributionHash)) {
          throw new UserError("the content does not match contribution " + id + "'s commitment keccak256(content ‖ " + c.contributor
              + "): refusing to accept it; reject it with 'openledger datanet reject " + id + " --reason ...'");
        }
        TransactionReceipt r = s.send(datanets.accept(id, Keccak.hash(content)));
        var e = Datanets.getContributionAcceptedEvents(r).get(0);
        new Output("contribution", "datanet", "contributor", "depositReturned", "tx").row(e.contributionId, e.datanetId, e.contributor,
            Open.format(e.depositReturned), r.getTransactionHash()).print(System.out, rpc.json());
        return 0;
      }
    }
  }

  @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a pending contribution (curator only); its deposit goes to the treasury.")
  static final class Reject implements Callable<Integer> {
    @Mixin RpcOptions rpc;
    @Mixin KeyOptions keys;
    @Parameters(index = "0", paramLabel = "CONTRIBUTION", description = "Contribution id.") BigInteger id;
    @Option(names = "--reason", required = true, description = "Why (shown to the contributor; up to 256 bytes).") String reason;

    @Override
    public Integer call() {
      try (Session s = new Session(rpc, keys)) {
        TransactionReceipt r = s.send(s.datanets(true).reject(id, reason));
        var e = Datanets.getContributionRejectedEvents(r).get(0);
        new Output("contribution", "datanet", "contributor", "depositSlashed", "tx").row(e.contributionId, e.datanetId, e.contributor,
            Open.format(e.depositSlashed), r.getTransactionHash()).print(System.out, rpc.json());
        return 0;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every Datanet.")
  static final class ListAll implements Callable<Integer> {
    @Mixin RpcOptions rpc;

    @Override
    public Integer call() {
      try (Session s = new Session(rpc, null)) {
        Datanets datanets = s.datanets(false);
        BigInteger count = s.view(datanets.datanetCount());
        Output out = new Output("datanet", "name", "owner", "curator", "accepted", "pending", "deposit", "accessFee");
        for (BigInteger id = BigInteger.ONE; id.compareTo(count) <= 0; id = id.add(BigInteger.ONE)) {
          Datanets.Datanet d = s.view(datanets.datanet(id));
          out.row(id, d.name, d.owner, d.curator, d.acceptedCount, d.pendingCount, Open.format(d.submissionDeposit), Open.format(d.accessFee));
        }
        out.print(System.out, rpc.json());
        return 0;
      }
    }
  }

  @Command(name = "contributions", mixinStandardHelpOptions = true, description = "List a contributor's contributions (yours by default).")
  static final class Contributions implements Callable<Integer> {
    @Mixin RpcOptions rpc;
    @Mixin KeyOptions keys;
    @Option(names = "--contributor", description = "Address (default: the signing key's).") String contributor;

    @Override
    public Integer call() {
      try (Session s = new Session(rpc, keys)) {
        String who = contributor != null ? contributor : s.sender();
        Datanets datanets = s.datanets(false);
        @SuppressWarnings("unchecked")
        List<BigInteger> ids = s.view(datanets.contributionsOf(who));
        Output out = new Output("contribution", "datanet", "status", "deposit", "claimable", "metadata");
        for (BigInteger id : ids) {
          Datanets.Contribution c = s.view(datanets.contribution(id));
          out.row(id, c.datanetId, status(c.status), Open.format(c.deposit), Open.format(s.view(datanets.claimable(id))), c.metadataURI);
        }
        out.print(System.out, rpc.json());
        return 0;
      }
    }
  }

  /** keccak256(abi.encodePacked(content, contributor)), as Datanets.submit expects. */
  static byte[] contributionHash(byte[] content, String contributor) {
    byte[] address = Numeric.hexStringToByteArray(contributor);
    byte[] packed = new byte[content.length + address.length];
    System.arraycopy(content, 0, packed, 0, content.length);
    System.arraycopy(address, 0, packed, content.length, address.length);
    return Keccak.hash(packed);
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage());
    }
  }
}
