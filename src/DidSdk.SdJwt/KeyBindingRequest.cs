using DidSdk.Core.Jose;

namespace DidSdk.SdJwt;

/// <summary>What a holder signs in a Key Binding JWT (RFC 9901 §4.3).</summary>
public sealed class KeyBindingRequest
{
    /// <summary>The holder's signer: its key must be the one in the SD-JWT's <c>cnf</c>.</summary>
    public required ISigner HolderSigner { get; init; }

    /// <summary>The <c>aud</c>: the verifier the presentation is meant for.</summary>
    public required string Audience { get; init; }

    /// <summary>The <c>nonce</c> the verifier supplied, so the presentation cannot be replayed.</summary>
    public required string Nonce { get; init; }

    /// <summary>The <c>iat</c>.</summary>
    public required DateTimeOffset IssuedAt { get; init; }
}
