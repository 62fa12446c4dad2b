using System.Diagnostics.CodeAnalysis;

namespace DidSdk.Core.Dids;

/// <summary>
/// A decentralized identifier: <c>did:method-name:method-specific-id</c>, validated exactly against the ABNF of
/// <see href="https://www.w3.org/TR/did-core/#did-syntax">DID Core 1.0 §3.1 DID Syntax</see>.
/// </summary>
/// <remarks>
/// Two DIDs are equal when their strings are equal ordinally; no case folding or percent-decoding is applied, because
/// DID Core defines none and methods may treat those forms as different identifiers.
/// </remarks>
public sealed class Did : IEquatable<Did>, IParsable<Did>
{
    private readonly string _value;
    private readonly int _methodEnd;

    // Made on first use: verifying a signature parses DIDs without reading their parts.
    private string? _method;
    private string? _methodSpecificId;

    private Did(string value, int methodEnd)
    {
        _value = value;
        _methodEnd = methodEnd;
    }

    /// <summary>The <c>method-name</c> (lowercase letters and digits).</summary>
    public string Method => Volatile.Read(ref _method) ?? Interlocked.CompareExchange(ref _method, _value[4.._methodEnd], null) ?? _method;

    /// <summary>The <c>method-specific-id</c>, exactly as written (still percent-encoded).</summary>
    public string MethodSpecificId =>
        Volatile.Read(ref _methodSpecificId) ?? Interlocked.CompareExchange(ref _methodSpecificId, _value[(_methodEnd + 1)..], null) ?? _methodSpecificId;

    /// <summary>Parses a DID; returns <see langword="false"/> and a problem (codes in <see cref="DidProblemCodes"/>) for anything that does not conform. Never throws.</summary>
    /// <param name="value">The candidate DID (no path, query or fragment).</param>
    /// <param name="did">The parsed DID.</param>
    /// <param name="problem">Why <paramref name="value"/> is not a DID.</param>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out Did? did, [NotNullWhen(false)] out Problem? problem)
    {
        did = null;
        if (value is not null && value.AsSpan().IndexOfAny('/', '?', '#') >= 0)
        {
            problem = DidUrl.TryParse(value, out _, out var urlProblem)
                ? new Problem(DidProblemCodes.NotAPlainDid, "A DID was expected; this is a DID URL with a path, query or fragment.")
                : urlProblem;
            return false;
        }

        problem = Validate(value, out var methodEnd);
        if (problem is not null)
        {
            return false;
        }

        did = new Did(value!, methodEnd);
        return true;
    }

    /// <summary>Parses a DID; returns <see langword="false"/> for anything that does not conform. Never throws.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out Did? did) => TryParse(value, out did, out _);

    /// <summary>Whether <paramref name="value"/> is a conforming DID.</summary>
    public static bool IsValid([NotNullWhen(true)] string? value) => TryParse(value, out _, out _);

    /// <summary>Parses a DID.</summary>
    /// <exception cref="FormatException"><paramref name="value"/> is not a conforming DID.</exception>
    public static Did Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var did, out var problem) ? did : throw new FormatException(problem.Message);
    }

    internal static Did CreateUnchecked(string value, int methodEnd) => new(value, methodEnd);

    /// <summary>Validates the <c>did</c> production; returns the end index of the method name.</summary>
    internal static Problem? Validate(string? value, out int methodEnd)
    {
        methodEnd = -1;
        if (string.IsNullOrEmpty(value) || value.Length > DidSyntax.MaxLength)
        {
            return new Problem(DidProblemCodes.InvalidLength, $"A DID must have 1 to {DidSyntax.MaxLength} characters.");
        }

        if (!value.StartsWith("did:", StringComparison.Ordinal))
        {
            return new Problem(DidProblemCodes.InvalidScheme, "A DID must start with 'did:'.");
        }

        var i = 4;
        while (i < value.Length && DidSyntax.IsMethodChar(value[i]))
        {
            i++;
        }

        if (i == 4 || i >= value.Length || value[i] != ':')
        {
            return new Problem(DidProblemCodes.InvalidMethodName, "The DID method name must be one or more of a-z and 0-9, followed by ':'.");
        }

        methodEnd = i;
        if (!DidSyntax.IsValidMethodSpecificId(value.AsSpan(i + 1), out var badPercent))
        {
            return badPercent
                ? new Problem(DidProblemCodes.InvalidPercentEncoding, "A '%' in the method-specific id is not followed by two hex digits.")
                : new Problem(DidProblemCodes.InvalidMethodSpecificId, "The method-specific id is empty, ends with ':' or has a character outside idchar.");
        }

        return null;
    }

    /// <summary>This DID as a DID URL (no path, query or fragment).</summary>
    public DidUrl ToDidUrl() => DidUrl.FromDid(this);

    /// <inheritdoc/>
    static Did IParsable<Did>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static bool IParsable<Did>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out Did result) =>
        TryParse(s, out result);

    /// <inheritdoc/>
    public bool Equals(Did? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Did);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Compares two DIDs ordinally.</summary>
    public static bool operator ==(Did? left, Did? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two DIDs ordinally.</summary>
    public static bool operator !=(Did? left, Did? right) => !(left == right);

    /// <summary>The DID string.</summary>
    public override string ToString() => _value;
}
