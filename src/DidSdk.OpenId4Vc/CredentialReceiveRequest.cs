using DidSdk.Credentials;

namespace DidSdk.OpenId4Vc;

/// <summary>What the wallet needs to receive a credential from an offer (Pre-Authorized Code or Authorization Code grant).</summary>
public sealed class CredentialReceiveRequest
{
    /// <summary>The scanned offer URI (by value or by reference).</summary>
    public required string OfferUri { get; init; }

    /// <summary>The Transaction Code the user received by another channel, when the offer requires one.</summary>
    public string? TxCode { get; init; }

    /// <summary>The keys to bind credentials to: one credential per key (batch issuance when more than one).</summary>
    public required IReadOnlyList<HolderBindingKey> HolderKeys { get; init; }

    /// <summary>
    /// Verifies every received credential before it is kept (issuer signature, validity, status, trust). For SD-JWT VCs
    /// give it an <c>SdJwtVcFormatHandler</c> that does not require key binding.
    /// </summary>
    public required CredentialVerifier Verifier { get; init; }

    /// <summary>Where verified credentials go, or <see langword="null"/> to only return them.</summary>
    public IOpenId4VciCredentialStore? Store { get; init; }

    /// <summary>The offered configuration to request; default the offer's first.</summary>
    public string? CredentialConfigurationId { get; init; }

    /// <summary>
    /// The user-agent step of the Authorization Code Flow, used when the offer has no pre-authorized code: given the
    /// authorization URL, the application opens it in the browser (where the user logs in at the bank) and returns the
    /// redirect URI the browser came back with, or <see langword="null"/> when the user gave up. The client checks that
    /// URI's <c>state</c> and <c>iss</c> before it redeems the code.
    /// </summary>
    public Func<Uri, CancellationToken, Task<Uri?>>? AuthorizationUserAgent { get; init; }
}
