namespace DidSdk.Consortium;

/// <summary>Why the registry refused a transaction (the contract's custom errors).</summary>
public enum ConsortiumRegistryError
{
    /// <summary>A revert the client does not recognise (see the exception's <c>Reason</c>).</summary>
    Unknown = 0,

    /// <summary>The sender (or the named account) is not a member.</summary>
    NotMember,

    /// <summary>The account is already a member.</summary>
    AlreadyMember,

    /// <summary>No such proposal.</summary>
    UnknownProposal,

    /// <summary>The proposal expired.</summary>
    ProposalExpired,

    /// <summary>The member already approved the proposal.</summary>
    AlreadyApproved,

    /// <summary>The proposal was already executed.</summary>
    AlreadyExecuted,

    /// <summary>Fewer current members approved the proposal than the threshold.</summary>
    NotEnoughApprovals,

    /// <summary>The threshold would be 0 or above the member count.</summary>
    InvalidThreshold,

    /// <summary>The validity window ends before it starts.</summary>
    InvalidWindow,

    /// <summary>An address, DID, name or type is empty.</summary>
    EmptyValue,

    /// <summary>No such accreditation.</summary>
    UnknownAccreditation,

    /// <summary>The accreditation cannot go there from its current state (e.g. reinstate an active one, anything after revocation).</summary>
    InvalidTransition,

    /// <summary>The constructor's members, DIDs, names or lifetime are inconsistent.</summary>
    InvalidSeed,
}
