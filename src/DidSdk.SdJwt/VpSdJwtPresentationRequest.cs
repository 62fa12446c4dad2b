using DidSdk.Core.Jose;

namespace DidSdk.SdJwt;

/// <summary>What a holder signs in a <c>vp+sd-jwt</c> (<see cref="VpSdJwt.PresentAsync"/>).</summary>
public sealed class VpSdJwtPresentationRequest
{
    /// <summary>The holder's DID, written as the presentation's <c>holder</c>.</summary>
    public required string Holder { get; init; }

    /// <summary>The holder's signer: its <c>kid</c> a verification method of <see cref="Holder"/> in <c>authentication</c>.</summary>
    public required ISigner HolderSigner { get; init; }

    /// <summary>The <c>aud</c>: the verifier the presentation is meant for (the <c>domain</c>).</summary>
    public required string Audience { get; init; }

    /// <summary>The <c>nonce</c> the verifier supplied (the <c>challenge</c>), so the presentation cannot be replayed.</summary>
    public required string Nonce { get; init; }

    /// <summary>The <c>iat</c> of the presentation and of the credentials' Key Binding JWTs.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>The presentation's <c>exp</c>, if it should expire before the verifier's own age limit.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The credentials, each with its chosen disclosures (at most <see cref="VpSdJwt.MaxCredentials"/>).</summary>
    public required IReadOnlyList<VpSdJwtCredential> Credentials { get; init; }
}
