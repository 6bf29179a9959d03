package org.openledger.contracts.datanet;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.tuweni.bytes.Bytes32;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.Governed;
import org.openledger.precompiles.Address;
import org.openledger.precompiles.contract.Args;
import org.openledger.precompiles.contract.CallContext;
import org.openledger.precompiles.contract.ContractSpec;
import org.openledger.precompiles.contract.Declarations;
import org.openledger.precompiles.contract.ErrorSpec;
import org.openledger.precompiles.contract.EventSpec;
import org.openledger.precompiles.contract.FunctionSpec;
import org.openledger.precompiles.contract.NativeContract;
import org.openledger.precompiles.contract.StructSpec;
import org.openledger.precompiles.gas.GasRule;
import org.openledger.precompiles.gas.GasSchedule;
import org.openledger.precompiles.storage.Slot;
import org.openledger.precompiles.storage.StorageString;

/**
 * Datanets (DESIGN §4): curated, domain-specific data sets whose accepted contributions share the
 * access fees readers pay, and whose contributions feed Proof of Attribution (DESIGN §6). Lives at
 * {@link Addresses#DATANETS} ({@code 0x…0a01}).
 *
 * <h2>Flow</h2>
 * <ol>
 *   <li>{@code create}: the caller becomes owner and curator; the owner may name another curator
 *       ({@code setCurator}), change the fees ({@code setFees}) and hand the datanet on ({@code
 *       transferOwnership}).
 *   <li>{@code submit}: a contributor commits {@code contributionHash = keccak256(content ‖
 *       contributor)} ({@link Contributions#bind}) with metadata and exactly the datanet's
 *       submission deposit. The content itself goes to the content store. A hash held by a pending,
 *       accepted or slashed contribution (in any datanet) is refused; a rejection frees it.
 *   <li>The curator fetches the content and checks {@code keccak256(content ‖ submitter) ==
 *       contributionHash} ({@link Contributions#verify}). {@code accept(id, keccak256(content))}
 *       returns the deposit and makes the contribution count and earn, unless the same content was
 *       already accepted in that datanet ({@code DuplicateContent}); {@code reject(id, reason)}
 *       slashes the deposit to the treasury and frees the hash.
 *   <li>{@code payAccess}: a reader pays exactly the access fee; it is split equally over the
 *       contributions accepted at that moment through an accumulator (no loop over
 *       contributions); contributors {@code claim} what their contributions earned.
 *   <li>{@code slash}: governance (the Timelock) turns an accepted contribution found bad into a
 *       slashed one: it stops counting and earning, and keeps what it earned before.
 * </ol>
 *
 * <h2>Front-running</h2>
 * A copier who takes a contribution hash from the mempool and submits it first holds a hash that
 * binds the original contributor's address. The curator's check fails for the copier, who is
 * rejected and loses the deposit; the rejection frees the hash and the rightful contributor
 * submits it again. Copying costs a deposit and wins nothing. A copier who instead binds copied
 * content to its own address needs the content, so contributors upload to the content store only
 * after their submission is mined: their contribution is then the earlier one, curators accept
 * the earliest submission of a content, and the later copy is refused as {@code DuplicateContent}.
 *
 * <h2>Money</h2>
 * All amounts are wei. The contract holds exactly the deposits of pending contributions plus
 * access fees earned and not yet claimed ({@code liabilities()}), to the wei: each payment credits
 * every accepted contribution {@code floor(fee / n)} and sends the remainder ({@code < n} wei) to
 * the treasury in the same call. The accumulator is kept scaled by {@link #ACC_SCALE} like every
 * OpenLedger accumulator, but only ever advances by whole wei per contribution, so no fraction of
 * a wei is ever owed and none is left behind.
 *
 * <h2>Storage layout (as Solidity would lay out the equivalent contract)</h2>
 * <pre>
 * slot 0: uint256 datanetCount
 * slot 1: uint256 contributionCount
 * slot 2: mapping(uint256 =&gt; DatanetState) datanets
 *           +0 owner, +1 curator, +2 string name, +3 string metadataURI, +4 submissionDeposit,
 *           +5 accessFee, +6 acceptedCount, +7 pendingCount, +8 contributionCount,
 *           +9 accessPayments, +10 totalAccessFees, +11 accessFeePerContribution (×1e18),
 *           +12 createdAt (block)
 * slot 3: mapping(uint256 =&gt; ContributionState) contributions
 *           +0 datanetId, +1 contributor, +2 contributionHash, +3 contentHash, +4 status,
 *           +5 deposit, +6 submittedAt, +7 curatedAt, +8 accSnapshot (×1e18), +9 accrued,
 *           +10 claimed, +11 string metadataURI
 * slot 4: mapping(bytes32 =&gt; uint256) contributionOfHash        (holder; 0 once rejected)
 * slot 5: mapping(uint256 =&gt; mapping(bytes32 =&gt; uint256)) acceptedContent
 * slot 6: mapping(address =&gt; uint256[]) contributionsOf
 * slot 7: uint256 pendingDeposits
 * slot 8: uint256 unclaimedFees
 * slot 9: mapping(uint256 =&gt; mapping(address =&gt; uint256)) accessCount
 * </pre>
 * Every field is a full word (no packing), so each is one {@code eth_getStorageAt} away.
 */
public final class Datanets extends NativeContract {
  /** {@code 0x…0a01}. */
  public static final Address ADDRESS = Addresses.DATANETS;

  /** Scale of the access-fee accumulator: 1e18. */
  public static final BigInteger ACC_SCALE = BigInteger.TEN.pow(18);
  /** Largest submission deposit or access fee: 2^128 − 1 wei (far above any supply), so accumulator arithmetic cannot overflow. */
  public static final BigInteger MAX_AMOUNT = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
  /** Longest datanet name, in UTF-8 bytes. */
  public static final int MAX_NAME_BYTES = 64;
  /** Longest metadata URI (datanet or contribution), in UTF-8 bytes. */
  public static final int MAX_METADATA_URI_BYTES = 256;
  /** Longest rejection reason, in UTF-8 bytes: a bounded reason keeps reject's CPU per gas bounded. */
  public static final int MAX_REASON_BYTES = 256;
  /** Most ids one {@code contributionsOf}/{@code contributionsOfPage} call returns. */
  public static final int MAX_LISTED = 256;

  // ------------------------------------------------------------------ storage
  private static final Slot S_DATANET_COUNT = Slot.at(0);
  private static final Slot S_CONTRIBUTION_COUNT = Slot.at(1);
  private static final Slot S_DATANETS = Slot.at(2);
  private static final Slot S_CONTRIBUTIONS = Slot.at(3);
  private static final Slot S_CONTRIBUTION_OF_HASH = Slot.at(4);
  private static final Slot S_ACCEPTED_CONTENT = Slot.at(5);
  private static final Slot S_CONTRIBUTIONS_OF = Slot.at(6);
  private static final Slot S_PENDING_DEPOSITS = Slot.at(7);
  private static final Slot S_UNCLAIMED_FEES = Slot.at(8);
  private static final Slot S_ACCESS_COUNT = Slot.at(9);

  // DatanetState fields
  private static final int D_OWNER = 0, D_CURATOR = 1, D_NAME = 2, D_URI = 3, D_DEPOSIT = 4, D_FEE = 5,
      D_ACCEPTED = 6, D_PENDING = 7, D_CONTRIBUTIONS = 8, D_PAYMENTS = 9, D_TOTAL_FEES = 10, D_ACC = 11, D_CREATED = 12;
  // ContributionState fields
  private static final int C_DATANET = 0, C_CONTRIBUTOR = 1, C_HASH = 2, C_CONTENT = 3, C_STATUS = 4, C_DEPOSIT = 5,
      C_SUBMITTED = 6, C_CURATED = 7, C_SNAPSHOT = 8, C_ACCRUED = 9, C_CLAIMED = 10, C_URI = 11;

  private static final int NAME_WORDS = StorageString.words(MAX_NAME_BYTES);
  private static final int URI_WORDS = StorageString.words(MAX_METADATA_URI_BYTES);

  // ------------------------------------------------------------------ interface

  /**
   * Gas of a function whose only argument is a {@code uint256[]}: {@code fixed} plus {@code
   * perElement} for each word of calldata after the selector, the array's offset and its length.
   * Read from the calldata length alone, so it is known before anything runs; a well-formed array
   * of k elements takes at least k + 2 words, so every element is paid for.
   */
  private static GasRule perElement(ToLongFunction<GasSchedule> fixed, ToLongFunction<GasSchedule> perElement) {
    return (schedule, calldata) -> {
      long words = (Math.max(0, calldata.size() - 4) + 31) / 32;
      return fixed.applyAsLong(schedule) + Math.max(0, words - 2) * perElement.applyAsLong(schedule);
    };
  }
  private static final Declarations D = new Declarations("IDatanets");

  /** The {@code datanet(uint256)} view. */
  public static final StructSpec DATANET_STRUCT = D.struct("Datanet",
      "address owner", "address curator", "string name", "string metadataURI", "uint256 submissionDeposit",
      "uint256 accessFee", "uint256 acceptedCount", "uint256 pendingCount", "uint256 contributionCount",
      "uint256 accessPayments", "uint256 totalAccessFees", "uint256 accessFeePerContribution", "uint256 createdAt");
  /** The {@code contribution(uint256)} view. */
  public static final StructSpec CONTRIBUTION_STRUCT = D.struct("Contribution",
      "uint256 datanetId", "address contributor", "bytes32 contributionHash", "bytes32 contentHash", "uint8 status",
      "uint256 deposit", "uint256 submittedAt", "uint256 curatedAt", "uint256 claimed", "string metadataURI");

  public static final ErrorSpec UNKNOWN_DATANET =
      D.error("UnknownDatanet(uint256 datanetId)", "No datanet has this id (ids start at 1).");
  public static final ErrorSpec UNKNOWN_CONTRIBUTION =
      D.error("UnknownContribution(uint256 contributionId)", "No contribution has this id (ids start at 1).");
  public static final ErrorSpec NOT_OWNER =
      D.error("NotOwner(uint256 datanetId, address caller)", "Only the datanet's owner may do this.");
  public static final ErrorSpec NOT_CURATOR =
      D.error("NotCurator(uint256 datanetId, address caller)", "Only the datanet's curator may curate its contributions.");
  public static final ErrorSpec NOT_TIMELOCK =
      D.error("NotTimelock(address caller)", "Only governance, through the Timelock, may do this.");
  public static final ErrorSpec NOT_CONTRIBUTOR =
      D.error("NotContributor(uint256 contributionId, address caller)", "Only a contribution's contributor may claim its earnings.");
  public static final ErrorSpec NOT_PENDING = D.error("NotPending(uint256 contributionId, uint8 status)",
      "Only a pending contribution can be accepted or rejected; `status` is its current one (2 accepted, 3 rejected, 4 slashed).");
  public static final ErrorSpec NOT_ACCEPTED = D.error("NotAccepted(uint256 contributionId, uint8 status)",
      "Only an accepted contribution can be slashed; `status` is its current one (1 pending, 3 rejected, 4 slashed).");
  public static final ErrorSpec WRONG_DEPOSIT = D.error("WrongDeposit(uint256 sent, uint256 required)",
      "A submission must send exactly the datanet's submission deposit.");
  public static final ErrorSpec WRONG_ACCESS_FEE = D.error("WrongAccessFee(uint256 sent, uint256 required)",
      "An access payment must send exactly the datanet's access fee.");
  public static final ErrorSpec ACCESS_IS_FREE = D.error("AccessIsFree(uint256 datanetId)",
      "The datanet's access fee is zero: there is nothing to pay.");
  public static final ErrorSpec ZERO_DEPOSIT = D.error("ZeroDeposit()",
      "The submission deposit must be positive: it is what a rejected (e.g. front-running) submitter loses.");
  public static final ErrorSpec AMOUNT_TOO_LARGE = D.error("AmountTooLarge(uint256 amount, uint256 max)",
      "A deposit or fee above 2^128 - 1 wei is refused, so accumulator arithmetic cannot overflow.");
  public static final ErrorSpec ZERO_ADDRESS = D.error("ZeroAddress()", "The zero address cannot own or curate a datanet.");
  public static final ErrorSpec ZERO_HASH = D.error("ZeroHash()", "A contribution or content hash cannot be zero.");
  public static final ErrorSpec EMPTY_NAME = D.error("EmptyName()", "A datanet needs a name.");
  public static final ErrorSpec NAME_TOO_LONG = D.error("NameTooLong(uint256 length, uint256 max)",
      "The datanet name is longer than 64 UTF-8 bytes.");
  public static final ErrorSpec METADATA_URI_TOO_LONG = D.error("MetadataURITooLong(uint256 length, uint256 max)",
      "The metadata URI is longer than 256 UTF-8 bytes.");
  public static final ErrorSpec CONTRIBUTION_HASH_TAKEN = D.error("ContributionHashTaken(bytes32 contributionHash, uint256 contributionId)",
      "This contribution hash is held by a pending, accepted or slashed contribution (in any datanet); only a rejection frees a hash.");
  public static final ErrorSpec DUPLICATE_CONTENT = D.error("DuplicateContent(uint256 datanetId, bytes32 contentHash, uint256 acceptedContributionId)",
      "Exactly this content was already accepted in the datanet, as `acceptedContributionId`.");
  public static final ErrorSpec REASON_TOO_LONG = D.error("ReasonTooLong(uint256 length, uint256 max)",
      "The rejection reason is longer than 256 UTF-8 bytes.");
  public static final ErrorSpec NOTHING_TO_CLAIM = D.error("NothingToClaim(address caller)",
      "The contributions named have earned nothing unclaimed (or none were named).");

  public static final EventSpec DATANET_CREATED = D.event(
      "DatanetCreated(uint256 indexed datanetId, address indexed owner, string name, string metadataURI, uint256 submissionDeposit, uint256 accessFee)",
      "A datanet was created; its owner is also its first curator.");
  public static final EventSpec CURATOR_CHANGED = D.event(
      "CuratorChanged(uint256 indexed datanetId, address indexed previousCurator, address indexed newCurator)",
      "The owner named a new curator.");
  public static final EventSpec OWNERSHIP_TRANSFERRED = D.event(
      "OwnershipTransferred(uint256 indexed datanetId, address indexed previousOwner, address indexed newOwner)",
      "The owner handed the datanet to a new owner.");
  public static final EventSpec FEES_CHANGED = D.event(
      "FeesChanged(uint256 indexed datanetId, uint256 submissionDeposit, uint256 accessFee)",
      "The owner changed the fees; pending contributions keep the deposit they paid.");
  public static final EventSpec CONTRIBUTION_SUBMITTED = D.event(
      "ContributionSubmitted(uint256 indexed contributionId, uint256 indexed datanetId, address indexed contributor, bytes32 contributionHash, uint256 deposit, string metadataURI)",
      "A contribution was submitted with its deposit and awaits curation.");
  public static final EventSpec CONTRIBUTION_ACCEPTED = D.event(
      "ContributionAccepted(uint256 indexed contributionId, uint256 indexed datanetId, address indexed contributor, bytes32 contentHash, uint256 depositReturned)",
      "The curator accepted a contribution: its deposit went back to the contributor and it now earns access fees.");
  public static final EventSpec CONTRIBUTION_REJECTED = D.event(
      "ContributionRejected(uint256 indexed contributionId, uint256 indexed datanetId, address indexed contributor, uint256 depositSlashed, string reason)",
      "The curator rejected a contribution: its deposit went to the treasury and its hash is free again.");
  public static final EventSpec CONTRIBUTION_SLASHED = D.event(
      "ContributionSlashed(uint256 indexed contributionId, uint256 indexed datanetId, address indexed contributor, uint256 earningsKept)",
      "Governance slashed an accepted contribution: it no longer counts or earns; `earningsKept` stays claimable.");
  public static final EventSpec ACCESS_PAID = D.event(
      "AccessPaid(uint256 indexed datanetId, address indexed payer, uint256 amount, uint256 perContribution, uint256 acceptedCount, uint256 toTreasury)",
      "A reader paid the access fee: `perContribution` wei to each of `acceptedCount` accepted contributions, the rest to the treasury.");
  public static final EventSpec CLAIMED = D.event(
      "Claimed(uint256 indexed contributionId, address indexed contributor, uint256 amount)",
      "A contributor was paid what a contribution had earned.");

  public static final FunctionSpec CREATE = D.function(
      "create(string name, string metadataURI, uint256 submissionDeposit, uint256 accessFee) returns (uint256 datanetId)",
      """
      Creates a datanet; the caller becomes its owner and its curator.
      @dev `name`: 1 to 64 UTF-8 bytes; `metadataURI`: at most 256. The deposit must be positive; the access fee may be
      zero (free access). Both at most 2^128 - 1 wei.
      @return datanetId the new datanet's id: 1, 2, 3, ...""",
      // count read; count, owner, curator, deposit, fee, createdAt written; keys: the datanet and two long strings;
      // strings stored and logged per word
      GasRule.perWord(s -> s.storageRead() + 6 * s.storageWrite() + 3 * s.storageKey() + s.log(3, 6 * 32),
          s -> s.storageWrite() + 32 * s.logDataByte()));
  public static final FunctionSpec SET_CURATOR = D.function(
      "setCurator(uint256 datanetId, address curator)",
      "Names the datanet's curator (owner only). Contributions pending now are curated by the new curator.",
      GasRule.fixed(s -> 3 * s.storageRead() + s.storageWrite() + s.storageKey() + s.log(4, 0)));
  public static final FunctionSpec TRANSFER_OWNERSHIP = D.function(
      "transferOwnership(uint256 datanetId, address newOwner)",
      "Hands the datanet to `newOwner` (owner only). The curator stays.",
      GasRule.fixed(s -> 2 * s.storageRead() + s.storageWrite() + s.storageKey() + s.log(4, 0)));
  public static final FunctionSpec SET_FEES = D.function(
      "setFees(uint256 datanetId, uint256 submissionDeposit, uint256 accessFee)",
      """
      Changes the submission deposit and access fee (owner only), with the bounds of create.
      @dev Pending contributions keep the deposit they paid; an access payment in flight with the old fee reverts with
      WrongAccessFee and the payer keeps the value.""",
      GasRule.fixed(s -> 2 * s.storageRead() + 2 * s.storageWrite() + s.storageKey() + s.log(2, 2 * 32)));
  public static final FunctionSpec SUBMIT = D.function(
      "submit(uint256 datanetId, bytes32 contributionHash, string metadataURI) payable returns (uint256 contributionId)",
      """
      Submits a contribution: `contributionHash` = keccak256(abi.encodePacked(content, msg.sender)), with exactly the
      datanet's submission deposit. The content goes to the content store, after this is mined.
      @dev Refused while the hash is held by a pending, accepted or slashed contribution in any datanet (a rejection frees it).
      The hash binds the sender: a copier who submits someone else's hash fails the curator's check, is rejected
      and loses the deposit. `metadataURI`: at most 256 UTF-8 bytes.
      @return contributionId the new contribution's id: 1, 2, 3, ... across all datanets""",
      // keys: hash holder, datanet, contribution, its long URI, the contributor's list and its data
      GasRule.perWord(s -> 8 * s.storageRead() + 13 * s.storageWrite() + 6 * s.storageKey() + s.log(4, 4 * 32),
          s -> s.storageWrite() + 32 * s.logDataByte()));
  public static final FunctionSpec ACCEPT = D.function(
      "accept(uint256 contributionId, bytes32 contentHash)",
      """
      Accepts a pending contribution (its datanet's curator only): records `contentHash` = keccak256(content) and returns
      the deposit to the contributor; the contribution counts and earns from later access payments.
      @dev The curator must first check keccak256(abi.encodePacked(content, contributor)) == contributionHash.
      Refused if the datanet already accepted exactly this content (DuplicateContent), including content later slashed.""",
      GasRule.fixed(s -> 11 * s.storageRead() + 8 * s.storageWrite() + 4 * s.storageKey() + s.transfer() + s.log(4, 2 * 32)));
  public static final FunctionSpec REJECT = D.function(
      "reject(uint256 contributionId, string reason)",
      """
      Rejects a pending contribution (its datanet's curator only): the deposit goes to the treasury, `reason` (at most 256
      UTF-8 bytes) is logged and the contribution hash is free again.""",
      GasRule.perWord(s -> 9 * s.storageRead() + 5 * s.storageWrite() + 3 * s.storageKey() + s.transfer() + s.log(4, 3 * 32),
          GasSchedule::loggedStringWord));
  public static final FunctionSpec SLASH = D.function(
      "slash(uint256 contributionId)",
      """
      Governance (the Timelock only) slashes an accepted contribution found bad after acceptance: it stops counting and
      earning at once. What it earned before stays claimable; its content stays refused in the datanet.""",
      GasRule.fixed(s -> 8 * s.storageRead() + 3 * s.storageWrite() + 2 * s.storageKey() + s.log(4, 32)));
  public static final FunctionSpec PAY_ACCESS = D.function(
      "payAccess(uint256 datanetId) payable",
      """
      Pays for access to a datanet: msg.value must equal its access fee exactly (a fee changed in the meantime
      reverts rather than over- or under-charging). Each currently accepted contribution earns floor(fee / n) wei; the
      remainder, or the whole fee when none is accepted, goes to the treasury.""",
      GasRule.fixed(s -> 8 * s.storageRead() + 5 * s.storageWrite() + 3 * s.storageKey() + s.transfer() + s.log(3, 4 * 32)));
  public static final FunctionSpec CLAIM = D.function(
      "claim(uint256[] contributionIds) returns (uint256 amount)",
      """
      Pays the caller everything the named contributions earned and have not claimed (the caller must be the contributor
      of each). Gas grows with the number of ids.
      @return amount the wei sent to the caller""",
      perElement(s -> 2 * s.storageRead() + s.storageWrite() + s.transfer(),
          s -> 7 * s.storageRead() + 3 * s.storageWrite() + 2 * s.storageKey() + s.log(3, 32)));

  public static final FunctionSpec DATANET = D.function(
      "datanet(uint256 datanetId) view returns (Datanet)",
      "A datanet's owner, curator, metadata, fees and counters; `accessFeePerContribution` is the accumulator, scaled by 1e18.",
      GasRule.view(1 + 2 + NAME_WORDS + URI_WORDS + 9, 3));
  public static final FunctionSpec CONTRIBUTION = D.function(
      "contribution(uint256 contributionId) view returns (Contribution)",
      "A contribution; `status`: 1 pending, 2 accepted, 3 rejected, 4 slashed; `curatedAt` is 0 until curated.",
      GasRule.view(1 + 9 + URI_WORDS, 2));
  public static final FunctionSpec DATANET_COUNT = D.function(
      "datanetCount() view returns (uint256)", "How many datanets exist (the highest id).", GasRule.view(1, 0));
  public static final FunctionSpec CONTRIBUTION_COUNT = D.function(
      "contributionCount() view returns (uint256)", "How many contributions were submitted, in all datanets (the highest id).",
      GasRule.view(1, 0));
  public static final FunctionSpec CONTRIBUTIONS_OF = D.function(
      "contributionsOf(address contributor) view returns (uint256[] contributionIds)",
      """
      The first 256 contributions `contributor` submitted, oldest first.
      @dev Bounded so the call's gas is known up front; page on with contributionsOfPage and contributionCountOf.""",
      GasRule.view(1 + MAX_LISTED, 2));
  public static final FunctionSpec CONTRIBUTIONS_OF_PAGE = D.function(
      "contributionsOfPage(address contributor, uint256 start) view returns (uint256[] contributionIds)",
      "Up to 256 of `contributor`'s contributions, from its `start`-th (0-based) on, oldest first.",
      GasRule.view(1 + MAX_LISTED, 2));
  public static final FunctionSpec CONTRIBUTION_COUNT_OF = D.function(
      "contributionCountOf(address contributor) view returns (uint256)", "How many contributions `contributor` submitted.",
      GasRule.view(1, 1));
  public static final FunctionSpec IS_ACCEPTED = D.function(
      "isAccepted(uint256 contributionId) view returns (bool)",
      "Whether the contribution is accepted (counts and earns); false for pending, rejected, slashed and unknown ids.",
      GasRule.view(1, 1));
  public static final FunctionSpec CLAIMABLE = D.function(
      "claimable(uint256 contributionId) view returns (uint256)", "Wei the contribution has earned and not yet claimed.",
      GasRule.view(6, 2));
  public static final FunctionSpec CONTRIBUTION_OF_HASH = D.function(
      "contributionOfHash(bytes32 contributionHash) view returns (uint256)",
      "The contribution holding this hash (pending, accepted or slashed), or 0 if it is free.", GasRule.view(1, 1));
  public static final FunctionSpec ACCEPTED_CONTENT = D.function(
      "acceptedContent(uint256 datanetId, bytes32 contentHash) view returns (uint256)",
      "The contribution under which the datanet accepted this content, or 0: what a curator checks before accepting.",
      GasRule.view(1, 2));
  public static final FunctionSpec ACCESS_COUNT = D.function(
      "accessCount(uint256 datanetId, address account) view returns (uint256)",
      "How many access payments `account` made to the datanet: what the content store checks before serving its data.",
      GasRule.view(1, 2));
  public static final FunctionSpec LIABILITIES = D.function(
      "liabilities() view returns (uint256 pendingDeposits, uint256 unclaimedFees)",
      """
      What the contract owes: deposits of pending contributions and access fees earned but not claimed. Its balance equals
      their sum, to the wei (more only if OPEN was forced on it).
      @return pendingDeposits deposits held for pending contributions
      @return unclaimedFees access fees earned by contributions and not yet claimed""",
      GasRule.view(2, 0));

  public static final ContractSpec SPEC = D.spec("""
      Datanets: curated data sets whose accepted contributions share the access fees readers pay.
      Submit keccak256(abi.encodePacked(content, contributor)) with a deposit; the curator accepts (deposit returned) or rejects (deposit to
      the treasury); access fees are split equally among accepted contributions; contributors claim. Amounts in wei.""");

  public Datanets() {
    super(SPEC);
    on(CREATE, this::create);
    on(SET_CURATOR, this::setCurator);
    on(TRANSFER_OWNERSHIP, this::transferOwnership);
    on(SET_FEES, this::setFees);
    on(SUBMIT, this::submit);
    on(ACCEPT, this::accept);
    on(REJECT, this::reject);
    on(SLASH, this::slash);
    on(PAY_ACCESS, this::payAccess);
    on(CLAIM, this::claim);
    on(DATANET, this::datanetView);
    on(CONTRIBUTION, this::contributionView);
    on(DATANET_COUNT, (ctx, in) -> ctx.loadUint(S_DATANET_COUNT));
    on(CONTRIBUTION_COUNT, (ctx, in) -> ctx.loadUint(S_CONTRIBUTION_COUNT));
    on(CONTRIBUTIONS_OF, (ctx, in) -> page(ctx, in.address(0), BigInteger.ZERO));
    on(CONTRIBUTIONS_OF_PAGE, (ctx, in) -> page(ctx, in.address(0), in.uint(1)));
    on(CONTRIBUTION_COUNT_OF, (ctx, in) -> ctx.loadUint(S_CONTRIBUTIONS_OF.mapping(in.address(0))));
    on(IS_ACCEPTED, (ctx, in) -> status(ctx, contributionSlot(in.uint(0))) == ContributionStatus.ACCEPTED);
    on(CLAIMABLE, this::claimableView);
    on(CONTRIBUTION_OF_HASH, (ctx, in) -> ctx.loadUint(S_CONTRIBUTION_OF_HASH.mapping(in.bytes32(0))));
    on(ACCEPTED_CONTENT, (ctx, in) -> ctx.loadUint(S_ACCEPTED_CONTENT.mapping(in.uint(0)).mapping(in.bytes32(1))));
    on(ACCESS_COUNT, (ctx, in) -> ctx.loadUint(S_ACCESS_COUNT.mapping(in.uint(0)).mapping(in.address(1))));
    on(LIABILITIES, (ctx, in) -> List.of(ctx.loadUint(S_PENDING_DEPOSITS), ctx.loadUint(S_UNCLAIMED_FEES)));
  }

  // ------------------------------------------------------------------ datanets

  private Object create(CallContext ctx, Args in) {
    String name = in.string(0);
    String uri = in.string(1);
    BigInteger deposit = in.uint(2);
    BigInteger fee = in.uint(3);
    int nameBytes = StorageString.byteLength(name);
    if (nameBytes == 0) throw EMPTY_NAME.revert();
    if (nameBytes > MAX_NAME_BYTES) throw NAME_TOO_LONG.revert(nameBytes, MAX_NAME_BYTES);
    checkUri(uri);
    checkFees(deposit, fee);

    BigInteger id = ctx.loadUint(S_DATANET_COUNT).add(BigInteger.ONE);
    ctx.storeUint(S_DATANET_COUNT, id);
    Slot d = datanetSlot(id);
    ctx.storeAddress(d.field(D_OWNER), ctx.caller());
    ctx.storeAddress(d.field(D_CURATOR), ctx.caller());
    StorageString.write(ctx, d.field(D_NAME), name);
    if (!uri.isEmpty()) StorageString.write(ctx, d.field(D_URI), uri);
    ctx.storeUint(d.field(D_DEPOSIT), deposit);
    if (fee.signum() > 0) ctx.storeUint(d.field(D_FEE), fee);
    ctx.storeUint(d.field(D_CREATED), BigInteger.valueOf(ctx.block().number()));
    ctx.emit(DATANET_CREATED, id, ctx.caller(), name, uri, deposit, fee);
    return id;
  }

  private Object setCurator(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    Address curator = in.address(1);
    Slot d = ownedDatanet(ctx, id);
    if (curator.equals(Address.ZERO)) throw ZERO_ADDRESS.revert();
    Address previous = ctx.loadAddress(d.field(D_CURATOR));
    ctx.storeAddress(d.field(D_CURATOR), curator);
    ctx.emit(CURATOR_CHANGED, id, previous, curator);
    return null;
  }

  private Object transferOwnership(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    Address newOwner = in.address(1);
    Slot d = ownedDatanet(ctx, id);
    if (newOwner.equals(Address.ZERO)) throw ZERO_ADDRESS.revert();
    ctx.storeAddress(d.field(D_OWNER), newOwner);
    ctx.emit(OWNERSHIP_TRANSFERRED, id, ctx.caller(), newOwner);
    return null;
  }

  private Object setFees(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    BigInteger deposit = in.uint(1);
    BigInteger fee = in.uint(2);
    Slot d = ownedDatanet(ctx, id);
    checkFees(deposit, fee);
    ctx.storeUint(d.field(D_DEPOSIT), deposit);
    ctx.storeUint(d.field(D_FEE), fee);
    ctx.emit(FEES_CHANGED, id, deposit, fee);
    return null;
  }

  // ------------------------------------------------------------------ contributions

  private Object submit(CallContext ctx, Args in) {
    BigInteger datanetId = in.uint(0);
    Bytes32 hash = in.bytes32(1);
    String uri = in.string(2);
    Slot d = existingDatanet(ctx, datanetId);
    if (hash.isZero()) throw ZERO_HASH.revert();
    checkUri(uri);
    BigInteger deposit = ctx.loadUint(d.field(D_DEPOSIT));
    if (!ctx.value().equals(deposit)) throw WRONG_DEPOSIT.revert(ctx.value(), deposit);
    Slot holder = S_CONTRIBUTION_OF_HASH.mapping(hash);
    BigInteger taken = ctx.loadUint(holder);
    if (taken.signum() != 0) throw CONTRIBUTION_HASH_TAKEN.revert(hash, taken);

    BigInteger id = ctx.loadUint(S_CONTRIBUTION_COUNT).add(BigInteger.ONE);
    ctx.storeUint(S_CONTRIBUTION_COUNT, id);
    ctx.storeUint(holder, id);
    Slot c = contributionSlot(id);
    ctx.storeUint(c.field(C_DATANET), datanetId);
    ctx.storeAddress(c.field(C_CONTRIBUTOR), ctx.caller());
    ctx.store(c.field(C_HASH), hash);
    ctx.storeUint(c.field(C_STATUS), ContributionStatus.PENDING.code());
    ctx.storeUint(c.field(C_DEPOSIT), deposit);
    ctx.storeUint(c.field(C_SUBMITTED), BigInteger.valueOf(ctx.block().number()));
    if (!uri.isEmpty()) StorageString.write(ctx, c.field(C_URI), uri);
    add(ctx, S_PENDING_DEPOSITS, deposit);
    add(ctx, d.field(D_PENDING), BigInteger.ONE);
    add(ctx, d.field(D_CONTRIBUTIONS), BigInteger.ONE);
    Slot list = S_CONTRIBUTIONS_OF.mapping(ctx.caller());
    BigInteger length = ctx.loadUint(list);
    ctx.storeUint(list.element(length, 1), id);
    ctx.storeUint(list, length.add(BigInteger.ONE));
    ctx.emit(CONTRIBUTION_SUBMITTED, id, datanetId, ctx.caller(), hash, deposit, uri);
    return id;
  }

  private Object accept(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    Bytes32 contentHash = in.bytes32(1);
    Slot c = existingContribution(ctx, id);
    BigInteger datanetId = ctx.loadUint(c.field(C_DATANET));
    Slot d = datanetSlot(datanetId);
    requireCurator(ctx, d, datanetId);
    requirePending(ctx, c, id);
    if (contentHash.isZero()) throw ZERO_HASH.revert();
    Slot content = S_ACCEPTED_CONTENT.mapping(datanetId).mapping(contentHash);
    BigInteger existing = ctx.loadUint(content);
    if (existing.signum() != 0) throw DUPLICATE_CONTENT.revert(datanetId, contentHash, existing);

    ctx.storeUint(content, id);
    ctx.store(c.field(C_CONTENT), contentHash);
    ctx.storeUint(c.field(C_STATUS), ContributionStatus.ACCEPTED.code());
    ctx.storeUint(c.field(C_CURATED), BigInteger.valueOf(ctx.block().number()));
    // earns only from payments made from now on
    BigInteger acc = ctx.loadUint(d.field(D_ACC));
    if (acc.signum() != 0) ctx.storeUint(c.field(C_SNAPSHOT), acc);
    add(ctx, d.field(D_ACCEPTED), BigInteger.ONE);
    add(ctx, d.field(D_PENDING), BigInteger.ONE.negate());
    BigInteger deposit = ctx.loadUint(c.field(C_DEPOSIT));
    add(ctx, S_PENDING_DEPOSITS, deposit.negate());
    Address contributor = ctx.loadAddress(c.field(C_CONTRIBUTOR));
    ctx.transfer(contributor, deposit);
    ctx.emit(CONTRIBUTION_ACCEPTED, id, datanetId, contributor, contentHash, deposit);
    return null;
  }

  private Object reject(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    String reason = in.string(1);
    int reasonBytes = StorageString.byteLength(reason);
    if (reasonBytes > MAX_REASON_BYTES) throw REASON_TOO_LONG.revert(reasonBytes, MAX_REASON_BYTES);
    Slot c = existingContribution(ctx, id);
    BigInteger datanetId = ctx.loadUint(c.field(C_DATANET));
    Slot d = datanetSlot(datanetId);
    requireCurator(ctx, d, datanetId);
    requirePending(ctx, c, id);

    ctx.storeUint(c.field(C_STATUS), ContributionStatus.REJECTED.code());
    ctx.storeUint(c.field(C_CURATED), BigInteger.valueOf(ctx.block().number()));
    // the hash is free again: the rightful contributor of a front-run hash can now submit it
    ctx.storeUint(S_CONTRIBUTION_OF_HASH.mapping(ctx.load(c.field(C_HASH))), BigInteger.ZERO);
    add(ctx, d.field(D_PENDING), BigInteger.ONE.negate());
    BigInteger deposit = ctx.loadUint(c.field(C_DEPOSIT));
    add(ctx, S_PENDING_DEPOSITS, deposit.negate());
    ctx.transfer(Addresses.TREASURY, deposit);
    ctx.emit(CONTRIBUTION_REJECTED, id, datanetId, ctx.loadAddress(c.field(C_CONTRIBUTOR)), deposit, reason);
    return null;
  }

  private Object slash(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    Governed.requireTimelock(ctx, NOT_TIMELOCK::revert);
    Slot c = existingContribution(ctx, id);
    ContributionStatus status = status(ctx, c);
    if (status != ContributionStatus.ACCEPTED) throw NOT_ACCEPTED.revert(id, status.code());
    BigInteger datanetId = ctx.loadUint(c.field(C_DATANET));
    Slot d = datanetSlot(datanetId);
    // settle first: what it earned while accepted is kept, nothing after
    BigInteger earned = pendingEarnings(ctx, c, d).add(ctx.loadUint(c.field(C_ACCRUED)));
    ctx.storeUint(c.field(C_ACCRUED), earned);
    ctx.storeUint(c.field(C_STATUS), ContributionStatus.SLASHED.code());
    add(ctx, d.field(D_ACCEPTED), BigInteger.ONE.negate());
    ctx.emit(CONTRIBUTION_SLASHED, id, datanetId, ctx.loadAddress(c.field(C_CONTRIBUTOR)), earned);
    return null;
  }

  // ------------------------------------------------------------------ access fees

  private Object payAccess(CallContext ctx, Args in) {
    BigInteger datanetId = in.uint(0);
    Slot d = existingDatanet(ctx, datanetId);
    BigInteger fee = ctx.loadUint(d.field(D_FEE));
    if (fee.signum() == 0) throw ACCESS_IS_FREE.revert(datanetId);
    if (!ctx.value().equals(fee)) throw WRONG_ACCESS_FEE.revert(ctx.value(), fee);

    BigInteger accepted = ctx.loadUint(d.field(D_ACCEPTED));
    BigInteger perContribution = accepted.signum() == 0 ? BigInteger.ZERO : fee.divide(accepted);
    BigInteger credited = perContribution.multiply(accepted);
    BigInteger toTreasury = fee.subtract(credited);
    if (perContribution.signum() > 0) {
      add(ctx, d.field(D_ACC), perContribution.multiply(ACC_SCALE));
      add(ctx, S_UNCLAIMED_FEES, credited);
    }
    add(ctx, d.field(D_PAYMENTS), BigInteger.ONE);
    add(ctx, d.field(D_TOTAL_FEES), fee);
    add(ctx, S_ACCESS_COUNT.mapping(datanetId).mapping(ctx.caller()), BigInteger.ONE);
    if (toTreasury.signum() > 0) ctx.transfer(Addresses.TREASURY, toTreasury);
    ctx.emit(ACCESS_PAID, datanetId, ctx.caller(), fee, perContribution, accepted, toTreasury);
    return null;
  }

  private Object claim(CallContext ctx, Args in) {
    List<Object> ids = in.list(0);
    if (ids.isEmpty()) throw NOTHING_TO_CLAIM.revert(ctx.caller());
    BigInteger count = ctx.loadUint(S_CONTRIBUTION_COUNT);
    BigInteger total = BigInteger.ZERO;
    for (Object o : ids) {
      BigInteger id = (BigInteger) o;
      if (!exists(id, count)) throw UNKNOWN_CONTRIBUTION.revert(id);
      Slot c = contributionSlot(id);
      Address contributor = ctx.loadAddress(c.field(C_CONTRIBUTOR));
      if (!contributor.equals(ctx.caller())) throw NOT_CONTRIBUTOR.revert(id, ctx.caller());
      BigInteger fresh = BigInteger.ZERO;
      if (status(ctx, c) == ContributionStatus.ACCEPTED) {
        Slot d = datanetSlot(ctx.loadUint(c.field(C_DATANET)));
        BigInteger acc = ctx.loadUint(d.field(D_ACC));
        BigInteger snapshot = ctx.loadUint(c.field(C_SNAPSHOT));
        if (!acc.equals(snapshot)) {
          fresh = acc.subtract(snapshot).divide(ACC_SCALE);
          ctx.storeUint(c.field(C_SNAPSHOT), acc);
        }
      }
      BigInteger accrued = ctx.loadUint(c.field(C_ACCRUED));
      BigInteger amount = accrued.add(fresh);
      if (amount.signum() == 0) continue;
      if (accrued.signum() != 0) ctx.storeUint(c.field(C_ACCRUED), BigInteger.ZERO);
      add(ctx, c.field(C_CLAIMED), amount);
      ctx.emit(CLAIMED, id, contributor, amount);
      total = total.add(amount);
    }
    if (total.signum() == 0) throw NOTHING_TO_CLAIM.revert(ctx.caller());
    add(ctx, S_UNCLAIMED_FEES, total.negate());
    ctx.transfer(ctx.caller(), total);
    return total;
  }

  // ------------------------------------------------------------------ views

  private Object datanetView(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    Slot d = existingDatanet(ctx, id);
    return List.of(
        ctx.loadAddress(d.field(D_OWNER)), ctx.loadAddress(d.field(D_CURATOR)),
        StorageString.read(ctx, d.field(D_NAME)), StorageString.read(ctx, d.field(D_URI)),
        ctx.loadUint(d.field(D_DEPOSIT)), ctx.loadUint(d.field(D_FEE)), ctx.loadUint(d.field(D_ACCEPTED)),
        ctx.loadUint(d.field(D_PENDING)), ctx.loadUint(d.field(D_CONTRIBUTIONS)), ctx.loadUint(d.field(D_PAYMENTS)),
        ctx.loadUint(d.field(D_TOTAL_FEES)), ctx.loadUint(d.field(D_ACC)), ctx.loadUint(d.field(D_CREATED)));
  }

  private Object contributionView(CallContext ctx, Args in) {
    BigInteger id = in.uint(0);
    Slot c = existingContribution(ctx, id);
    return List.of(
        ctx.loadUint(c.field(C_DATANET)), ctx.loadAddress(c.field(C_CONTRIBUTOR)), ctx.load(c.field(C_HASH)),
        ctx.load(c.field(C_CONTENT)), ctx.loadUint(c.field(C_STATUS)), ctx.loadUint(c.field(C_DEPOSIT)),
        ctx.loadUint(c.field(C_SUBMITTED)), ctx.loadUint(c.field(C_CURATED)), ctx.loadUint(c.field(C_CLAIMED)),
        StorageString.read(ctx, c.field(C_URI)));
  }

  private Object claimableView(CallContext ctx, Args in) {
    Slot c = existingContribution(ctx, in.uint(0));
    BigInteger accrued = ctx.loadUint(c.field(C_ACCRUED));
    if (status(ctx, c) != ContributionStatus.ACCEPTED) return accrued;
    Slot d = datanetSlot(ctx.loadUint(c.field(C_DATANET)));
    return accrued.add(pendingEarnings(ctx, c, d));
  }

  private static List<BigInteger> page(CallContext ctx, Address contributor, BigInteger start) {
    Slot list = S_CONTRIBUTIONS_OF.mapping(contributor);
    BigInteger length = ctx.loadUint(list);
    List<BigInteger> out = new ArrayList<>();
    Slot ids = list.arrayData(); // one hash for the whole page, not one per element
    for (BigInteger i = start; i.compareTo(length) < 0 && out.size() < MAX_LISTED; i = i.add(BigInteger.ONE)) {
      out.add(ctx.loadUint(ids.offset(i)));
    }
    return out;
  }

  // ------------------------------------------------------------------ helpers

  /** Where datanet {@code id}'s state starts ({@code datanets[id]}, slot 2): for indexers and tests. */
  public static Slot datanetSlot(BigInteger id) {
    return S_DATANETS.mapping(id);
  }

  /** Where contribution {@code id}'s state starts ({@code contributions[id]}, slot 3): for indexers and tests. */
  public static Slot contributionSlot(BigInteger id) {
    return S_CONTRIBUTIONS.mapping(id);
  }

  private static boolean exists(BigInteger id, BigInteger count) {
    return id.signum() > 0 && id.compareTo(count) <= 0;
  }

  private static Slot existingDatanet(CallContext ctx, BigInteger id) {
    if (!exists(id, ctx.loadUint(S_DATANET_COUNT))) throw UNKNOWN_DATANET.revert(id);
    return datanetSlot(id);
  }

  private static Slot ownedDatanet(CallContext ctx, BigInteger id) {
    Slot d = existingDatanet(ctx, id);
    if (!ctx.loadAddress(d.field(D_OWNER)).equals(ctx.caller())) throw NOT_OWNER.revert(id, ctx.caller());
    return d;
  }

  private static Slot existingContribution(CallContext ctx, BigInteger id) {
    if (!exists(id, ctx.loadUint(S_CONTRIBUTION_COUNT))) throw UNKNOWN_CONTRIBUTION.revert(id);
    return contributionSlot(id);
  }

  private static void requireCurator(CallContext ctx, Slot d, BigInteger datanetId) {
    if (!ctx.loadAddress(d.field(D_CURATOR)).equals(ctx.caller())) throw NOT_CURATOR.revert(datanetId, ctx.caller());
  }

  private static void requirePending(CallContext ctx, Slot c, BigInteger id) {
    ContributionStatus status = status(ctx, c);
    if (status != ContributionStatus.PENDING) throw NOT_PENDING.revert(id, status.code());
  }

  private static ContributionStatus status(CallContext ctx, Slot c) {
    return ContributionStatus.of(ctx.loadUint(c.field(C_STATUS)));
  }

  /** Whole wei an accepted contribution earned since its snapshot (the accumulator only advances by whole wei). */
  private static BigInteger pendingEarnings(CallContext ctx, Slot c, Slot d) {
    return ctx.loadUint(d.field(D_ACC)).subtract(ctx.loadUint(c.field(C_SNAPSHOT))).divide(ACC_SCALE);
  }

  private static void checkUri(String uri) {
    int bytes = StorageString.byteLength(uri);
    if (bytes > MAX_METADATA_URI_BYTES) throw METADATA_URI_TOO_LONG.revert(bytes, MAX_METADATA_URI_BYTES);
  }

  private static void checkFees(BigInteger deposit, BigInteger fee) {
    if (deposit.signum() == 0) throw ZERO_DEPOSIT.revert();
    if (deposit.compareTo(MAX_AMOUNT) > 0) throw AMOUNT_TOO_LARGE.revert(deposit, MAX_AMOUNT);
    if (fee.compareTo(MAX_AMOUNT) > 0) throw AMOUNT_TOO_LARGE.revert(fee, MAX_AMOUNT);
  }

  private static void add(CallContext ctx, Slot slot, BigInteger delta) {
    ctx.storeUint(slot, ctx.loadUint(slot).add(delta));
  }
}
