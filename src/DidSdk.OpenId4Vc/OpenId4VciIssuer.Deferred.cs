using System.Text.Json.Nodes;
using DidSdk.Crypto;

namespace DidSdk.OpenId4Vc;

public sealed partial class OpenId4VciIssuer
{
    /// <summary>
    /// The Deferred Credential Endpoint (OpenID4VCI 1.0 §9): checks the access token and that the <c>transaction_id</c> was
    /// returned under it, asks the <see cref="IOpenId4VciIssuanceDecider"/> again, and either issues the credentials (bound
    /// to the keys proven in the original request; the transaction is then used up) or answers 202 with the same
    /// <c>transaction_id</c> and an <c>interval</c>. Without a decider the endpoint does not exist (404).
    /// </summary>
    /// <param name="authorization">The <c>Authorization</c> header value (<c>Bearer ...</c>).</param>
    /// <param name="body">The JSON request body.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<OpenId4VciEndpointResult> HandleDeferredCredentialRequestAsync(string? authorization, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        if (_issuanceDecider is null)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidRequest, "This issuer has no deferred credential endpoint.", 404);
        }

        var now = _timeProvider.GetUtcNow();
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length > 600)
        {
            return OpenId4VciEndpointResult.InvalidToken("A Bearer access token is required.");
        }

        var tokenKey = Secrets.Hash(authorization[7..].Trim());
        var tokenEntry = await _store.GetAsync(StateKinds.AccessToken, tokenKey, now, cancellationToken).ConfigureAwait(false);
        if (tokenEntry is null)
        {
            return OpenId4VciEndpointResult.InvalidToken("The access token is invalid or expired.");
        }

        if (body.Length > _options.MaxRequestBytes)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidCredentialRequest, "The request is too large.", 413);
        }

        var request = JsonRead.ParseObject(body.Span);
        if (request is null || JsonRead.String(request, "transaction_id") is not { Length: > 0 and <= 256 } transactionId)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidCredentialRequest, "transaction_id is required.");
        }

        var key = Secrets.Hash(transactionId);
        var entry = await _store.GetAsync(StateKinds.DeferredTransaction, key, now, cancellationToken).ConfigureAwait(false);
        var data = entry is null ? null : JsonRead.ParseObject(entry.Data);
        var keys = ReadKeys(JsonRead.Strings(data, "keys"));
        if (data is null || JsonRead.String(data, "tok") is not { } boundToken || !Secrets.FixedTimeEquals(boundToken, tokenKey)
            || JsonRead.String(data, "sub") is not { } subject || JsonRead.String(data, "cfg") is not { } configurationId
            || !_configurations.TryGetValue(configurationId, out var configuration) || keys is null)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidTransactionId, "The transaction_id is invalid.");
        }

        if (await _issuanceDecider.DecideAsync(new CredentialClaimsRequest(subject, configuration), cancellationToken).ConfigureAwait(false) == OpenId4VciIssuanceDecision.Pending)
        {
            return Pending(transactionId);
        }

        // Of two racing requests only one gets the transaction, so it is issued once.
        if (await _store.TryConsumeAsync(StateKinds.DeferredTransaction, key, now, cancellationToken).ConfigureAwait(false) is null)
        {
            return OpenId4VciEndpointResult.Fail(OpenId4VciErrorCodes.InvalidTransactionId, "The transaction_id is invalid.");
        }

        return await IssueAsync(tokenKey, tokenEntry.ExpiresAt, subject, configuration, keys, now, cancellationToken).ConfigureAwait(false);
    }

    private async Task<OpenId4VciEndpointResult> DeferAsync(string tokenKey, DateTimeOffset? tokenExpiresAt, string subject, string configurationId,
        IReadOnlyList<PublicKeyMaterial> keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var transactionId = Secrets.NewToken();
        var data = new JsonObject
        {
            ["tok"] = tokenKey,
            ["sub"] = subject,
            ["cfg"] = configurationId,
            ["keys"] = JsonRead.ToArray(keys.Select(k => Jwk.FromPublicKey(k).ToJson())),
        };
        if (!await _store.TryAddAsync(new StateEntry(StateKinds.DeferredTransaction, Secrets.Hash(transactionId), data.ToJsonString(), tokenExpiresAt, 0), now,
            cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("A freshly generated transaction_id collided with a stored one.");
        }

        return Pending(transactionId);
    }

    // OpenID4VCI 1.0 §8.3 / §9.2: HTTP 202 with the transaction_id and the interval in seconds.
    private OpenId4VciEndpointResult Pending(string transactionId) =>
        OpenId4VciEndpointResult.Accepted(new JsonObject { ["transaction_id"] = transactionId, ["interval"] = (long)_options.DeferredInterval.TotalSeconds });

    private static List<PublicKeyMaterial>? ReadKeys(List<string>? jwks)
    {
        if (jwks is null || jwks.Count == 0)
        {
            return null;
        }

        var keys = new List<PublicKeyMaterial>(jwks.Count);
        foreach (var jwk in jwks)
        {
            keys.Add(Jwk.Parse(jwk).ToPublicKey());
        }

        return keys;
    }
}
