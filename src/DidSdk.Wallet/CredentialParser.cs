using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;
using DidSdk.Credentials;
using DidSdk.SdJwt;
using DidSdk.SdJwt.TokenStatus;

namespace DidSdk.Wallet;

/// <summary>
/// Reads a credential of any format the SDK reads, with the parsers' limits, and refuses anything malformed: an
/// unreadable claim is an error, never "absent". Signatures are checked only when the caller gives a verifier.
/// </summary>
internal static class CredentialParser
{
    public const string SdJwtFormat = "dc+sd-jwt";
    public const string JwtVcFormat = "jwt_vc_json";
    public const string LdpVcFormat = "ldp_vc";

    /// <summary>The record format of a VC-COSE credential: not a DCQL format identifier, so no query selects it.</summary>
    public const string CoseFormat = CredentialFormats.VcCose;
    private const int MaxDepth = 32;

    public static bool TryParse(string input, out ParsedCredential? parsed, out List<Problem> problems)
    {
        parsed = null;
        problems = [];
        var text = input.AsSpan().Trim();
        if (text.Length == 0)
        {
            problems.Add(new Problem(WalletProblemCodes.CredentialMalformed, "The credential is empty."));
            return false;
        }

        if (text[0] == '{')
        {
            return TryParseDataIntegrity(text.ToString(), out parsed, problems);
        }

        return text.Contains('~')
            ? TryParseSdJwt(text.ToString(), out parsed, problems)
            : TryParseJwt(text.ToString(), out parsed, problems);
    }

    /// <summary>Reads a <c>vc+cose</c> message strictly, without verifying its signature.</summary>
    public static bool TryParseCose(ReadOnlyMemory<byte> message, out ParsedCredential? parsed, out List<Problem> problems)
    {
        parsed = null;
        problems = [];
        if (!VcCose.TryReadCredential(message, out var credential, out var problem))
        {
            problems.Add(new Problem(WalletProblemCodes.CredentialMalformed, "The VC-COSE credential is malformed."));
            problems.Add(problem);
            return false;
        }

        return TryFromModel(credential, CoseFormat, CredentialFormats.VcCose, out parsed, problems);
    }

    /// <summary>
    /// Recognises a <c>vc+cose</c> message given as text: base64 or base64url (padded or not), or a
    /// <c>data:application/vc+cose;base64,</c> URL, whose bytes start like a COSE_Sign1 (tag 18 or an array of four).
    /// </summary>
    public static bool TryDecodeCoseText(string input, out byte[] message)
    {
        message = [];
        var text = input.Trim();
        if (text.StartsWith(VcCose.EnvelopedCredentialPrefix, StringComparison.Ordinal))
        {
            text = text[VcCose.EnvelopedCredentialPrefix.Length..];
        }
        else if (text.Length == 0 || text[0] == '{' || text.Contains('.', StringComparison.Ordinal) || text.Contains('~', StringComparison.Ordinal))
        {
            return false;
        }

        var normalized = text.Replace('-', '+').Replace('_', '/');
        normalized = normalized.PadRight(normalized.Length + ((4 - (normalized.Length % 4)) % 4), '=');
        var buffer = new byte[normalized.Length / 4 * 3];
        if (!Convert.TryFromBase64String(normalized, buffer, out var written) || buffer.AsSpan(0, written) is not ([0xD2, 0x84, ..] or [0x84, ..]))
        {
            return false;
        }

        message = buffer[..written];
        return true;
    }

    private static bool TryParseSdJwt(string text, out ParsedCredential? parsed, List<Problem> problems)
    {
        parsed = null;
        if (!SdJwtToken.TryParseCompact(text, null, out var token, out var problem)
            || !SdJwtHolder.TryGetDisclosableClaims(token, out var claims, out var pointers, out problem))
        {
            problems.Add(new Problem(WalletProblemCodes.CredentialMalformed, "The SD-JWT is malformed."));
            problems.Add(problem);
            return false;
        }

        if (token.KeyBindingJwt is not null)
        {
            problems.Add(new Problem(WalletProblemCodes.CredentialMalformed, "A presentation (with a Key Binding JWT) is not a credential to store."));
            return false;
        }

        var jws = Jws.ReadCompact(token.IssuerSignedJwt);
        if (!jws.Succeeded || jws.Token!.Type is not (SdJwtVc.Type or SdJwtVc.LegacyType))
        {
            problems.Add(new Problem(WalletProblemCodes.CredentialMalformed, "The issuer-signed JWT's typ is not dc+sd-jwt."));
            return false;
        }

        var issuer = StringClaim(claims, "iss", problems);
        var vct = StringClaim(claims, "vct", problems);
        var nbf = TimeClaim(claims, "nbf", problems);
        var exp = TimeClaim(claims, "exp", problems);
        TimeClaim(claims, "iat", problems);
        string? statusReference = null;
        if (claims["status"] is { } status)
        {
            if (StatusListReference.TryParse(status, out var reference, out var statusProblem))
            {
                statusReference = reference.Uri.AbsoluteUri + "#" + reference.Index.ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                problems.Add(statusProblem ?? new Problem(WalletProblemCodes.CredentialMalformed, "The status claim is malformed."));
            }
        }

        if (claims.ContainsKey("cnf") && claims["cnf"] is not JsonObject)
        {
            problems.Add(new Problem(WalletProblemCodes.CredentialMalformed, "The cnf claim is not an object."));
        }

        if (problems.Count > 0 || issuer is null || vct is null)
        {
            problems.Insert(0, new Problem(WalletProblemCodes.CredentialMalformed, "The SD-JWT VC is malformed."));
            return false;
        }

        parsed = new ParsedCredential(SdJwtFormat, SdJwtVc.Type, issuer, [vct], nbf, exp, statusReference, claims, pointers);
        return true;
    }

    private static bool TryParseJwt(string text, out ParsedCredential? parsed, List<Problem> problems)
    {
        parsed = null;
        var jws = Jws.ReadCompact(text);
        if (!jws.Succeeded || StrictJson.TryParseObject(jws.Token!.Payload.Span, MaxDepth, out var payload) != StrictJsonStatus.Ok || payload is null)
        {
            problems.Add(new Problem(WalletProblemCodes.CredentialMalformed, "The credential is not a readable JWS with a JSON payload."));
            if (jws.Problem is { } p)
            {
                problems.Add(p);
            }

            return false;
        }

        JsonObject credential;
        string securing;
        if (jws.Token.Type == CredentialFormats.VcJose)
        {
            credential = payload;
            securing = CredentialFormats.VcJose;
        }
        else if (payload["vc"] is JsonObject vc)
        {
            securing = CredentialFormats.VcJwt11;
            if (!JwtClaims.TryParse(payload, out var claims, out var claimsProblem) || claims.Issuer is null)
            {
                problems.Add(new Problem(WalletProblemCodes.CredentialMalformed, "A VC-JWT needs readable iss, sub, nbf, exp and jti claims."));
                if (claimsProblem is not null)
                {
                    problems.Add(claimsProblem);
                }

                return false;
            }

            payload.Remove("vc");
            credential = vc;
            credential["issuer"] ??= claims.Issuer;
            if (claims.JwtId is { } jti)
            {
                credential["id"] ??= jti;
            }

            if (claims.Subject is { } sub && credential["credentialSubject"] is JsonObject subject)
            {
                subject["id"] ??= sub;
            }

            var v1 = credential["@context"] is JsonArray { Count: > 0 } contexts && contexts[0] is JsonValue first
                && first.GetValueKind() == JsonValueKind.String && first.GetValue<string>() == "https://www.w3.org/2018/credentials/v1";
            if (claims.NotBefore is { } nbf)
            {
                credential[v1 ? "issuanceDate" : "validFrom"] ??= nbf.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            }

            if (claims.ExpirationTime is { } exp)
            {
                credential[v1 ? "expirationDate" : "validUntil"] ??= exp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            }
        }
        else
        {
            problems.Add(new Problem(WalletProblemCodes.CredentialMalformed, "The JWT is neither VC-JOSE (typ vc+jwt) nor VC-JWT 1.1 (vc claim)."));
            return false;
        }

        return TryFromModel(credential, JwtVcFormat, securing, out parsed, problems);
    }

    private static bool TryParseDataIntegrity(string text, out ParsedCredential? parsed, List<Problem> problems)
    {
        parsed = null;
        if (StrictJson.TryParseObject(Encoding.UTF8.GetBytes(text), MaxDepth, out var credential) != StrictJsonStatus.Ok || credential is null)
        {
            problems.Add(new Problem(WalletProblemCodes.CredentialMalformed, "The credential is not a JSON object within the limits."));
            return false;
        }

        if (credential["proof"] is not (JsonObject or JsonArray { Count: > 0 }))
        {
            problems.Add(new Problem(WalletProblemCodes.CredentialMalformed, "A Data Integrity credential needs a proof."));
            return false;
        }

        return TryFromModel(credential, LdpVcFormat, CredentialFormats.DataIntegrity, out parsed, problems);
    }

    private static bool TryFromModel(JsonObject credential, string format, string securing, out ParsedCredential? parsed, List<Problem> problems)
    {
        parsed = null;
        if (!VerifiableCredential.TryParse(credential, out var vc, out var modelProblems) || vc is null)
        {
            problems.Add(new Problem(WalletProblemCodes.CredentialMalformed, "The credential does not follow the VC Data Model."));
            problems.AddRange(modelProblems);
            return false;
        }

        string? statusReference = null;
        if (vc.CredentialStatus is [var entry, ..])
        {
            var list = entry["statusListCredential"] is JsonValue l && l.GetValueKind() == JsonValueKind.String ? l.GetValue<string>() : null;
            var index = entry["statusListIndex"] is JsonValue i && i.GetValueKind() == JsonValueKind.String ? i.GetValue<string>() : null;
            if (list is not null && index is not null)
            {
                statusReference = list + "#" + index;
            }
        }

        parsed = new ParsedCredential(format, securing, vc.Issuer, vc.Types, vc.ValidFrom, vc.ValidUntil, statusReference, vc.Json, []);
        return true;
    }

    private static string? StringClaim(JsonObject claims, string name, List<Problem> problems)
    {
        if (claims[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text)
        {
            return text;
        }

        problems.Add(new Problem(WalletProblemCodes.CredentialMalformed, $"The {name} claim is missing or not a string."));
        return null;
    }

    private static DateTimeOffset? TimeClaim(JsonObject claims, string name, List<Problem> problems)
    {
        if (!claims.TryGetPropertyValue(name, out var node))
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var seconds)
            && seconds >= 0 && seconds <= 253402300799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        if (node is JsonValue dv && dv.GetValueKind() == JsonValueKind.Number && dv.TryGetValue<double>(out var d) && d >= 0 && d <= 253402300799)
        {
            return DateTimeOffset.FromUnixTimeSeconds((long)d);
        }

        problems.Add(new Problem(WalletProblemCodes.CredentialMalformed, $"The {name} claim is not a NumericDate."));
        return null;
    }
}
