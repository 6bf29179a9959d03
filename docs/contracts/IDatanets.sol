// SPDX-License-Identifier: Apache-2.0
// Generated from the native contract's declarations; do not edit.
pragma solidity ^0.8.4;

/// @title IDatanets
/// @notice Datanets: curated data sets whose accepted contributions share the access fees readers pay.
/// Submit keccak256(abi.encodePacked(content, contributor)) with a deposit; the curator accepts (deposit returned) or rejects (deposit to
/// the treasury); access fees are split equally among accepted contributions; contributors claim. Amounts in wei.
interface IDatanets {
    struct Datanet {
        address owner;
        address curator;
        string name;
        string metadataURI;
        uint256 submissionDeposit;
        uint256 accessFee;
        uint256 acceptedCount;
        uint256 pendingCount;
        uint256 contributionCount;
        uint256 accessPayments;
        uint256 totalAccessFees;
        uint256 accessFeePerContribution;
        uint256 createdAt;
    }

    struct Contribution {
        uint256 datanetId;
        address contributor;
        bytes32 contributionHash;
        bytes32 contentHash;
        uint8 status;
        uint256 deposit;
        uint256 submittedAt;
        uint256 curatedAt;
        uint256 claimed;
        string metadataURI;
    }

    /// @notice No datanet has this id (ids start at 1).
    error UnknownDatanet(uint256 datanetId);

    /// @notice No contribution has this id (ids start at 1).
    error UnknownContribution(uint256 contributionId);

    /// @notice Only the datanet's owner may do this.
    error NotOwner(uint256 datanetId, address caller);

    /// @notice Only the datanet's curator may curate its contributions.
    error NotCurator(uint256 datanetId, address caller);

    /// @notice Only governance, through the Timelock, may do this.
    error NotTimelock(address caller);

    /// @notice Only a contribution's contributor may claim its earnings.
    error NotContributor(uint256 contributionId, address caller);

    /// @notice Only a pending contribution can be accepted or rejected; `status` is its current one (2 accepted, 3 rejected, 4 slashed).
    error NotPending(uint256 contributionId, uint8 status);

    /// @notice Only an accepted contribution can be slashed; `status` is its current one (1 pending, 3 rejected, 4 slashed).
    error NotAccepted(uint256 contributionId, uint8 status);

    /// @notice A submission must send exactly the datanet's submission deposit.
    error WrongDeposit(uint256 sent, uint256 required);

    /// @notice An access payment must send exactly the datanet's access fee.
    error WrongAccessFee(uint256 sent, uint256 required);

    /// @notice The datanet's access fee is zero: there is nothing to pay.
    error AccessIsFree(uint256 datanetId);

    /// @notice The submission deposit must be positive: it is what a rejected (e.g. front-running) submitter loses.
    error ZeroDeposit();

    /// @notice A deposit or fee above 2^128 - 1 wei is refused, so accumulator arithmetic cannot overflow.
    error AmountTooLarge(uint256 amount, uint256 max);

    /// @notice The zero address cannot own or curate a datanet.
    error ZeroAddress();

    /// @notice A contribution or content hash cannot be zero.
    error ZeroHash();

    /// @notice A datanet needs a name.
    error EmptyName();

    /// @notice The datanet name is longer than 64 UTF-8 bytes.
    error NameTooLong(uint256 length, uint256 max);

    /// @notice The metadata URI is longer than 256 UTF-8 bytes.
    error MetadataURITooLong(uint256 length, uint256 max);

    /// @notice This contribution hash is held by a pending, accepted or slashed contribution (in any datanet); only a rejection frees a hash.
    error ContributionHashTaken(bytes32 contributionHash, uint256 contributionId);

    /// @notice Exactly this content was already accepted in the datanet, as `acceptedContributionId`.
    error DuplicateContent(uint256 datanetId, bytes32 contentHash, uint256 acceptedContributionId);

    /// @notice The rejection reason is longer than 256 UTF-8 bytes.
    error ReasonTooLong(uint256 length, uint256 max);

    /// @notice The contributions named have earned nothing unclaimed (or none were named).
    error NothingToClaim(address caller);

    /// @notice No function of this contract has that selector.
    error UnknownSelector(bytes4 selector);

    /// @notice The calldata is shorter than a selector or does not decode as the function's parameters.
    error MalformedCalldata();

    /// @notice Value was sent to a function that does not accept it.
    error NotPayable(uint256 value);

    /// @notice A state change was attempted in a static call (eth_call, STATICCALL, a view function).
    error WriteInStaticCall();

    /// @notice Native contracts cannot be reached by DELEGATECALL or CALLCODE: their storage lives at their own address.
    error DelegateCallRefused();

    /// @notice A transfer needs more OPEN than the account holds.
    error InsufficientBalance(address account, uint256 balance, uint256 needed);

    /// @notice A native contract called an address that holds no native contract.
    error NoNativeContract(address target);

    /// @notice A nested native call ran out of gas or faulted.
    error NestedCallHalted(address target);

    /// @notice A datanet was created; its owner is also its first curator.
    event DatanetCreated(uint256 indexed datanetId, address indexed owner, string name, string metadataURI, uint256 submissionDeposit, uint256 accessFee);

    /// @notice The owner named a new curator.
    event CuratorChanged(uint256 indexed datanetId, address indexed previousCurator, address indexed newCurator);

    /// @notice The owner handed the datanet to a new owner.
    event OwnershipTransferred(uint256 indexed datanetId, address indexed previousOwner, address indexed newOwner);

    /// @notice The owner changed the fees; pending contributions keep the deposit they paid.
    event FeesChanged(uint256 indexed datanetId, uint256 submissionDeposit, uint256 accessFee);

    /// @notice A contribution was submitted with its deposit and awaits curation.
    event ContributionSubmitted(uint256 indexed contributionId, uint256 indexed datanetId, address indexed contributor, bytes32 contributionHash, uint256 deposit, string metadataURI);

    /// @notice The curator accepted a contribution: its deposit went back to the contributor and it now earns access fees.
    event ContributionAccepted(uint256 indexed contributionId, uint256 indexed datanetId, address indexed contributor, bytes32 contentHash, uint256 depositReturned);

    /// @notice The curator rejected a contribution: its deposit went to the treasury and its hash is free again.
    event ContributionRejected(uint256 indexed contributionId, uint256 indexed datanetId, address indexed contributor, uint256 depositSlashed, string reason);

    /// @notice Governance slashed an accepted contribution: it no longer counts or earns; `earningsKept` stays claimable.
    event ContributionSlashed(uint256 indexed contributionId, uint256 indexed datanetId, address indexed contributor, uint256 earningsKept);

    /// @notice A reader paid the access fee: `perContribution` wei to each of `acceptedCount` accepted contributions, the rest to the treasury.
    event AccessPaid(uint256 indexed datanetId, address indexed payer, uint256 amount, uint256 perContribution, uint256 acceptedCount, uint256 toTreasury);

    /// @notice A contributor was paid what a contribution had earned.
    event Claimed(uint256 indexed contributionId, address indexed contributor, uint256 amount);

    /// @notice Creates a datanet; the caller becomes its owner and its curator.
    /// @dev `name`: 1 to 64 UTF-8 bytes; `metadataURI`: at most 256. The deposit must be positive; the access fee may be
    /// zero (free access). Both at most 2^128 - 1 wei.
    /// @return datanetId the new datanet's id: 1, 2, 3, ...
    function create(string calldata name, string calldata metadataURI, uint256 submissionDeposit, uint256 accessFee) external returns (uint256 datanetId);

    /// @notice Names the datanet's curator (owner only). Contributions pending now are curated by the new curator.
    function setCurator(uint256 datanetId, address curator) external;

    /// @notice Hands the datanet to `newOwner` (owner only). The curator stays.
    function transferOwnership(uint256 datanetId, address newOwner) external;

    /// @notice Changes the submission deposit and access fee (owner only), with the bounds of create.
    /// @dev Pending contributions keep the deposit they paid; an access payment in flight with the old fee reverts with
    /// WrongAccessFee and the payer keeps the value.
    function setFees(uint256 datanetId, uint256 submissionDeposit, uint256 accessFee) external;

    /// @notice Submits a contribution: `contributionHash` = keccak256(abi.encodePacked(content, msg.sender)), with exactly the
    /// datanet's submission deposit. The content goes to the content store, after this is mined.
    /// @dev Refused while the hash is held by a pending, accepted or slashed contribution in any datanet (a rejection frees it).
    /// The hash binds the sender: a copier who submits someone else's hash fails the curator's check, is rejected
    /// and loses the deposit. `metadataURI`: at most 256 UTF-8 bytes.
    /// @return contributionId the new contribution's id: 1, 2, 3, ... across all datanets
    function submit(uint256 datanetId, bytes32 contributionHash, string calldata metadataURI) external payable returns (uint256 contributionId);

    /// @notice Accepts a pending contribution (its datanet's curator only): records `contentHash` = keccak256(content) and returns
    /// the deposit to the contributor; the contribution counts and earns from later access payments.
    /// @dev The curator must first check keccak256(abi.encodePacked(content, contributor)) == contributionHash.
    /// Refused if the datanet already accepted exactly this content (DuplicateContent), including content later slashed.
    function accept(uint256 contributionId, bytes32 contentHash) external;

    /// @notice Rejects a pending contribution (its datanet's curator only): the deposit goes to the treasury, `reason` (at most 256
    /// UTF-8 bytes) is logged and the contribution hash is free again.
    function reject(uint256 contributionId, string calldata reason) external;

    /// @notice Governance (the Timelock only) slashes an accepted contribution found bad after acceptance: it stops counting and
    /// earning at once. What it earned before stays claimable; its content stays refused in the datanet.
    function slash(uint256 contributionId) external;

    /// @notice Pays for access to a datanet: msg.value must equal its access fee exactly (a fee changed in the meantime
    /// reverts rather than over- or under-charging). Each currently accepted contribution earns floor(fee / n) wei; the
    /// remainder, or the whole fee when none is accepted, goes to the treasury.
    function payAccess(uint256 datanetId) external payable;

    /// @notice Pays the caller everything the named contributions earned and have not claimed (the caller must be the contributor
    /// of each). Gas grows with the number of ids.
    /// @return amount the wei sent to the caller
    function claim(uint256[] calldata contributionIds) external returns (uint256 amount);

    /// @notice A datanet's owner, curator, metadata, fees and counters; `accessFeePerContribution` is the accumulator, scaled by 1e18.
    function datanet(uint256 datanetId) external view returns (Datanet memory);

    /// @notice A contribution; `status`: 1 pending, 2 accepted, 3 rejected, 4 slashed; `curatedAt` is 0 until curated.
    function contribution(uint256 contributionId) external view returns (Contribution memory);

    /// @notice How many datanets exist (the highest id).
    function datanetCount() external view returns (uint256);

    /// @notice How many contributions were submitted, in all datanets (the highest id).
    function contributionCount() external view returns (uint256);

    /// @notice The first 256 contributions `contributor` submitted, oldest first.
    /// @dev Bounded so the call's gas is known up front; page on with contributionsOfPage and contributionCountOf.
    function contributionsOf(address contributor) external view returns (uint256[] memory contributionIds);

    /// @notice Up to 256 of `contributor`'s contributions, from its `start`-th (0-based) on, oldest first.
    function contributionsOfPage(address contributor, uint256 start) external view returns (uint256[] memory contributionIds);

    /// @notice How many contributions `contributor` submitted.
    function contributionCountOf(address contributor) external view returns (uint256);

    /// @notice Whether the contribution is accepted (counts and earns); false for pending, rejected, slashed and unknown ids.
    function isAccepted(uint256 contributionId) external view returns (bool);

    /// @notice Wei the contribution has earned and not yet claimed.
    function claimable(uint256 contributionId) external view returns (uint256);

    /// @notice The contribution holding this hash (pending, accepted or slashed), or 0 if it is free.
    function contributionOfHash(bytes32 contributionHash) external view returns (uint256);

    /// @notice The contribution under which the datanet accepted this content, or 0: what a curator checks before accepting.
    function acceptedContent(uint256 datanetId, bytes32 contentHash) external view returns (uint256);

    /// @notice How many access payments `account` made to the datanet: what the content store checks before serving its data.
    function accessCount(uint256 datanetId, address account) external view returns (uint256);

    /// @notice What the contract owes: deposits of pending contributions and access fees earned but not claimed. Its balance equals
    /// their sum, to the wei (more only if OPEN was forced on it).
    /// @return pendingDeposits deposits held for pending contributions
    /// @return unclaimedFees access fees earned by contributions and not yet claimed
    function liabilities() external view returns (uint256 pendingDeposits, uint256 unclaimedFees);
}
