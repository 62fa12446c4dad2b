using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Credentials;
using DidSdk.Crypto;

namespace DidSdk.SdJwt;

/// <summary>
/// W3C VC Data Model 2.0 credentials secured with SD-JWT, media type <c>application/vc+sd-jwt</c>
/// (<see href="https://www.w3.org/TR/vc-jose-cose/#with-sd-jwt">VC-JOSE-COSE §3.2</see>): the payload is the credential
/// itself (<c>@context</c>, <c>issuer</c>, <c>credentialSubject</c>...), with chosen members selectively disclosable.
/// Distinct from SD-JWT VC (<c>dc+sd-jwt</c>, <see cref="SdJwtVc"/>), whose payload has <c>iss</c> and <c>vct</c>.
/// The holder presents with <see cref="SdJwtHolder.PresentAsync"/> (selective disclosure and a Key Binding JWT); verify
/// with <see cref="VcSdJwtFormatHandler"/> in a <see cref="CredentialVerifier"/>.
/// </summary>
public static class VcSdJwt
{
    /// <summary>The <c>typ</c> of a credential: <c>vc+sd-jwt</c>.</summary>
    public const string Type = "vc+sd-jwt";

    /// <summary>The <c>cty</c> of a credential: <c>vc</c>.</summary>
    public const string ContentType = "vc";

    /// <summary>
    /// Members kept in the clear: what identifies the data model, the issuer, the validity period, status and the holder key
    /// (a verifier must read them to decide, and hiding them would let a holder hide a revocation or an expiry).
    /// </summary>
    public static IReadOnlySet<string> NeverDisclosableClaims { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "@context", "type", "id", "issuer", "validFrom", "validUntil", "credentialStatus", "credentialSchema", "relatedResource", "cnf", "iss", "nbf", "exp", "iat",
    };

    /// <summary>
    /// Issues a <c>vc+sd-jwt</c>: <paramref name="credential"/> (a valid VC Data Model 2.0 credential without <c>proof</c>)
    /// signed by <paramref name="signer"/> (its <c>kid</c> a verification method of the issuer), with the members at
    /// <paramref name="disclosable"/> (JSON Pointers, RFC 6901) selectively disclosable and, with
    /// <paramref name="holderPublicKey"/>, a <c>cnf</c> key for key binding.
    /// </summary>
    /// <exception cref="ArgumentException">The credential is not a valid VC 2.0 credential, has a proof, or a pointer names a member kept in the clear.</exception>
    public static Task<SdJwtToken> IssueAsync(
        JsonObject credential,
        ISigner signer,
        IReadOnlyCollection<string> disclosable,
        PublicKeyMaterial? holderPublicKey = null,
        ISaltGenerator? saltGenerator = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(disclosable);
        if (!VerifiableCredential.TryParse(credential, out var vc, out var problems) || vc.Version != VcDataModelVersion.V2)
        {
            throw new ArgumentException($"Not a valid VC Data Model 2.0 credential: {string.Join(", ", problems.Select(p => p.Code))}.", nameof(credential));
        }

        if (credential.ContainsKey("proof") || credential.ContainsKey("_sd") || credential.ContainsKey("_sd_alg") || credential.ContainsKey("cnf"))
        {
            throw new ArgumentException("The credential must have no proof, _sd, _sd_alg or cnf member.", nameof(credential));
        }

        foreach (var pointer in disclosable)
        {
            if (!JsonPointer.TryParse(pointer, out var tokens) || tokens.Count == 0 || (tokens.Count == 1 && NeverDisclosableClaims.Contains(tokens[0])))
            {
                throw new ArgumentException($"'{pointer}' is not a pointer to a member that may be selectively disclosable.", nameof(disclosable));
            }
        }

        return new SdJwtIssuer(signer, null, saltGenerator).IssueAsync(
            new SdJwtIssuanceRequest
            {
                Claims = credential.DeepClone().AsObject(),
                Disclosable = disclosable,
                Header = new JsonObject { ["typ"] = Type, ["cty"] = ContentType },
                HolderPublicKey = holderPublicKey,
            },
            cancellationToken);
    }

    /// <summary>
    /// Whether <paramref name="input"/> is a compact SD-JWT whose issuer JWT has <c>typ</c> <c>vc+sd-jwt</c> and a VC Data
    /// Model payload (an <c>@context</c>; the legacy SD-JWT VC that used the same <c>typ</c> has <c>vct</c> instead). Syntactic only.
    /// </summary>
    public static bool IsVcSdJwt(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var span = input.AsSpan().Trim();
        var tilde = span.IndexOf('~');
        if (tilde <= 0 || span[..tilde].Count('.') != 2 || tilde > 1024 * 1024)
        {
            return false;
        }

        var jwt = span[..tilde];
        var firstDot = jwt.IndexOf('.');
        var secondDot = jwt[(firstDot + 1)..].IndexOf('.') + firstDot + 1;
        return Read(jwt[..firstDot]) is { } header && Read(jwt[(firstDot + 1)..secondDot]) is { } payload
            && header["typ"] is JsonValue typ && typ.GetValueKind() == JsonValueKind.String && typ.GetValue<string>() == Type
            && payload.ContainsKey("@context");
    }

    private static JsonObject? Read(ReadOnlySpan<char> base64Url)
    {
        try
        {
            return JsonNode.Parse(Base64Url.DecodeFromChars(base64Url), documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) as JsonObject;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }
}
