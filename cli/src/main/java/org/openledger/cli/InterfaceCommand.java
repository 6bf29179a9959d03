package org.openledger.cli;

import java.util.concurrent.Callable;
import org.openledger.precompiles.contract.AbiJson;
import org.openledger.precompiles.contract.ContractSpec;
import org.openledger.precompiles.contract.SolidityInterface;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "interface",
    mixinStandardHelpOptions = true,
    description = {
      "Print a native contract's Solidity interface or ABI JSON.",
      "",
      "Feed it to solc, web3j's code generator, cast, ethers or Remix to call the contract as if it were Solidity."
    })
final class InterfaceCommand implements Callable<Integer> {

  @Parameters(paramLabel = "CONTRACT", description = "One of: ${COMPLETION-CANDIDATES}.", completionCandidates = Names.class)
  String contract;

  @Option(names = "--abi", description = "Print the ABI JSON (what solc --abi prints for the interface).")
  boolean abi;

  static final class Names implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Contracts.BY_NAME.keySet().iterator();
    }
  }

  @Override
  public Integer call() {
    ContractSpec spec = Contracts.BY_NAME.get(contract.toLowerCase(java.util.Locale.ROOT));
    if (spec == null) {
      System.err.println("error: unknown contract '" + contract + "'. Known: " + String.join(", ", Contracts.BY_NAME.keySet()));
      return 2;
    }
    System.out.print(abi ? AbiJson.render(spec) + "\n" : SolidityInterface.render(spec));
    return 0;
  }
}
