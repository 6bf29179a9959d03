package org.openledger.cli.model;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.Callable;
import org.openledger.cli.attribute.RegisterSpansCommand;
import org.openledger.cli.chain.KeyOptions;
import org.openledger.cli.chain.Open;
import org.openledger.cli.chain.Output;
import org.openledger.cli.chain.RpcOptions;
import org.openledger.cli.chain.Session;
import org.openledger.contracts.web3j.Models;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openledger model}: propose models and follow them through their lifecycle. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = {
      "Propose models and follow them through their lifecycle.",
      "",
      "Lifecycle:",
      "Proposed → Approved (vote) → Training → Evaluation (version registered) → Deployed (vote) → Deprecated (vote).",
      "Approval, deployment and deprecation are governance proposals: see 'openledger propose'."
    },
    subcommands = {ModelCommand.Propose.class, ModelCommand.ListAll.class, ModelCommand.Show.class, RegisterSpansCommand.class})
public final class ModelCommand {
  static final String[] STATES = {"Proposed", "Approved", "Rejected", "Training", "Evaluation", "Deployed", "Deprecated"};

  public static String state(BigInteger s) {
    int i = s.intValue();
    return i >= 0 && i < STATES.length ? STATES[i] : "state " + s;
  }

  @Command(name = "propose", mixinStandardHelpOptions = true, description = "Propose a base model, or an adapter of a base model, trained on the given Datanets.")
  static final class Propose implements Callable<Integer> {
    @Mixin RpcOptions rpc;
    @Mixin KeyOptions keys;
    @Option(names = "--name", required = true, description = "Model name.") String name;
    @Option(names = "--datanets", required = true, split = ",", description = "Datanet ids whose data trains it, comma-separated.") List<BigInteger> datanets;
    @Option(names = "--base", defaultValue = "0", description = "Base model id for an adapter (0: a base model; default ${DEFAULT-VALUE}).") BigInteger base;
    @Option(names = "--metadata", defaultValue = "", description = "Metadata URI.") String metadata;

    @Override
    public Integer call() {
      try (Session s = new Session(rpc, keys)) {
        TransactionReceipt r = s.send(s.models(true).propose(base, datanets, name, metadata));
        var e = Models.getModelProposedEvents(r).get(0);
        new Output("model", "name", "owner", "base", "datanets", "state", "tx").row(e.modelId, e.name, e.owner, e.baseModelId, e.datanetIds,
            "Proposed", r.getTransactionHash()).print(System.out, rpc.json());
        return 0;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every model with its state and deployed version.")
  static final class ListAll implements Callable<Integer> {
    @Mixin RpcOptions rpc;

    @Override
    public Integer call() {
      try (Session s = new Session(rpc, null)) {
        Models models = s.models(false);
        BigInteger count = s.view(models.modelCount());
        Output out = new Output("model", "name", "owner", "base", "state", "deployedVersion", "versions");
        for (BigInteger id = BigInteger.ONE; id.compareTo(count) <= 0; id = id.add(BigInteger.ONE)) {
          Models.Model m = s.view(models.model(id));
          out.row(id, m.name, m.owner, m.baseModelId, state(m.state), m.deployedVersion, m.versionCount);
        }
        out.print(System.out, rpc.json());
        return 0;
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one model and the terms of its deployed version (rates, host).")
  static final class Show implements Callable<Integer> {
    @Mixin RpcOptions rpc;
    @Parameters(index = "0", paramLabel = "MODEL", description = "Model id.") BigInteger id;

    @Override
    public Integer call() {
      try (Session s = new Session(rpc, null)) {
        Models models = s.models(false);
        Models.Model m = s.view(models.model(id));
        Output out = new Output("field", "value");
        out.row("model", id).row("name", m.name).row("owner", m.owner).row("base", m.baseModelId).row("state", state(m.state))
            .row("datanets", s.view(models.datanetsOf(id))).row("versions", m.versionCount).row("deployedVersion", m.deployedVersion);
        if (m.deployedVersion.signum() > 0) {
          Models.Terms t = s.view(models.inferenceTerms(id, m.deployedVersion));
          out.row("host", t.host).row("inRate (OPEN per 1000 tokens)", Open.format(t.inRate)).row("outRate (OPEN per 1000 tokens)", Open.format(t.outRate));
        }
        out.print(System.out, rpc.json());
        return 0;
      }
    }
  }
}
