using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core.Json;

namespace DidSdk.Core.Jose;

/// <summary>
/// A JWT Claims Set (RFC 7519 §4) with its registered claims typed. Parsing checks JSON syntax, limits and the types
/// of the registered claims; it does not judge times or audiences (see <see cref="JwtValidator"/>).
/// </summary>
public sealed class JwtClaims
{
    // NumericDate values outside DateTimeOffset's range cannot be compared meaningfully; they are rejected.
    private const double MinNumericDate = -62135596800d;
    private const double MaxNumericDate = 253402300799d;

    private JwtClaims(JsonObject claims)
    {
        Claims = claims;
    }

    /// <summary>
    /// Converts a NumericDate (RFC 7519 §2: seconds since the epoch, possibly non-integer) to a time (the seconds times
    /// ticks per second, rounded down, as a double computes it); <see langword="false"/> for a value that is not finite or lies outside <see cref="DateTimeOffset"/>'s range.
    /// </summary>
    /// <param name="seconds">The JSON number.</param>
    /// <param name="value">The time, on success.</param>
    public static bool TryConvertNumericDate(double seconds, out DateTimeOffset value)
    {
        if (double.IsFinite(seconds) && seconds is >= MinNumericDate and <= MaxNumericDate)
        {
            value = DateTimeOffset.UnixEpoch.AddTicks((long)Math.Floor(seconds * TimeSpan.TicksPerSecond));
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>All claims, parsed. Treat as read-only.</summary>
    public JsonObject Claims { get; }

    /// <summary><c>iss</c> (RFC 7519 §4.1.1).</summary>
    public string? Issuer { get; private set; }

    /// <summary><c>sub</c> (RFC 7519 §4.1.2).</summary>
    public string? Subject { get; private set; }

    /// <summary><c>aud</c> (RFC 7519 §4.1.3): a single string or an array of strings; empty when absent.</summary>
    public IReadOnlyList<string> Audience { get; private set; } = [];

    /// <summary><c>exp</c> (RFC 7519 §4.1.4), from its NumericDate.</summary>
    public DateTimeOffset? ExpirationTime { get; private set; }

    /// <summary><c>nbf</c> (RFC 7519 §4.1.5), from its NumericDate.</summary>
    public DateTimeOffset? NotBefore { get; private set; }

    /// <summary><c>iat</c> (RFC 7519 §4.1.6), from its NumericDate.</summary>
    public DateTimeOffset? IssuedAt { get; private set; }

    /// <summary><c>jti</c> (RFC 7519 §4.1.7).</summary>
    public string? JwtId { get; private set; }

    /// <summary><c>nonce</c> (OpenID Connect Core §2, IANA "JSON Web Token Claims" registry).</summary>
    public string? Nonce { get; private set; }

    /// <summary>
    /// Parses a JWT Claims Set from UTF-8 JSON (typically <see cref="JwsToken.Payload"/>). Never throws for invalid input.
    /// </summary>
    /// <param name="utf8Json">The claims JSON.</param>
    /// <param name="claims">The claims, when valid.</param>
    /// <param name="problem">A <see cref="JoseProblemCodes.ClaimsMalformed"/> problem, when invalid.</param>
    /// <param name="maxDepth">The maximum JSON nesting depth (default 32).</param>
    public static bool TryParse(
        ReadOnlySpan<byte> utf8Json,
        [NotNullWhen(true)] out JwtClaims? claims,
        [NotNullWhen(false)] out Problem? problem,
        int maxDepth = StrictJson.DefaultMaxDepth)
    {
        claims = null;
        var status = StrictJson.TryParseObject(utf8Json, maxDepth, out var obj);
        if (status != StrictJsonStatus.Ok)
        {
            problem = new Problem(JoseProblemCodes.ClaimsMalformed, status switch
            {
                StrictJsonStatus.TooDeep => $"The claims nest deeper than {maxDepth} levels.",
                StrictJsonStatus.DuplicateMember => "The claims have a duplicate member name (RFC 7519 §4).",
                _ => "The JWT Claims Set is not a UTF-8 JSON object.",
            });
            return false;
        }

        var result = new JwtClaims(obj!);
        problem = result.ReadRegistered();
        if (problem is not null)
        {
            return false;
        }

        claims = result;
        return true;
    }

    /// <summary>
    /// Reads the registered claims of an already parsed (and limit-checked) claims object, e.g. one a caller needed as a
    /// <see cref="JsonObject"/> anyway. The object is used as is, not copied. Never throws for invalid input.
    /// </summary>
    public static bool TryParse(JsonObject claimsObject, [NotNullWhen(true)] out JwtClaims? claims, [NotNullWhen(false)] out Problem? problem)
    {
        ArgumentNullException.ThrowIfNull(claimsObject);
        claims = null;
        var result = new JwtClaims(claimsObject);
        problem = result.ReadRegistered();
        if (problem is not null)
        {
            return false;
        }

        claims = result;
        return true;
    }

    private Problem? ReadRegistered()
    {
        if (!TryReadString("iss", out var iss, out var problem) || !TryReadString("sub", out var sub, out problem)
            || !TryReadString("jti", out var jti, out problem) || !TryReadString("nonce", out var nonce, out problem)
            || !TryReadDate("exp", out var exp, out problem) || !TryReadDate("nbf", out var nbf, out problem)
            || !TryReadDate("iat", out var iat, out problem))
        {
            return problem;
        }

        Issuer = iss;
        Subject = sub;
        JwtId = jti;
        Nonce = nonce;
        ExpirationTime = exp;
        NotBefore = nbf;
        IssuedAt = iat;

        if (Claims.TryGetPropertyValue("aud", out var aud))
        {
            switch (aud)
            {
                case JsonValue v when v.TryGetValue<string>(out var single):
                    Audience = [single];
                    break;
                case JsonArray array:
                    var list = new string[array.Count];
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i] is not JsonValue item || !item.TryGetValue<string>(out var value))
                        {
                            return Malformed("aud");
                        }

                        list[i] = value;
                    }

                    Audience = list;
                    break;
                default:
                    return Malformed("aud");
            }
        }

        return null;
    }

    private bool TryReadString(string name, out string? value, out Problem? problem)
    {
        value = null;
        problem = null;
        if (!Claims.TryGetPropertyValue(name, out var node))
        {
            return true;
        }

        if (node is JsonValue v && v.TryGetValue(out value))
        {
            return true;
        }

        problem = Malformed(name);
        return false;
    }

    private bool TryReadDate(string name, out DateTimeOffset? value, out Problem? problem)
    {
        value = null;
        problem = null;
        if (!Claims.TryGetPropertyValue(name, out var node))
        {
            return true;
        }

        // RFC 7519 §2: NumericDate is a JSON numeric value, possibly non-integer; strings are not NumericDates.
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var seconds)
            && TryConvertNumericDate(seconds, out var date))
        {
            value = date;
            return true;
        }

        problem = new Problem(JoseProblemCodes.ClaimsMalformed, $"Claim '{name}' is not a NumericDate (RFC 7519 §2).");
        return false;
    }

    private static Problem Malformed(string name) =>
        new(JoseProblemCodes.ClaimsMalformed, $"Claim '{name}' has the wrong type (RFC 7519 §4.1).");
}
