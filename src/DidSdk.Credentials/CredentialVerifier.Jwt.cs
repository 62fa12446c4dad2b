using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;
using DidSdk.Internal;

namespace DidSdk.Credentials;

/// <content>VC-JOSE (<c>vc+jwt</c>) and VC-JWT 1.1 credentials.</content>
public sealed partial class CredentialVerifier
{
    private static readonly string[] TimeClaims = ["exp", "nbf", "iat"];

    private async ValueTask<CredentialVerificationResult> VerifyJwtAsync(string token, CancellationToken cancellationToken)
    {
        var read = Jws.ReadCompact(token, Options.JwsReaderOptions);
        if (!read.Succeeded)
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.InvalidJws, "The JWS is malformed or its algorithm is not allowed.", read.Problem));
        }

        var jws = read.Token!;

        // The usual vc+jwt is read from its bytes, and its JSON is built only if a caller asks for it; anything else is read as a tree.
        if (jws.Type == CredentialFormats.VcJose && !Options.TreeOnly && JosePayload.TryRead(jws, Options.MaxJsonDepth, out var usual))
        {
            return await VerifyJoseAsync(jws, usual, cancellationToken).ConfigureAwait(false);
        }

        if (ParsePayload(jws, Options.MaxJsonDepth, out var payload) != StrictJsonStatus.Ok)
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.Malformed, "The JWT payload is not a JSON object within the limits."));
        }

        if (jws.Type == CredentialFormats.VcJose)
        {
            return await VerifyJoseAsync(jws, payload!, cancellationToken).ConfigureAwait(false);
        }

        if (payload!["vc"] is JsonObject)
        {
            return await VerifyJwt11Async(jws, payload, cancellationToken).ConfigureAwait(false);
        }

        return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.WrongType, "A JWT credential needs typ vc+jwt (VC-JOSE) or a vc claim (VC-JWT 1.1)."));
    }

    /// <summary>Parses the payload from a temporary buffer, cleared after use (it holds the credential's claims), so the token never keeps a decoded copy.</summary>
    internal static StrictJsonStatus ParsePayload(JwsToken jws, int maxDepth, out JsonObject? payload)
    {
        (var status, payload) = PayloadScan.ReadPayload(
            jws, maxDepth, static (depth, json) => (StrictJson.TryParseObject(json, depth, out var parsed), parsed));
        return status;
    }

    private async ValueTask<CredentialVerificationResult> VerifyJoseAsync(JwsToken jws, JsonObject credential, CancellationToken cancellationToken)
    {
        const string format = CredentialFormats.VcJose;
        if (!TryReadClaims(credential, out var claims, out var claimsProblem))
        {
            return new CredentialVerificationResult(format, null, credential, [claimsProblem]);
        }

        // The payload was parsed for this call only, so the model can wrap it without a copy.
        if (!VerifiableCredential.TryParse(credential, copy: false, out var vc, out var modelProblems))
        {
            return new CredentialVerificationResult(format, null, credential, modelProblems);
        }

        // VC-JOSE-COSE §3.1.2: registered claims that are present must not contradict the credential they secure.
        var problems = new List<Problem>();
        if (claims.Issuer is { } iss && iss != vc.Issuer)
        {
            problems.Add(new Problem(CredentialProblemCodes.IssuerMismatch, "The JWT iss differs from the credential's issuer."));
        }

        if (claims.Subject is { } sub && !HasSubject(vc.CredentialSubjects, sub))
        {
            problems.Add(new Problem(CredentialProblemCodes.SubjectMismatch, "The JWT sub is not the id of a credentialSubject."));
        }

        if (claims.JwtId is { } jti && vc.Id is { } id && jti != id)
        {
            problems.Add(new Problem(CredentialProblemCodes.IdMismatch, "The JWT jti differs from the credential's id."));
        }

        if (claims.NotBefore is { } nbf && vc.ValidFrom is { } validFrom && !SameSecond(nbf, validFrom))
        {
            problems.Add(new Problem(CredentialProblemCodes.ValidFromMismatch, "The JWT nbf differs from the credential's validFrom."));
        }

        if (claims.ExpirationTime is { } exp && vc.ValidUntil is { } validUntil && !SameSecond(exp, validUntil))
        {
            problems.Add(new Problem(CredentialProblemCodes.ValidUntilMismatch, "The JWT exp differs from the credential's validUntil."));
        }

        if (problems.Count > 0)
        {
            return new CredentialVerificationResult(format, vc.Issuer, credential, problems);
        }

        var trust = await CheckSignedCredentialAsync(jws, vc, format, claims.IssuedAt, claims.NotBefore, claims.ExpirationTime, problems, cancellationToken).ConfigureAwait(false);
        return new CredentialVerificationResult(format, vc.Issuer, credential, problems) { Trust = trust };
    }

    /// <summary>A <c>vc+jwt</c> whose payload <see cref="JosePayload"/> read and checked: the same checks from the signature on, the JSON built on first read.</summary>
    private async ValueTask<CredentialVerificationResult> VerifyJoseAsync(JwsToken jws, JosePayload payload, CancellationToken cancellationToken)
    {
        var json = new LazyCredentialJson(jws, Options.MaxJsonDepth);
        var vc = new VerifiableCredential(json, payload);
        var problems = new List<Problem>();
        var trust = await CheckSignedCredentialAsync(jws, vc, CredentialFormats.VcJose, payload.IssuedAt, payload.NotBefore, payload.ExpirationTime, problems, cancellationToken).ConfigureAwait(false);
        return new CredentialVerificationResult(CredentialFormats.VcJose, vc.Issuer, json, problems) { Trust = trust };
    }

    /// <summary>
    /// The checks of a JWT credential whose claims agree with it: the issuer's signature, then (only when it verifies)
    /// <c>iat</c>, the validity period, status and trust. Adds what fails to <paramref name="problems"/>; returns the trust decision, if one was asked.
    /// </summary>
    private async ValueTask<TrustPolicyResult?> CheckSignedCredentialAsync(JwsToken jws, VerifiableCredential vc, string format, DateTimeOffset? issuedAt, DateTimeOffset? notBefore, DateTimeOffset? expires, List<Problem> problems, CancellationToken cancellationToken)
    {
        var method = await CheckSignatureAsync(jws, vc.Issuer, VerificationRelationship.AssertionMethod, problems, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            return null;
        }

        CheckIssuedAt(issuedAt, problems);
        CheckValidity(vc, notBefore, expires, problems);
        return await CheckStatusAndTrustAsync(vc, format, issuedAt ?? vc.ValidFrom, method, problems, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<CredentialVerificationResult> VerifyJwt11Async(JwsToken jws, JsonObject payload, CancellationToken cancellationToken)
    {
        const string format = CredentialFormats.VcJwt11;
        if (!TryReadClaims(payload, out var claims, out var claimsProblem))
        {
            return CredentialVerificationResult.Fail(claimsProblem, format);
        }

        if (claims.Issuer is null)
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.InvalidIssuer, "A VC-JWT 1.1 needs an iss claim."), format);
        }

        // VC Data Model 1.1 §6.3.1: rebuild the credential from the JWT claims; claims present in both must agree.
        // The payload was parsed for this call only, so the vc object is detached from it rather than copied.
        var credential = payload["vc"]!.AsObject();
        payload.Remove("vc");
        var problems = new List<Problem>();
        if (!Merge(credential, "issuer", claims.Issuer))
        {
            problems.Add(new Problem(CredentialProblemCodes.IssuerMismatch, "The JWT iss differs from the credential's issuer."));
        }

        if (claims.JwtId is { } jti && !Merge(credential, "id", jti))
        {
            problems.Add(new Problem(CredentialProblemCodes.IdMismatch, "The JWT jti differs from the credential's id."));
        }

        if (claims.Subject is { } sub)
        {
            var subjects = VcDataModel.Objects(credential["credentialSubject"]);
            if (subjects is [{ } only] && only["id"] is null)
            {
                only["id"] = sub;
            }
            else if (!HasSubject(subjects, sub))
            {
                problems.Add(new Problem(CredentialProblemCodes.SubjectMismatch, "The JWT sub is not the id of a credentialSubject."));
            }
        }

        var v1 = VcDataModel.Nodes(credential["@context"]) is [JsonValue c, ..] && c.GetValueKind() == JsonValueKind.String && c.GetValue<string>() == VcDataModel.V1Context;
        if (claims.NotBefore is { } nbf && !MergeDate(credential, v1 ? "issuanceDate" : "validFrom", nbf))
        {
            problems.Add(new Problem(CredentialProblemCodes.ValidFromMismatch, $"The JWT nbf differs from the credential's {(v1 ? "issuanceDate" : "validFrom")}."));
        }

        if (claims.ExpirationTime is { } exp && !MergeDate(credential, v1 ? "expirationDate" : "validUntil", exp))
        {
            problems.Add(new Problem(CredentialProblemCodes.ValidUntilMismatch, $"The JWT exp differs from the credential's {(v1 ? "expirationDate" : "validUntil")}."));
        }

        // The credential was rebuilt for this call only, so the model can wrap it without another copy.
        if (!VerifiableCredential.TryParse(credential, copy: false, out var vc, out var modelProblems))
        {
            problems.AddRange(modelProblems);
            return new CredentialVerificationResult(format, claims.Issuer, credential, problems);
        }

        if (problems.Count > 0)
        {
            return new CredentialVerificationResult(format, claims.Issuer, credential, problems);
        }

        // The credential's issuer is the JWT's iss here (merged above, or the same).
        var trust = await CheckSignedCredentialAsync(jws, vc, format, claims.IssuedAt, claims.NotBefore, claims.ExpirationTime, problems, cancellationToken).ConfigureAwait(false);
        return new CredentialVerificationResult(format, claims.Issuer, credential, problems) { Trust = trust };
    }

    /// <summary>Reads the registered claims; a time claim that is present but unreadable is <see cref="CredentialProblemCodes.InvalidTimeClaim"/>, never "absent".</summary>
    internal static bool TryReadClaims(JsonObject payload, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JwtClaims? claims, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out Problem? problem)
    {
        if (JwtClaims.TryParse(payload, out claims, out var cause))
        {
            problem = null;
            return true;
        }

        foreach (var name in TimeClaims)
        {
            if (payload.TryGetPropertyValue(name, out var node) && !IsNumericDate(node))
            {
                problem = new Problem(CredentialProblemCodes.InvalidTimeClaim, $"The '{name}' claim is not a NumericDate in range (RFC 7519 §2).", cause);
                return false;
            }
        }

        problem = new Problem(CredentialProblemCodes.Malformed, "A registered JWT claim has the wrong type (RFC 7519 §4.1).", cause);
        return false;
    }

    private static bool IsNumericDate(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var seconds)
        && JwtClaims.TryConvertNumericDate(seconds, out _);

    private static bool HasSubject(IReadOnlyList<JsonObject> subjects, string id)
    {
        foreach (var subject in subjects)
        {
            if (StringValue(subject["id"]) == id)
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameSecond(DateTimeOffset a, DateTimeOffset b) => a.ToUnixTimeSeconds() == b.ToUnixTimeSeconds();

    /// <summary>Sets <paramref name="name"/> when absent; <see langword="false"/> when present and different.</summary>
    private static bool Merge(JsonObject credential, string name, string value)
    {
        var existing = credential[name] switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonObject o => StringValue(o["id"]),
            null => null,
            _ => string.Empty,
        };
        if (existing is null && credential[name] is null)
        {
            credential[name] = value;
            return true;
        }

        return existing == value;
    }

    private static bool MergeDate(JsonObject credential, string name, DateTimeOffset value)
    {
        if (credential[name] is null)
        {
            credential[name] = value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            return true;
        }

        // An unreadable date is the data model check's to report.
        return StringValue(credential[name]) is not { } text || !VcDataModel.TryParseDateTimeStamp(text, out var existing) || SameSecond(existing, value);
    }
}
