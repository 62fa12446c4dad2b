using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace DidSdk.JsonLd.Processing;

/// <summary>
/// Processed active contexts, shared by every document and thread: the result of processing a local context that is part
/// of a bundled context document (immutable, compared by reference) on top of an active context named by its
/// <see cref="ActiveContext.Token"/>, with the same base URL, remote-context chain and flags. An entry also records the
/// documents its processing loaded (checked again on every hit, so a loader that maps a URL elsewhere never gets another
/// loader's result) and the context and work units it charged (charged again on every hit, so limits hold as without the
/// cache). Bounded: when full, it starts again empty.
/// </summary>
internal static class ContextCache
{
    /// <summary>The most entries kept.</summary>
    public const int Capacity = 512;

    private static readonly ConcurrentDictionary<Key, Entry> Entries = new();

    /// <summary>The number of entries (for tests).</summary>
    public static int Count => Entries.Count;

    public static bool TryGet(in Key key, out Entry entry) => Entries.TryGetValue(key, out entry!);

    public static void Add(in Key key, Entry entry)
    {
        if (Entries.Count >= Capacity)
        {
            Entries.Clear();
        }

        Entries.TryAdd(key, entry);
    }

    /// <summary>Empties the cache (for tests).</summary>
    public static void Clear() => Entries.Clear();

    /// <summary>The remote-context chain as one string, each URL with its length so that no two chains share a key.</summary>
    public static string RemoteKey(List<string>? remoteContexts)
    {
        if (remoteContexts is null || remoteContexts.Count == 0)
        {
            return string.Empty;
        }

        var sb = new System.Text.StringBuilder();
        foreach (var url in remoteContexts)
        {
            sb.Append(url.Length).Append(':').Append(url);
        }

        return sb.ToString();
    }

    /// <summary>What a context processing depends on besides the loaded documents.</summary>
    public readonly struct Key(object token, JsonNode local, string? baseUrl, string remoteContexts, bool overrideProtected, bool propagate, bool validateScoped, int maxRemoteContextDepth)
        : IEquatable<Key>
    {
        private readonly object _token = token;
        private readonly JsonNode _local = local;
        private readonly string? _baseUrl = baseUrl;
        private readonly string _remoteContexts = remoteContexts;
        private readonly int _flags = (overrideProtected ? 1 : 0) | (propagate ? 2 : 0) | (validateScoped ? 4 : 0);
        private readonly int _maxRemoteContextDepth = maxRemoteContextDepth;

        public bool Equals(Key other) =>
            ReferenceEquals(_local, other._local) && _token.Equals(other._token) && _flags == other._flags
            && _maxRemoteContextDepth == other._maxRemoteContextDepth && string.Equals(_baseUrl, other._baseUrl, StringComparison.Ordinal)
            && string.Equals(_remoteContexts, other._remoteContexts, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(_local), _token, _flags, _maxRemoteContextDepth, _baseUrl, _remoteContexts);
    }

    /// <summary>A processed context (sealed), the documents loaded to make it and the units it charged.</summary>
    public sealed record Entry(ActiveContext Result, int Contexts, int Work, (string Url, JsonNode Document, string DocumentUrl)[] Loads);
}
