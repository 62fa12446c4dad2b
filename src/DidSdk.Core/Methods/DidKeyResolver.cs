using System.Collections.Concurrent;
using DidSdk.Core.Dids;
using DidSdk.Core.Resolution;

namespace DidSdk.Core.Methods;

/// <summary>Resolves did:key DIDs locally (no I/O); results are deterministic.</summary>
/// <remarks>
/// A did:key document is a function of the DID, so each resolver keeps the documents it built for the DIDs it saw
/// last (two generations of at most 256 each; a flood of one-off DIDs only cycles them) and a DID resolved again costs
/// a lookup, with or without a <see cref="CachingDidResolver"/> in front. An Ed25519 DID's derived X25519
/// <c>keyAgreement</c> key is computed when <see cref="DidDocument.KeyAgreement"/> is first read, not during
/// resolution; a key without an X25519 equivalent then has an empty <c>keyAgreement</c>.
/// </remarks>
public sealed class DidKeyResolver : IDidMethodResolver
{
    private const int GenerationCapacity = 256;

    private readonly DidKeyOptions _options;
    private readonly Lock _swapLock = new();
    private Generation _current = new();
    private Generation _previous = new();

    /// <summary>Creates a resolver.</summary>
    public DidKeyResolver(DidKeyOptions? options = null) => _options = options ?? DidKeyOptions.Default;

    /// <inheritdoc/>
    public string Method => DidKey.MethodName;

    /// <inheritdoc/>
    public Task<DidResolutionResult> ResolveAsync(string did, DidResolutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Resolve(did, options));
    }

    /// <summary>Resolves synchronously (did:key needs no I/O).</summary>
    public DidResolutionResult Resolve(string did, DidResolutionOptions? options = null)
    {
        if (!DidResolution.TryBegin(did, DidKey.MethodName, options, out var parsed, out var representation, out var failure))
        {
            return failure;
        }

        if (options?.VersionId is not null || options?.VersionTime is not null)
        {
            return DidResolutionResult.Failure(DidResolutionErrors.InvalidOptions, "did:key has no versions.");
        }

        var id = parsed.MethodSpecificId;
        if (TryGetCached(id, out var cached))
        {
            return DidResolutionResult.Success(cached, null, representation);
        }

        if (!DidKey.TryDecode(id, out var key, out var error, out var message))
        {
            return DidResolutionResult.Failure(error, message);
        }

        if (!DidKey.TryCreateDocument(key, _options, out var document, id, deferKeyAgreement: true))
        {
            return DidResolutionResult.Failure(DidResolutionErrors.InvalidPublicKey, "The Ed25519 key has no X25519 equivalent.");
        }

        Add(id, document);
        return DidResolutionResult.Success(document, null, representation);
    }

    private bool TryGetCached(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DidDocument? document)
    {
        if (Volatile.Read(ref _current).Entries.TryGetValue(id, out document))
        {
            return true;
        }

        if (!Volatile.Read(ref _previous).Entries.TryGetValue(id, out document))
        {
            return false;
        }

        Add(id, document);
        return true;
    }

    private void Add(string id, DidDocument document)
    {
        var current = Volatile.Read(ref _current);
        if (Volatile.Read(ref current.Count) >= GenerationCapacity)
        {
            lock (_swapLock)
            {
                current = Volatile.Read(ref _current);
                if (Volatile.Read(ref current.Count) >= GenerationCapacity)
                {
                    Volatile.Write(ref _previous, current);
                    current = new Generation();
                    Volatile.Write(ref _current, current);
                }
            }
        }

        // A racing add may push a generation a few entries past its capacity (at most one per thread), never further.
        if (current.Entries.TryAdd(id, document))
        {
            Interlocked.Increment(ref current.Count);
        }
    }

    private sealed class Generation
    {
        public readonly ConcurrentDictionary<string, DidDocument> Entries = new(StringComparer.Ordinal);
        public int Count;
    }
}
