using System.Text.Json.Nodes;

namespace DidSdk.OpenId4Vc;

public sealed partial class OpenId4VciIssuer
{
    /// <summary>
    /// The Token Endpoint (OpenID4VCI 1.0 §6). For the Pre-Authorized Code grant it redeems a code once and checks the
    /// Transaction Code (a wrong one counts against <see cref="OpenId4VciIssuerOptions.MaxTxCodeAttempts"/>, after which the
    /// code is destroyed). For the <c>authorization_code</c> grant (when the issuer has an
    /// <see cref="IOpenId4VciAuthorizationHandler"/>) it redeems the code once — a second use is <c>invalid_grant</c> and
    /// revokes the access token issued for it — and requires the same <c>client_id</c> and <c>redirect_uri</c> and a
    /// <c>code_verifier</c> whose S256 hash is the <c>code_challenge</c> (RFC 7636 §4.6, compared in constant time); the
    /// response then carries <c>authorization_details</c> with <c>credential_identifiers</c> for the configurations
    /// requested that way. Either grant returns a Bearer access token.
    /// </summary>
    /// <param name="form">The decoded form parameters (see <see cref="FormUrlEncoded"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<OpenId4VciEndpointResult> HandleTokenRequestAsync(IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!form.TryGetValue("grant_type", out var grantType))
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidRequest, "grant_type is required.");
        }

        if (grantType == AuthorizationServerMetadata.AuthorizationCodeGrantType && _authorizationHandler is not null)
        {
            return await RedeemAuthorizationCodeAsync(form, cancellationToken).ConfigureAwait(false);
        }

        if (grantType != AuthorizationServerMetadata.PreAuthorizedCodeGrantType)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.UnsupportedGrantType, "The grant type is not supported.");
        }

        if (!form.TryGetValue("pre-authorized_code", out var code) || code.Length is 0 or > 512)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidRequest, "pre-authorized_code is required.");
        }

        var now = _timeProvider.GetUtcNow();
        var key = Secrets.Hash(code);
        var entry = await _store.GetAsync(StateKinds.PreAuthorizedCode, key, now, cancellationToken).ConfigureAwait(false);
        var data = entry is null ? null : JsonRead.ParseObject(entry.Data);
        if (data is null)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidGrant, "The pre-authorized code is invalid, expired or already used.");
        }

        var expectedTx = JsonRead.String(data, "tx");
        form.TryGetValue("tx_code", out var txCode);
        if (expectedTx is null && txCode is not null)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidRequest, "A tx_code was sent but the offer requires none.");
        }

        if (expectedTx is not null)
        {
            if (string.IsNullOrEmpty(txCode))
            {
                return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidRequest, "The offer requires a tx_code.");
            }

            if (txCode.Length > 64 || !Secrets.FixedTimeEquals(Secrets.TxCodeHash(code, txCode), expectedTx))
            {
                await _store.RecordFailedAttemptAsync(StateKinds.PreAuthorizedCode, key, _options.MaxTxCodeAttempts, now, cancellationToken).ConfigureAwait(false);
                return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidGrant, "The tx_code is wrong.");
            }
        }

        // The atomic consume is what makes the code single use: of two racing requests only one gets the record.
        if (await _store.TryConsumeAsync(StateKinds.PreAuthorizedCode, key, now, cancellationToken).ConfigureAwait(false) is null)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidGrant, "The pre-authorized code is invalid, expired or already used.");
        }

        var (accessToken, _, _) = await IssueAccessTokenAsync(JsonRead.String(data, "sub")!, JsonRead.Strings(data, "cfg") ?? [], null, now, cancellationToken)
            .ConfigureAwait(false);
        return OpenId4VciEndpointResult.Ok(TokenResponse(accessToken));
    }

    // The access token record (subject, configurations, credential identifiers) and one single-use grant per configuration.
    private async Task<(string AccessToken, string TokenKey, DateTimeOffset ExpiresAt)> IssueAccessTokenAsync(string subject, IReadOnlyList<string> configurations,
        IReadOnlyDictionary<string, string>? identifiers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var accessToken = Secrets.NewToken();
        var tokenKey = Secrets.Hash(accessToken);
        var expiresAt = now + _options.AccessTokenLifetime;
        var tokenData = new JsonObject { ["sub"] = subject, ["cfg"] = JsonRead.ToArray(configurations) };
        if (identifiers is { Count: > 0 })
        {
            var map = new JsonObject();
            foreach (var (identifier, configurationId) in identifiers)
            {
                map[identifier] = configurationId;
            }

            tokenData["cid"] = map;
        }

        await _store.TryAddAsync(new StateEntry(StateKinds.AccessToken, tokenKey, tokenData.ToJsonString(), expiresAt, 0), now, cancellationToken).ConfigureAwait(false);
        foreach (var id in configurations)
        {
            await _store.TryAddAsync(new StateEntry(StateKinds.CredentialGrant, tokenKey + "|" + id, "{}", expiresAt, 0), now, cancellationToken).ConfigureAwait(false);
        }

        return (accessToken, tokenKey, expiresAt);
    }

    private JsonObject TokenResponse(string accessToken) => new()
    {
        ["access_token"] = accessToken,
        ["token_type"] = "Bearer",
        ["expires_in"] = (long)_options.AccessTokenLifetime.TotalSeconds,
    };
}
