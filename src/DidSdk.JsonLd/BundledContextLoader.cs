using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DidSdk.Core;

namespace DidSdk.JsonLd;

/// <summary>
/// The contexts credentials use, bundled in the assembly and checked against their pinned SHA-256 when first loaded
/// (a mismatch is <see cref="JsonLdProblemCodes.ContextHashMismatch"/>). Never touches the network: any other URL is
/// <see cref="JsonLdProblemCodes.ContextNotAvailable"/>. Thread-safe; parsed documents are shared and must not be modified.
/// </summary>
public sealed class BundledContextLoader : IJsonLdDocumentLoader
{
    private static readonly FrozenDictionary<string, (string Resource, string Sha256)> Bundled = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["https://www.w3.org/2018/credentials/v1"] = ("credentials-v1", "ab4ddd9a531758807a79a5b450510d61ae8d147eab966cc9a200c07095b0cdcc"),
        ["https://www.w3.org/ns/credentials/v2"] = ("credentials-v2", "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734"),
        ["https://www.w3.org/2018/credentials/examples/v1"] = ("credentials-examples-v1", "2070ae4e75bc3b4c2cfe2b8b6e86ec45119672bbb5da283f0399ea96c60a0104"),
        ["https://www.w3.org/ns/credentials/examples/v2"] = ("credentials-examples-v2", "57393fbc69d6efb9b9b5dc9cb6b9880b0944360abfe2eaf459c9e58cf2279d7c"),
        ["https://w3id.org/security/data-integrity/v1"] = ("data-integrity-v1", "b5d829bd09aa7c42abc6efa0c8ed7635313b5487f37ccfce3ecd149ca9418554"),
        ["https://w3id.org/security/data-integrity/v2"] = ("data-integrity-v2", "67f21e6e33a6c14e5ccfd2fc7865f7474fb71a04af7e94136cb399dfac8ae8f4"),
        ["https://w3id.org/security/multikey/v1"] = ("multikey-v1", "ba2c182de2d92f7e47184bcca8fcf0beaee6d3986c527bf664c195bbc7c58597"),
        ["https://w3id.org/security/jwk/v1"] = ("jwk-v1", "0f14b62f6071aafe00df265770ea0c7508e118247d79b7d861a406d2aa00bece"),
        ["https://www.w3.org/ns/did/v1"] = ("did-v1", "4f3eae5568c9c5f036a082088f9e192019ee06faa78973c87ff91d5421b88dad"),
        ["https://www.w3.org/ns/credentials/status/v1"] = ("bitstring-status-list-v1", "fda5add353231e6a6884a46b12e6c75464281900cb348284d9c360f62381d9f7"),
        ["https://w3id.org/vc/status-list/2021/v1"] = ("status-list-2021-v1", "6dd06a52bedb771e059c1083ba8ba7848dce22f6b4a8cfa0b98ba3fc188870e4"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly Lazy<FrozenDictionary<string, JsonLdDocumentLoadResult>> Loaded = new(LoadAll);

    private static readonly Lazy<HashSet<JsonNode>> Roots = new(() =>
    {
        var roots = new HashSet<JsonNode>(ReferenceEqualityComparer.Instance);
        foreach (var (_, result) in Loaded.Value)
        {
            if (result.Succeeded)
            {
                roots.Add(result.Document);
            }
        }

        return roots;
    });

    /// <summary>The shared instance.</summary>
    public static BundledContextLoader Instance { get; } = new();

    /// <summary>The URLs of the bundled contexts.</summary>
    public static IReadOnlyCollection<string> Urls => Bundled.Keys;

    /// <summary>The pinned SHA-256 (lowercase hex) of the bundled context at <paramref name="url"/>, or <see langword="null"/>.</summary>
    public static string? PinnedSha256(string url) => Bundled.TryGetValue(url, out var entry) ? entry.Sha256 : null;

    /// <summary>The exact bytes of the bundled context at <paramref name="url"/>, or <see langword="null"/>.</summary>
    public static byte[]? GetBytes(string url) => Bundled.TryGetValue(url, out var entry) ? Read(entry.Resource) : null;

    /// <inheritdoc/>
    public Task<JsonLdDocumentLoadResult> LoadDocumentAsync(string url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Task.FromResult(Load(url));
    }

    /// <summary>The bundled context at <paramref name="url"/>, synchronously.</summary>
    public static JsonLdDocumentLoadResult Load(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Loaded.Value.TryGetValue(url, out var result)
            ? result
            : JsonLdDocumentLoadResult.Failure(new Problem(JsonLdProblemCodes.ContextNotAvailable, "The context is not bundled and no loader that fetches it is configured."));
    }

    /// <summary>
    /// Whether <paramref name="node"/> is part of a bundled context document: those are parsed once, never handed out for
    /// changing, and so can be cached by reference (<see cref="Processing.ContextCache"/>).
    /// </summary>
    internal static bool IsBundled(JsonNode node) => Roots.Value.Contains(node.Root);

    private static FrozenDictionary<string, JsonLdDocumentLoadResult> LoadAll()
    {
        var results = new Dictionary<string, JsonLdDocumentLoadResult>(StringComparer.Ordinal);
        foreach (var (url, (resource, sha256)) in Bundled)
        {
            var bytes = Read(resource);
            if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(bytes), Convert.FromHexString(sha256)))
            {
                results[url] = JsonLdDocumentLoadResult.Failure(new Problem(JsonLdProblemCodes.ContextHashMismatch, "A bundled context does not match its pinned SHA-256."));
                continue;
            }

            results[url] = JsonLdDocumentLoadResult.Success(JsonNode.Parse(bytes)!, url);
        }

        return results.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static byte[] Read(string resource)
    {
        using var stream = typeof(BundledContextLoader).Assembly.GetManifestResourceStream("DidSdk.JsonLd.Contexts." + resource + ".jsonld")
            ?? throw new InvalidOperationException("A bundled context resource is missing from the assembly.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
