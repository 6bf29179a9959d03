package org.openledger.precompiles.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openledger.precompiles.abi.AbiType;

/**
 * Renders a {@link ContractSpec} as ABI JSON in the form {@code solc --abi} prints for the
 * contract's Solidity interface (same entries, fields, internal types and order), so any
 * Ethereum tool can load it.
 */
public final class AbiJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AbiJson() {}

  public static ArrayNode tree(ContractSpec spec) {
    List<ObjectNode> entries = new ArrayList<>();
    for (ErrorSpec e : spec.errors()) {
      ObjectNode n = JSON.createObjectNode();
      n.set("inputs", params(spec, e.params(), false));
      n.put("name", e.name());
      n.put("type", "error");
      entries.add(n);
    }
    for (EventSpec e : spec.events()) {
      ObjectNode n = JSON.createObjectNode();
      n.put("anonymous", false);
      n.set("inputs", params(spec, e.params(), true));
      n.put("name", e.name());
      n.put("type", "event");
      entries.add(n);
    }
    for (FunctionSpec f : spec.functions()) {
      ObjectNode n = JSON.createObjectNode();
      n.set("inputs", params(spec, f.inputs(), false));
      n.put("name", f.name());
      n.set("outputs", params(spec, f.outputs(), false));
      n.put("stateMutability", f.mutability().solidity());
      n.put("type", "function");
      entries.add(n);
    }
    // solc's order: by kind (error, event, function), then by name
    entries.sort(Comparator.comparing((ObjectNode n) -> n.get("type").asText()).thenComparing(n -> n.get("name").asText()));
    ArrayNode out = JSON.createArrayNode();
    entries.forEach(out::add);
    return out;
  }

  public static String render(ContractSpec spec) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree(spec));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ArrayNode params(ContractSpec spec, List<Param> params, boolean event) {
    ArrayNode out = JSON.createArrayNode();
    for (Param p : params) {
      ObjectNode n = param(spec, p.name(), p.type(), p.solidityType());
      if (event) {
        // solc puts "indexed" first
        ObjectNode ordered = JSON.createObjectNode();
        if (n.has("components")) ordered.set("components", n.get("components"));
        ordered.put("indexed", p.indexed());
        ordered.setAll(n);
        n = ordered;
      }
      out.add(n);
    }
    return out;
  }

  private static ObjectNode param(ContractSpec spec, String name, AbiType type, String solidityType) {
    ObjectNode n = JSON.createObjectNode();
    AbiType base = type;
    StringBuilder suffix = new StringBuilder();
    while (base instanceof AbiType.Array a) {
      suffix.insert(0, a.isFixed() ? "[" + a.length() + "]" : "[]");
      base = a.element();
    }
    if (base instanceof AbiType.Tuple t) {
      ArrayNode components = JSON.createArrayNode();
      StructSpec struct = spec.structs().stream().filter(s -> s.name().equals(t.structName())).findFirst()
          .orElseThrow(() -> new IllegalStateException("struct " + t.structName() + " is not declared in " + spec.name()));
      for (Param f : struct.fields()) components.add(param(spec, f.name(), f.type(), f.solidityType()));
      n.set("components", components);
      n.put("internalType", "struct " + spec.name() + "." + solidityType);
      n.put("name", name);
      n.put("type", "tuple" + suffix);
    } else {
      n.put("internalType", solidityType);
      n.put("name", name);
      n.put("type", type.canonical());
    }
    return n;
  }
}
