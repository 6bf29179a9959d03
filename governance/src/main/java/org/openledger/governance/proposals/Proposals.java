package org.openledger.governance.proposals;

import java.math.BigInteger;
import org.openledger.contracts.Addresses;
import org.openledger.contracts.datanet.Datanets;
import org.openledger.contracts.inference.Inference;
import org.openledger.contracts.model.Models;
import org.openledger.contracts.staking.Staking;
import org.openledger.governance.governor.Governor;
import org.openledger.governance.timelock.Timelock;
import org.openledger.precompiles.Address;

/**
 * Typed builders of the common proposals (the Java API the CLI wraps): each returns a {@link
 * Proposal} whose calldata comes from the contracts' own {@code FunctionSpec}s, so nobody
 * hand-encodes ABI. Every factory takes the description, which is part of the proposal id.
 */
public final class Proposals {
  private Proposals() {}

  // ------------------------------------------------------------------ model lifecycle

  /** Approve a Proposed model (Proposed → Approved): data collection and training may start. */
  public static Proposal approveModel(BigInteger modelId, String description) {
    return Proposal.builder(description).call(Addresses.MODELS, Models.APPROVE, modelId).build();
  }

  /** Reject a Proposed model (final). */
  public static Proposal rejectModel(BigInteger modelId, String description) {
    return Proposal.builder(description).call(Addresses.MODELS, Models.REJECT, modelId).build();
  }

  /** Deploy an attested version (Evaluation → Deployed, or switch a Deployed model's version). */
  public static Proposal deployModel(BigInteger modelId, BigInteger version, String description) {
    return Proposal.builder(description).call(Addresses.MODELS, Models.DEPLOY, modelId, version).build();
  }

  /** Deprecate a Deployed model (final): inference on it stops. */
  public static Proposal deprecateModel(BigInteger modelId, String description) {
    return Proposal.builder(description).call(Addresses.MODELS, Models.DEPRECATE, modelId).build();
  }

  // ------------------------------------------------------------------ fees and rates

  /** Set the inference fee split in basis points (owner + stakers + contributors = 10,000). */
  public static Proposal setFeeSplit(int ownerBp, int stakersBp, int contributorsBp, int proverBp, int baseOwnerBp, String description) {
    return Proposal.builder(description).call(Addresses.INFERENCE, Inference.SET_SPLIT, BigInteger.valueOf(ownerBp),
        BigInteger.valueOf(stakersBp), BigInteger.valueOf(contributorsBp), BigInteger.valueOf(proverBp), BigInteger.valueOf(baseOwnerBp)).build();
  }

  /** Set the platform fee (wei per inference request). */
  public static Proposal setPlatformFee(BigInteger platformFee, String description) {
    return Proposal.builder(description).call(Addresses.INFERENCE, Inference.SET_PLATFORM_FEE, platformFee).build();
  }

  /** Set the rate bounds (wei per 1,000 tokens) every model version's rates must stay within. */
  public static Proposal setMaxRates(BigInteger maxInRate, BigInteger maxOutRate, String description) {
    return Proposal.builder(description).call(Addresses.MODELS, Models.SET_MAX_RATES, maxInRate, maxOutRate).build();
  }

  // ------------------------------------------------------------------ voting parameters

  /**
   * Change the Governor's voting parameters; a null argument is left unchanged (at least one must
   * be given). Delay and period in blocks, threshold in wei of votes, quorum in percent.
   */
  public static Proposal setVotingParameters(BigInteger votingDelay, BigInteger votingPeriod, BigInteger proposalThreshold,
      BigInteger quorumNumerator, String description) {
    Proposal.Builder b = Proposal.builder(description);
    if (votingDelay != null) b.call(Addresses.GOVERNOR, Governor.SET_VOTING_DELAY, votingDelay);
    if (votingPeriod != null) b.call(Addresses.GOVERNOR, Governor.SET_VOTING_PERIOD, votingPeriod);
    if (proposalThreshold != null) b.call(Addresses.GOVERNOR, Governor.SET_PROPOSAL_THRESHOLD, proposalThreshold);
    if (quorumNumerator != null) b.call(Addresses.GOVERNOR, Governor.UPDATE_QUORUM_NUMERATOR, quorumNumerator);
    return b.build();
  }

  /** Change the Timelock's delays (blocks); a null argument is left unchanged. */
  public static Proposal setTimelockDelays(BigInteger minDelay, BigInteger gracePeriod, String description) {
    Proposal.Builder b = Proposal.builder(description);
    if (minDelay != null) b.call(Addresses.TIMELOCK, Timelock.UPDATE_DELAY, minDelay);
    if (gracePeriod != null) b.call(Addresses.TIMELOCK, Timelock.UPDATE_GRACE_PERIOD, gracePeriod);
    return b.build();
  }

  // ------------------------------------------------------------------ treasury, slashing, guardian

  /** Pay {@code amount} wei from the treasury to {@code to} (an account, not a native contract). */
  public static Proposal spendTreasury(Address to, BigInteger amount, String description) {
    return Proposal.builder(description).transfer(to, amount).build();
  }

  /** Slash an accepted datanet contribution found bad (Datanets.slash). */
  public static Proposal slashContribution(BigInteger contributionId, String description) {
    return Proposal.builder(description).call(Addresses.DATANETS, Datanets.SLASH, contributionId).build();
  }

  /** Slash {@code amount} wei of a staking position's principal to the treasury (Staking.slash). */
  public static Proposal slashStake(BigInteger positionId, BigInteger amount, String description) {
    return Proposal.builder(description).call(Addresses.STAKING, Staking.SLASH, positionId, amount).build();
  }

  /** Set the guardian, who may cancel any proposal before execution. */
  public static Proposal setGuardian(Address guardian, String description) {
    if (guardian.equals(Address.ZERO)) throw new IllegalArgumentException("use removeGuardian to remove the guardian");
    return Proposal.builder(description).call(Addresses.GOVERNOR, Governor.SET_GUARDIAN, guardian).build();
  }

  /** Remove the guardian. */
  public static Proposal removeGuardian(String description) {
    return Proposal.builder(description).call(Addresses.GOVERNOR, Governor.SET_GUARDIAN, Address.ZERO).build();
  }
}
