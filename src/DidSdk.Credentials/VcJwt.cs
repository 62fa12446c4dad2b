using System.Text.Json.Nodes;
using DidSdk.Core.Jose;

namespace DidSdk.Credentials;

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
        return Traced(CredentialFormats.VcJose, () => Jws.SignCompactAsync(new JsonObject { ["typ"] = CredentialFormats.VcJose, ["cty"] = "vc" }, credential, signer, cancellationToken));
    }

    // The issuing activity spans the signing (which may be a remote HSM/KMS call).
    private static async ValueTask<string> Traced(string format, Func<ValueTask<string>> sign)
    {
        using var activity = CredentialsTelemetry.StartIssue(format);
        return await sign().ConfigureAwait(false);
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
        Validate(credential, out var parsed);
        var subject = parsed.CredentialSubjects is [{ } only] ? VcDataModel.AsString(only["id"]) : null;

        // Written straight from the caller's credential: no copy of it and no claims tree.
        return Traced(CredentialFormats.VcJwt11, () => Jws.SignCompactAsync(new JsonObject { ["typ"] = "JWT" }, (parsed, subject), static (writer, state) =>
        {
            var (vc, sub) = state;
            writer.WriteStartObject();
            writer.WriteString("iss"u8, vc.Issuer);
            if (sub is not null)
            {
                writer.WriteString("sub"u8, sub);
            }

            if (vc.ValidFrom is { } from)
            {
                writer.WriteNumber("nbf"u8, from.ToUnixTimeSeconds());
            }

            if (vc.ValidUntil is { } until)
            {
                writer.WriteNumber("exp"u8, until.ToUnixTimeSeconds());
            }

            if (vc.Id is { } id)
            {
                writer.WriteString("jti"u8, id);
            }

            writer.WritePropertyName("vc"u8);
            vc.Json.WriteTo(writer);
            writer.WriteEndObject();
        }, signer, cancellationToken));
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
}
