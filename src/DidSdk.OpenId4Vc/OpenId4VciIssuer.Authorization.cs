using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace DidSdk.OpenId4Vc;

public sealed partial class OpenId4VciIssuer
{
    private const string RequestUriPrefix = "urn:ietf:params:oauth:request_uri:";
    private const int MaxParameterLength = 8192;
    private const int MaxStateLength = 512;
    private const int MaxAuthorizationDetails = 16;

    /// <summary>
    /// The Authorization Endpoint of the Authorization Code Flow (OpenID4VCI 1.0 §5.1, RFC 6749 §4.1.1, RFC 7636 §4.3,
    /// RFC 9126 §4). Validates the request — a registered <c>client_id</c> with its exact <c>redirect_uri</c>,
    /// <c>response_type=code</c>, an S256 <c>code_challenge</c> (<c>plain</c> or none is refused), <c>authorization_details</c>
    /// of type <c>openid_credential</c> and/or <c>scope</c>, an optional <c>issuer_state</c> from a Credential Offer, or a
    /// <c>request_uri</c> from <see cref="HandlePushedAuthorizationRequestAsync"/> — then asks the
    /// <see cref="IOpenId4VciAuthorizationHandler"/>. The answer is a 303 redirect: to the bank's login page, or to the
    /// Wallet's redirect URI with a single-use <c>code</c> (or an <c>error</c>), the <c>state</c> and <c>iss</c>
    /// (RFC 9207). A request whose client or redirect URI is invalid is never redirected: it gets a 400 JSON
    /// <c>invalid_request</c>.
    /// </summary>
    /// <param name="parameters">The query (or form) parameters, decoded (see <see cref="FormUrlEncoded"/>).</param>
    /// <param name="user">The user the host authenticated for this HTTP request, passed on to the handler.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<OpenId4VciEndpointResult> HandleAuthorizationRequestAsync(IReadOnlyDictionary<string, string> parameters, ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (_authorizationHandler is null)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidRequest, "This issuer has no authorization endpoint.", 404);
        }

        var now = _timeProvider.GetUtcNow();
        IReadOnlyDictionary<string, string> effective = parameters;
        string? pushedKey = null;
        if (parameters.TryGetValue("request_uri", out var requestUri))
        {
            // RFC 9126 §4: only the pushed parameters count; the client_id must be the one that pushed them.
            var entry = requestUri.Length is > 0 and <= 256 && requestUri.StartsWith(RequestUriPrefix, StringComparison.Ordinal)
                ? await _store.GetAsync(StateKinds.PushedAuthorizationRequest, Secrets.Hash(requestUri), now, cancellationToken).ConfigureAwait(false)
                : null;
            var data = entry is null ? null : JsonRead.ParseObject(entry.Data);
            parameters.TryGetValue("client_id", out var pushedBy);
            if (data is null || JsonRead.Object(data, "p") is not { } pushed || pushedBy is null || JsonRead.String(pushed, "client_id") != pushedBy)
            {
                return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidRequest, "The request_uri is invalid, expired or was pushed by another client.");
            }

            effective = pushed.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
            pushedKey = Secrets.Hash(requestUri);
        }
        else if (_options.RequirePushedAuthorizationRequests)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidRequest, "Authorization Requests must be pushed (request_uri).");
        }

        var check = await ValidateAuthorizationAsync(effective, now, cancellationToken).ConfigureAwait(false);
        if (check.Request is not { } request)
        {
            // RFC 6749 §4.1.2.1 has no invalid_client: an unknown client at this endpoint is an invalid request.
            return check.RedirectUri is null
                ? OpenId4VciEndpointResult.Fail(check.Error == OpenId4VciErrorCodes.InvalidClient ? OpenId4VciErrorCodes.InvalidRequest : check.Error!, check.Description!)
                : ErrorRedirect(check.RedirectUri, check.State, check.Error!, check.Description!);
        }

        var resume = new Uri(_options.CredentialIssuer + "/authorize?" + FormUrlEncoded.Encode(parameters));
        var decision = await _authorizationHandler.AuthorizeAsync(new OpenId4VciAuthorizationRequest(request.ClientId, new Uri(request.RedirectUri), request.State,
            request.ConfigurationIds, request.OfferSubject, user, resume), cancellationToken).ConfigureAwait(false);
        if (decision.RedirectUri is { } login)
        {
            return OpenId4VciEndpointResult.Redirect(login);
        }

        if (decision.Subject is not { } subject)
        {
            return ErrorRedirect(request.RedirectUri, request.State, OpenId4VciErrorCodes.AccessDenied, "The user or the issuer denied the request.");
        }

        if (request.OfferSubject is not null && !string.Equals(subject, request.OfferSubject, StringComparison.Ordinal))
        {
            return ErrorRedirect(request.RedirectUri, request.State, OpenId4VciErrorCodes.AccessDenied, "The credential offer was made to another user.");
        }

        // Consumed only now, so that a user who first had to log in comes back to a request that still exists.
        if (pushedKey is not null
            && await _store.TryConsumeAsync(StateKinds.PushedAuthorizationRequest, pushedKey, now, cancellationToken).ConfigureAwait(false) is null)
        {
            return ErrorRedirect(request.RedirectUri, request.State, OpenId4VciErrorCodes.InvalidRequest, "The request_uri was already used.");
        }

        if (request.IssuerStateKey is not null
            && await _store.TryConsumeAsync(StateKinds.IssuerState, request.IssuerStateKey, now, cancellationToken).ConfigureAwait(false) is null)
        {
            return ErrorRedirect(request.RedirectUri, request.State, OpenId4VciErrorCodes.InvalidRequest, "The issuer_state was already used.");
        }

        var code = Secrets.NewToken();
        var record = new JsonObject
        {
            ["cid"] = request.ClientId,
            ["ru"] = request.RedirectUri,
            ["cc"] = request.CodeChallenge,
            ["sub"] = subject,
            ["cfg"] = JsonRead.ToArray(request.ConfigurationIds),
            ["ad"] = JsonRead.ToArray(request.DetailConfigurationIds),
        };
        if (!await _store.TryAddAsync(new StateEntry(StateKinds.AuthorizationCode, Secrets.Hash(code), record.ToJsonString(), now + _options.AuthorizationCodeLifetime, 0),
                now, cancellationToken).ConfigureAwait(false))
        {
            return ErrorRedirect(request.RedirectUri, request.State, OpenId4VciErrorCodes.ServerError, "Could not store the authorization code.");
        }

        var response = new List<KeyValuePair<string, string>> { new("code", code) };
        if (request.State is not null)
        {
            response.Add(new("state", request.State));
        }

        response.Add(new("iss", _options.CredentialIssuer));
        return OpenId4VciEndpointResult.Redirect(AppendQuery(request.RedirectUri, response));
    }

    /// <summary>
    /// The Pushed Authorization Request Endpoint (RFC 9126 §2): validates the request as the authorization endpoint does
    /// and answers 201 with a single-use <c>request_uri</c> (living <see cref="OpenId4VciIssuerOptions.PushedAuthorizationRequestLifetime"/>)
    /// for the Authorization Request. Errors are JSON (RFC 6749 §5.2 form), never redirects.
    /// </summary>
    /// <param name="form">The decoded form parameters.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<OpenId4VciEndpointResult> HandlePushedAuthorizationRequestAsync(IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (_authorizationHandler is null)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidRequest, "This issuer has no pushed authorization request endpoint.", 404);
        }

        if (form.ContainsKey("request_uri"))
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidRequest, "request_uri must not be pushed (RFC 9126 §2.1).");
        }

        var now = _timeProvider.GetUtcNow();
        var check = await ValidateAuthorizationAsync(form, now, cancellationToken).ConfigureAwait(false);
        if (check.Request is null)
        {
            return OpenId4VciEndpointResult.Fail(check.Error!, check.Description!, check.Error == OpenId4VciErrorCodes.InvalidClient ? 401 : 400);
        }

        var requestUri = RequestUriPrefix + Secrets.NewToken();
        var pushed = new JsonObject();
        foreach (var (name, value) in form)
        {
            pushed[name] = value;
        }

        await _store.TryAddAsync(new StateEntry(StateKinds.PushedAuthorizationRequest, Secrets.Hash(requestUri), new JsonObject { ["p"] = pushed }.ToJsonString(),
            now + _options.PushedAuthorizationRequestLifetime, 0), now, cancellationToken).ConfigureAwait(false);
        return OpenId4VciEndpointResult.Created(new JsonObject
        {
            ["request_uri"] = requestUri,
            ["expires_in"] = (long)_options.PushedAuthorizationRequestLifetime.TotalSeconds,
        });
    }

    // Token Request with grant_type=authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.5-4.6).
    private async Task<OpenId4VciEndpointResult> RedeemAuthorizationCodeAsync(IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken)
    {
        if (!form.TryGetValue("code", out var code) || code.Length is 0 or > 512)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidRequest, "code is required.");
        }

        if (!form.TryGetValue("client_id", out var clientId) || clientId.Length is 0 or > 256)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidRequest, "client_id is required for a public client.");
        }

        if (!form.TryGetValue("redirect_uri", out var redirectUri) || redirectUri.Length is 0 or > 2048)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidRequest, "redirect_uri is required.");
        }

        // RFC 7636 §4.1: 43 to 128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~".
        if (!form.TryGetValue("code_verifier", out var verifier) || verifier.Length is < 43 or > 128
            || !verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~'))
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidRequest, "code_verifier is required (43 to 128 unreserved characters).");
        }

        var now = _timeProvider.GetUtcNow();
        var key = Secrets.Hash(code);

        // Consumed before any other check: each code gets exactly one attempt, so the verifier cannot be guessed.
        var entry = await _store.TryConsumeAsync(StateKinds.AuthorizationCode, key, now, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            // RFC 6749 §4.1.2: a code used twice revokes the token issued for it.
            var redeemed = await _store.TryConsumeAsync(StateKinds.RedeemedAuthorizationCode, key, now, cancellationToken).ConfigureAwait(false);
            if (JsonRead.String(redeemed is null ? null : JsonRead.ParseObject(redeemed.Data), "tok") is { } revoked)
            {
                await _store.TryConsumeAsync(StateKinds.AccessToken, revoked, now, cancellationToken).ConfigureAwait(false);
            }

            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidGrant, "The authorization code is invalid, expired or already used.");
        }

        var data = JsonRead.ParseObject(entry.Data);
        if (data is null || JsonRead.String(data, "sub") is not { } subject || JsonRead.Strings(data, "cfg") is not { } configurations
            || JsonRead.String(data, "cc") is not { } challenge)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidGrant, "The authorization code is invalid.");
        }

        if (!string.Equals(JsonRead.String(data, "cid"), clientId, StringComparison.Ordinal))
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidGrant, "The authorization code was issued to another client.");
        }

        if (!string.Equals(JsonRead.String(data, "ru"), redirectUri, StringComparison.Ordinal))
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidGrant, "redirect_uri does not match the Authorization Request.");
        }

        if (!Secrets.FixedTimeEquals(S256(verifier), challenge))
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidGrant, "The code_verifier does not match the code_challenge.");
        }

        // Configurations requested by authorization_details get credential identifiers (OpenID4VCI 1.0 §6.2), which the
        // Credential Request must then use instead of credential_configuration_id (§8.2).
        var identifiers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in JsonRead.Strings(data, "ad") ?? [])
        {
            identifiers[Secrets.NewToken(16)] = id;
        }

        var (accessToken, tokenKey, expiresAt) = await IssueAccessTokenAsync(subject, configurations, identifiers, now, cancellationToken).ConfigureAwait(false);
        await _store.TryAddAsync(new StateEntry(StateKinds.RedeemedAuthorizationCode, key, new JsonObject { ["tok"] = tokenKey }.ToJsonString(), expiresAt, 0), now,
            cancellationToken).ConfigureAwait(false);
        var response = TokenResponse(accessToken);
        if (identifiers.Count > 0)
        {
            var details = new JsonArray();
            foreach (var group in identifiers.GroupBy(p => p.Value, StringComparer.Ordinal))
            {
                details.Add((JsonNode)new JsonObject
                {
                    ["type"] = AuthorizationServerMetadata.OpenIdCredentialType,
                    ["credential_configuration_id"] = group.Key,
                    ["credential_identifiers"] = JsonRead.ToArray([.. group.Select(p => p.Key)]),
                });
            }

            response["authorization_details"] = details;
        }

        return OpenId4VciEndpointResult.Ok(response);
    }

    private async Task<AuthorizationCheck> ValidateAuthorizationAsync(IReadOnlyDictionary<string, string> p, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Until client and redirect URI are known good, nothing is sent to the redirect URI (RFC 6749 §4.1.2.1).
        if (!p.TryGetValue("client_id", out var clientId) || clientId.Length is 0 or > 256)
        {
            return AuthorizationCheck.Fail(OpenId4VciErrorCodes.InvalidRequest, "client_id is required.");
        }

        var client = _options.AuthorizationClients.FirstOrDefault(c => string.Equals(c.ClientId, clientId, StringComparison.Ordinal));
        if (client is null)
        {
            return AuthorizationCheck.Fail(OpenId4VciErrorCodes.InvalidClient, "The client is unknown.");
        }

        if (!p.TryGetValue("redirect_uri", out var redirectUri) || !client.RedirectUris.Any(r => OpenId4VciClientRegistration.RedirectUriMatches(r, redirectUri)))
        {
            return AuthorizationCheck.Fail(OpenId4VciErrorCodes.InvalidRequest, "redirect_uri is missing or not registered for this client.");
        }

        p.TryGetValue("state", out var state);
        if (state is { Length: > MaxStateLength })
        {
            return AuthorizationCheck.Fail(OpenId4VciErrorCodes.InvalidRequest, "state is too long.", redirectUri, null);
        }

        if (p.Values.Any(v => v.Length > MaxParameterLength))
        {
            return AuthorizationCheck.Fail(OpenId4VciErrorCodes.InvalidRequest, "A parameter is too long.", redirectUri, state);
        }

        if (p.ContainsKey("request"))
        {
            return AuthorizationCheck.Fail(OpenId4VciErrorCodes.InvalidRequest, "Request Objects are not supported; use a pushed authorization request.", redirectUri, state);
        }

        if (!p.TryGetValue("response_type", out var responseType))
        {
            return AuthorizationCheck.Fail(OpenId4VciErrorCodes.InvalidRequest, "response_type is required.", redirectUri, state);
        }

        if (responseType != "code")
        {
            return AuthorizationCheck.Fail(OpenId4VciErrorCodes.UnsupportedResponseType, "Only response_type=code is supported.", redirectUri, state);
        }

        if (p.TryGetValue("response_mode", out var responseMode) && responseMode != "query")
        {
            return AuthorizationCheck.Fail(OpenId4VciErrorCodes.InvalidRequest, "Only response_mode=query is supported.", redirectUri, state);
        }

        // RFC 7636 §4.4.1: PKCE is required, and a transformation the server does not support (plain) is invalid_request.
        if (!p.TryGetValue("code_challenge", out var challenge) || challenge.Length != 43 || !challenge.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return AuthorizationCheck.Fail(OpenId4VciErrorCodes.InvalidRequest, "A code_challenge (S256, 43 base64url characters) is required.", redirectUri, state);
        }

        if (!p.TryGetValue("code_challenge_method", out var method) || method != "S256")
        {
            return AuthorizationCheck.Fail(OpenId4VciErrorCodes.InvalidRequest, "code_challenge_method must be S256.", redirectUri, state);
        }

        string? offerSubject = null;
        string? issuerStateKey = null;
        IReadOnlyList<string>? offered = null;
        if (p.TryGetValue("issuer_state", out var issuerState))
        {
            var entry = issuerState.Length is > 0 and <= 256
                ? await _store.GetAsync(StateKinds.IssuerState, Secrets.Hash(issuerState), now, cancellationToken).ConfigureAwait(false)
                : null;
            var data = entry is null ? null : JsonRead.ParseObject(entry.Data);
            offerSubject = JsonRead.String(data, "sub");
            offered = JsonRead.Strings(data, "cfg");
            if (offerSubject is null || offered is null)
            {
                return AuthorizationCheck.Fail(OpenId4VciErrorCodes.InvalidRequest, "The issuer_state is invalid, expired or already used.", redirectUri, state);
            }

            issuerStateKey = Secrets.Hash(issuerState);
        }

        var detailIds = new List<string>();
        if (p.TryGetValue("authorization_details", out var detailsText))
        {
            if (!TryReadAuthorizationDetails(detailsText, detailIds, out var detailsError))
            {
                return AuthorizationCheck.Fail(OpenId4VciErrorCodes.InvalidAuthorizationDetails, detailsError, redirectUri, state);
            }
        }

        var ids = new List<string>(detailIds);
        if (p.TryGetValue("scope", out var scope))
        {
            foreach (var value in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var configuration = _options.CredentialConfigurations.FirstOrDefault(c => string.Equals(c.Scope, value, StringComparison.Ordinal));
                if (configuration is null)
                {
                    return AuthorizationCheck.Fail(OpenId4VciErrorCodes.InvalidScope, "A scope value names no credential configuration.", redirectUri, state);
                }

                if (!ids.Contains(configuration.Id, StringComparer.Ordinal))
                {
                    ids.Add(configuration.Id);
                }
            }
        }

        if (ids.Count == 0)
        {
            if (offered is null)
            {
                return AuthorizationCheck.Fail(OpenId4VciErrorCodes.InvalidRequest, "authorization_details or scope is required.", redirectUri, state);
            }

            ids.AddRange(offered.Where(_configurations.ContainsKey));
        }

        if (offered is not null && ids.Any(id => !offered.Contains(id, StringComparer.Ordinal)))
        {
            return AuthorizationCheck.Fail(OpenId4VciErrorCodes.InvalidRequest, "The request asks for credentials the offer did not include.", redirectUri, state);
        }

        return new AuthorizationCheck(new ValidatedAuthorization(clientId, redirectUri, state, challenge, ids, detailIds, offerSubject, issuerStateKey), null, null, null, null);
    }

    // authorization_details (RFC 9396) with entries of type openid_credential (OpenID4VCI 1.0 §5.1.1).
    private bool TryReadAuthorizationDetails(string text, List<string> ids, out string error)
    {
        if (JsonRead.ParseNode(text) is not JsonArray details || details.Count is 0 or > MaxAuthorizationDetails)
        {
            error = $"authorization_details must be a JSON array of 1 to {MaxAuthorizationDetails} objects.";
            return false;
        }

        foreach (var node in details)
        {
            if (node is not JsonObject detail || JsonRead.String(detail, "type") != AuthorizationServerMetadata.OpenIdCredentialType)
            {
                error = "Every authorization_details entry must be an object of type openid_credential.";
                return false;
            }

            if (JsonRead.String(detail, "credential_configuration_id") is not { } id || !_configurations.ContainsKey(id))
            {
                error = "An authorization_details entry names no known credential_configuration_id.";
                return false;
            }

            if (detail.ContainsKey("locations") && !(JsonRead.Strings(detail, "locations") ?? []).Contains(_options.CredentialIssuer, StringComparer.Ordinal))
            {
                error = "An authorization_details entry names other locations than this Credential Issuer.";
                return false;
            }

            if (!ids.Contains(id, StringComparer.Ordinal))
            {
                ids.Add(id);
            }
        }

        error = "";
        return true;
    }

    private OpenId4VciEndpointResult ErrorRedirect(string redirectUri, string? state, string error, string description)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("error", error), new("error_description", description) };
        if (state is not null)
        {
            parameters.Add(new("state", state));
        }

        parameters.Add(new("iss", _options.CredentialIssuer));
        return OpenId4VciEndpointResult.Redirect(AppendQuery(redirectUri, parameters), error);
    }

    private static Uri AppendQuery(string uri, IEnumerable<KeyValuePair<string, string>> parameters) =>
        new(uri + (uri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + FormUrlEncoded.Encode(parameters));

    internal static string S256(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private sealed record ValidatedAuthorization(string ClientId, string RedirectUri, string? State, string CodeChallenge, IReadOnlyList<string> ConfigurationIds,
        IReadOnlyList<string> DetailConfigurationIds, string? OfferSubject, string? IssuerStateKey);

    // Either a validated request, or an error with (when the redirect URI is trustworthy) where to send it.
    private sealed record AuthorizationCheck(ValidatedAuthorization? Request, string? Error, string? Description, string? RedirectUri, string? State)
    {
        public static AuthorizationCheck Fail(string error, string description, string? redirectUri = null, string? state = null) =>
            new(null, error, description, redirectUri, state);
    }
}
