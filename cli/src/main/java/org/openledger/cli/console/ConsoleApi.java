package org.openledger.cli.console;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.openledger.cli.UserError;
import org.openledger.cli.chain.Connection;
import org.openledger.cli.chain.ContentStore;
import org.openledger.cli.chain.DevChain;
import org.openledger.cli.chain.Open;
import org.openledger.cli.chain.Session;
import org.openledger.cli.governance.ProposalCommand;
import org.openledger.cli.model.ModelCommand;
import org.openledger.cli.payouts.Payouts;
import org.openledger.console.server.ApiError;
import org.openledger.console.server.ConsoleServer;
import org.openledger.console.server.Request;
import org.openledger.contracts.attribution.FixedMlp;
import org.openledger.contracts.web3j.Datanets;
import org.openledger.contracts.web3j.Inference;
import org.openledger.contracts.web3j.Models;
import org.openledger.contracts.web3j.OpenLedgerContracts;
import org.openledger.contracts.web3j.Provers;
import org.openledger.contracts.web3j.Services;
import org.openledger.governance.governor.Governor;
import org.openledger.governance.proposals.Proposal;
import org.openledger.governance.proposals.Proposals;
import org.openledger.governance.timelock.Timelock;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.Keccak;
import org.openledger.prover.factory.JobSpec;
import org.openledger.prover.factory.LogisticFactory;
import org.openledger.prover.factory.MlpFactory;
import org.openledger.prover.factory.VersionFactory;
import org.openledger.prover.proof.ProofAuditor;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The console's JSON API over one node: reads through the generated wrappers and event logs, writes
 * as transactions whose calldata the wrappers encode. A write is signed by one of the console's
 * signers (the page names it in {@code as}) after the checked dry run, so a revert comes back as
 * the contract's custom error in words and nothing is sent; with {@code wallet: true} the dry run
 * is made from the wallet's address and the transaction is returned unsigned ({@code to}, {@code
 * data}, {@code value}) for the browser wallet to send.
 */
public final class ConsoleApi {
  static final String[] DATANET_STATUS = {"none", "pending", "accepted", "rejected", "slashed"};
  static final String[] JOB_STATES = {"none", "Open", "Accepted", "Delivered", "Disputed", "Released", "Refunded", "Failed"};
  static final String[] REQUEST_STATES = {"none", "Requested", "Resulted", "Settled", "Refunded"};
  /** Most items a list shows (newest first): a page stays fast on a long-lived chain. */
  static final int PAGE = 200;

  private final Connection node;
  private final Signers signers;
  private final boolean devnet;
  private final JobProgress progress;

  public ConsoleApi(Connection node, Signers signers, boolean devnet, JobProgress progress) {
    this.node = node;
    this.signers = signers;
    this.devnet = devnet;
    this.progress = progress;
  }

  /** Registers every route on {@code server}. */
  public void routes(ConsoleServer server) {
    server.get("/api/status", r -> status())
        .get("/api/datanets", r -> datanets())
        .get("/api/datanets/{id}", r -> datanet(r.id("id")))
        .post("/api/datanets", this::createDatanet)
        .post("/api/datanets/{id}/contributions", this::contribute)
        .post("/api/contributions/{id}/accept", this::accept)
        .post("/api/contributions/{id}/reject", this::reject)
        .get("/api/models", r -> models())
        .post("/api/models", this::proposeModel)
        .get("/api/jobs", r -> jobs())
        .post("/api/jobs", this::openJob)
        .get("/api/proposals", r -> proposals())
        .post("/api/proposals", this::propose)
        .post("/api/proposals/{id}/vote", this::vote)
        .post("/api/proposals/{id}/queue", r -> lifecycle(r, Governor.QUEUE))
        .post("/api/proposals/{id}/execute", r -> lifecycle(r, Governor.EXECUTE))
        .get("/api/inference", r -> requests())
        .post("/api/inference", this::requestInference)
        .get("/api/contributors/{address}", r -> contributor(address(r, "address")))
        .get("/api/provers/{address}", r -> prover(address(r, "address")))
        .post("/api/devnet/mine", this::mine)
        .post("/api/devnet/advance", this::advance);
  }

  /**
   * What the user sees for a failure of ours: the CLI's messages, which already carry the custom
   * error in words and the fix. A contract's {@code Unknown...} error (an id no one has) is a 404.
   */
  public static ApiError error(RuntimeException e) {
    if (e instanceof UserError u) {
      String m = u.getMessage();
      if (m.contains(" was refused: Unknown")) return new ApiError(404, "not_found", m);
      if (m.contains(" was refused: ")) return new ApiError(409, "reverted", m);
      return new ApiError(400, "refused", m);
    }
    return null;
  }

  // ---- reads

  private Object status() {
    Session s = reader();
    List<Map<String, Object>> who = new ArrayList<>();
    for (Signers.Signer signer : signers.all()) {
      who.add(map("name", signer.name(), "address", signer.address(), "role", signer.role(), "balance", Open.format(balance(signer.address()))));
    }
    return map("chainId", node.chainId(), "head", s.blockNumber(), "rpc", node.url(), "devnet", devnet, "signers", who);
  }

  private Object datanets() {
    Session s = reader();
    Datanets d = s.datanets(false);
    BigInteger count = s.view(d.datanetCount());
    List<Object> out = new ArrayList<>();
    for (BigInteger id = count; id.signum() > 0 && out.size() < PAGE; id = id.subtract(BigInteger.ONE)) {
      out.add(datanetSummary(id, s.view(d.datanet(id))));
    }
    return out;
  }

  private static Map<String, Object> datanetSummary(BigInteger id, Datanets.Datanet n) {
    return map("id", id, "name", n.name, "owner", n.owner, "curator", n.curator, "uri", n.metadataURI, "deposit", Open.format(n.submissionDeposit),
        "accepted", n.acceptedCount, "pending", n.pendingCount, "contributions", n.contributionCount, "createdAt", n.createdAt);
  }

  private Object datanet(BigInteger id) {
    Session s = reader();
    Datanets d = s.datanets(false);
    Datanets.Datanet n = s.view(d.datanet(id));
    Map<String, Object> out = datanetSummary(id, n);
    // contributions by their ContributionSubmitted events, newest first
    EthFilter f = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, OpenLedgerContracts.DATANETS);
    f.addSingleTopic(EventEncoder.encode(Datanets.CONTRIBUTIONSUBMITTED_EVENT));
    List<Object> contributions = new ArrayList<>();
    List<Log> logs = new ArrayList<>(Payouts.logs(s, f));
    java.util.Collections.reverse(logs);
    for (Log log : logs) {
      Datanets.ContributionSubmittedEventResponse e = Datanets.getContributionSubmittedEventFromLog(log);
      Datanets.Contribution c = s.view(d.contribution(e.contributionId));
      if (!c.datanetId.equals(id)) continue;
      contributions.add(map("id", e.contributionId, "contributor", c.contributor, "status", name(DATANET_STATUS, c.status), "deposit",
          Open.format(c.deposit), "uri", c.metadataURI, "submittedAt", c.submittedAt));
      if (contributions.size() >= PAGE) break;
    }
    out.put("contributionList", contributions);
    return out;
  }

  private Object models() {
    Session s = reader();
    Models m = s.models(false);
    BigInteger count = s.view(m.modelCount());
    List<Object> out = new ArrayList<>();
    for (BigInteger id = count; id.signum() > 0 && out.size() < PAGE; id = id.subtract(BigInteger.ONE)) {
      Models.Model model = s.view(m.model(id));
      List<Object> versions = new ArrayList<>();
      for (BigInteger v = BigInteger.ONE; v.compareTo(model.versionCount) <= 0; v = v.add(BigInteger.ONE)) {
        versions.add(map("version", v, "attestations", s.view(m.attestations(id, v))));
      }
      out.add(map("id", id, "name", model.name, "owner", model.owner, "state", ModelCommand.state(model.state), "deployedVersion", model.deployedVersion,
          "versionCount", model.versionCount, "datanets", s.view(m.datanetsOf(id)), "versions", versions, "proposedAt", model.proposedAt));
    }
    return out;
  }

  private Object jobs() {
    Session s = reader();
    Services svc = s.services(false);
    BigInteger count = s.view(svc.jobCount());
    List<Object> out = new ArrayList<>();
    for (BigInteger id = count; id.signum() > 0 && out.size() < PAGE; id = id.subtract(BigInteger.ONE)) {
      Services.Job j = s.view(svc.job(id));
      out.add(map("id", id, "model", j.modelId, "owner", j.owner, "state", name(JOB_STATES, j.state), "budget", Open.format(j.budget),
          "minScore", pct(j.minScore), "trainer", j.trainer, "version", j.version, "evaluationScore", pct(j.evaluationScore),
          "deadline", j.deadline, "progress", progress.of(id)));
    }
    return out;
  }

  private Object proposals() {
    Session s = reader();
    List<Object> out = new ArrayList<>();
    List<ProposalCommand.Created> all = new ArrayList<>(ProposalCommand.created(s));
    java.util.Collections.reverse(all);
    for (ProposalCommand.Created c : all) {
      List<?> votes = (List<?>) Governor.PROPOSAL_VOTES.decodeOutput(s.callRaw(Governor.ADDRESS.toHexString(), Governor.PROPOSAL_VOTES.encodeCall(c.id())));
      out.add(map("id", c.id(), "description", c.description(), "proposer", c.proposer().toHexString(), "state",
          ProposalCommand.STATES[ProposalCommand.state(s, c.id())], "for", Open.format((BigInteger) votes.get(1)), "against",
          Open.format((BigInteger) votes.get(0)), "abstain", Open.format((BigInteger) votes.get(2)), "voteStart", c.voteStart(), "voteEnd", c.voteEnd()));
      if (out.size() >= PAGE) break;
    }
    return out;
  }

  private Object requests() {
    Session s = reader();
    Inference inf = s.inference(false);
    BigInteger count = s.view(inf.requestCount());
    List<Object> out = new ArrayList<>();
    for (BigInteger id = count; id.signum() > 0 && out.size() < PAGE; id = id.subtract(BigInteger.ONE)) {
      Inference.Request r = s.view(inf.getRequest(id));
      out.add(map("id", id, "model", r.modelId, "version", r.version, "requester", r.requester, "state", name(REQUEST_STATES, r.state),
          "maxFee", Open.format(r.maxFee), "fee", Open.format(r.fee), "host", r.host, "block", r.requestBlock));
    }
    return out;
  }

  private Object contributor(String who) {
    Session s = reader();
    List<Object> rows = new ArrayList<>();
    List<Object> series = new ArrayList<>();
    BigInteger total = BigInteger.ZERO;
    for (Payouts.Payout p : Payouts.of(s, who, BigInteger.ZERO)) {
      total = total.add(p.amount());
      rows.add(map("request", p.requestId(), "model", p.modelId(), "version", p.version(), "score", p.score(), "amount", Open.format(p.amount()),
          "amountWei", p.amount(), "share", p.share(), "prover", p.prover(), "proofHash", p.proofHash(), "proofTx", p.proofTx(), "block", p.block(),
          "tx", p.tx()));
      series.add(map("block", p.block(), "totalWei", total, "total", Open.format(total)));
    }
    return map("address", who, "payouts", rows, "total", Open.format(total), "series", series);
  }

  private Object prover(String who) {
    Session s = reader();
    Provers p = s.provers(false);
    var bond = s.view(p.bondOf(who));
    String topic = "0x" + TypeEncoder.encode(new org.web3j.abi.datatypes.Address(who));
    List<Object> claims = new ArrayList<>();
    for (Log log : Payouts.logs(s, byProver(OpenLedgerContracts.PROVERS, EventEncoder.encode(Provers.CLAIMED_EVENT), topic))) {
      var e = Provers.getClaimedEventFromLog(log);
      claims.add(map("request", e.requestId, "locked", Open.format(e.locked), "until", e.until, "block", log.getBlockNumber()));
    }
    List<Object> proofs = new ArrayList<>();
    List<BigInteger> proven = new ArrayList<>();
    for (Log log : Payouts.logs(s, byProver(OpenLedgerContracts.PROVERS, EventEncoder.encode(Provers.PROOFACCEPTED_EVENT), topic))) {
      var e = Provers.getProofAcceptedEventFromLog(log);
      proven.add(e.requestId);
      proofs.add(map("request", e.requestId, "proofHash", Numeric.toHexString(e.proofHash), "contributors", e.contributors, "challengeEnds",
          e.challengeEnds, "block", log.getBlockNumber(), "tx", log.getTransactionHash()));
    }
    List<Object> challenges = new ArrayList<>();
    EthFilter cf = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, OpenLedgerContracts.PROVERS);
    cf.addSingleTopic(EventEncoder.encode(Provers.CHALLENGED_EVENT));
    for (Log log : Payouts.logs(s, cf)) {
      var e = Provers.getChallengedEventFromLog(log);
      if (proven.contains(e.requestId)) {
        challenges.add(map("request", e.requestId, "challenger", e.challenger, "evidenceHash", Numeric.toHexString(e.evidenceHash), "block",
            log.getBlockNumber()));
      }
    }
    // one-step fraud proofs against this prover's proofs: the proof's request names the prover, the events do not
    List<Object> fraudProofs = new ArrayList<>();
    EthFilter ff = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, OpenLedgerContracts.PROVERS);
    ff.addOptionalTopics(EventEncoder.encode(Provers.FRAUDPROVEN_EVENT), EventEncoder.encode(Provers.CHALLENGEFAILED_EVENT));
    for (Log log : Payouts.logs(s, ff)) {
      if (log.getTopics().get(0).equals(EventEncoder.encode(Provers.FRAUDPROVEN_EVENT))) {
        var e = Provers.getFraudProvenEventFromLog(log);
        if (proven.contains(e.requestId)) {
          fraudProofs.add(map("request", e.requestId, "challenger", e.challenger, "kind", ProofAuditor.kindName(e.kind.intValueExact()), "outcome",
              "proven: slashed " + Open.format(e.slashed) + ", challenger paid " + Open.format(e.toChallenger), "block", log.getBlockNumber()));
        }
      } else {
        var e = Provers.getChallengeFailedEventFromLog(log);
        if (proven.contains(e.requestId)) {
          fraudProofs.add(map("request", e.requestId, "challenger", e.challenger, "kind", ProofAuditor.kindName(e.kind.intValueExact()), "outcome",
              "failed: the challenger forfeited " + Open.format(e.forfeited), "block", log.getBlockNumber()));
        }
      }
    }
    List<Object> earnings = new ArrayList<>();
    BigInteger earned = BigInteger.ZERO;
    for (Log log : Payouts.logs(s, byProver(OpenLedgerContracts.INFERENCE, EventEncoder.encode(Inference.PAID_EVENT), topic))) {
      var e = Inference.getPaidEventFromLog(log);
      earned = earned.add(e.amount);
      earnings.add(map("request", e.requestId, "role", e.role, "amount", Open.format(e.amount), "block", log.getBlockNumber()));
    }
    return map("address", who, "bond", map("total", Open.format(bond.component1()), "locked", Open.format(bond.component2()), "unbonding",
        Open.format(bond.component3()), "readyAt", bond.component4()), "claims", claims, "proofs", proofs, "challenges", challenges, "fraudProofs", fraudProofs, "earnings",
        earnings, "earned", Open.format(earned));
  }

  /** Logs of {@code event} at {@code contract} whose second topic is {@code topic}: the indexed address after the request id. */
  private static EthFilter byProver(String contract, String event, String topic) {
    EthFilter f = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, contract);
    f.addSingleTopic(event);
    f.addNullTopic();
    f.addSingleTopic(topic);
    return f;
  }

  // ---- writes

  private Object createDatanet(Request r) {
    String name = r.required("name");
    BigInteger deposit = Open.parse(r.required("deposit"), "deposit");
    Session s = reader();
    Outcome o = send(r, OpenLedgerContracts.DATANETS, s.datanets(false).create(name, r.text("uri") == null ? "" : r.text("uri"), deposit,
        BigInteger.ZERO), BigInteger.ZERO);
    if (o.receipt() != null) o.result().put("datanet", Datanets.getDatanetCreatedEvents(o.receipt()).get(0).datanetId);
    return o.result();
  }

  private Object contribute(Request r) {
    BigInteger datanet = r.id("id");
    byte[] content = base64(r, "content");
    Session s = reader();
    Datanets.Datanet n = s.view(s.datanets(false).datanet(datanet));
    String from = from(r);
    String contentHash = new ContentStore(node).put(content);
    byte[] commitment = Keccak.hash(content, Numeric.hexStringToByteArray(from));
    Outcome o = send(r, OpenLedgerContracts.DATANETS, s.datanets(false).submit(datanet, commitment, "openledger:content/" + contentHash,
        n.submissionDeposit), n.submissionDeposit);
    o.result().put("contentHash", contentHash);
    if (o.receipt() != null) o.result().put("contribution", Datanets.getContributionSubmittedEvents(o.receipt()).get(0).contributionId);
    return o.result();
  }

  private Object accept(Request r) {
    BigInteger id = r.id("id");
    Session s = reader();
    Datanets.Contribution c = s.view(s.datanets(false).contribution(id));
    String uri = c.metadataURI;
    byte[] contentHash = Numeric.hexStringToByteArray(uri.substring(uri.lastIndexOf('/') + 1));
    return send(r, OpenLedgerContracts.DATANETS, s.datanets(false).accept(id, contentHash), BigInteger.ZERO).result();
  }

  private Object reject(Request r) {
    BigInteger id = r.id("id");
    String reason = r.required("reason");
    return send(r, OpenLedgerContracts.DATANETS, reader().datanets(false).reject(id, reason), BigInteger.ZERO).result();
  }

  private Object proposeModel(Request r) {
    String name = r.required("name");
    List<BigInteger> datanets = new ArrayList<>();
    for (String part : r.required("datanets").split("[,\\s]+")) {
      if (part.isEmpty()) continue;
      try {
        datanets.add(new BigInteger(part));
      } catch (NumberFormatException e) {
        throw ApiError.badInput("datanets must be Datanet ids separated by commas, got '" + part + "'");
      }
    }
    Outcome o = send(r, OpenLedgerContracts.MODELS, reader().models(false).propose(BigInteger.ZERO, datanets, name,
        r.text("uri") == null ? "" : r.text("uri")), BigInteger.ZERO);
    if (o.receipt() != null) o.result().put("model", Models.getModelProposedEvents(o.receipt()).get(0).modelId);
    return o.result();
  }

  private Object openJob(Request r) {
    BigInteger model = r.id("model");
    byte[] evaluation = base64(r, "evaluation");
    BigInteger budget = Open.parse(r.required("budget"), "budget");
    BigInteger minScoreBp = percentToBp(r.required("minScore"));
    BigInteger deadline = r.text("deadline") == null ? BigInteger.valueOf(1_000) : r.id("deadline");
    // the job says what to train (openledger factory open's specification), so any trainer builds exactly that
    VersionFactory training = architecture(r);
    ContentStore store = new ContentStore(node);
    JobSpec spec = new JobSpec(Bytes32.fromHexString(store.put(evaluation)), training);
    store.put(spec.encode());
    Outcome o = send(r, OpenLedgerContracts.SERVICES, reader().services(false).openJob(model, spec.root().toArray(), minScoreBp, deadline,
        budget), budget);
    if (o.receipt() != null) o.result().put("job", Services.getJobOpenedEvents(o.receipt()).get(0).jobId);
    return o.result();
  }

  /** The job form's architecture: logistic regression (the default) or the MLP with its hidden width, other settings at their defaults. */
  private static VersionFactory architecture(Request r) {
    String arch = r.text("architecture") == null ? "logistic" : r.text("architecture");
    return switch (arch) {
      case "logistic" -> LogisticFactory.Config.defaults();
      case "mlp" -> {
        MlpFactory.Config d = MlpFactory.Config.defaults();
        int hidden = r.text("hidden") == null || r.text("hidden").isBlank() ? d.training().hidden() : r.id("hidden").intValueExact();
        if (hidden < 1 || hidden > FixedMlp.MAX_HIDDEN) throw ApiError.badInput("hidden units must be 1.." + FixedMlp.MAX_HIDDEN + ", got " + hidden);
        yield new MlpFactory.Config(d.training().withHidden(hidden), d.rank(), d.damping());
      }
      default -> throw ApiError.badInput("architecture must be logistic or mlp, got " + arch);
    };
  }

  private Object propose(Request r) {
    String kind = r.required("kind");
    BigInteger model = r.id("model");
    String description = r.text("description");
    Proposal p = switch (kind) {
      case "approve" -> Proposals.approveModel(model, description == null || description.isBlank() ? "Approve model " + model : description);
      case "deploy" -> {
        BigInteger version = r.id("version");
        yield Proposals.deployModel(model, version, description == null || description.isBlank() ? "Deploy model " + model + " v" + version : description);
      }
      default -> throw ApiError.badInput("kind must be approve or deploy, got '" + kind + "'");
    };
    Outcome o = sendRaw(r, Governor.ADDRESS.toHexString(), p.proposeCalldata(), BigInteger.ZERO);
    o.result().put("proposal", p.id(Address.fromHex(from(r))));
    return o.result();
  }

  private Object vote(Request r) {
    BigInteger id = r.id("id");
    int support = switch (r.required("support")) {
      case "for" -> Governor.FOR;
      case "against" -> Governor.AGAINST;
      case "abstain" -> Governor.ABSTAIN;
      default -> throw ApiError.badInput("support must be for, against or abstain, got '" + r.text("support") + "'");
    };
    known(id);
    return sendRaw(r, Governor.ADDRESS.toHexString(), Governor.CAST_VOTE.encodeCall(id, BigInteger.valueOf(support)), BigInteger.ZERO).result();
  }

  private Object lifecycle(Request r, org.openledger.precompiles.contract.FunctionSpec f) {
    ProposalCommand.Created c = known(r.id("id"));
    Bytes data = f.encodeCall(c.id(), c.targets(), c.values(), c.calldatas(), Governor.descriptionHash(c.description()));
    return sendRaw(r, Governor.ADDRESS.toHexString(), data, BigInteger.ZERO).result();
  }

  private ProposalCommand.Created known(BigInteger id) {
    for (ProposalCommand.Created c : ProposalCommand.created(reader())) if (c.id().equals(id)) return c;
    throw ApiError.notFound("there is no proposal " + id + " on this chain");
  }

  private Object requestInference(Request r) {
    BigInteger model = r.id("model");
    byte[] input = base64(r, "input");
    Session s = reader();
    Models.Model m = s.view(s.models(false).model(model));
    BigInteger version = r.text("version") == null || r.text("version").isBlank() ? m.deployedVersion : r.id("version");
    String inputHash = new ContentStore(node).put(input);
    BigInteger in = BigInteger.valueOf(input.length), maxOut = BigInteger.ONE;
    BigInteger maxFee = s.view(s.inference(false).quote(model, version, in, maxOut));
    Outcome o = send(r, OpenLedgerContracts.INFERENCE, s.inference(false).request(model, version, Numeric.hexStringToByteArray(inputHash), in, maxOut,
        maxFee), maxFee);
    o.result().put("maxFee", Open.format(maxFee));
    if (o.receipt() != null) o.result().put("request", Inference.getRequestedEvents(o.receipt()).get(0).requestId);
    return o.result();
  }

  private Object mine(Request r) {
    devnetOnly();
    long blocks = r.id("blocks").longValueExact();
    if (blocks < 1 || blocks > 1_000_000) throw ApiError.badInput("blocks must be between 1 and 1,000,000, got " + blocks);
    return map("head", new DevChain(node).mine(blocks));
  }

  /** Devnet only: seals the blocks a proposal needs to reach its next stage (voting opens, voting closes, the Timelock delay passes). */
  private Object advance(Request r) {
    devnetOnly();
    ProposalCommand.Created c = known(r.id("proposal"));
    Session s = reader();
    long head = s.blockNumber().longValueExact();
    String state = ProposalCommand.STATES[ProposalCommand.state(s, c.id())];
    long target = switch (state) {
      case "Pending" -> c.voteStart().longValueExact() + 1;
      case "Active" -> c.voteEnd().longValueExact() + 1;
      case "Queued" -> head + ((BigInteger) Timelock.GET_MIN_DELAY.decodeOutput(s.callRaw(Timelock.ADDRESS.toHexString(),
          Timelock.GET_MIN_DELAY.encodeCall()))).longValueExact();
      default -> throw ApiError.badInput("proposal " + c.id() + " is " + state + ": no waiting period is left to skip");
    };
    BigInteger newHead = target > head ? new DevChain(node).mine(target - head) : BigInteger.valueOf(head);
    return map("head", newHead, "state", ProposalCommand.STATES[ProposalCommand.state(s, c.id())]);
  }

  private void devnetOnly() {
    if (!devnet) throw new ApiError(403, "not_devnet", "sealing blocks on demand is a devnet method; on a Besu network blocks come on their own");
  }

  // ---- sending

  /** A write's outcome: the result map for the page and, when the console signed it, the receipt. */
  record Outcome(Map<String, Object> result, TransactionReceipt receipt) {}

  private Outcome send(Request r, String to, RemoteFunctionCall<?> call, BigInteger value) {
    return sendRaw(r, to, Bytes.fromHexString(call.encodeFunctionCall()), value);
  }

  /**
   * Dry-runs the transaction from the sender (a revert becomes its custom error in words and
   * nothing is sent), then signs it with the named signer, or returns it for the browser wallet.
   */
  private Outcome sendRaw(Request r, String to, Bytes data, BigInteger value) {
    if (r.flag("wallet")) {
      String from = address(r, "from");
      dryRun(from, to, data, value);
      return new Outcome(map("to", to, "data", data.toHexString(), "value", Numeric.toHexStringWithPrefix(value), "wallet", true), null);
    }
    Signers.Signer signer = signerOf(r);
    TransactionReceipt receipt = Session.as(node, signer.credentials()).sendRaw(to, data, value);
    return new Outcome(map("tx", receipt.getTransactionHash(), "block", receipt.getBlockNumber(), "from", signer.address()), receipt);
  }

  private void dryRun(String from, String to, Bytes data, BigInteger value) {
    try {
      var call = node.web3j().ethCall(org.web3j.protocol.core.methods.request.Transaction.createFunctionCallTransaction(from, null, null, null, to, value,
          data.toHexString()), DefaultBlockParameterName.PENDING).send();
      if (call.hasError()) {
        throw new UserError(target(to, data) + " was refused: " + org.openledger.cli.chain.Reverts.describe(to, call.getError().getData())
            + "; nothing was sent");
      }
    } catch (java.io.IOException e) {
      throw new UserError("cannot reach " + node.url() + ": " + e.getMessage());
    }
  }

  /** "Datanets.create" for calldata to one of our contracts, as the CLI names it; else the address. */
  private static String target(String to, Bytes data) {
    var entry = org.openledger.cli.chain.Reverts.at(to);
    if (entry == null) return to;
    String contract = entry.spec().name().replaceFirst("^I(?=[A-Z])", "");
    var f = data.size() >= 4 ? entry.spec().function(data.getInt(0)) : null;
    return f == null ? contract : contract + "." + f.name();
  }

  private static org.web3j.crypto.Credentials readerCredentials() {
    return org.web3j.crypto.Credentials.create("0x1");
  }

  private Signers.Signer signerOf(Request r) {
    String as = r.text("as");
    Signers.Signer s = as == null || as.isBlank() ? signers.first() : signers.byAddress(as);
    if (s == null) {
      throw ApiError.badInput(signers.all().isEmpty()
          ? "this console has no signing key: start it with --keystore or OPENLEDGER_PRIVATE_KEY, or connect a browser wallet"
          : "the console holds no key for " + as + "; pick one of " + signers.all().stream().map(Signers.Signer::name).toList());
    }
    return s;
  }

  private String from(Request r) {
    return r.flag("wallet") ? address(r, "from") : signerOf(r).address();
  }

  private Session reader() {
    return Session.as(node, readerCredentials());
  }

  private BigInteger balance(String address) {
    try {
      return node.web3j().ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
    } catch (java.io.IOException e) {
      throw new UserError("cannot reach " + node.url() + ": " + e.getMessage());
    }
  }

  // ---- input

  private static String address(Request r, String field) {
    String a = r.required(field);
    if (!a.matches("0x[0-9a-fA-F]{40}")) throw ApiError.badInput(field + " must be a 0x-prefixed 20-byte address, got '" + a + "'");
    return a.toLowerCase(java.util.Locale.ROOT);
  }

  private static byte[] base64(Request r, String field) {
    String v = r.required(field);
    try {
      byte[] b = Base64.getDecoder().decode(v);
      if (b.length == 0) throw ApiError.badInput(field + " is an empty file");
      return b;
    } catch (IllegalArgumentException e) {
      throw ApiError.badInput(field + " must be the file's bytes in base64");
    }
  }

  /** "70" or "70.5" percent → basis points, exactly; a fraction of a basis point is refused. */
  static BigInteger percentToBp(String percent) {
    java.math.BigDecimal v;
    try {
      v = new java.math.BigDecimal(percent.strip());
    } catch (NumberFormatException e) {
      throw ApiError.badInput("minScore must be a percentage such as 70, got '" + percent + "'");
    }
    if (v.signum() < 0 || v.compareTo(java.math.BigDecimal.valueOf(100)) > 0) throw ApiError.badInput("minScore must be between 0 and 100, got " + percent);
    try {
      return v.movePointRight(2).toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw ApiError.badInput("minScore has more than two decimals (a basis point is 0.01%), got " + percent);
    }
  }

  private static String pct(BigInteger bp) {
    return new java.math.BigDecimal(bp).movePointLeft(2).stripTrailingZeros().toPlainString() + "%";
  }

  private static String name(String[] names, BigInteger i) {
    int n = i.intValue();
    return n >= 0 && n < names.length ? names[n] : "state " + i;
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }
}
