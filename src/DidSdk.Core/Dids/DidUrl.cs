using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace DidSdk.Core.Dids;

/// <summary>
/// A DID URL: <c>did path-abempty [ "?" query ] [ "#" fragment ]</c>, per
/// <see href="https://www.w3.org/TR/did-core/#did-url-syntax">DID Core 1.0 §3.2 DID URL Syntax</see> and RFC 3986 §3.3–§3.5.
/// </summary>
/// <remarks>Equality is ordinal on the whole string.</remarks>
public sealed class DidUrl : IEquatable<DidUrl>, IParsable<DidUrl>
{
    private static readonly IReadOnlyDictionary<string, string> NoParameters = FrozenDictionary<string, string>.Empty;

    private readonly string _value;
    private IReadOnlyDictionary<string, string>? _queryParameters;

    private DidUrl(string value, Did did, string? path, string? query, string? fragment)
    {
        _value = value;
        Did = did;
        Path = path;
        Query = query;
        Fragment = fragment;
    }

    /// <summary>The DID this URL starts with.</summary>
    public Did Did { get; }

    /// <summary>The <c>path-abempty</c> including its leading <c>/</c>, or <see langword="null"/> when empty.</summary>
    public string? Path { get; }

    /// <summary>The query without the <c>?</c>, or <see langword="null"/> when there is no <c>?</c>.</summary>
    public string? Query { get; }

    /// <summary>The fragment without the <c>#</c>, or <see langword="null"/> when there is no <c>#</c>.</summary>
    public string? Fragment { get; }

    /// <summary>Whether the URL is just the DID (no path, query or fragment).</summary>
    public bool IsPlainDid => Path is null && Query is null && Fragment is null;

    /// <summary>The DID URL without its fragment (the resource a fragment is dereferenced within).</summary>
    public string WithoutFragment => Fragment is null ? _value : _value[..(_value.Length - Fragment.Length - 1)];

    /// <summary>
    /// The query split on <c>&amp;</c> into <c>name=value</c> pairs, percent-decoded (RFC 3986; <c>+</c> is not a space).
    /// A name that appears twice keeps its first value; <see cref="HasRepeatedQueryParameter"/> reports that.
    /// </summary>
    public IReadOnlyDictionary<string, string> QueryParameters => _queryParameters ??= ParseQuery(Query, out _);

    /// <summary>Whether a query parameter name appears more than once (DID Resolution forbids that for <c>service</c>, <c>relativeRef</c>...).</summary>
    public bool HasRepeatedQueryParameter
    {
        get
        {
            ParseQuery(Query, out var repeated);
            return repeated;
        }
    }

    internal static DidUrl FromDid(Did did) => new(did.ToString(), did, null, null, null);

    /// <summary>Parses a DID URL; never throws. Problems use <see cref="DidProblemCodes"/>.</summary>
    /// <param name="value">The candidate absolute DID URL.</param>
    /// <param name="didUrl">The parsed DID URL.</param>
    /// <param name="problem">Why <paramref name="value"/> is not a DID URL.</param>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out DidUrl? didUrl, [NotNullWhen(false)] out Problem? problem)
    {
        didUrl = null;
        if (string.IsNullOrEmpty(value) || value.Length > DidSyntax.MaxLength)
        {
            problem = new Problem(DidProblemCodes.InvalidLength, $"A DID URL must have 1 to {DidSyntax.MaxLength} characters.");
            return false;
        }

        var didEnd = value.AsSpan().IndexOfAny('/', '?', '#');
        if (didEnd == 0)
        {
            problem = new Problem(DidProblemCodes.InvalidScheme, "A DID URL must start with 'did:'; relative DID URLs need a base DID.");
            return false;
        }

        var didPart = didEnd < 0 ? value : value[..didEnd];
        problem = Did.Validate(didPart, out var methodEnd);
        if (problem is not null)
        {
            return false;
        }

        var did = Did.CreateUnchecked(didPart, methodEnd);
        if (didEnd < 0)
        {
            didUrl = new DidUrl(value, did, null, null, null);
            return true;
        }

        var rest = value.AsSpan(didEnd);
        var hash = rest.IndexOf('#');
        var beforeFragment = hash < 0 ? rest : rest[..hash];
        var question = beforeFragment.IndexOf('?');
        var pathSpan = question < 0 ? beforeFragment : beforeFragment[..question];

        string? path = null, query = null, fragment = null;
        if (!pathSpan.IsEmpty)
        {
            if (!DidSyntax.IsValidComponent(pathSpan, "/", out var bad))
            {
                problem = Bad(bad, DidProblemCodes.InvalidPath, "The DID URL path has a character outside RFC 3986 pchar.");
                return false;
            }

            path = pathSpan.ToString();
        }

        if (question >= 0)
        {
            var q = beforeFragment[(question + 1)..];
            if (!DidSyntax.IsValidComponent(q, "/?", out var bad))
            {
                problem = Bad(bad, DidProblemCodes.InvalidQuery, "The DID URL query has a character outside RFC 3986 query.");
                return false;
            }

            query = q.ToString();
        }

        if (hash >= 0)
        {
            var f = rest[(hash + 1)..];
            if (!DidSyntax.IsValidComponent(f, "/?", out var bad))
            {
                problem = Bad(bad, DidProblemCodes.InvalidFragment, "The DID URL fragment has a character outside RFC 3986 fragment.");
                return false;
            }

            fragment = f.ToString();
        }

        didUrl = new DidUrl(value, did, path, query, fragment);
        return true;
    }

    /// <summary>Parses a DID URL; never throws.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out DidUrl? didUrl) => TryParse(value, out didUrl, out _);

    /// <summary>Parses a DID URL.</summary>
    /// <exception cref="FormatException"><paramref name="value"/> is not a conforming DID URL.</exception>
    public static DidUrl Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var url, out var problem) ? url : throw new FormatException(problem.Message);
    }

    /// <summary>
    /// Resolves a DID URL that may be relative against a base DID, per
    /// <see href="https://www.w3.org/TR/did-core/#relative-did-urls">DID Core 1.0 §3.2.2 Relative DID URLs</see> (RFC 3986 §5.2):
    /// an absolute DID URL is parsed as is; <c>#fragment</c>, <c>?query</c> and <c>/path</c> references are appended to
    /// <paramref name="baseDid"/>. Other relative forms are rejected because a DID has no hierarchical path to merge with.
    /// </summary>
    public static bool TryResolveRelative([NotNullWhen(true)] string? reference, Did baseDid, [NotNullWhen(true)] out DidUrl? didUrl, [NotNullWhen(false)] out Problem? problem)
    {
        ArgumentNullException.ThrowIfNull(baseDid);
        didUrl = null;
        if (string.IsNullOrEmpty(reference))
        {
            problem = new Problem(DidProblemCodes.InvalidRelativeReference, "The DID URL reference is empty.");
            return false;
        }

        if (reference.StartsWith("did:", StringComparison.Ordinal))
        {
            return TryParse(reference, out didUrl, out problem);
        }

        if (reference[0] is '#' or '?' or '/')
        {
            return TryParse(string.Concat(baseDid.ToString(), reference), out didUrl, out problem);
        }

        problem = new Problem(DidProblemCodes.InvalidRelativeReference, "A relative DID URL must start with '#', '?' or '/'.");
        return false;
    }

    /// <summary>
    /// Whether <paramref name="didUrl"/> is exactly the conforming DID <paramref name="did"/> followed by <c>#</c> and a valid
    /// fragment: what <see cref="TryParse(string?, out DidUrl?, out Problem?)"/> would accept with <see cref="Did"/> equal to
    /// <paramref name="did"/> and no path or query, checked without allocating. <see langword="false"/> says nothing about other forms.
    /// </summary>
    internal static bool IsDidWithFragment(string did, string didUrl) =>
        didUrl.Length > did.Length && didUrl.Length <= DidSyntax.MaxLength && didUrl[did.Length] == '#'
        && didUrl.StartsWith(did, StringComparison.Ordinal) && did.AsSpan().IndexOfAny('/', '?', '#') < 0
        && Did.Validate(did, out _) is null && DidSyntax.IsValidComponent(didUrl.AsSpan(did.Length + 1), "/?", out _);

    private static Problem Bad(bool badPercent, string code, string message) =>
        badPercent ? new Problem(DidProblemCodes.InvalidPercentEncoding, "A '%' is not followed by two hex digits.") : new Problem(code, message);

    private static IReadOnlyDictionary<string, string> ParseQuery(string? query, out bool repeated)
    {
        repeated = false;
        if (string.IsNullOrEmpty(query))
        {
            return NoParameters;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var range in query.AsSpan().Split('&'))
        {
            var pair = query.AsSpan(range);
            if (pair.IsEmpty)
            {
                continue;
            }

            var eq = pair.IndexOf('=');
            var name = Uri.UnescapeDataString(eq < 0 ? pair.ToString() : pair[..eq].ToString());
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..].ToString());
            if (!result.TryAdd(name, value))
            {
                repeated = true;
            }
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    static DidUrl IParsable<DidUrl>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static bool IParsable<DidUrl>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out DidUrl result) =>
        TryParse(s, out result);

    /// <inheritdoc/>
    public bool Equals(DidUrl? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DidUrl);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Compares two DID URLs ordinally.</summary>
    public static bool operator ==(DidUrl? left, DidUrl? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two DID URLs ordinally.</summary>
    public static bool operator !=(DidUrl? left, DidUrl? right) => !(left == right);

    /// <summary>The DID URL string.</summary>
    public override string ToString() => _value;
}
