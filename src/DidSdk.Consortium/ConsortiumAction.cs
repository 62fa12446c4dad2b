namespace DidSdk.Consortium;

/// <summary>What a proposal does when executed (the contract's <c>Action</c> enum).</summary>
public enum ConsortiumAction
{
    /// <summary>No proposal.</summary>
    None = 0,

    /// <summary>Admit a member.</summary>
    AdmitMember = 1,

    /// <summary>Remove a member.</summary>
    RemoveMember = 2,

    /// <summary>Change the number of approvals a proposal needs.</summary>
    ChangeThreshold = 3,

    /// <summary>Accredit an issuer DID for a credential type (or renew its window).</summary>
    Accredit = 4,

    /// <summary>Suspend an accreditation.</summary>
    Suspend = 5,

    /// <summary>Reinstate a suspended accreditation.</summary>
    Reinstate = 6,

    /// <summary>Revoke an accreditation (final).</summary>
    Revoke = 7,
}
