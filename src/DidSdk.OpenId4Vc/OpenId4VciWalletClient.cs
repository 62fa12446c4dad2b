using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Crypto;

namespace DidSdk.OpenId4Vc;

/// <summary>
/// The wallet side of OpenID4VCI 1.0: resolves an offer (by value or reference), fetches the issuer's metadata, obtains
/// an access token — with the Pre-Authorized Code Flow (redeeming the code with the Transaction Code) or the
/// Authorization Code Flow (PKCE S256, <c>state</c>, pushed authorization request when the server has the endpoint, the
/// user-agent step done by the application) — gets a <c>c_nonce</c>, proves possession of each holder key with a
/// <c>jwt</c> key proof, and verifies and stores what the issuer returns.
/// </summary>
public sealed class OpenId4VciWalletClient
{
    private const string JsonMediaType = "application/json";
    private readonly HttpClient _httpClient;
    private readonly OpenId4VciWalletClientOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a client.</summary>
    /// <param name="httpClient">The HTTP client (from <c>IHttpClientFactory</c> or the caller's own).</param>
    /// <param name="options">Settings; default HTTPS only.</param>
    /// <param name="timeProvider">The clock for proof <c>iat</c>; default <see cref="TimeProvider.System"/>.</param>
    public OpenId4VciWalletClient(HttpClient httpClient, OpenId4VciWalletClientOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _httpClient = httpClient;
        _options = options ?? new OpenId4VciWalletClientOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Resolves an offer URI to the offer itself, fetching it when it is passed by reference.</summary>
    /// <param name="offerUri">The scanned URI.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The offer, or the problem.</returns>
    public async Task<(CredentialOffer? Offer, Problem? Problem)> ResolveOfferAsync(string offerUri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offerUri);
        if (!CredentialOffer.TryParseUri(offerUri, out var offer, out var reference, out var problem))
        {
            return (null, problem);
        }

        if (offer is not null)
        {
            return (offer, null);
        }

        var (_, json, httpProblem) = await SendAsync(HttpMethod.Get, reference!, null, null, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return (null, httpProblem);
        }

        return CredentialOffer.TryParse(json.ToJsonString(), out offer, out problem) ? (offer, null) : (null, problem);
    }

    /// <summary>
    /// Runs the whole exchange: the Pre-Authorized Code Flow when the offer has a pre-authorized code, otherwise the
    /// Authorization Code Flow through <see cref="CredentialReceiveRequest.AuthorizationUserAgent"/>. Nothing is stored
    /// unless every credential verified and is bound to its key.
    /// </summary>
    /// <param name="request">The offer, the Transaction Code, the holder keys, the verifier and the store.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">No holder key is given.</exception>
    /// <exception cref="InvalidOperationException">
    /// The Authorization Code Flow is needed and <see cref="OpenId4VciWalletClientOptions.ClientId"/> or
    /// <see cref="OpenId4VciWalletClientOptions.RedirectUri"/> is not set.
    /// </exception>
    public async Task<CredentialReceiveResult> ReceiveAsync(CredentialReceiveRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.HolderKeys.Count == 0)
        {
            throw new ArgumentException("At least one holder key is required.", nameof(request));
        }

        var (offer, offerProblem) = await ResolveOfferAsync(request.OfferUri, cancellationToken).ConfigureAwait(false);
        if (offer is null)
        {
            return CredentialReceiveResult.Fail(offerProblem!);
        }

        // The pre-authorized code when offered; otherwise the authorization code grant, which needs the user agent.
        var useAuthorizationCode = offer.PreAuthorizedCode is null;
        if (useAuthorizationCode && request.AuthorizationUserAgent is null)
        {
            return CredentialReceiveResult.Fail(OpenId4VcProblemCodes.UnsupportedGrant, "The offer has no pre-authorized code grant and no AuthorizationUserAgent was given.");
        }

        if (useAuthorizationCode && (_options.ClientId is null || _options.RedirectUri is null))
        {
            throw new InvalidOperationException("The authorization code flow needs the ClientId and RedirectUri options.");
        }

        if (!useAuthorizationCode && offer.TxCode is not null && string.IsNullOrEmpty(request.TxCode))
        {
            return CredentialReceiveResult.Fail(OpenId4VcProblemCodes.TransactionCodeRequired, "The offer requires a transaction code.");
        }

        if (!Uri.TryCreate(offer.CredentialIssuer, UriKind.Absolute, out var issuerUri) || !SecureUrl.IsAllowed(issuerUri, _options.AllowLoopbackHttp))
        {
            return CredentialReceiveResult.Fail(OpenId4VcProblemCodes.InsecureUrl, "The credential issuer is not an HTTPS URL.");
        }

        // Metadata: the document must name the same issuer it was fetched for (OpenID4VCI 1.0 §12.2.3).
        var (_, metadataJson, metadataProblem) = await SendAsync(HttpMethod.Get, CredentialIssuerMetadata.GetMetadataUri(issuerUri), null, null, cancellationToken).ConfigureAwait(false);
        if (metadataJson is null)
        {
            return CredentialReceiveResult.Fail(metadataProblem!);
        }

        if (!CredentialIssuerMetadata.TryParse(metadataJson, out var metadata, out var parseProblem))
        {
            return CredentialReceiveResult.Fail(parseProblem);
        }

        if (metadata.CredentialIssuer != offer.CredentialIssuer)
        {
            return CredentialReceiveResult.Fail(OpenId4VcProblemCodes.InvalidMetadata, "The metadata names another credential issuer.");
        }

        var configurationId = request.CredentialConfigurationId ?? offer.CredentialConfigurationIds[0];
        if (!offer.CredentialConfigurationIds.Contains(configurationId, StringComparer.Ordinal)
            || !metadata.CredentialConfigurations.TryGetValue(configurationId, out var configuration)
            || configuration.Format is not (CredentialConfiguration.SdJwtVcFormat or CredentialConfiguration.JwtVcJsonFormat))
        {
            return CredentialReceiveResult.Fail(OpenId4VcProblemCodes.UnsupportedConfiguration, "The requested configuration is not offered or not supported.");
        }

        if (request.HolderKeys.Count > metadata.BatchSize)
        {
            return CredentialReceiveResult.Fail(OpenId4VcProblemCodes.UnsupportedConfiguration, "The issuer's batch_size is smaller than the number of holder keys.");
        }

        if (configuration.ProofSigningAlgorithms.Count > 0
            && request.HolderKeys.Any(k => !configuration.ProofSigningAlgorithms.Contains(k.Signer.Algorithm.JoseAlgorithm, StringComparer.Ordinal)))
        {
            return CredentialReceiveResult.Fail(OpenId4VcProblemCodes.UnsupportedConfiguration, "The issuer does not accept key proofs with a holder key's algorithm.");
        }

        var authorizationServer = metadata.AuthorizationServers.Count > 0 ? metadata.AuthorizationServers[0] : metadata.CredentialIssuer;
        if (!Uri.TryCreate(authorizationServer, UriKind.Absolute, out var asUri))
        {
            return CredentialReceiveResult.Fail(OpenId4VcProblemCodes.InvalidMetadata, "The authorization server is not a URL.");
        }

        var (_, asJson, asProblem) = await SendAsync(HttpMethod.Get, AuthorizationServerMetadata.GetMetadataUri(asUri), null, null, cancellationToken).ConfigureAwait(false);
        if (asJson is null)
        {
            return CredentialReceiveResult.Fail(asProblem!);
        }

        if (JsonRead.String(asJson, "issuer") != authorizationServer || !Uri.TryCreate(JsonRead.String(asJson, "token_endpoint"), UriKind.Absolute, out var tokenEndpoint))
        {
            return CredentialReceiveResult.Fail(OpenId4VcProblemCodes.InvalidMetadata, "The authorization server metadata is malformed or names another issuer.");
        }

        var (accessToken, tokenJson, tokenProblem) = useAuthorizationCode
            ? await AuthorizationCodeTokenAsync(offer, configurationId, authorizationServer, asJson, tokenEndpoint, request.AuthorizationUserAgent!, cancellationToken)
                .ConfigureAwait(false)
            : await PreAuthorizedTokenAsync(offer, request.TxCode, tokenEndpoint, cancellationToken).ConfigureAwait(false);
        if (accessToken is null)
        {
            return CredentialReceiveResult.Fail(tokenProblem!);
        }

        // OpenID4VCI 1.0 §6.2 / §8.2: when the Token Response names credential identifiers for the configuration, the
        // Credential Request uses one of them instead of the configuration id.
        string? credentialIdentifier = null;
        foreach (var node in JsonRead.Array(tokenJson, "authorization_details") ?? [])
        {
            if (node is JsonObject detail && JsonRead.String(detail, "type") == AuthorizationServerMetadata.OpenIdCredentialType
                && JsonRead.String(detail, "credential_configuration_id") == configurationId && JsonRead.Strings(detail, "credential_identifiers") is [var first, ..])
            {
                credentialIdentifier = first;
                break;
            }
        }

        // Nonce (OpenID4VCI 1.0 §7).
        if (!Uri.TryCreate(metadata.NonceEndpoint, UriKind.Absolute, out var nonceEndpoint))
        {
            return CredentialReceiveResult.Fail(OpenId4VcProblemCodes.InvalidMetadata, "The issuer has no nonce endpoint.");
        }

        var (_, nonceJson, nonceProblem) = await SendAsync(HttpMethod.Post, nonceEndpoint, null, null, cancellationToken).ConfigureAwait(false);
        if (nonceJson is null || JsonRead.String(nonceJson, "c_nonce") is not { } nonce)
        {
            return CredentialReceiveResult.Fail(nonceProblem ?? new Problem(OpenId4VcProblemCodes.HttpFailure, "The nonce endpoint returned no c_nonce."));
        }

        // Credential request (OpenID4VCI 1.0 §8.2) with one jwt key proof per holder key.
        var proofs = new JsonArray();
        foreach (var key in request.HolderKeys)
        {
            proofs.Add((JsonNode)await CreateProofAsync(key, metadata.CredentialIssuer, nonce, cancellationToken).ConfigureAwait(false));
        }

        var credentialRequest = new JsonObject
        {
            [credentialIdentifier is null ? "credential_configuration_id" : "credential_identifier"] = credentialIdentifier ?? configurationId,
            ["proofs"] = new JsonObject { ["jwt"] = proofs },
        };
        if (!Uri.TryCreate(metadata.CredentialEndpoint, UriKind.Absolute, out var credentialEndpoint))
        {
            return CredentialReceiveResult.Fail(OpenId4VcProblemCodes.InvalidMetadata, "credential_endpoint is not a URL.");
        }

        var (credentialStatus, credentialJson, credentialProblem) = await SendAsync(HttpMethod.Post, credentialEndpoint,
            new StringContent(credentialRequest.ToJsonString(), Encoding.UTF8, JsonMediaType), accessToken, cancellationToken).ConfigureAwait(false);
        if (credentialJson is null)
        {
            return CredentialReceiveResult.Fail(credentialProblem!);
        }

        var issued = JsonRead.Array(credentialJson, "credentials");
        if (credentialStatus != 200 || issued is null || issued.Count != request.HolderKeys.Count)
        {
            return CredentialReceiveResult.Fail(OpenId4VcProblemCodes.CredentialRequestFailed, ErrorText(credentialJson, "The credential endpoint refused the request"));
        }

        // Verify all before storing any: a partial batch is not kept.
        var credentials = new List<string>(issued.Count);
        for (var i = 0; i < issued.Count; i++)
        {
            if (JsonRead.String(issued[i] as JsonObject, "credential") is not { } credential)
            {
                return CredentialReceiveResult.Fail(OpenId4VcProblemCodes.CredentialRequestFailed, "A credentials entry has no credential string.");
            }

            var verification = await request.Verifier.VerifyAsync(credential, cancellationToken).ConfigureAwait(false);
            if (!verification.Succeeded)
            {
                return CredentialReceiveResult.Fail(OpenId4VcProblemCodes.CredentialNotVerified, "A received credential did not verify.", verification.Problems);
            }

            if (!IsBoundTo(credential, configuration.Format, request.HolderKeys[i].PublicKey))
            {
                return CredentialReceiveResult.Fail(OpenId4VcProblemCodes.CredentialNotVerified, "A received credential is not bound to the key whose proof was sent for it.");
            }

            credentials.Add(credential);
        }

        var received = new List<ReceivedCredential>(credentials.Count);
        foreach (var credential in credentials)
        {
            string? storedId = null;
            if (request.Store is not null)
            {
                storedId = await request.Store.StoreAsync(credential, configuration.Format, cancellationToken).ConfigureAwait(false);
                if (storedId is null)
                {
                    return CredentialReceiveResult.Fail(OpenId4VcProblemCodes.CredentialNotStored, "The wallet refused a received credential.");
                }
            }

            received.Add(new ReceivedCredential(credential, configuration.Format, storedId));
        }

        return CredentialReceiveResult.Success(received, JsonRead.String(credentialJson, "notification_id"), metadata.NotificationEndpoint, accessToken);
    }

    // Token Request with the Pre-Authorized Code (OpenID4VCI 1.0 §6.1).
    private async Task<(string? AccessToken, JsonObject? Json, Problem? Problem)> PreAuthorizedTokenAsync(CredentialOffer offer, string? txCode, Uri tokenEndpoint,
        CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", AuthorizationServerMetadata.PreAuthorizedCodeGrantType),
            new("pre-authorized_code", offer.PreAuthorizedCode!),
        };
        if (offer.TxCode is not null)
        {
            form.Add(new("tx_code", txCode!));
        }

        return await TokenAsync(tokenEndpoint, form, cancellationToken).ConfigureAwait(false);
    }

    // The Authorization Code Flow (OpenID4VCI 1.0 §5-6, RFC 6749 §4.1, RFC 7636, RFC 9126, RFC 9207).
    private async Task<(string? AccessToken, JsonObject? Json, Problem? Problem)> AuthorizationCodeTokenAsync(CredentialOffer offer, string configurationId,
        string authorizationServer, JsonObject asMetadata, Uri tokenEndpoint, Func<Uri, CancellationToken, Task<Uri?>> userAgent, CancellationToken cancellationToken)
    {
        if (!(JsonRead.Strings(asMetadata, "code_challenge_methods_supported") ?? []).Contains("S256", StringComparer.Ordinal))
        {
            return (null, null, new Problem(OpenId4VcProblemCodes.InvalidMetadata, "The authorization server does not support PKCE with S256."));
        }

        if (!Uri.TryCreate(JsonRead.String(asMetadata, "authorization_endpoint"), UriKind.Absolute, out var authorizationEndpoint)
            || !SecureUrl.IsAllowed(authorizationEndpoint, _options.AllowLoopbackHttp))
        {
            return (null, null, new Problem(OpenId4VcProblemCodes.InvalidMetadata, "The authorization server has no HTTPS authorization_endpoint."));
        }

        var clientId = _options.ClientId!;
        var redirectUri = _options.RedirectUri!;
        var verifier = Secrets.NewToken(32);
        var state = Secrets.NewToken(16);
        var detail = new JsonObject { ["type"] = AuthorizationServerMetadata.OpenIdCredentialType, ["credential_configuration_id"] = configurationId };
        if (authorizationServer != offer.CredentialIssuer)
        {
            detail["locations"] = JsonRead.ToArray([offer.CredentialIssuer]);
        }

        var parameters = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"),
            new("client_id", clientId),
            new("redirect_uri", redirectUri),
            new("state", state),
            new("code_challenge", OpenId4VciIssuer.S256(verifier)),
            new("code_challenge_method", "S256"),
            new("authorization_details", new JsonArray(detail).ToJsonString()),
        };
        if (offer.IssuerState is not null)
        {
            parameters.Add(new("issuer_state", offer.IssuerState));
        }

        // RFC 9126: when the server takes pushed requests, the parameters go there and only a reference goes by the browser.
        var separator = authorizationEndpoint.Query.Length > 0 ? "&" : "?";
        Uri authorizationUrl;
        if (Uri.TryCreate(JsonRead.String(asMetadata, "pushed_authorization_request_endpoint"), UriKind.Absolute, out var parEndpoint))
        {
            var (parStatus, parJson, parProblem) = await SendAsync(HttpMethod.Post, parEndpoint,
                new StringContent(FormUrlEncoded.Encode(parameters), Encoding.UTF8, "application/x-www-form-urlencoded"), null, cancellationToken).ConfigureAwait(false);
            if (parJson is null)
            {
                return (null, null, parProblem);
            }

            if (parStatus != 201 || JsonRead.String(parJson, "request_uri") is not { } requestUri)
            {
                return (null, null, new Problem(OpenId4VcProblemCodes.AuthorizationFailed, ErrorText(parJson, "The pushed authorization request was refused")));
            }

            authorizationUrl = new Uri(authorizationEndpoint.AbsoluteUri + separator + FormUrlEncoded.Encode([new("client_id", clientId), new("request_uri", requestUri)]));
        }
        else
        {
            authorizationUrl = new Uri(authorizationEndpoint.AbsoluteUri + separator + FormUrlEncoded.Encode(parameters));
        }

        var returned = await userAgent(authorizationUrl, cancellationToken).ConfigureAwait(false);
        if (returned is null)
        {
            return (null, null, new Problem(OpenId4VcProblemCodes.AuthorizationFailed, "The user did not complete the authorization."));
        }

        var text = returned.OriginalString;
        var query = text.IndexOf('?', StringComparison.Ordinal);
        if (query < 0 || text.Length > CredentialOffer.MaxLength || !string.Equals(text[..query], redirectUri.Split('?')[0], StringComparison.Ordinal)
            || !FormUrlEncoded.TryParse(text[(query + 1)..].Split('#')[0], out var response))
        {
            return (null, null, new Problem(OpenId4VcProblemCodes.AuthorizationFailed, "The user agent came back to another URI or with a malformed response."));
        }

        // The state binds the response to this browser session (RFC 6749 §10.12): checked before anything else is read.
        if (!response.TryGetValue("state", out var returnedState) || !Secrets.FixedTimeEquals(returnedState, state))
        {
            return (null, null, new Problem(OpenId4VcProblemCodes.AuthorizationFailed, "The authorization response does not carry this request's state."));
        }

        // RFC 9207: the response names the server it came from (mix-up attacks).
        response.TryGetValue("iss", out var iss);
        if ((iss is not null || asMetadata["authorization_response_iss_parameter_supported"] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.True)
            && iss != authorizationServer)
        {
            return (null, null, new Problem(OpenId4VcProblemCodes.AuthorizationFailed, "The authorization response comes from another authorization server."));
        }

        if (response.TryGetValue("error", out var error))
        {
            return (null, null, new Problem(OpenId4VcProblemCodes.AuthorizationFailed, $"The authorization server refused the request: {(error.Length <= 64 ? error : "error")}."));
        }

        if (!response.TryGetValue("code", out var code) || code.Length is 0 or > 512)
        {
            return (null, null, new Problem(OpenId4VcProblemCodes.AuthorizationFailed, "The authorization response has no code."));
        }

        return await TokenAsync(tokenEndpoint,
        [
            new("grant_type", AuthorizationServerMetadata.AuthorizationCodeGrantType),
            new("code", code),
            new("redirect_uri", redirectUri),
            new("code_verifier", verifier),
            new("client_id", clientId),
        ], cancellationToken).ConfigureAwait(false);
    }

    private async Task<(string? AccessToken, JsonObject? Json, Problem? Problem)> TokenAsync(Uri tokenEndpoint, List<KeyValuePair<string, string>> form,
        CancellationToken cancellationToken)
    {
        var tokenBody = new StringContent(FormUrlEncoded.Encode(form), Encoding.UTF8, "application/x-www-form-urlencoded");
        var (tokenStatus, tokenJson, tokenProblem) = await SendAsync(HttpMethod.Post, tokenEndpoint, tokenBody, null, cancellationToken).ConfigureAwait(false);
        if (tokenJson is null)
        {
            return (null, null, tokenProblem);
        }

        if (tokenStatus != 200 || JsonRead.String(tokenJson, "access_token") is not { } accessToken
            || !string.Equals(JsonRead.String(tokenJson, "token_type"), "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, new Problem(OpenId4VcProblemCodes.TokenRequestFailed, ErrorText(tokenJson, "The token endpoint refused the grant")));
        }

        return (accessToken, tokenJson, null);
    }

    /// <summary>
    /// Tells the issuer what became of the credentials of <paramref name="received"/> (OpenID4VCI 1.0 §11.1), with the
    /// access token they came with. Call it once the wallet kept (or gave up) the credentials, while that token is valid.
    /// </summary>
    /// <param name="received">A successful <see cref="ReceiveAsync"/> result with a <see cref="CredentialReceiveResult.NotificationId"/>.</param>
    /// <param name="notificationEvent">What happened.</param>
    /// <param name="eventDescription">Optional printable ASCII text for the issuer (no <c>"</c> or <c>\</c>); never personal data.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="null"/> when the issuer accepted the notification, else the problem
    /// (<see cref="OpenId4VcProblemCodes.NotificationFailed"/>, or an HTTP/URL problem).</returns>
    public async Task<Problem?> NotifyAsync(CredentialReceiveResult received, OpenId4VciNotificationEvent notificationEvent, string? eventDescription = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(received);
        if (received.NotificationId is not { } notificationId || received.AccessToken is not { } accessToken
            || !Uri.TryCreate(received.NotificationEndpoint, UriKind.Absolute, out var endpoint))
        {
            return new Problem(OpenId4VcProblemCodes.NotificationFailed, "The issuer offered no notification for these credentials.");
        }

        var request = new JsonObject
        {
            ["notification_id"] = notificationId,
            ["event"] = notificationEvent switch
            {
                OpenId4VciNotificationEvent.CredentialAccepted => "credential_accepted",
                OpenId4VciNotificationEvent.CredentialFailure => "credential_failure",
                OpenId4VciNotificationEvent.CredentialDeleted => "credential_deleted",
                _ => throw new ArgumentOutOfRangeException(nameof(notificationEvent)),
            },
        };
        if (eventDescription is not null)
        {
            request["event_description"] = eventDescription;
        }

        var (status, json, problem) = await SendAsync(HttpMethod.Post, endpoint, new StringContent(request.ToJsonString(), Encoding.UTF8, JsonMediaType), accessToken,
            cancellationToken).ConfigureAwait(false);
        if (status is >= 200 and < 300)
        {
            return null;
        }

        return status == 0 && problem is not null
            ? problem
            : new Problem(OpenId4VcProblemCodes.NotificationFailed, json is null ? $"The notification endpoint answered HTTP {status}." : ErrorText(json, "The notification endpoint refused the request"));
    }

    /// <summary>Builds a <c>jwt</c> key proof (OpenID4VCI 1.0 Appendix F.1) for <paramref name="key"/>.</summary>
    /// <param name="key">The holder key.</param>
    /// <param name="audience">The Credential Issuer Identifier.</param>
    /// <param name="nonce">The <c>c_nonce</c>.</param>
    /// <param name="cancellationToken">Cancels the signing.</param>
    public async Task<string> CreateProofAsync(HolderBindingKey key, string audience, string nonce, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(audience);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        var header = new JsonObject
        {
            ["typ"] = KeyProofValidator.ProofType,
            ["jwk"] = JsonNode.Parse(Jwk.FromPublicKey(key.PublicKey).ToJson()),
        };
        var payload = new JsonObject
        {
            ["aud"] = audience,
            ["iat"] = _timeProvider.GetUtcNow().ToUnixTimeSeconds(),
            ["nonce"] = nonce,
        };
        return await Jws.SignCompactAsync(header, payload, new KeyIdFreeSigner(key.Signer), cancellationToken).ConfigureAwait(false);
    }

    private static bool IsBoundTo(string credential, string format, PublicKeyMaterial holder)
    {
        var jwt = format == CredentialConfiguration.SdJwtVcFormat ? credential.Split('~')[0] : credential;
        var read = Jws.ReadCompact(jwt);
        var payload = read.Succeeded ? JsonRead.ParseObject(read.Token.Payload.Span) : null;
        if (payload is null)
        {
            return false;
        }

        if (format == CredentialConfiguration.SdJwtVcFormat)
        {
            var jwk = JsonRead.Object(JsonRead.Object(payload, "cnf"), "jwk");
            return jwk is not null && Jwk.TryParse(jwk.ToJsonString(), out var parsed, out _) && parsed.TryGetPublicKey(out var bound) && bound == holder;
        }

        return JsonRead.String(payload, "sub") == DidJwk.Create(holder);
    }

    private static string ErrorText(JsonObject json, string fallback) =>
        JsonRead.String(json, "error") is { } error ? $"{fallback}: {ServerErrorText.Code(error)}." : fallback + ".";

    private async Task<(int Status, JsonObject? Json, Problem? Problem)> SendAsync(HttpMethod method, Uri uri, HttpContent? content, string? accessToken, CancellationToken cancellationToken)
    {
        if (!SecureUrl.IsAllowed(uri, _options.AllowLoopbackHttp))
        {
            content?.Dispose();
            return (0, null, new Problem(OpenId4VcProblemCodes.InsecureUrl, "An issuer URL is not HTTPS."));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        using var message = new HttpRequestMessage(method, uri) { Content = content };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonMediaType));
        if (accessToken is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        try
        {
            using var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength > _options.MaxResponseBytes)
            {
                return (0, null, new Problem(OpenId4VcProblemCodes.HttpFailure, "The response is too large."));
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            var buffer = new byte[Math.Min(_options.MaxResponseBytes + 1, 64 * 1024)];
            using var body = new MemoryStream();
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > _options.MaxResponseBytes)
                {
                    return (0, null, new Problem(OpenId4VcProblemCodes.HttpFailure, "The response is too large."));
                }

                body.Write(buffer, 0, read);
            }

            var json = JsonRead.ParseObject(body.GetBuffer().AsSpan(0, (int)body.Length));
            return json is null
                ? ((int)response.StatusCode, null, new Problem(OpenId4VcProblemCodes.HttpFailure, $"The response from {uri.GetLeftPart(UriPartial.Path)} is not a JSON object (HTTP {(int)response.StatusCode})."))
                : ((int)response.StatusCode, json, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, null, new Problem(OpenId4VcProblemCodes.HttpFailure, "The issuer did not answer in time."));
        }
        catch (HttpRequestException e)
        {
            return (0, null, new Problem(OpenId4VcProblemCodes.HttpFailure, $"HTTP exchange failed: {e.HttpRequestError}."));
        }
    }

    // The proof names its key by jwk only (exactly one key reference): hide the signer's key id from the JWS writer.
    private sealed class KeyIdFreeSigner(ISigner inner) : ISigner
    {
        public SigningAlgorithm Algorithm => inner.Algorithm;

        public string? KeyId => null;

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) => inner.SignAsync(data, cancellationToken);
    }
}
