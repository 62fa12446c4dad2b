using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Core.Resolution;

namespace DidSdk.OpenId4Vc;

/// <summary>
/// The wallet side of OpenID4VP 1.0 with DCQL and response mode <c>direct_post</c> (or <c>direct_post.jwt</c>, encrypted): resolves an Authorization Request
/// (by value or <c>request_uri</c>), authenticates the verifier (a Request Object signed with a key of the DID in a
/// <c>decentralized_identifier</c> client id; for <c>redirect_uri</c> the response URI is the client id), evaluates the
/// query over a <see cref="Wallet.Wallet"/>, asks the holder through a consent callback showing exactly what would be
/// disclosed, builds the presentations with key binding to the request's nonce and client id, and posts them.
/// </summary>
public sealed class OpenId4VpWalletClient
{
    private const int MaxRequestUriLength = 64 * 1024;
    private readonly HttpClient _httpClient;
    private readonly DidSignatureVerifier _signatures;
    private readonly OpenId4VpWalletClientOptions _options;

    /// <summary>Creates a client.</summary>
    /// <param name="httpClient">The HTTP client.</param>
    /// <param name="resolver">Resolves verifiers' DIDs.</param>
    /// <param name="options">Settings; default HTTPS only.</param>
    public OpenId4VpWalletClient(HttpClient httpClient, IDidResolver resolver, OpenId4VpWalletClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(resolver);
        _httpClient = httpClient;
        _signatures = new DidSignatureVerifier(resolver);
        _options = options ?? new OpenId4VpWalletClientOptions();
    }

    /// <summary>
    /// Resolves and authenticates an Authorization Request URI (<c>openid4vp://?...</c> or any URI with the same query).
    /// Refused: a Request Object not signed by a key of the verifier's DID, a Request Object whose <c>client_id</c>
    /// differs from the URI's, an unsigned request with any prefix but <c>redirect_uri</c>, and a <c>response_uri</c> on
    /// an origin the client id does not allow (for <c>redirect_uri</c>: anything but the client id itself; for a
    /// <c>did:web</c> verifier: another host than the DID's; for other DIDs fetched by reference: another origin than
    /// the <c>request_uri</c>'s).
    /// </summary>
    /// <param name="requestUri">The scanned URI.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<(OpenId4VpResolvedRequest? Request, Problem? Problem)> ResolveRequestAsync(string requestUri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        var query = requestUri.IndexOf('?', StringComparison.Ordinal);
        if (requestUri.Length > MaxRequestUriLength || query < 0 || !FormUrlEncoded.TryParse(requestUri[(query + 1)..], out var parameters))
        {
            return (null, Invalid("The request URI is malformed."));
        }

        if (!parameters.TryGetValue("client_id", out var clientId) || clientId.Length == 0)
        {
            return (null, Invalid("The request URI has no client_id."));
        }

        Uri? fetchedFrom = null;
        string? jwt = null;
        if (parameters.TryGetValue("request_uri", out var reference))
        {
            if (!Uri.TryCreate(reference, UriKind.Absolute, out fetchedFrom) || !SecureUrl.IsAllowed(fetchedFrom, _options.AllowLoopbackHttp))
            {
                return (null, new Problem(OpenId4VcProblemCodes.InsecureUrl, "The request_uri is not an https URL."));
            }

            var (body, problem) = await GetAsync(fetchedFrom, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return (null, problem);
            }

            jwt = body.Trim();
        }
        else if (parameters.TryGetValue("request", out var byValue))
        {
            jwt = byValue;
        }

        if (jwt is null)
        {
            // An unsigned request by value: only the redirect_uri prefix may be unsigned.
            var json = new JsonObject();
            foreach (var (name, text) in parameters)
            {
                json[name] = name is "dcql_query" or "client_metadata" ? JsonRead.ParseObject(text) : text;
            }

            if (!OpenId4VpAuthorizationRequest.TryParse(json, out var unsigned, out var invalid))
            {
                return (null, invalid);
            }

            if (!OpenId4VpClientIdPrefix.TrySplit(clientId, out var prefix, out var value) || prefix != OpenId4VpClientIdPrefix.RedirectUri)
            {
                return (null, new Problem(OpenId4VpProblemCodes.RequestSignatureInvalid, "Only a redirect_uri client may send an unsigned request."));
            }

            return unsigned.ResponseUri == value && ResponseUriSecure(unsigned.ResponseUri)
                ? (new OpenId4VpResolvedRequest(unsigned, false), null)
                : (null, new Problem(OpenId4VpProblemCodes.ResponseUriNotAllowed, "A redirect_uri client must receive the response at its client id."));
        }

        return await VerifyRequestObjectAsync(jwt, clientId, fetchedFrom, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(OpenId4VpResolvedRequest?, Problem?)> VerifyRequestObjectAsync(string jwt, string clientId, Uri? fetchedFrom, CancellationToken cancellationToken)
    {
        var read = Jws.ReadCompact(jwt, new JwsReaderOptions { MaxTokenLength = _options.MaxResponseBytes, MaxJsonDepth = 32 });
        if (!read.Succeeded)
        {
            return (null, new Problem(OpenId4VpProblemCodes.RequestSignatureInvalid, "The Request Object is not a JWS with an accepted algorithm.", read.Problem));
        }

        var token = read.Token!;
        if (!string.Equals(token.Type, OpenId4VpAuthorizationRequest.RequestObjectType, StringComparison.OrdinalIgnoreCase))
        {
            return (null, new Problem(OpenId4VpProblemCodes.RequestSignatureInvalid, "The Request Object's typ is not oauth-authz-req+jwt."));
        }

        if (JsonRead.ParseObject(token.Payload.Span) is not { } claims)
        {
            return (null, Invalid("The Request Object's payload is not a JSON object."));
        }

        if (!OpenId4VpAuthorizationRequest.TryParse(claims, out var request, out var problem))
        {
            return (null, problem);
        }

        if (request.ClientId != clientId)
        {
            return (null, new Problem(OpenId4VpProblemCodes.ClientIdMismatch, "The Request Object's client_id differs from the request URI's."));
        }

        if (!OpenId4VpClientIdPrefix.TrySplit(clientId, out var prefix, out var did) || prefix != OpenId4VpClientIdPrefix.DecentralizedIdentifier || !did.StartsWith("did:", StringComparison.Ordinal))
        {
            return (null, new Problem(OpenId4VpProblemCodes.ClientIdMismatch, "Signed requests are accepted only from decentralized_identifier clients."));
        }

        if (token.KeyId is not { } kid || !kid.StartsWith(did + "#", StringComparison.Ordinal))
        {
            return (null, new Problem(OpenId4VpProblemCodes.RequestSignatureInvalid, "The Request Object's kid is not a key of the client's DID."));
        }

        var verification = await _signatures.VerifyJwsAsync(token, did, VerificationRelationship.Authentication, cancellationToken).ConfigureAwait(false);
        if (!verification.Succeeded)
        {
            return (null, new Problem(OpenId4VpProblemCodes.RequestSignatureInvalid, "The Request Object's signature does not verify with a key of the client's DID.", verification.Problem));
        }

        if (!ResponseUriSecure(request.ResponseUri) || !ResponseOriginAllowed(did, new Uri(request.ResponseUri), fetchedFrom))
        {
            return (null, new Problem(OpenId4VpProblemCodes.ResponseUriNotAllowed, "The response_uri is on an origin the client id does not allow."));
        }

        return (new OpenId4VpResolvedRequest(request, true), null);
    }

    private bool ResponseUriSecure(string responseUri) =>
        Uri.TryCreate(responseUri, UriKind.Absolute, out var uri) && SecureUrl.IsAllowed(uri, _options.AllowLoopbackHttp);

    private static bool ResponseOriginAllowed(string did, Uri responseUri, Uri? fetchedFrom)
    {
        if (did.StartsWith("did:web:", StringComparison.Ordinal))
        {
            var host = Uri.UnescapeDataString(did["did:web:".Length..].Split(':')[0]);
            return string.Equals(responseUri.Authority, host, StringComparison.OrdinalIgnoreCase);
        }

        return fetchedFrom is null || (responseUri.Scheme == fetchedFrom.Scheme && string.Equals(responseUri.Authority, fetchedFrom.Authority, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Answers a resolved request from <paramref name="wallet"/>: evaluates its DCQL query, asks <paramref name="consent"/>
    /// with exactly what would be disclosed, presents with key binding (audience = the client id, the request's nonce) and
    /// posts <c>vp_token</c> and <c>state</c> to the <c>response_uri</c>. A refused consent posts <c>error=access_denied</c>.
    /// </summary>
    /// <param name="request">A request from <see cref="ResolveRequestAsync"/>.</param>
    /// <param name="wallet">The holder's wallet.</param>
    /// <param name="consent">Shows the disclosure and returns whether the holder agrees.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<OpenId4VpResponseResult> RespondAsync(OpenId4VpResolvedRequest request, Wallet.Wallet wallet, Func<OpenId4VpConsent, CancellationToken, ValueTask<bool>> consent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(wallet);
        ArgumentNullException.ThrowIfNull(consent);
        var parameters = request.Request;
        Wallet.DcqlQueryResult result;
        try
        {
            result = await wallet.QueryAsync(parameters.DcqlQuery.ToJsonString(), cancellationToken).ConfigureAwait(false);
        }
        catch (Wallet.WalletException ex)
        {
            return OpenId4VpResponseResult.Fail(OpenId4VpProblemCodes.InvalidRequest, ex.Message);
        }

        if (!result.Succeeded)
        {
            return OpenId4VpResponseResult.Fail(OpenId4VpProblemCodes.NoMatchingCredentials, "The wallet holds no credentials that satisfy the query.");
        }

        var disclosures = result.SelectedQueryIds.ToDictionary(
            id => id,
            id => new OpenId4VpDisclosure(result.Candidates[id][0].CredentialId, result.Candidates[id][0].Credential.Format, (JsonObject)result.Candidates[id][0].DisclosedClaims.DeepClone()),
            StringComparer.Ordinal);
        var form = new List<KeyValuePair<string, string>>();
        if (!await consent(new OpenId4VpConsent(parameters.ClientId, parameters.ResponseUri, disclosures), cancellationToken).ConfigureAwait(false))
        {
            form.Add(new("error", "access_denied"));
            if (parameters.State is not null)
            {
                form.Add(new("state", parameters.State));
            }

            if (OpenId4VpResponseEncryption.Protect(parameters, form) is { } refusal)
            {
                await PostAsync(parameters.ResponseUri, refusal, cancellationToken).ConfigureAwait(false);
            }

            return OpenId4VpResponseResult.Fail(OpenId4VpProblemCodes.ConsentDenied, "The holder did not consent.");
        }

        JsonObject vpToken;
        try
        {
            vpToken = await wallet.PresentAsync(result, parameters.ClientId, parameters.Nonce, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Wallet.WalletException ex)
        {
            return OpenId4VpResponseResult.Fail(OpenId4VpProblemCodes.NoMatchingCredentials, ex.Message);
        }

        form.Add(new("vp_token", vpToken.ToJsonString()));
        if (parameters.State is not null)
        {
            form.Add(new("state", parameters.State));
        }

        if (OpenId4VpResponseEncryption.Protect(parameters, form) is not { } body)
        {
            return OpenId4VpResponseResult.Fail(OpenId4VpProblemCodes.InvalidRequest, "direct_post.jwt was requested without a usable encryption key in client_metadata.");
        }

        var (status, answer, problem) = await PostAsync(parameters.ResponseUri, body, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return new OpenId4VpResponseResult(null, [problem]);
        }

        if (status is < 200 or >= 300)
        {
            var error = JsonRead.String(answer, "error") is { } code ? ServerErrorText.Code(code) : "http_" + status;
            return OpenId4VpResponseResult.Fail(OpenId4VpProblemCodes.ResponseRefused, $"The verifier refused the response: {error} {ServerErrorText.Description(JsonRead.String(answer, "error_description"))}".TrimEnd(), answer);
        }

        return new OpenId4VpResponseResult(answer ?? new JsonObject(), []);
    }

    private async Task<(string? Body, Problem? Problem)> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, uri);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(OpenId4VpAuthorizationRequest.RequestObjectMediaType));
        var (status, body, problem) = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return problem is not null ? (null, problem)
            : status != 200 ? (null, new Problem(OpenId4VcProblemCodes.HttpFailure, $"The request_uri answered HTTP {status}."))
            : (body, null);
    }

    private async Task<(int Status, JsonObject? Answer, Problem? Problem)> PostAsync(string responseUri, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, responseUri)
        {
            Content = new StringContent(FormUrlEncoded.Encode(form), Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        var (status, body, problem) = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return (status, body is null ? null : JsonRead.ParseObject(body), problem);
    }

    private async Task<(int Status, string? Body, Problem? Problem)> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength > _options.MaxResponseBytes)
            {
                return (0, null, new Problem(OpenId4VcProblemCodes.HttpFailure, "The answer is larger than allowed."));
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[_options.MaxResponseBytes + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return total > _options.MaxResponseBytes
                ? (0, null, new Problem(OpenId4VcProblemCodes.HttpFailure, "The answer is larger than allowed."))
                : ((int)response.StatusCode, Encoding.UTF8.GetString(buffer, 0, total), null);
        }
        catch (HttpRequestException ex)
        {
            return (0, null, new Problem(OpenId4VcProblemCodes.HttpFailure, "The HTTP exchange failed: " + ex.HttpRequestError + "."));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, null, new Problem(OpenId4VcProblemCodes.HttpFailure, "The HTTP exchange timed out."));
        }
    }

    private static Problem Invalid(string message) => new(OpenId4VpProblemCodes.InvalidRequest, message);
}
