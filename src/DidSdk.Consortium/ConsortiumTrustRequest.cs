using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DidSdk.Consortium;

/// <summary>What a <see cref="ConsortiumTrustPolicy"/> checks: who issued which types when, signed with which key.</summary>
public sealed class ConsortiumTrustRequest
{
    /// <summary>The issuer's DID.</summary>
    public required string Issuer { get; init; }

    /// <summary>The credential types to be accredited for (an SD-JWT VC <c>vct</c>, or the VC <c>type</c> values besides <c>VerifiableCredential</c>). Every one must be accredited.</summary>
    public required IReadOnlyList<string> CredentialTypes { get; init; }

    /// <summary>The issuance time the credential claims (<c>iat</c>, else <c>validFrom</c>, <c>issuanceDate</c>, <c>nbf</c>).</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>Whether the credential carries an issuance claim that could not be read (never treated as absent).</summary>
    public bool IssuanceTimeUnreadable { get; init; }

    /// <summary>The verification method that signed the credential (a DID URL), when the verifier tells it.</summary>
    public string? VerificationMethod { get; init; }

    /// <summary>The "now" of a trust-now check (the verifier's clock); <see langword="null"/> for the policy's own clock.</summary>
    public DateTimeOffset? VerificationTime { get; init; }

    /// <summary>Reads the types and the issuance time from the verified credential JSON (VC data model, or SD-JWT VC claims).</summary>
    public static ConsortiumTrustRequest FromCredential(string issuer, JsonObject credential, string? verificationMethod = null)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(credential);
        var types = new List<string>();
        if (credential.TryGetPropertyValue("vct", out var vct))
        {
            if (vct is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0)
            {
                types.Add(s);
            }
        }
        else if (credential.TryGetPropertyValue("type", out var type))
        {
            foreach (var node in type is JsonArray array ? [.. array] : new[] { type })
            {
                if (node is JsonValue t && t.TryGetValue<string>(out var name) && name.Length > 0)
                {
                    if (name != "VerifiableCredential")
                    {
                        types.Add(name);
                    }
                }
                else
                {
                    // An unreadable type entry: nothing this credential names can be trusted to be complete.
                    types.Clear();
                    break;
                }
            }
        }

        var (issuedAt, unreadable) = ReadIssuanceTime(credential);
        return new ConsortiumTrustRequest
        {
            Issuer = issuer,
            CredentialTypes = types,
            IssuedAt = issuedAt,
            IssuanceTimeUnreadable = unreadable,
            VerificationMethod = verificationMethod,
        };
    }

    private static (DateTimeOffset? Time, bool Unreadable) ReadIssuanceTime(JsonObject credential)
    {
        foreach (var name in (ReadOnlySpan<string>)["iat", "validFrom", "issuanceDate", "nbf"])
        {
            if (!credential.TryGetPropertyValue(name, out var node))
            {
                continue;
            }

            if (node is not JsonValue value)
            {
                return (null, true);
            }

            if (name is "iat" or "nbf")
            {
                return value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var seconds) && seconds is >= 0 and <= 253_402_300_799
                    ? (DateTimeOffset.FromUnixTimeSeconds(seconds), false)
                    : (null, true);
            }

            return value.TryGetValue<string>(out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? (time, false)
                : (null, true);
        }

        return (null, false);
    }
}
