using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;

namespace DidSdk.Credentials;

/// <summary>The credential formats the verifier reports.</summary>
public static class CredentialFormats
{
    /// <summary>VC-JOSE (VC Data Model 2.0 secured with JOSE, <c>typ</c> <c>vc+jwt</c>).</summary>
    public const string VcJose = "vc+jwt";

    /// <summary>VC-JOSE presentation (<c>typ</c> <c>vp+jwt</c>).</summary>
    public const string VpJose = "vp+jwt";

    /// <summary>VC-JWT as in VC Data Model 1.1 §6.3.1 (the <c>vc</c> claim), what did-jwt-vc issues.</summary>
    public const string VcJwt11 = "jwt_vc";

    /// <summary>VP-JWT as in VC Data Model 1.1 (the <c>vp</c> claim).</summary>
    public const string VpJwt11 = "jwt_vp";

    /// <summary>Data Integrity (an embedded <c>proof</c>).</summary>
    public const string DataIntegrity = "di";
}

/// <summary>
/// Securing credentials and presentations as JWTs: VC-JOSE (<c>vc+jwt</c> / <c>vp+jwt</c>, the credential is the
/// payload, <c>kid</c> names the issuer's verification method) and the VC-JWT 1.1 encoding deployed verifiers such as
/// did-jwt-vc speak (<c>vc</c>/<c>vp</c> claims with <c>iss</c>, <c>sub</c>, <c>nbf</c>, <c>exp</c>, <c>jti</c>,
/// <c>aud</c>, <c>nonce</c>).
/// </summary>
public static class VcJwt
{
    /// <summary>Secures a VC 2.0 credential as VC-JOSE. The signer's key id must be a DID URL of the credential's issuer.</summary>
    /// <exception cref="ArgumentException">The credential does not pass the data model checks.</exception>
    public static ValueTask<string> IssueJoseAsync(JsonObject credential, ISigner signer, CancellationToken cancellationToken = default)
    {
        Validate(credential, out _);
        return Jws.SignCompactAsync(new JsonObject { ["typ"] = CredentialFormats.VcJose, ["cty"] = "vc" }, credential, signer, cancellationToken);
    }

    /// <summary>Secures a presentation as VC-JOSE (<c>vp+jwt</c>), binding it to <paramref name="audience"/> and <paramref name="nonce"/>.</summary>
    public static ValueTask<string> PresentJoseAsync(JsonObject presentation, ISigner signer, string audience, string nonce, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        if (!VerifiablePresentation.TryParse(presentation, out _, out var problems))
        {
            throw new ArgumentException($"The presentation is not valid: {string.Join("; ", problems)}", nameof(presentation));
        }

        var payload = presentation.DeepClone().AsObject();
        payload["aud"] = audience;
        payload["nonce"] = nonce;
        return Jws.SignCompactAsync(new JsonObject { ["typ"] = CredentialFormats.VpJose, ["cty"] = "vp" }, payload, signer, cancellationToken);
    }

    /// <summary>Encodes a credential as a VC-JWT 1.1 (VC Data Model 1.1 §6.3.1), for verifiers that expect that form.</summary>
    public static ValueTask<string> IssueJwt11Async(JsonObject credential, ISigner signer, CancellationToken cancellationToken = default)
    {
        var vc = Require(credential, out var parsed);
        var claims = new JsonObject { ["iss"] = parsed.Issuer };
        if (parsed.CredentialSubjects is [{ } subject] && subject["id"] is JsonValue sub && sub.GetValueKind() == JsonValueKind.String)
        {
            claims["sub"] = sub.GetValue<string>();
        }

        if (parsed.ValidFrom is { } from)
        {
            claims["nbf"] = from.ToUnixTimeSeconds();
        }

        if (parsed.ValidUntil is { } until)
        {
            claims["exp"] = until.ToUnixTimeSeconds();
        }

        if (parsed.Id is { } id)
        {
            claims["jti"] = id;
        }

        claims["vc"] = vc;
        return Jws.SignCompactAsync(new JsonObject { ["typ"] = "JWT" }, claims, signer, cancellationToken);
    }

    /// <summary>Encodes a presentation of VC-JWTs as a VP-JWT 1.1 signed by the holder: <c>{iss, aud, nonce, vp}</c>.</summary>
    public static ValueTask<string> PresentJwt11Async(string holder, IReadOnlyList<string> credentials, ISigner signer, string audience, string nonce, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);
        ArgumentNullException.ThrowIfNull(credentials);
        var claims = new JsonObject
        {
            ["iss"] = holder,
            ["aud"] = audience,
            ["nonce"] = nonce,
            ["vp"] = new JsonObject
            {
                ["@context"] = new JsonArray(VcDataModel.V1Context),
                ["type"] = new JsonArray("VerifiablePresentation"),
                ["verifiableCredential"] = new JsonArray([.. credentials.Select(c => (JsonNode)c)]),
            },
        };
        return Jws.SignCompactAsync(new JsonObject { ["typ"] = "JWT" }, claims, signer, cancellationToken);
    }

    private static void Validate(JsonObject credential, out VerifiableCredential parsed)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (!VerifiableCredential.TryParse(credential, copy: false, out var vc, out var problems))
        {
            throw new ArgumentException($"The credential is not valid: {string.Join("; ", problems)}", nameof(credential));
        }

        parsed = vc!;
    }

    private static JsonObject Require(JsonObject credential, out VerifiableCredential parsed)
    {
        ArgumentNullException.ThrowIfNull(credential);

        // One copy: it is checked in place and then becomes the vc claim (a node has one parent).
        var copy = credential.DeepClone().AsObject();
        if (!VerifiableCredential.TryParse(copy, copy: false, out var vc, out var problems))
        {
            throw new ArgumentException($"The credential is not valid: {string.Join("; ", problems)}", nameof(credential));
        }

        parsed = vc!;
        return copy;
    }
}
