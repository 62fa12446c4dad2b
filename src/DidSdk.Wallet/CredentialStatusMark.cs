namespace DidSdk.Wallet;

/// <summary>What the last refresh found about a stored credential (<see cref="Wallet.RefreshAsync"/>).</summary>
public enum CredentialStatusMark
{
    /// <summary>Not checked yet.</summary>
    Unchecked = 0,

    /// <summary>Signature, validity period and status were fine at the last check.</summary>
    Valid = 1,

    /// <summary>The validity period has ended (<c>exp</c> / <c>validUntil</c>).</summary>
    Expired = 2,

    /// <summary>The issuer revoked it (Token Status List "INVALID" / Bitstring Status List revocation bit).</summary>
    Revoked = 3,

    /// <summary>The issuer suspended it.</summary>
    Suspended = 4,

    /// <summary>Verification failed for another reason (signature, trust, unreachable status list); see the refresh problems.</summary>
    Invalid = 5,
}
