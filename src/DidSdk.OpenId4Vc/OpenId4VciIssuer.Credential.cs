using System.Globalization;
using System.Text.Json.Nodes;
using DidSdk.Core.Methods;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt;
using DidSdk.SdJwt.TokenStatus;

namespace DidSdk.OpenId4Vc;

public sealed partial class OpenId4VciIssuer
{
    /// <summary>
    /// The Credential Endpoint (OpenID4VCI 1.0 §8): checks the access token, the request, every <c>jwt</c> key proof and
    /// the (single-use) <c>c_nonce</c>, then issues one credential per proof, each bound to its proof's key. Any refusal
    /// issues nothing.
    /// </summary>
    /// <param name="authorization">The <c>Authorization</c> header value (<c>Bearer ...</c>).</param>
    /// <param name="body">The JSON request body.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<OpenId4VciEndpointResult> HandleCredentialRequestAsync(string? authorization, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length > 600)
        {
            return OpenId4VciEndpointResult.InvalidToken("A Bearer access token is required.");
        }

        var tokenKey = Secrets.Hash(authorization[7..].Trim());
        var tokenEntry = await _store.GetAsync(StateKinds.AccessToken, tokenKey, now, cancellationToken).ConfigureAwait(false);
        var tokenData = tokenEntry is null ? null : JsonRead.ParseObject(tokenEntry.Data);
        if (tokenData is null || JsonRead.String(tokenData, "sub") is not { } subject)
        {
            return OpenId4VciEndpointResult.InvalidToken("The access token is invalid or expired.");
        }

        if (body.Length > _options.MaxRequestBytes)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidCredentialRequest, "The request is too large.", 413);
        }

        var request = JsonRead.ParseObject(body.Span);
        if (request is null)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidCredentialRequest, "The request is not a JSON object.");
        }

        // OpenID4VCI 1.0 §8.2: credential_identifier exactly when the Token Response returned identifiers for the
        // configuration, credential_configuration_id otherwise.
        var identifiers = JsonRead.Object(tokenData, "cid");
        string configurationId;
        if (request.ContainsKey("credential_identifier"))
        {
            if (request.ContainsKey("credential_configuration_id"))
            {
                return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidCredentialRequest, "credential_identifier and credential_configuration_id exclude each other.");
            }

            if (JsonRead.String(request, "credential_identifier") is not { } identifier || JsonRead.String(identifiers, identifier) is not { } identified)
            {
                return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.UnknownCredentialIdentifier, "The credential identifier is unknown.");
            }

            configurationId = identified;
        }
        else if (JsonRead.String(request, "credential_configuration_id") is { } requested)
        {
            if (identifiers is not null && identifiers.Any(p => p.Value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>() == requested))
            {
                return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidCredentialRequest,
                    "The Token Response returned credential identifiers for this configuration: use credential_identifier.");
            }

            configurationId = requested;
        }
        else
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidCredentialRequest, "credential_configuration_id or credential_identifier is required.");
        }

        if (!_configurations.TryGetValue(configurationId, out var configuration))
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.UnknownCredentialConfiguration, "The credential configuration is unknown.");
        }

        if (!(JsonRead.Strings(tokenData, "cfg") ?? []).Contains(configurationId, StringComparer.Ordinal))
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.CredentialRequestDenied, "The access token does not cover this credential configuration.");
        }

        if (request.ContainsKey("proof"))
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidCredentialRequest, "Use proofs (OpenID4VCI 1.0 §8.2); proof is not accepted.");
        }

        var proofs = JsonRead.Object(request, "proofs");
        if (proofs is null)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidProof, "proofs is required.");
        }

        if (proofs.Count != 1 || JsonRead.Strings(proofs, "jwt") is not { } jwts || jwts.Count == 0)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidProof, "proofs must hold one non-empty jwt array.");
        }

        if (jwts.Count > _options.BatchSize)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidProof, "More key proofs than batch_size.");
        }

        var keys = new List<PublicKeyMaterial>(jwts.Count);
        string? nonce = null;
        foreach (var jwt in jwts)
        {
            var outcome = _proofValidator.Validate(jwt, now);
            if (outcome.Error is not null)
            {
                return OpenId4VciEndpointResult.Fail(outcome.Error, outcome.Description!);
            }

            if (nonce is not null && !Secrets.FixedTimeEquals(nonce, outcome.Nonce!))
            {
                return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidNonce, "The key proofs carry different nonces.");
            }

            if (keys.Contains(outcome.Key!))
            {
                return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidProof, "Two key proofs name the same key.");
            }

            nonce = outcome.Nonce;
            keys.Add(outcome.Key!);
        }

        // Consumed only after every proof verified: a forged request cannot burn the wallet's nonce.
        if (await _store.TryConsumeAsync(StateKinds.Nonce, Secrets.Hash(nonce!), now, cancellationToken).ConfigureAwait(false) is null)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidNonce, "The c_nonce is unknown, expired or already used.");
        }

        if (await _store.TryConsumeAsync(StateKinds.CredentialGrant, tokenKey + "|" + configurationId, now, cancellationToken).ConfigureAwait(false) is null)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.CredentialRequestDenied, "This credential was already issued under the access token.");
        }

        if (_issuanceDecider is not null
            && await _issuanceDecider.DecideAsync(new CredentialClaimsRequest(subject, configuration), cancellationToken).ConfigureAwait(false) == OpenId4VciIssuanceDecision.Pending)
        {
            return await DeferAsync(tokenKey, tokenEntry!.ExpiresAt, subject, configurationId, keys, now, cancellationToken).ConfigureAwait(false);
        }

        return await IssueAsync(tokenKey, tokenEntry!.ExpiresAt, subject, configuration, keys, now, cancellationToken).ConfigureAwait(false);
    }

    // Claims, then one credential per holder key; the tail of both the Credential and the Deferred Credential Endpoint.
    private async Task<OpenId4VciEndpointResult> IssueAsync(string tokenKey, DateTimeOffset? tokenExpiresAt, string subject, CredentialConfiguration configuration,
        IReadOnlyList<PublicKeyMaterial> keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var configurationId = configuration.Id;
        var claims = await _claimsProvider.GetClaimsAsync(new CredentialClaimsRequest(subject, configuration), cancellationToken).ConfigureAwait(false);
        if (claims is null)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.CredentialRequestDenied, "The issuer declined to issue this credential.");
        }

        // OpenID4VCI 1.0 §8.3: notification_id only when the issuer has a Notification Endpoint, bound to this access token.
        var notificationId = _notificationHandler is null ? null : Secrets.NewToken(16);
        if (notificationId is not null)
        {
            var notification = new JsonObject { ["tok"] = tokenKey, ["sub"] = subject, ["cfg"] = configurationId };
            await _store.TryAddAsync(new StateEntry(StateKinds.Notification, Secrets.Hash(notificationId), notification.ToJsonString(), tokenExpiresAt, 0), now,
                cancellationToken).ConfigureAwait(false);
        }

        var credentials = new JsonArray();
        foreach (var key in keys)
        {
            // dc+sd-jwt references the IETF Token Status List, jwt_vc_json a Bitstring Status List credential: one counter each.
            var isSdJwt = configuration.Format == CredentialConfiguration.SdJwtVcFormat;
            var statusList = isSdJwt ? _options.StatusListUri : _options.BitstringStatusListCredential;
            long? statusIndex = statusList is { } list
                ? await _store.AllocateIndexAsync(list, cancellationToken).ConfigureAwait(false)
                : null;
            var credential = isSdJwt
                ? await IssueSdJwtVcAsync(configuration, claims, key, statusIndex, now, cancellationToken).ConfigureAwait(false)
                : await IssueJwtVcJsonAsync(configuration, claims, key, statusIndex, now, cancellationToken).ConfigureAwait(false);
            var record = new JsonObject
            {
                ["sub"] = subject,
                ["cfg"] = configurationId,
                ["holder"] = Jwk.FromPublicKey(key).ComputeThumbprint(),
                ["status_list"] = statusIndex is null ? null : statusList,
                ["status_idx"] = statusIndex,
                ["notification_id"] = notificationId,
                ["iat"] = now.ToUnixTimeSeconds(),
            };
            await _store.TryAddAsync(new StateEntry(StateKinds.Issued, Secrets.NewToken(16), record.ToJsonString(), null, 0), now, cancellationToken).ConfigureAwait(false);
            credentials.Add((JsonNode)new JsonObject { ["credential"] = credential });
        }

        var response = new JsonObject { ["credentials"] = credentials };
        if (notificationId is not null)
        {
            response["notification_id"] = notificationId;
        }

        return OpenId4VciEndpointResult.Ok(response);
    }

    private async Task<string> IssueSdJwtVcAsync(CredentialConfiguration configuration, CredentialClaims claims, PublicKeyMaterial holder, long? statusIndex,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var issuer = new SdJwtVcIssuer(_signer, timeProvider: _timeProvider);
        var claimSet = claims.Claims.DeepClone().AsObject();
        var token = await issuer.IssueAsync(new SdJwtVcIssuanceRequest
        {
            Issuer = _options.IssuerDid,
            Vct = configuration.Vct!,
            Claims = claimSet,
            Disclosable = configuration.DisclosableClaims.Where(p => Exists(claimSet, p)).ToArray(),
            HolderPublicKey = holder,
            ExpiresAt = now + _options.CredentialLifetime,
            Status = statusIndex is { } index ? new StatusListReference(index, new Uri(_options.StatusListUri!)) : null,
        }, cancellationToken).ConfigureAwait(false);
        return token.ToCompact();
    }

    private async Task<string> IssueJwtVcJsonAsync(CredentialConfiguration configuration, CredentialClaims claims, PublicKeyMaterial holder, long? statusIndex,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var subject = claims.Claims.DeepClone().AsObject();
        subject["id"] = DidJwk.Create(holder);
        var credential = new JsonObject
        {
            ["@context"] = JsonRead.ToArray(["https://www.w3.org/2018/credentials/v1"]),
            ["type"] = JsonRead.ToArray(configuration.Types),
            ["issuer"] = _options.IssuerDid,
            ["issuanceDate"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["expirationDate"] = (now + _options.CredentialLifetime).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["credentialSubject"] = subject,
        };
        if (statusIndex is { } index)
        {
            // Bitstring Status List v1.0 §2.1: statusListIndex is a string of the decimal index.
            var indexText = index.ToString(CultureInfo.InvariantCulture);
            credential["credentialStatus"] = new JsonObject
            {
                ["id"] = _options.BitstringStatusListCredential + "#" + indexText,
                ["type"] = "BitstringStatusListEntry",
                ["statusPurpose"] = _options.BitstringStatusPurpose,
                ["statusListIndex"] = indexText,
                ["statusListCredential"] = _options.BitstringStatusListCredential,
            };
        }

        return await VcJwt.IssueJwt11Async(credential, _signer, cancellationToken).ConfigureAwait(false);
    }

    private static bool Exists(JsonObject claims, string pointer)
    {
        if (!JsonPointer.TryParse(pointer, out var tokens) || tokens.Count == 0)
        {
            return false;
        }

        JsonNode? node = claims;
        foreach (var token in tokens)
        {
            node = node switch
            {
                JsonObject o => o.TryGetPropertyValue(token, out var child) ? child : null,
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (node is null)
            {
                return false;
            }
        }

        return true;
    }
}
