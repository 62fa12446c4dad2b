namespace DidSdk.OpenId4Vc;

/// <summary>
/// Settings of an <see cref="OpenId4VpVerifier"/>: plain values that bind from configuration. Services (state store,
/// request signer, credential verifiers, clock) go to the constructor.
/// </summary>
public sealed class OpenId4VpVerifierOptions
{
    /// <summary>
    /// The Client Identifier Prefix (<see cref="OpenId4VpClientIdPrefix.DecentralizedIdentifier"/>, the default, or
    /// <see cref="OpenId4VpClientIdPrefix.RedirectUri"/>).
    /// </summary>
    public string ClientIdPrefix { get; set; } = OpenId4VpClientIdPrefix.DecentralizedIdentifier;

    /// <summary>The verifier's DID, for the <c>decentralized_identifier</c> prefix: the request signer's key id must be one of its DID URLs.</summary>
    public string? VerifierDid { get; set; }

    /// <summary>The Response Endpoint the wallet posts the Authorization Response to (<c>response_uri</c>, OpenID4VP 1.0 §8.2).</summary>
    public string ResponseUri { get; set; } = "";

    /// <summary>
    /// Where Request Objects are served by reference: <c>{RequestUriBase}/{id}</c>. Empty when requests are only passed by value.
    /// </summary>
    public string RequestUriBase { get; set; } = "";

    /// <summary>How long a request may be answered (default 5 minutes, at most 1 hour).</summary>
    public TimeSpan RequestLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an answered session's result can be polled (default 10 minutes).</summary>
    public TimeSpan ResultLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the hash of a received <c>vp_token</c> is kept to refuse its replay (default 1 day).</summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The largest <c>vp_token</c> accepted, in characters (default 256 KiB).</summary>
    public int MaxVpTokenLength { get; set; } = 256 * 1024;

    /// <summary>The most presentations accepted for one Credential Query with <c>multiple</c> (default 8).</summary>
    public int MaxPresentationsPerQuery { get; set; } = 8;

    /// <summary>
    /// The response mode requested: <see cref="OpenId4VpAuthorizationRequest.DirectPost"/> (the default) or
    /// <see cref="OpenId4VpAuthorizationRequest.DirectPostJwt"/>, for which each request carries a fresh P-256 key in
    /// <c>client_metadata.jwks</c> and the wallet encrypts its response to it.
    /// </summary>
    public string ResponseMode { get; set; } = OpenId4VpAuthorizationRequest.DirectPost;

    /// <summary>The <c>redirect_uri</c> returned to the wallet after a verified response (same-device flows), if any.</summary>
    public string? RedirectUriAfterResponse { get; set; }

    /// <summary>Accept plain HTTP URLs on loopback hosts (development and tests only). Default <see langword="false"/>.</summary>
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>The Client Identifier: the prefix and the DID, or the prefix and the response URI.</summary>
    public string ClientId => ClientIdPrefix == OpenId4VpClientIdPrefix.RedirectUri
        ? OpenId4VpClientIdPrefix.Create(ClientIdPrefix, ResponseUri)
        : OpenId4VpClientIdPrefix.Create(ClientIdPrefix, VerifierDid ?? "");

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range.</exception>
    public void Validate()
    {
        if (ClientIdPrefix == OpenId4VpClientIdPrefix.DecentralizedIdentifier)
        {
            if (VerifierDid is null || !VerifierDid.StartsWith("did:", StringComparison.Ordinal))
            {
                throw new ArgumentException("The decentralized_identifier prefix needs VerifierDid.", nameof(VerifierDid));
            }
        }
        else if (ClientIdPrefix != OpenId4VpClientIdPrefix.RedirectUri)
        {
            throw new ArgumentException($"Client Identifier Prefix '{ClientIdPrefix}' is not supported.", nameof(ClientIdPrefix));
        }

        if (ResponseMode is not (OpenId4VpAuthorizationRequest.DirectPost or OpenId4VpAuthorizationRequest.DirectPostJwt))
        {
            throw new ArgumentException($"Response mode '{ResponseMode}' is not supported.", nameof(ResponseMode));
        }

        if (!Uri.TryCreate(ResponseUri, UriKind.Absolute, out var response) || !SecureUrl.IsAllowed(response, AllowLoopbackHttp))
        {
            throw new ArgumentException("ResponseUri must be an https URL (http only on loopback with AllowLoopbackHttp).", nameof(ResponseUri));
        }

        if (RequestUriBase.Length > 0 && (!Uri.TryCreate(RequestUriBase, UriKind.Absolute, out var requestBase) || !SecureUrl.IsAllowed(requestBase, AllowLoopbackHttp)))
        {
            throw new ArgumentException("RequestUriBase must be an https URL (http only on loopback with AllowLoopbackHttp).", nameof(RequestUriBase));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(RequestLifetime, TimeSpan.FromSeconds(10));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RequestLifetime, TimeSpan.FromHours(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(ResultLifetime, TimeSpan.FromSeconds(10));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReplayWindow, RequestLifetime);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxVpTokenLength, 64);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxVpTokenLength, 16 * 1024 * 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPresentationsPerQuery, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxPresentationsPerQuery, 64);
    }
}
