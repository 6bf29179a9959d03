package org.openledger.precompiles.contract;

import java.util.List;
import org.openledger.precompiles.abi.AbiType;

/**
 * Renders a {@link ContractSpec} as a Solidity {@code interface}, with NatSpec from the
 * declarations, so Solidity contracts, web3j's code generator, cast and Remix can call the native
 * contract as if it were Solidity.
 */
public final class SolidityInterface {
  /** The compiler range the rendered interfaces need (custom errors arrived in 0.8.4). */
  public static final String PRAGMA = "pragma solidity ^0.8.4;";

  private SolidityInterface() {}

  public static String render(ContractSpec spec) {
    StringBuilder sb = new StringBuilder();
    sb.append("// SPDX-License-Identifier: Apache-2.0\n");
    sb.append("// Generated from the native contract's declarations; do not edit.\n");
    sb.append(PRAGMA).append("\n\n");
    natspec(sb, "", "@title " + spec.name(), spec.doc());
    sb.append("interface ").append(spec.name()).append(" {\n");
    for (StructSpec s : spec.structs()) {
      sb.append("    struct ").append(s.name()).append(" {\n");
      for (Param f : s.fields()) sb.append("        ").append(f.solidityType()).append(' ').append(f.name()).append(";\n");
      sb.append("    }\n\n");
    }
    for (ErrorSpec e : spec.errors()) {
      natspec(sb, "    ", null, e.doc());
      sb.append("    error ").append(e.name()).append('(').append(params(e.params(), null, false)).append(");\n\n");
    }
    for (EventSpec e : spec.events()) {
      natspec(sb, "    ", null, e.doc());
      sb.append("    event ").append(e.name()).append('(').append(params(e.params(), null, true)).append(");\n\n");
    }
    for (FunctionSpec f : spec.functions()) {
      natspec(sb, "    ", null, f.doc());
      sb.append("    function ").append(f.name()).append('(').append(params(f.inputs(), "calldata", false)).append(") external");
      if (f.mutability() != Mutability.NONPAYABLE) sb.append(' ').append(f.mutability().solidity());
      if (!f.outputs().isEmpty()) sb.append(" returns (").append(params(f.outputs(), "memory", false)).append(')');
      sb.append(";\n\n");
    }
    if (sb.charAt(sb.length() - 2) == '\n') sb.setLength(sb.length() - 1);
    return sb.append("}\n").toString();
  }

  private static void natspec(StringBuilder sb, String indent, String first, String doc) {
    if (first != null) sb.append(indent).append("/// ").append(first).append('\n');
    if (doc == null || doc.isBlank()) return;
    boolean firstLine = true;
    for (String line : doc.strip().split("\n")) {
      sb.append(indent).append("/// ").append(firstLine ? "@notice " : "").append(line.strip()).append('\n');
      firstLine = false;
    }
  }

  private static String params(List<Param> params, String location, boolean event) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < params.size(); i++) {
      Param p = params.get(i);
      if (i > 0) sb.append(", ");
      sb.append(p.solidityType());
      if (location != null && isReference(p.type())) sb.append(' ').append(location);
      if (event && p.indexed()) sb.append(" indexed");
      if (!p.name().isEmpty()) sb.append(' ').append(p.name());
    }
    return sb.toString();
  }

  private static boolean isReference(AbiType type) {
    return type instanceof AbiType.Array || type instanceof AbiType.Tuple
        || type instanceof AbiType.DynamicBytes || type instanceof AbiType.Str;
  }
}
