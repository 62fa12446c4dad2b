using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core.Dids;
using DidSdk.Core.Json;

namespace DidSdk.SdJwt;

/// <summary>
/// W3C VC Data Model 2.0 presentations secured with SD-JWT, media type <c>application/vp+sd-jwt</c>
/// (<see href="https://www.w3.org/TR/vc-jose-cose/#securing-vps-sd-jwt">VC-JOSE-COSE §3.2.2</see>): the payload is the
/// <c>VerifiablePresentation</c>, signed by the holder, with each <c>vc+sd-jwt</c> (<see cref="VcSdJwt"/>) inside as an
/// <c>EnvelopedVerifiableCredential</c> whose <c>id</c> is <c>data:application/vc+sd-jwt,</c> followed by the SD-JWT with
/// the disclosures the holder chose. The presentation carries <c>aud</c> (the verifier, the <c>domain</c>), <c>nonce</c>
/// (the verifier's <c>challenge</c>) and <c>iat</c>; a credential bound to a holder key (<c>cnf</c>) carries a Key Binding
/// JWT for the same <c>aud</c> and <c>nonce</c>. Verify with <see cref="VpSdJwtVerifier"/>.
/// </summary>
public static class VpSdJwt
{
    /// <summary>The <c>typ</c> of a presentation: <c>vp+sd-jwt</c>.</summary>
    public const string Type = "vp+sd-jwt";

    /// <summary>The <c>cty</c> of a presentation: <c>vp</c>.</summary>
    public const string ContentType = "vp";

    /// <summary>The <c>id</c> prefix of an enveloped <c>vc+sd-jwt</c> (a <c>data:</c> URL, RFC 2397).</summary>
    public const string EnvelopedCredentialPrefix = "data:application/vc+sd-jwt,";

    /// <summary>The most credentials one presentation may carry (issued or accepted).</summary>
    public const int MaxCredentials = 32;

    private const string V2Context = "https://www.w3.org/ns/credentials/v2";

    /// <summary>
    /// Builds and signs a <c>vp+sd-jwt</c>: each credential reduced to the disclosures the holder chose (and, when it
    /// names a holder key, given a Key Binding JWT for <see cref="VpSdJwtPresentationRequest.Audience"/> and
    /// <see cref="VpSdJwtPresentationRequest.Nonce"/>), enveloped in a presentation the holder signs.
    /// </summary>
    /// <returns>The compact presentation (an SD-JWT with no disclosures, ending in <c>~</c>).</returns>
    /// <exception cref="ArgumentException">The holder is not a DID, the signer's <c>kid</c> is not one of its DID URLs, a credential is not a <c>vc+sd-jwt</c>, or a pointer names no claim.</exception>
    public static async Task<string> PresentAsync(VpSdJwtPresentationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.HolderSigner);
        ArgumentNullException.ThrowIfNull(request.Credentials);
        ArgumentException.ThrowIfNullOrEmpty(request.Audience);
        ArgumentException.ThrowIfNullOrEmpty(request.Nonce);
        if (!Did.TryParse(request.Holder, out _, out _))
        {
            throw new ArgumentException("The holder must be a DID.", nameof(request));
        }

        if (request.HolderSigner.KeyId is not { } kid || !DidUrl.TryParse(kid, out var url, out _) || url.Did.ToString() != request.Holder)
        {
            throw new ArgumentException("The holder signer's kid must be a DID URL of the holder.", nameof(request));
        }

        if (request.Credentials.Count > MaxCredentials)
        {
            throw new ArgumentException($"A presentation carries at most {MaxCredentials} credentials.", nameof(request));
        }

        var entries = new JsonArray();
        foreach (var item in request.Credentials)
        {
            ArgumentNullException.ThrowIfNull(item?.Credential, nameof(request));
            var credential = item.Credential;
            if (!VcSdJwt.IsVcSdJwt(credential.ToCompactWithoutKeyBinding())
                || !SdJwtHolder.TryReadPayload(credential.IssuerSignedJwt, StrictJson.DefaultMaxDepth, out var payload, out _, out _))
            {
                throw new ArgumentException("A credential to present is not a vc+sd-jwt.", nameof(request));
            }

            if (!SdJwtHolder.TrySelect(credential, item.Disclose ?? [], out var selected, out var problem))
            {
                throw new ArgumentException(problem.Message, nameof(request));
            }

            string? keyBinding = null;
            if (payload.ContainsKey("cnf"))
            {
                keyBinding = await SdJwtHolder.CreateKeyBindingJwtAsync(
                    selected,
                    new KeyBindingRequest
                    {
                        HolderSigner = item.KeyBindingSigner ?? request.HolderSigner,
                        Audience = request.Audience,
                        Nonce = request.Nonce,
                        IssuedAt = request.IssuedAt,
                    },
                    cancellationToken).ConfigureAwait(false);
            }

            entries.Add((JsonNode)new JsonObject
            {
                ["@context"] = new JsonArray(V2Context),
                ["id"] = EnvelopedCredentialPrefix + selected.With(selected.Disclosures, keyBinding).ToCompact(),
                ["type"] = "EnvelopedVerifiableCredential",
            });
        }

        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray(V2Context),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = request.Holder,
            ["verifiableCredential"] = entries,
            ["aud"] = request.Audience,
            ["nonce"] = request.Nonce,
            ["iat"] = request.IssuedAt.ToUnixTimeSeconds(),
        };
        if (request.ExpiresAt is { } exp)
        {
            presentation["exp"] = exp.ToUnixTimeSeconds();
        }

        var token = await new SdJwtIssuer(request.HolderSigner).IssueAsync(
            new SdJwtIssuanceRequest { Claims = presentation, Header = new JsonObject { ["typ"] = Type, ["cty"] = ContentType } },
            cancellationToken).ConfigureAwait(false);
        return token.ToCompact();
    }

    /// <summary>Whether <paramref name="input"/> is a compact SD-JWT whose Issuer-signed JWT has <c>typ</c> <c>vp+sd-jwt</c>. Syntactic only.</summary>
    public static bool IsVpSdJwt(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var span = input.AsSpan().Trim();
        var tilde = span.IndexOf('~');
        if (tilde <= 0 || span[..tilde].Count('.') != 2)
        {
            return false;
        }

        var jwt = span[..tilde];
        var header = jwt[..jwt.IndexOf('.')];
        if (header.Length > 4096 || !StrictBase64Url.TryDecode(header, out var bytes))
        {
            return false;
        }

        try
        {
            return JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 8 }) is JsonObject h
                && h["typ"] is JsonValue typ && typ.GetValueKind() == JsonValueKind.String && typ.GetValue<string>() == Type;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
