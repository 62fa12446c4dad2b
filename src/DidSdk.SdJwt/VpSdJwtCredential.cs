using DidSdk.Core.Jose;

namespace DidSdk.SdJwt;

/// <summary>One <c>vc+sd-jwt</c> to put in a <c>vp+sd-jwt</c> (<see cref="VpSdJwtPresentationRequest.Credentials"/>), with what the holder chooses to disclose.</summary>
public sealed class VpSdJwtCredential
{
    /// <summary>The credential as issued (all disclosures), <see cref="VcSdJwt.IsVcSdJwt"/>.</summary>
    public required SdJwtToken Credential { get; init; }

    /// <summary>JSON Pointers (RFC 6901) into the fully disclosed credential of the claims to disclose; the others stay hidden.</summary>
    public IReadOnlyCollection<string> Disclose { get; init; } = [];

    /// <summary>
    /// Signs the Key Binding JWT when the credential names a holder key (<c>cnf</c>); <see langword="null"/> uses
    /// <see cref="VpSdJwtPresentationRequest.HolderSigner"/> (the usual case: the holder's DID key is the <c>cnf</c> key).
    /// </summary>
    public ISigner? KeyBindingSigner { get; init; }
}
