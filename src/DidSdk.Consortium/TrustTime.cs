namespace DidSdk.Consortium;

/// <summary>At which time the consortium's accreditation of the issuer must hold.</summary>
public enum TrustTime
{
    /// <summary>At the credential's issuance time (<c>iat</c> / <c>validFrom</c>), never earlier than the accreditation's start on the chain. Accepts credentials issued before a later suspension.</summary>
    Issuance,

    /// <summary>Now. Rejects everything from an issuer suspended since, even credentials issued while it was accredited.</summary>
    Now,

    /// <summary>Both at issuance and now (the default): the strictest.</summary>
    Both,
}
