using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace DidSdk.Crypto;

/// <summary>
/// The process-wide cache of imported public keys, keyed by key type and the exact encoding that was imported, so a
/// key seen again (a holder's <c>cnf.jwk</c>, an issuer JWK, a did:key) skips point validation and reuses the
/// platform key built for it (an ES256 platform key costs several verifications to build).
/// </summary>
/// <remarks>
/// Bounded against inputs that present many distinct keys: two generations of at most <see cref="GenerationCapacity"/>
/// entries each. New keys go into the current generation; when it is full it becomes the previous one and the old
/// previous generation is dropped. A key found in the previous generation moves into the current one, so keys in
/// steady use stay while a flood of one-off keys passes through. Lookups take no lock and allocate nothing.
/// </remarks>
internal static class PublicKeyCache
{
    /// <summary>The entries one generation holds; the cache holds at most twice this many.</summary>
    internal const int GenerationCapacity = 512;

    // 1 byte of key type + a 65-byte uncompressed EC point is the longest encoding TryImport accepts.
    private const int MaxKeyLength = 66;

    private static readonly Lock SwapLock = new();
    private static Generation _current = new();
    private static Generation _previous = new();

    /// <summary>The number of cached keys (both generations).</summary>
    internal static int Count => Volatile.Read(ref _current).Count + Volatile.Read(ref _previous).Count;

    internal static bool TryGet(KeyType keyType, ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out PublicKeyMaterial? key)
    {
        key = null;
        if (encoded.Length >= MaxKeyLength)
        {
            return false;
        }

        Span<byte> lookupKey = stackalloc byte[MaxKeyLength];
        lookupKey[0] = (byte)keyType;
        encoded.CopyTo(lookupKey[1..]);
        lookupKey = lookupKey[..(encoded.Length + 1)];
        var current = Volatile.Read(ref _current);
        if (current.TryGet(lookupKey, out key))
        {
            return true;
        }

        if (!Volatile.Read(ref _previous).TryGet(lookupKey, out key))
        {
            return false;
        }

        Add(lookupKey, key);
        return true;
    }

    internal static void Add(KeyType keyType, ReadOnlySpan<byte> encoded, PublicKeyMaterial key)
    {
        if (encoded.Length >= MaxKeyLength)
        {
            return;
        }

        Span<byte> lookupKey = stackalloc byte[MaxKeyLength];
        lookupKey[0] = (byte)keyType;
        encoded.CopyTo(lookupKey[1..]);
        Add(lookupKey[..(encoded.Length + 1)], key);
    }

    /// <summary>Empties the cache (tests).</summary>
    internal static void Clear()
    {
        lock (SwapLock)
        {
            Volatile.Write(ref _previous, new Generation());
            Volatile.Write(ref _current, new Generation());
        }
    }

    private static void Add(ReadOnlySpan<byte> lookupKey, PublicKeyMaterial key)
    {
        var current = Volatile.Read(ref _current);
        if (current.Count >= GenerationCapacity)
        {
            lock (SwapLock)
            {
                current = Volatile.Read(ref _current);
                if (current.Count >= GenerationCapacity)
                {
                    Volatile.Write(ref _previous, current);
                    current = new Generation();
                    Volatile.Write(ref _current, current);
                }
            }
        }

        // A racing add may push a generation a few entries past its capacity (at most one per thread), never further.
        current.TryAdd(lookupKey.ToArray(), key);
    }

    private sealed class Generation
    {
        private readonly ConcurrentDictionary<byte[], PublicKeyMaterial> _entries = new(ByteKeyComparer.Instance);
        private readonly ConcurrentDictionary<byte[], PublicKeyMaterial>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
        private int _count;

        public Generation() => _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();

        public int Count => Volatile.Read(ref _count);

        public bool TryGet(ReadOnlySpan<byte> lookupKey, [NotNullWhen(true)] out PublicKeyMaterial? key) => _lookup.TryGetValue(lookupKey, out key);

        public void TryAdd(byte[] lookupKey, PublicKeyMaterial key)
        {
            if (_entries.TryAdd(lookupKey, key))
            {
                Interlocked.Increment(ref _count);
            }
        }
    }

    /// <summary>Compares keys by content; the hash is seeded per process, so chosen inputs cannot aim at one bucket.</summary>
    private sealed class ByteKeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteKeyComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = default(HashCode);
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
