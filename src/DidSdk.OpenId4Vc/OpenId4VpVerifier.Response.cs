using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Wallet;

namespace DidSdk.OpenId4Vc;

public sealed partial class OpenId4VpVerifier
{
    private const int MaxStateLength = 512;

    /// <summary>
    /// The Response Endpoint of response mode <c>direct_post</c> (OpenID4VP 1.0 §8.2). The <c>state</c> names the session;
    /// the first response to a live session is the only one processed (the state is consumed atomically), and the session
    /// then holds either the verified claims or the reasons for refusal. The <c>vp_token</c> must answer the DCQL query:
    /// every required Credential Query answered and no other, each presentation verified (issuer key from its DID, key
    /// binding to this request's <c>nonce</c> with this verifier's client id as audience, status, validity, trust policy),
    /// only requested claims disclosed; a <c>vp_token</c> received before is refused.
    /// </summary>
    /// <param name="form">The decoded form parameters (see <see cref="FormUrlEncoded"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>200 with <c>{}</c> (or <c>{"redirect_uri"}</c>) when verified, 400 with an OAuth error otherwise.</returns>
    public async Task<OpenId4VpEndpointResult> HandleResponseAsync(IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        string? keySessionId = null;
        if (form.TryGetValue("response", out var encrypted))
        {
            var (decrypted, sessionId, failure) = await DecryptResponseAsync(encrypted, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }

            form = decrypted!;
            keySessionId = sessionId;
        }

        if (!form.TryGetValue("state", out var state) || state.Length is 0 or > MaxStateLength)
        {
            return OpenId4VpEndpointResult.Fail("invalid_request", $"{OpenId4VpProblemCodes.UnknownState}: state is missing.");
        }

        var now = _timeProvider.GetUtcNow();

        // The consume makes the first response the only one: of two racing posts one gets the session, the other sees no state.
        var stateEntry = await _store.TryConsumeAsync(StateKinds.VpState, Secrets.Hash(state), now, cancellationToken).ConfigureAwait(false);
        var id = stateEntry?.Data;
        var session = id is null ? null : await ReadSessionAsync(id, now, cancellationToken).ConfigureAwait(false);
        if (id is null || session is null || (keySessionId is not null && keySessionId != id))
        {
            return OpenId4VpEndpointResult.Fail("invalid_request", $"{OpenId4VpProblemCodes.UnknownState}: the state is unknown, expired or already answered.");
        }

        var problems = new List<Problem>();
        var claims = EncryptionMatches(session, keySessionId is not null, problems)
            ? await ValidateResponseAsync(form, session, now, problems, cancellationToken).ConfigureAwait(false)
            : null;
        var verified = problems.Count == 0 && claims is not null;
        session["status"] = verified ? OpenId4VpSessionResult.Verified : OpenId4VpSessionResult.Rejected;
        session["claims"] = verified ? claims : null;
        session["problems"] = new JsonArray([.. problems.Select(p => (JsonNode?)ProblemJson(p))]);
        session.Remove("jwt");
        session.Remove(ResponseKeyName);
        await _store.TryUpdateAsync(StateKinds.VpSession, id, session.ToJsonString(), now, cancellationToken).ConfigureAwait(false);
        if (!verified)
        {
            return OpenId4VpEndpointResult.Fail(problems[0].Code == OpenId4VpProblemCodes.WalletError ? "access_denied" : "invalid_request",
                string.Join(" ", problems.Select(p => p.Code).Distinct(StringComparer.Ordinal)));
        }

        var body = new JsonObject();
        if (_options.RedirectUriAfterResponse is { } redirect)
        {
            body["redirect_uri"] = redirect;
        }

        return OpenId4VpEndpointResult.Json(body);
    }

    private async Task<JsonObject?> ValidateResponseAsync(IReadOnlyDictionary<string, string> form, JsonObject session, DateTimeOffset now, List<Problem> problems, CancellationToken cancellationToken)
    {
        if (form.TryGetValue("error", out var error))
        {
            var code = error.Length <= 64 && error.All(c => c is >= 'a' and <= 'z' or '_') ? error : "invalid";
            problems.Add(new Problem(OpenId4VpProblemCodes.WalletError, $"The wallet answered with error '{code}'."));
            return null;
        }

        if (form.ContainsKey("response"))
        {
            problems.Add(new Problem(OpenId4VpProblemCodes.InvalidResponse, "The response parameters hold a nested response."));
            return null;
        }

        if (!form.TryGetValue("vp_token", out var vpToken) || vpToken.Length == 0)
        {
            problems.Add(new Problem(OpenId4VpProblemCodes.InvalidResponse, "vp_token is missing."));
            return null;
        }

        if (vpToken.Length > _options.MaxVpTokenLength)
        {
            problems.Add(new Problem(OpenId4VpProblemCodes.VpTokenTooLarge, "The vp_token is larger than allowed."));
            return null;
        }

        if (!await _store.TryAddAsync(new StateEntry(StateKinds.VpToken, Secrets.Hash(vpToken), "{}", now + _options.ReplayWindow, 0), now, cancellationToken).ConfigureAwait(false))
        {
            problems.Add(new Problem(OpenId4VpProblemCodes.VpTokenReplayed, "This vp_token was received before."));
            return null;
        }

        if (JsonRead.ParseObject(vpToken) is not { } token)
        {
            problems.Add(new Problem(OpenId4VpProblemCodes.InvalidResponse, "vp_token is not a JSON object."));
            return null;
        }

        if (JsonRead.Object(session, "dcql") is not { } dcql || !DcqlQuery.TryParse(dcql, out var query, out _) || JsonRead.String(session, "nonce") is not { } nonce)
        {
            problems.Add(new Problem(OpenId4VpProblemCodes.UnknownState, "The session is unreadable."));
            return null;
        }

        var answered = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (queryId, value) in token)
        {
            var credentialQuery = query.Credentials.FirstOrDefault(c => c.Id == queryId);
            if (credentialQuery is null)
            {
                problems.Add(new Problem(OpenId4VpProblemCodes.QueryNotSatisfied, "The vp_token answers a Credential Query that was not asked."));
                return null;
            }

            if (value is not JsonArray { Count: > 0 } array || array.Any(p => p is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
            {
                problems.Add(new Problem(OpenId4VpProblemCodes.InvalidResponse, $"The answer to '{queryId}' is not a non-empty array of presentations."));
                return null;
            }

            if (array.Count > (credentialQuery.Multiple ? _options.MaxPresentationsPerQuery : 1))
            {
                problems.Add(new Problem(OpenId4VpProblemCodes.CredentialQueryMismatch, $"Too many presentations for '{queryId}'."));
                return null;
            }

            answered[queryId] = [.. array.Select(p => p!.GetValue<string>())];
        }

        if (!Satisfies(query, answered.Keys))
        {
            problems.Add(new Problem(OpenId4VpProblemCodes.QueryNotSatisfied, "The vp_token does not answer every required Credential Query."));
            return null;
        }

        var claims = new JsonObject();
        foreach (var (queryId, presentations) in answered)
        {
            var credentialQuery = query.Credentials.First(c => c.Id == queryId);
            var results = new JsonArray();
            foreach (var presentation in presentations)
            {
                var verified = credentialQuery.Format == SdJwtVcFormat
                    ? await VerifySdJwtAsync(credentialQuery, presentation, nonce, problems, cancellationToken).ConfigureAwait(false)
                    : await VerifyJwtVcAsync(credentialQuery, presentation, nonce, problems, cancellationToken).ConfigureAwait(false);
                if (verified is not null)
                {
                    results.Add((JsonNode)verified);
                }
            }

            claims[queryId] = results;
        }

        return problems.Count == 0 ? claims : null;
    }

    private static bool Satisfies(DcqlQuery query, IEnumerable<string> answeredIds)
    {
        var answered = answeredIds.ToHashSet(StringComparer.Ordinal);
        if (query.CredentialSets is not { } sets)
        {
            return query.Credentials.All(c => answered.Contains(c.Id));
        }

        return sets.Where(s => s.Required).All(s => s.Options.Any(option => option.All(answered.Contains)));
    }

    private async Task<JsonObject?> VerifySdJwtAsync(DcqlCredentialQuery query, string presentation, string nonce, List<Problem> problems, CancellationToken cancellationToken)
    {
        var result = await _sdJwtVerifier.VerifyAsync(presentation, _clientId, nonce, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            problems.Add(new Problem(OpenId4VpProblemCodes.PresentationNotVerified, $"A presentation for '{query.Id}' did not verify.", result.Problems.Count > 0 ? result.Problems[0] : null));
            return null;
        }

        if (query.RequireCryptographicHolderBinding && result.SdJwt.KeyBindingClaims is null)
        {
            problems.Add(new Problem(OpenId4VpProblemCodes.PresentationNotVerified, $"The presentation for '{query.Id}' has no key binding."));
            return null;
        }

        if (query.VctValues is { } vcts && !vcts.Contains(result.Vct, StringComparer.Ordinal))
        {
            problems.Add(new Problem(OpenId4VpProblemCodes.CredentialQueryMismatch, $"The presentation for '{query.Id}' has a vct the query did not ask for."));
            return null;
        }

        if (!TryRequestedPaths(query, result.Claims, out var requested))
        {
            problems.Add(new Problem(OpenId4VpProblemCodes.CredentialQueryMismatch, $"The presentation for '{query.Id}' lacks requested claims."));
            return null;
        }

        // A disclosure is requested when it is a requested claim, lies inside one (a requested object comes whole), or
        // contains one (the object that must be disclosed to reach a requested nested claim).
        foreach (var pointer in result.SdJwt.DisclosedPointers)
        {
            if (!requested.Any(r => r == pointer || IsBelow(pointer, r) || IsBelow(r, pointer)))
            {
                problems.Add(new Problem(OpenId4VpProblemCodes.DisclosureNotRequested, $"The presentation for '{query.Id}' discloses a claim the query did not request."));
                return null;
            }
        }

        return new JsonObject { ["format"] = SdJwtVcFormat, ["issuer"] = result.Issuer, ["claims"] = result.Claims.DeepClone() };
    }

    private async Task<JsonObject?> VerifyJwtVcAsync(DcqlCredentialQuery query, string presentation, string nonce, List<Problem> problems, CancellationToken cancellationToken)
    {
        var result = await _presentationVerifier!.VerifyAsync(presentation, _clientId, nonce, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            problems.Add(new Problem(OpenId4VpProblemCodes.PresentationNotVerified, $"A presentation for '{query.Id}' did not verify.", result.Problems.Count > 0 ? result.Problems[0] : null));
            return null;
        }

        if (result.Credentials is not [{ Succeeded: true } credential])
        {
            problems.Add(new Problem(OpenId4VpProblemCodes.CredentialQueryMismatch, $"The presentation for '{query.Id}' must hold exactly one credential."));
            return null;
        }

        var types = (credential.Claims["type"] as JsonArray ?? (credential.Claims["vc"] as JsonObject)?["type"] as JsonArray)?
            .Select(t => t is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "").ToList() ?? [];
        if (!DcqlEvaluator.MetaMatches(query, types) || !TryRequestedPaths(query, credential.Claims, out _))
        {
            problems.Add(new Problem(OpenId4VpProblemCodes.CredentialQueryMismatch, $"The credential for '{query.Id}' is not of the requested type or lacks requested claims."));
            return null;
        }

        return new JsonObject { ["format"] = JwtVcJsonFormat, ["issuer"] = credential.Issuer, ["claims"] = credential.Claims.DeepClone() };
    }

    // The concrete pointers the query's claims select in the presented claims, and whether the query (or one of its claim
    // sets) is satisfied. Without claims the query asks for no selectively disclosable claim.
    private static bool TryRequestedPaths(DcqlCredentialQuery query, JsonObject claims, out List<string> requested)
    {
        requested = [];
        if (query.Claims is not { } claimQueries)
        {
            return true;
        }

        var selected = new Dictionary<DcqlClaimQuery, List<string>>();
        foreach (var claim in claimQueries)
        {
            if (DcqlEvaluator.Select(claim, claims) is { } paths)
            {
                selected[claim] = paths;
                requested.AddRange(paths);
            }
        }

        return query.ClaimSets is { } claimSets
            ? claimSets.Any(set => claimQueries.Where(c => set.Contains(c.Id!, StringComparer.Ordinal)).All(selected.ContainsKey))
            : claimQueries.All(selected.ContainsKey);
    }

    internal static JsonObject ProblemJson(Problem problem)
    {
        var json = new JsonObject { ["code"] = problem.Code, ["message"] = problem.Message };
        if (problem.Cause is { } cause)
        {
            json["cause"] = ProblemJson(cause);
        }

        return json;
    }

    internal static Problem? ProblemFromJson(JsonNode? node, int depth = 0) =>
        node is JsonObject json && JsonRead.String(json, "code") is { } code && depth < 8
            ? new Problem(code, JsonRead.String(json, "message") ?? "", ProblemFromJson(json["cause"], depth + 1))
            : null;

    private static bool IsBelow(string pointer, string ancestor) =>
        pointer.Length > ancestor.Length && pointer.StartsWith(ancestor, StringComparison.Ordinal) && pointer[ancestor.Length] == '/';
}
