using DidSdk.Core.Dids;

namespace DidSdk.IdentityModel;

/// <summary>Settings of a <see cref="DidSigningKeyResolver"/>.</summary>
public sealed class DidSigningKeyResolverOptions
{
    /// <summary>
    /// The verification relationship the <c>kid</c>'s verification method must be authorized for
    /// (W3C DID Core §5.3). Default <see cref="VerificationRelationship.AssertionMethod"/>, right for credentials
    /// (VC-JWT) and other issued statements; use <see cref="VerificationRelationship.Authentication"/> for bearer
    /// tokens a DID subject presents to authenticate itself.
    /// </summary>
    public VerificationRelationship Relationship { get; set; } = VerificationRelationship.AssertionMethod;

    /// <summary>
    /// Accept a token without an <c>iss</c> claim, taking the controller DID from the <c>kid</c> alone. Off by default:
    /// the <c>kid</c>'s method must then be authorized by the DID the token names as its issuer, so a key of one DID
    /// cannot speak for another.
    /// </summary>
    public bool AllowTokensWithoutIssuer { get; set; }

    /// <summary>The longest <c>kid</c> accepted, in characters (default 2,048).</summary>
    public int MaxKeyIdLength { get; set; } = 2048;

    internal void Validate() => ArgumentOutOfRangeException.ThrowIfLessThan(MaxKeyIdLength, 16, nameof(MaxKeyIdLength));
}
