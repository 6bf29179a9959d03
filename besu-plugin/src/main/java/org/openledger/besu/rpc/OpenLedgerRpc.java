package org.openledger.besu.rpc;

import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.hyperledger.besu.plugin.data.BlockHeader;
import org.hyperledger.besu.plugin.services.RpcEndpointService;
import org.hyperledger.besu.plugin.services.exception.PluginRpcEndpointException;
import org.hyperledger.besu.plugin.services.rpc.PluginRpcRequest;
import org.openledger.besu.chain.ChainReader;
import org.openledger.besu.chain.WorldViewHost;
import org.openledger.besu.content.ContentStore;
import org.openledger.besu.metrics.PluginMetrics;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Catalog;
import org.openledger.contracts.datanet.Datanets;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.model.Models;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.abi.AbiCodec;
import org.openledger.precompiles.abi.AbiType;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.EventSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.executor.Executor;
import org.openledger.precompiles.host.BlockContext;
import org.openledger.precompiles.host.CallResult;
import org.openledger.precompiles.host.Log;
import org.openledger.precompiles.host.Message;

/**
 * The openledger_* JSON-RPC methods Besu serves for the plugin (enable with
 * {@code --rpc-http-api=...,OPENLEDGER}). Besu registers endpoints before plugins start; the
 * methods that read the chain answer NOT_INSTALLED until {@link #start} hands them the executor,
 * the chain and the content store. Every expected failure is a {@link RpcFailure}.
 */
public final class OpenLedgerRpc {
  public static final String NAMESPACE = "openledger";
  /** Gas a view call may use: far above any view's requirement, and views never pay it. */
  static final long VIEW_GAS = 100_000_000L;

  /** What openledger_pluginInfo returns: the plugin and Besu versions, the activation block, and whether the contracts are installed. */
  public record PluginInfo(String pluginVersion, String besuVersion, long activationBlock, boolean installed, List<String> protocolSpecs) {}

  /** What the chain-reading methods need, known once the plugin has started. */
  public record Runtime(Executor executor, long chainId, long activationBlock, ChainReader chain, ContentStore content) {}

  /** One payout to a contributor (openledger_getPayouts). */
  public record Payout(String requestId, String modelId, String version, String score, String amount, String contributorsTotal,
                       long block, String transactionHash) {}

  /** openledger_getPayouts' answer. */
  public record Payouts(String contributor, long fromBlock, long toBlock, String total, List<Payout> payouts) {}

  /** One part of a settled fee (the Inference contract's Paid event). */
  public record Payment(String role, String account, String amount) {}

  /** One contributor's share of a settled fee (ContributorPaid). */
  public record ContributorPayment(String contributor, String score, String amount) {}

  /** openledger_getInferencePayout's answer: where every wei of a settled request's escrow went. */
  public record InferencePayout(String requestId, String modelId, String version, String requester, String escrow, String fee,
                                String refund, String prover, long block, String transactionHash, List<Payment> payments,
                                List<ContributorPayment> contributors) {}

  private static final String[] ROLES = {"owner", "baseOwner", "prover", "stakers", "treasury", "refund"};
  private static final String[] REQUEST_STATES = {"None", "Requested", "Resulted", "Settled", "Refunded"};

  private final Supplier<PluginInfo> info;
  private final List<Catalog.Entry> contracts;
  private volatile Runtime runtime;
  private volatile PluginMetrics metrics = PluginMetrics.NONE;
  private volatile String unavailable = "the OpenLedger native contracts are not installed on this node "
      + "(plugin disabled with --plugin-openledger-enabled=false, or not started yet)";

  public OpenLedgerRpc(Supplier<PluginInfo> info, List<Catalog.Entry> contracts) {
    this.info = info;
    this.contracts = List.copyOf(contracts);
  }

  /** Registers every method with Besu (in the plugin's register phase). */
  public void register(RpcEndpointService rpc) {
    method(rpc, "pluginInfo", p -> {
      new Params("openledger_pluginInfo", p, 0, 0);
      return info.get();
    });
    method(rpc, "contractAddresses", p -> {
      new Params("openledger_contractAddresses", p, 0, 0);
      return contractAddresses(contracts);
    });
    method(rpc, "getModel", this::getModel);
    method(rpc, "getDatanet", this::getDatanet);
    method(rpc, "getPayouts", this::getPayouts);
    method(rpc, "getInferencePayout", this::getInferencePayout);
    method(rpc, "putContent", this::putContent);
    method(rpc, "getContent", this::getContent);
  }

  /** Hands the methods what they read (in the plugin's start phase). */
  public void start(Runtime runtime, PluginMetrics metrics) {
    this.metrics = metrics;
    this.runtime = runtime;
  }

  /** The plugin started without what the chain-reading methods need; they answer NOT_INSTALLED with {@code reason}. */
  public void unavailable(String reason, PluginMetrics metrics) {
    this.metrics = metrics;
    this.unavailable = "the openledger_* chain and content methods are unavailable: " + reason;
  }

  private void method(RpcEndpointService rpc, String name, Function<Object[], Object> body) {
    String method = NAMESPACE + "_" + name;
    rpc.registerRPCEndpoint(NAMESPACE, name, (PluginRpcRequest request) -> {
      try {
        Object result = body.apply(request.getParams());
        metrics.rpcCall(method, "ok");
        return result;
      } catch (PluginRpcEndpointException e) {
        String outcome = e.getRpcMethodError() instanceof RpcFailure f ? f.kind().name().toLowerCase(Locale.ROOT) : "error";
        metrics.rpcCall(method, outcome);
        throw e;
      } catch (RuntimeException e) {
        metrics.rpcCall(method, "internal_error");
        throw e;
      }
    });
  }

  /** Contract name to address, in address order. */
  public static Map<String, String> contractAddresses(List<Catalog.Entry> contracts) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Catalog.Entry e : contracts) out.put(e.name(), e.address().toHexString());
    return out;
  }

  // ------------------------------------------------------------------ views

  /** openledger_getModel(modelId, block = "latest"): the Models contract's model view with its datanets. */
  private Object getModel(Object[] raw) {
    Params p = new Params("openledger_getModel", raw, 1, 2);
    BigInteger id = p.quantity(0, "modelId");
    Runtime rt = runtime();
    BlockHeader header = rt.chain().header(p.block(1, "block"));
    Map<String, Object> model = struct(Models.MODEL_VIEW, view(rt, header, Addresses.MODELS, Models.MODEL_VIEW, Models.UNKNOWN_MODEL,
        RpcFailure.Kind.UNKNOWN_MODEL, "no model " + id, id));
    List<?> datanets = (List<?>) view(rt, header, Addresses.MODELS, Models.DATANETS_OF, Models.UNKNOWN_MODEL,
        RpcFailure.Kind.UNKNOWN_MODEL, "no model " + id, id);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("modelId", id.toString());
    out.putAll(model);
    int state = ((Number) model.get("state")).intValue();
    out.put("stateName", state < Models.State.values().length ? Models.State.of(state).name() : "UNKNOWN");
    out.put("datanetIds", datanets.stream().map(Object::toString).toList());
    out.put("block", header.getNumber());
    return out;
  }

  /** openledger_getDatanet(datanetId, block = "latest"): the Datanets contract's datanet view. */
  private Object getDatanet(Object[] raw) {
    Params p = new Params("openledger_getDatanet", raw, 1, 2);
    BigInteger id = p.quantity(0, "datanetId");
    Runtime rt = runtime();
    BlockHeader header = rt.chain().header(p.block(1, "block"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("datanetId", id.toString());
    out.putAll(struct(Datanets.DATANET, view(rt, header, Addresses.DATANETS, Datanets.DATANET, Datanets.UNKNOWN_DATANET,
        RpcFailure.Kind.UNKNOWN_DATANET, "no datanet " + id, id)));
    out.put("block", header.getNumber());
    return out;
  }

  // ------------------------------------------------------------------ payouts

  /** openledger_getPayouts(contributor, fromBlock = 0, toBlock = "latest"): what each settled inference paid the contributor. */
  private Object getPayouts(Object[] raw) {
    Params p = new Params("openledger_getPayouts", raw, 1, 3);
    Address contributor = p.address(0, "contributor");
    Runtime rt = runtime();
    long from = p.has(1) ? rt.chain().header(p.block(1, "fromBlock")).getNumber() : 0;
    long to = rt.chain().header(p.block(2, "toBlock")).getNumber();
    EventSpec paid = Inference.CONTRIBUTOR_PAID_EVENT;
    List<ChainReader.LocatedLog> logs = rt.chain().logs(from, to, Addresses.INFERENCE, List.of(paid.topic0()));
    // What all contributors of a request received: the sum over its ContributorPaid events.
    Map<Bytes32, BigInteger> pools = new LinkedHashMap<>();
    for (ChainReader.LocatedLog l : logs) pools.merge(l.log().topics().get(1), amountOf(paid, l.log()), BigInteger::add);
    BlockHeader head = rt.chain().header(Params.BlockRef.LATEST);
    List<Payout> out = new ArrayList<>();
    BigInteger total = BigInteger.ZERO;
    Bytes32 who = Bytes32.leftPad(contributor.toBytes());
    for (ChainReader.LocatedLog l : logs) {
      if (!l.log().topics().get(2).equals(who)) continue;
      List<Object> data = AbiCodec.decode(paid.dataTypes(), l.log().data());
      BigInteger requestId = l.log().topics().get(1).toUnsignedBigInteger();
      List<?> request = (List<?>) view(rt, head, Addresses.INFERENCE, Inference.GET_REQUEST, Inference.UNKNOWN_REQUEST,
          RpcFailure.Kind.UNKNOWN_REQUEST, "no inference request " + requestId, requestId);
      BigInteger amount = (BigInteger) data.get(1);
      out.add(new Payout(requestId.toString(), request.get(1).toString(), request.get(2).toString(), data.get(0).toString(),
          amount.toString(), pools.get(l.log().topics().get(1)).toString(), l.block(), l.transactionHash().toHexString()));
      total = total.add(amount);
    }
    return new Payouts(contributor.toHexString(), from, to, total.toString(), out);
  }

  /**
   * openledger_getInferencePayout(requestId, fromBlock = the request's block): the settlement of
   * one request — every Paid and ContributorPaid event of the transaction that settled it.
   */
  private Object getInferencePayout(Object[] raw) {
    Params p = new Params("openledger_getInferencePayout", raw, 1, 2);
    BigInteger id = p.quantity(0, "requestId");
    Runtime rt = runtime();
    BlockHeader head = rt.chain().header(Params.BlockRef.LATEST);
    List<?> request = (List<?>) view(rt, head, Addresses.INFERENCE, Inference.GET_REQUEST, Inference.UNKNOWN_REQUEST,
        RpcFailure.Kind.UNKNOWN_REQUEST, "no inference request " + id, id);
    int state = ((BigInteger) request.get(8)).intValueExact();
    if (state != Inference.SETTLED) {
      throw RpcFailure.raise(RpcFailure.Kind.NOT_SETTLED, "inference request " + id + " is not settled: it is "
          + (state < REQUEST_STATES.length ? REQUEST_STATES[state] : "in state " + state)
          + (state == Inference.REFUNDED ? " (its escrow went back to the requester)" : " (nothing is paid before a verified proof is final and settle is called)"));
    }
    long requestBlock = ((BigInteger) request.get(9)).longValueExact();
    long from = p.has(1) ? p.blockNumber(1, "fromBlock") : requestBlock;
    Bytes32 idTopic = Bytes32.leftPad(Bytes.wrap(id.toByteArray()).trimLeadingZeros());
    List<ChainReader.LocatedLog> logs = rt.chain().logs(from, head.getNumber(), Addresses.INFERENCE, java.util.Arrays.asList(null, idTopic));
    ChainReader.LocatedLog settled = logs.stream().filter(l -> l.log().topics().get(0).equals(Inference.SETTLED_EVENT.topic0())).findFirst()
        .orElseThrow(() -> RpcFailure.raise(RpcFailure.Kind.NOT_SETTLED, "inference request " + id + " is settled in state, but no Settled event"
            + " was found in blocks " + from + ".." + head.getNumber() + "; pass the fromBlock of its settlement"));
    List<Payment> payments = new ArrayList<>();
    List<ContributorPayment> contributors = new ArrayList<>();
    for (ChainReader.LocatedLog l : logs) {
      if (!l.transactionHash().equals(settled.transactionHash())) continue;
      Bytes32 topic0 = l.log().topics().get(0);
      if (topic0.equals(Inference.PAID_EVENT.topic0())) {
        int role = l.log().topics().get(3).toUnsignedBigInteger().intValueExact();
        payments.add(new Payment(role < ROLES.length ? ROLES[role] : "role" + role, address(l.log().topics().get(2)),
            amountOf(Inference.PAID_EVENT, l.log()).toString()));
      } else if (topic0.equals(Inference.CONTRIBUTOR_PAID_EVENT.topic0())) {
        List<Object> data = AbiCodec.decode(Inference.CONTRIBUTOR_PAID_EVENT.dataTypes(), l.log().data());
        contributors.add(new ContributorPayment(address(l.log().topics().get(2)), data.get(0).toString(), data.get(1).toString()));
      }
    }
    List<Object> settledData = AbiCodec.decode(Inference.SETTLED_EVENT.dataTypes(), settled.log().data());
    return new InferencePayout(id.toString(), request.get(1).toString(), request.get(2).toString(), ((Address) request.get(0)).toHexString(),
        request.get(6).toString(), settledData.get(0).toString(), settledData.get(1).toString(), address(settled.log().topics().get(2)),
        settled.block(), settled.transactionHash().toHexString(), payments, contributors);
  }

  // ------------------------------------------------------------------ content store

  /** openledger_putContent(data): stores the bytes; returns their keccak-256. */
  private Object putContent(Object[] raw) {
    Params p = new Params("openledger_putContent", raw, 1, 1);
    Bytes data = p.data(0, "content");
    try {
      return runtime().content().put(data).toHexString();
    } catch (ContentStore.TooLarge e) {
      throw RpcFailure.raise(RpcFailure.Kind.CONTENT_TOO_LARGE, e.getMessage());
    } catch (UncheckedIOException e) {
      throw RpcFailure.raise(RpcFailure.Kind.CONTENT_STORE_FAILED, e.getMessage());
    }
  }

  /** openledger_getContent(hash): the bytes stored under that keccak-256. */
  private Object getContent(Object[] raw) {
    Params p = new Params("openledger_getContent", raw, 1, 1);
    Bytes32 hash = p.hash(0, "hash");
    try {
      return runtime().content().get(hash).map(Bytes::toHexString).orElseThrow(() -> RpcFailure.raise(RpcFailure.Kind.CONTENT_NOT_FOUND,
          "no content with hash " + hash.toHexString() + " on this node (content is per node: put it to the node you read from)"));
    } catch (ContentStore.Corrupt | UncheckedIOException e) {
      throw RpcFailure.raise(RpcFailure.Kind.CONTENT_STORE_FAILED, e.getMessage());
    }
  }

  // ------------------------------------------------------------------ plumbing

  private Runtime runtime() {
    Runtime rt = runtime;
    if (rt == null) {
      throw RpcFailure.raise(RpcFailure.Kind.NOT_INSTALLED, unavailable);
    }
    return rt;
  }

  /**
   * Runs a view function through the executor over the world state after {@code header}: the same
   * code the precompile runs, read-only. A revert with {@code notFound} becomes {@code kind}.
   */
  private static Object view(Runtime rt, BlockHeader header, Address contract, FunctionSpec fn, ErrorSpec notFound,
      RpcFailure.Kind kind, String notFoundMessage, Object... args) {
    long number = header.getNumber();
    if (number < rt.activationBlock()) {
      throw RpcFailure.raise(RpcFailure.Kind.NOT_INSTALLED, "the OpenLedger native contracts are active from block "
          + rt.activationBlock() + "; block " + number + " is before it");
    }
    BlockContext block = new BlockContext(number, header.getTimestamp(), rt.chainId());
    CallResult r = rt.chain().withState(header, world ->
        rt.executor().execute(new WorldViewHost(world, block), Message.staticCall(Address.ZERO, contract, fn.encodeCall(args), VIEW_GAS)));
    return switch (r.status()) {
      case SUCCESS -> fn.decodeOutput(r.output());
      case REVERT -> {
        if (notFound.matches(r.output())) throw RpcFailure.raise(kind, notFoundMessage + " (at block " + number + ")");
        throw RpcFailure.raise(RpcFailure.Kind.VIEW_FAILED, fn.name() + " reverted at block " + number + ": " + r.output().toHexString());
      }
      case HALT -> throw RpcFailure.raise(RpcFailure.Kind.VIEW_FAILED, fn.name() + " halted at block " + number + ": " + r.haltReason());
    };
  }

  /** A view's single struct output as an object keyed by its field names. */
  private static Map<String, Object> struct(FunctionSpec fn, Object value) {
    return AbiValues.object((AbiType.Tuple) fn.outputTypes().components().get(0), (List<?>) value);
  }

  private static BigInteger amountOf(EventSpec event, Log log) {
    List<Object> data = AbiCodec.decode(event.dataTypes(), log.data());
    return (BigInteger) data.get(data.size() - 1);
  }

  private static String address(Bytes32 topic) {
    return Address.wrap(topic.slice(12)).toHexString();
  }
}
