using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt;

namespace DidSdk.Wallet;

public sealed partial class Wallet
{
    /// <summary>
    /// Builds the <c>vp_token</c> (OpenID4VP 1.0 §8.1: an object from Credential Query id to an array of
    /// presentations) for a satisfied query. SD-JWT VC: exactly the requested disclosures plus a Key Binding JWT
    /// (<c>aud</c>, <c>nonce</c>, <c>iat</c>) signed by the wallet key in <c>cnf</c>. <c>jwt_vc_json</c>: a VP-JWT
    /// signed by the key of the subject's DID. <c>ldp_vc</c>: a presentation with a Data Integrity proof
    /// (<c>authentication</c>, <c>challenge</c> = nonce, <c>domain</c> = audience).
    /// </summary>
    /// <param name="result">A query result with <see cref="DcqlQueryResult.Succeeded"/>.</param>
    /// <param name="audience">The verifier (its client id).</param>
    /// <param name="nonce">The verifier's nonce.</param>
    /// <param name="selection">Credential Query id to the credential id chosen; the first candidate otherwise.</param>
    /// <param name="cancellationToken">Cancels signing.</param>
    /// <exception cref="WalletException"><see cref="WalletProblemCodes.SelectionInvalid"/> or <see cref="WalletProblemCodes.HolderKeyNotFound"/>.</exception>
    public async Task<JsonObject> PresentAsync(DcqlQueryResult result, string audience, string nonce, IReadOnlyDictionary<string, string>? selection = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(audience);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        if (!result.Succeeded)
        {
            throw new WalletException(WalletProblemCodes.SelectionInvalid, "The wallet cannot satisfy this query.");
        }

        if (selection is not null && selection.Keys.FirstOrDefault(k => !result.SelectedQueryIds.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            throw new WalletException(WalletProblemCodes.SelectionInvalid, $"'{unknown}' is not a Credential Query this response answers.");
        }

        var keys = await LoadAllKeysAsync(cancellationToken).ConfigureAwait(false);
        var vpToken = new JsonObject();
        foreach (var queryId in result.SelectedQueryIds)
        {
            var candidates = result.Candidates[queryId];
            DcqlCandidate candidate;
            if (selection is not null && selection.TryGetValue(queryId, out var chosen))
            {
                candidate = candidates.FirstOrDefault(c => c.CredentialId == chosen)
                    ?? throw new WalletException(WalletProblemCodes.SelectionInvalid, $"Credential '{chosen}' is not a candidate for '{queryId}'.", chosen);
            }
            else
            {
                candidate = candidates[0];
            }

            var query = result.Query.Credentials.First(c => c.Id == queryId);
            JsonNode presentation = candidate.Credential.Format switch
            {
                CredentialParser.SdJwtFormat => await PresentSdJwtAsync(candidate, query, keys, audience, nonce, cancellationToken).ConfigureAwait(false),
                CredentialParser.JwtVcFormat => await PresentJwtVcAsync(candidate, keys, audience, nonce, cancellationToken).ConfigureAwait(false),
                _ => await PresentLdpVcAsync(candidate, keys, audience, nonce, cancellationToken).ConfigureAwait(false),
            };
            vpToken[queryId] = new JsonArray(presentation);
        }

        return vpToken;
    }

    private async Task<JsonNode> PresentSdJwtAsync(DcqlCandidate candidate, DcqlCredentialQuery query, IReadOnlyList<PrivateKeyHolder> keys, string audience, string nonce, CancellationToken cancellationToken)
    {
        var credential = candidate.Credential;
        if (!SdJwtToken.TryParseCompact(credential.Credential, null, out var token, out _))
        {
            throw new WalletException(WalletProblemCodes.RecordTampered, $"Credential '{credential.Id}' is not readable.", credential.Id);
        }

        var disclose = DcqlEvaluator.DisclosuresFor(candidate.RequestedPaths, credential.DisclosablePaths);
        KeyBindingRequest? keyBinding = null;
        if (credential.Claims["cnf"] is JsonObject cnf)
        {
            var holder = FindHolderByCnf(cnf, keys)
                ?? throw new WalletException(WalletProblemCodes.HolderKeyNotFound, $"No wallet key matches the cnf of credential '{credential.Id}'.", credential.Id);
            keyBinding = new KeyBindingRequest
            {
                HolderSigner = new WalletSigner(this, holder, holder.Info.VerificationMethodId(holder.Info.DidKey)),
                Audience = audience,
                Nonce = nonce,
                IssuedAt = _timeProvider.GetUtcNow(),
            };
        }
        else if (query.RequireCryptographicHolderBinding)
        {
            throw new WalletException(WalletProblemCodes.HolderKeyNotFound, $"Credential '{credential.Id}' has no cnf key.", credential.Id);
        }

        var presented = await SdJwtHolder.PresentAsync(token, disclose, keyBinding, cancellationToken).ConfigureAwait(false);
        return JsonValue.Create(presented.ToCompact());
    }

    private async Task<JsonNode> PresentJwtVcAsync(DcqlCandidate candidate, IReadOnlyList<PrivateKeyHolder> keys, string audience, string nonce, CancellationToken cancellationToken)
    {
        var (holder, did) = FindHolderBySubject(candidate.Credential, keys);
        var signer = new WalletSigner(this, holder, holder.Info.VerificationMethodId(did));
        var vp = await VcJwt.PresentJwt11Async(did, [candidate.Credential.Credential], signer, audience, nonce, cancellationToken).ConfigureAwait(false);
        return JsonValue.Create(vp);
    }

    private async Task<JsonNode> PresentLdpVcAsync(DcqlCandidate candidate, IReadOnlyList<PrivateKeyHolder> keys, string audience, string nonce, CancellationToken cancellationToken)
    {
        var (holder, did) = FindHolderBySubject(candidate.Credential, keys);
        var kid = holder.Info.VerificationMethodId(did);
        var credential = candidate.Credential.Claims.DeepClone();
        var context = credential["@context"] is JsonArray { Count: > 0 } contexts && contexts[0]?.GetValueKind() == JsonValueKind.String
            ? contexts[0]!.GetValue<string>()
            : "https://www.w3.org/ns/credentials/v2";
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray(context),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = did,
            ["verifiableCredential"] = new JsonArray(credential),
        };
        return await DataIntegrity.AddProofAsync(presentation, new WalletSigner(this, holder, kid), new DataIntegrityProofOptions
        {
            VerificationMethod = kid,
            ProofPurpose = "authentication",
            Challenge = nonce,
            Domain = audience,
            Created = _timeProvider.GetUtcNow(),
        }, cancellationToken).ConfigureAwait(false);
    }

    private static PrivateKeyHolder? FindHolderByCnf(JsonObject cnf, IReadOnlyList<PrivateKeyHolder> keys)
    {
        if (cnf["jwk"] is not JsonObject jwkJson || !Jwk.TryParse(jwkJson.ToJsonString(), out var jwk, out _) || !jwk.TryGetPublicKey(out var publicKey))
        {
            return null;
        }

        return keys.FirstOrDefault(k => k.Info.PublicKey == publicKey);
    }

    private static (PrivateKeyHolder Holder, string Did) FindHolderBySubject(StoredCredential credential, IReadOnlyList<PrivateKeyHolder> keys)
    {
        var subjects = credential.Claims["credentialSubject"] switch
        {
            JsonObject one => [one],
            JsonArray many => many.OfType<JsonObject>().ToList(),
            _ => [],
        };
        foreach (var subject in subjects)
        {
            if (subject["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String)
            {
                var did = id.GetValue<string>();
                var holder = keys.FirstOrDefault(k => k.Info.Dids.Contains(did, StringComparer.Ordinal));
                if (holder is not null)
                {
                    return (holder, did);
                }
            }
        }

        throw new WalletException(WalletProblemCodes.HolderKeyNotFound, $"No wallet key controls the subject DID of credential '{credential.Id}'.", credential.Id);
    }
}
