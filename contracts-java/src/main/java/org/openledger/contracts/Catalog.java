package org.openledger.contracts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.openledger.contracts.attribution.IndexProofVerifier;
import org.openledger.contracts.datanet.Datanets;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.prover.Provers;
import org.openledger.contracts.services.Services;
import org.openledger.contracts.staking.Staking;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.ContractSpec;
import org.openledger.precompiles.contract.NativeContract;

/**
 * Every OpenLedger contract, once: its short name, fixed address, interface ({@link ContractSpec})
 * and how to make an instance. Everything that lists the contracts derives from here: the
 * Solidity interfaces and ABI JSON shipped in this jar ({@link ArtifactWriter}, under {@link
 * #ARTIFACT_DIR}), the copies in {@code docs/contracts/}, and the web3j wrappers of the {@code
 * contracts-web3j} module.
 */
public final class Catalog {
  /** Where the jar carries {@code <Interface>.sol} and {@code <Interface>.abi.json} for every contract. */
  public static final String ARTIFACT_DIR = "META-INF/openledger/abi/";

  /**
   * One contract.
   *
   * @param name the short name tools use, e.g. {@code datanets}
   * @param address where it lives on every OpenLedger chain
   * @param spec its interface, the single source of its Solidity file and ABI JSON
   * @param purpose one line for listings
   * @param factory makes an instance with its default wiring, or null if it has no no-argument form
   */
  public record Entry(String name, Address address, ContractSpec spec, String purpose, Supplier<? extends NativeContract> factory) {
    /** The Solidity interface name, e.g. {@code IDatanets}. */
    public String interfaceName() {
      return spec.name();
    }

    /** {@code IDatanets.sol}. */
    public String solidityFile() {
      return spec.name() + ".sol";
    }

    /** {@code IDatanets.abi.json}. */
    public String abiFile() {
      return spec.name() + ".abi.json";
    }

    /** A new instance with the default wiring ({@code provers} verifies v1 attribution proofs with {@link IndexProofVerifier}). */
    public Optional<NativeContract> instantiate() {
      return factory == null ? Optional.empty() : Optional.of(factory.get());
    }
  }

  private static final List<Entry> ALL = List.of(
      new Entry("datanets", Addresses.DATANETS, Datanets.SPEC,
          "Curated data sets: contributions with deposits, curation, and access fees shared by accepted contributions.",
          Datanets::new),
      new Entry("models", Addresses.MODELS, Models.SPEC,
          "Model registry: base models and adapters, the governance lifecycle, versions with proof roots, rates, attestations.",
          Models::new),
      new Entry("inference", Addresses.INFERENCE, Inference.SPEC,
          "Paid inference: escrowed requests, results by the host, fee settlement only after a verified attribution proof.",
          Inference::new),
      new Entry("staking", Addresses.STAKING, Staking.SPEC,
          "OPEN staking: governance and model-backed positions, staker rewards, ERC-5805 voting checkpoints with delegation.",
          Staking::new),
      new Entry("provers", Addresses.PROVERS, Provers.SPEC,
          "Prover bonds, exclusive claims, verified attribution proofs, challenges with slashing, index attestations.",
          () -> new Provers(new IndexProofVerifier())),
      new Entry("services", Addresses.SERVICES, Services.SPEC,
          "Paid AI services: ModelFactory fine-tuning jobs in escrow with an evaluation threshold, and RLHF feedback rounds.",
          Services::new));

  static {
    for (int i = 0; i < ALL.size(); i++) {
      for (int j = 0; j < i; j++) {
        Entry a = ALL.get(i), b = ALL.get(j);
        if (a.name().equals(b.name()) || a.address().equals(b.address()) || a.interfaceName().equals(b.interfaceName())) {
          throw new ExceptionInInitializerError("catalog entries " + b.name() + " and " + a.name() + " share a name, address or interface");
        }
      }
    }
  }

  private Catalog() {}

  /** Every contract, in address order. */
  public static List<Entry> all() {
    return ALL;
  }

  /** The contract called {@code name} (e.g. {@code models}), if any. */
  public static Optional<Entry> named(String name) {
    return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** The contract at {@code address}, if any. */
  public static Optional<Entry> at(Address address) {
    return ALL.stream().filter(e -> e.address().equals(address)).findFirst();
  }

  /**
   * A fresh instance of every contract that has a no-argument form, keyed by address, in catalog
   * order: what a test chain or the devnet's first fork puts at the fixed addresses.
   */
  public static Map<Address, NativeContract> instances() {
    Map<Address, NativeContract> out = new LinkedHashMap<>();
    for (Entry e : ALL) e.instantiate().ifPresent(c -> out.put(e.address(), c));
    return out;
  }
}
