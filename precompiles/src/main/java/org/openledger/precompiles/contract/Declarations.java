package org.openledger.precompiles.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openledger.precompiles.abi.AbiType;
import org.openledger.precompiles.gas.GasRule;

/**
 * The one place a contract declares its interface, in Solidity syntax. Each declaration returns
 * the spec the contract's code uses; {@link #spec} collects them, and the Solidity interface and
 * ABI JSON are derived from that.
 *
 * <pre>{@code
 * private static final Declarations D = new Declarations("IGuestbook");
 * static final ErrorSpec ALREADY_SIGNED = D.error("AlreadySigned(bytes32 key, address author)", "...");
 * static final EventSpec SIGNED = D.event("Signed(address indexed author, bytes32 indexed key, string message)", "...");
 * static final FunctionSpec SIGN = D.function("sign(bytes32 key, string message) returns (uint256 entries)", "...", gas);
 * public static final ContractSpec SPEC = D.spec("A guestbook.");
 * }</pre>
 *
 * <p>Types are Solidity's ({@code uint} means {@code uint256}); a struct must be declared with
 * {@link #struct} before use; mutability is written after the parameters ({@code view}, {@code
 * pure}, {@code payable}; none means nonpayable). Every interface also declares the framework's
 * errors ({@link FrameworkErrors}) so that tools decode them.
 */
public final class Declarations {
  private static final Pattern DECL =
      Pattern.compile("\\s*([A-Za-z_$][A-Za-z0-9_$]*)\\s*\\((.*?)\\)\\s*((?:\\s*(?:view|pure|payable|nonpayable|external))*)\\s*(?:returns\\s*\\((.*)\\))?\\s*");
  private static final Pattern IDENT = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  private final String interfaceName;
  private final Map<String, StructSpec> structs = new LinkedHashMap<>();
  private final List<ErrorSpec> errors = new ArrayList<>();
  private final List<EventSpec> events = new ArrayList<>();
  private final List<FunctionSpec> functions = new ArrayList<>();

  /** @param interfaceName the Solidity interface name, e.g. {@code IDatanets} */
  public Declarations(String interfaceName) {
    if (!IDENT.matcher(interfaceName).matches()) throw new IllegalArgumentException("bad interface name " + interfaceName);
    this.interfaceName = interfaceName;
  }

  /** {@code struct("Leaf", "uint256 contributor", "bytes32 root")}. */
  public StructSpec struct(String name, String... fields) {
    if (!IDENT.matcher(name).matches() || structs.containsKey(name)) {
      throw new IllegalArgumentException("bad or duplicate struct name " + name);
    }
    List<Param> params = new ArrayList<>();
    for (String f : fields) params.add(param(f, false, "struct " + name));
    StructSpec spec = new StructSpec(name, params, tupleOf(params, name));
    structs.put(name, spec);
    return spec;
  }

  public ErrorSpec error(String declaration, String doc) {
    Matcher m = match(declaration, "error");
    requireNoSuffix(m, declaration);
    ErrorSpec e = ErrorSpec.of(m.group(1), params(m.group(2), false, declaration), doc);
    for (ErrorSpec other : errors) {
      if (other.name().equals(e.name())) throw new IllegalArgumentException("duplicate error " + e.name());
    }
    errors.add(e);
    return e;
  }

  /**
   * Lists errors declared elsewhere — by a component the contract runs, such as a proof verifier —
   * in this interface too, so tools decode the reverts the contract passes on.
   */
  public List<ErrorSpec> include(List<ErrorSpec> declared) {
    for (ErrorSpec e : declared) {
      for (ErrorSpec other : errors) {
        if (other.name().equals(e.name())) throw new IllegalArgumentException("duplicate error " + e.name());
      }
      errors.add(e);
    }
    return List.copyOf(declared);
  }

  public EventSpec event(String declaration, String doc) {
    Matcher m = match(declaration, "event");
    requireNoSuffix(m, declaration);
    EventSpec e = EventSpec.of(m.group(1), params(m.group(2), true, declaration), doc);
    events.add(e);
    return e;
  }

  /** {@code function("stake(uint256 amount) payable returns (uint256 total)", doc, gasRule)}. */
  public FunctionSpec function(String declaration, String doc, GasRule gas) {
    Matcher m = match(declaration, "function");
    Mutability mutability = Mutability.NONPAYABLE;
    for (String word : m.group(3).trim().split("\\s+")) {
      switch (word) {
        case "view" -> mutability = Mutability.VIEW;
        case "pure" -> mutability = Mutability.PURE;
        case "payable" -> mutability = Mutability.PAYABLE;
        default -> { }
      }
    }
    List<Param> outputs = m.group(4) == null ? List.of() : params(m.group(4), false, declaration);
    FunctionSpec f = FunctionSpec.of(m.group(1), params(m.group(2), false, declaration), outputs, mutability, doc, gas);
    for (FunctionSpec other : functions) {
      if (other.selectorInt() == f.selectorInt()) {
        throw new IllegalArgumentException(f.signature() + " has the selector of " + other.signature());
      }
    }
    functions.add(f);
    return f;
  }

  /** The complete contract interface; call once, after every declaration. */
  public ContractSpec spec(String doc) {
    List<ErrorSpec> all = new ArrayList<>(errors);
    for (ErrorSpec e : FrameworkErrors.ALL) {
      if (!all.contains(e)) all.add(e);
    }
    return new ContractSpec(interfaceName, doc, List.copyOf(structs.values()), all, events, functions);
  }

  // ------------------------------------------------------------------ parsing

  private static Matcher match(String declaration, String what) {
    Matcher m = DECL.matcher(declaration);
    if (!m.matches()) {
      throw new IllegalArgumentException("cannot read " + what + " declaration '" + declaration + "'; write it as name(type name, ...)");
    }
    return m;
  }

  private static void requireNoSuffix(Matcher m, String declaration) {
    if (!m.group(3).isBlank() || m.group(4) != null) {
      throw new IllegalArgumentException("'" + declaration + "' takes no mutability or returns");
    }
  }

  private List<Param> params(String list, boolean allowIndexed, String context) {
    List<Param> out = new ArrayList<>();
    if (list.isBlank()) return out;
    for (String part : list.split(",")) out.add(param(part, allowIndexed, context));
    return out;
  }

  private Param param(String text, boolean allowIndexed, String context) {
    String[] words = text.trim().split("\\s+");
    if (words.length == 0 || words[0].isEmpty()) throw new IllegalArgumentException("empty parameter in '" + context + "'");
    String typeText = words[0];
    boolean indexed = false;
    String name = "";
    for (int i = 1; i < words.length; i++) {
      String w = words[i];
      if (w.equals("indexed") && allowIndexed) indexed = true;
      else if (w.equals("memory") || w.equals("calldata")) continue;
      else if (name.isEmpty() && IDENT.matcher(w).matches()) name = w;
      else throw new IllegalArgumentException("unexpected '" + w + "' in '" + context + "'");
    }
    return type(typeText, name, indexed, context);
  }

  /** Resolves a Solidity type (elementary or declared struct, with array suffixes). */
  private Param type(String text, String name, boolean indexed, String context) {
    int bracket = text.indexOf('[');
    String base = bracket < 0 ? text : text.substring(0, bracket);
    String suffix = bracket < 0 ? "" : text.substring(bracket);
    AbiType type;
    String solidity;
    StructSpec struct = structs.get(base);
    if (struct != null) {
      type = struct.type();
      solidity = base;
    } else {
      String canonical = switch (base) {
        case "uint" -> "uint256";
        case "int" -> "int256";
        case "byte" -> "bytes1";
        default -> base;
      };
      try {
        type = AbiType.parse(canonical);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown type '" + base + "' in '" + context + "' (declare structs before use)");
      }
      solidity = canonical;
    }
    Matcher dims = Pattern.compile("\\[(\\d*)\\]").matcher(suffix);
    int consumed = 0;
    while (dims.find()) {
      if (dims.start() != consumed) break;
      consumed = dims.end();
      type = new AbiType.Array(type, dims.group(1).isEmpty() ? AbiType.Array.DYNAMIC : Integer.parseInt(dims.group(1)));
    }
    if (consumed != suffix.length()) throw new IllegalArgumentException("bad array suffix '" + suffix + "' in '" + context + "'");
    return new Param(name, type, solidity + suffix, indexed);
  }

  static AbiType.Tuple tupleOf(List<Param> params, String structName) {
    List<AbiType> types = new ArrayList<>(params.size());
    List<String> names = new ArrayList<>(params.size());
    for (Param p : params) {
      types.add(p.type());
      names.add(p.name());
    }
    return new AbiType.Tuple(types, names, structName);
  }
}
