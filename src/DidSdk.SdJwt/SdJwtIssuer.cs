using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Crypto;

namespace DidSdk.SdJwt;

/// <summary>Options for <see cref="SdJwtIssuer"/>.</summary>
public sealed class SdJwtIssuerOptions
{
    /// <summary>The digest algorithm (<c>_sd_alg</c>). Default <c>sha-256</c>.</summary>
    public SdHashAlgorithm HashAlgorithm { get; init; } = SdHashAlgorithm.Sha256;

    /// <summary>The salt source. Default: 128 random bits per salt.</summary>
    public ISaltGenerator SaltGenerator { get; init; } = RandomSaltGenerator.Instance;

    /// <summary>The fewest decoy digests added to each object that has <c>_sd</c> digests (§4.2.5). Default 0.</summary>
    public int MinDecoyDigests { get; init; }

    /// <summary>The most decoy digests added to each such object; the count is drawn uniformly. Default 0.</summary>
    public int MaxDecoyDigests { get; init; }

    /// <summary>How disclosure JSON is written. Default compact; <see cref="DisclosureJsonStyle.Spaced"/> reproduces the RFC examples.</summary>
    public DisclosureJsonStyle DisclosureStyle { get; init; } = DisclosureJsonStyle.Compact;

    /// <summary>Whether to write <c>_sd_alg</c> even for the default <c>sha-256</c>. Default <see langword="true"/> (explicit is clearer).</summary>
    public bool AlwaysWriteHashAlgorithm { get; init; } = true;
}

/// <summary>What to issue.</summary>
public sealed class SdJwtIssuanceRequest
{
    /// <summary>The claims, as the holder should see them once everything is disclosed.</summary>
    public required JsonObject Claims { get; init; }

    /// <summary>
    /// JSON Pointers (RFC 6901) into <see cref="Claims"/> of the object properties and array elements to make selectively
    /// disclosable, e.g. <c>/birthdate</c>, <c>/address/locality</c>, <c>/nationalities/0</c>. A pointer below another one
    /// makes a recursive disclosure (§4.2.6).
    /// </summary>
    public IReadOnlyCollection<string> Disclosable { get; init; } = [];

    /// <summary>Extra JOSE header members (e.g. <c>typ</c>); <c>alg</c> and <c>kid</c> come from the signer.</summary>
    public JsonObject? Header { get; init; }

    /// <summary>The holder's public key, written as <c>cnf.jwk</c> (RFC 7800) for key binding.</summary>
    public PublicKeyMaterial? HolderPublicKey { get; init; }
}

/// <summary>
/// Issues SD-JWTs (RFC 9901 §4): replaces each selected claim or array element by a salted digest, keeps the
/// disclosures aside, sorts each <c>_sd</c> array, adds decoys if asked, and signs the result.
/// </summary>
public sealed class SdJwtIssuer
{
    private readonly ISigner signer;
    private readonly SdJwtIssuerOptions options;

    /// <summary>Creates an issuer signing with <paramref name="signer"/>.</summary>
    public SdJwtIssuer(ISigner signer, SdJwtIssuerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        this.signer = signer;
        this.options = options ?? new SdJwtIssuerOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(this.options.MinDecoyDigests, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.MaxDecoyDigests, this.options.MinDecoyDigests, nameof(options));
    }

    /// <summary>Builds the SD-JWT payload and its disclosures without signing (useful for inspection and tests).</summary>
    /// <exception cref="ArgumentException">A pointer is malformed, names nothing, or targets <c>_sd</c>/<c>...</c>/the root.</exception>
    public (JsonObject Payload, IReadOnlyList<Disclosure> Disclosures) BuildPayload(SdJwtIssuanceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pointer in request.Disclosable)
        {
            if (!JsonPointer.TryParse(pointer, out var tokens) || tokens.Count == 0)
            {
                throw new ArgumentException($"'{pointer}' is not a JSON Pointer to a claim.", nameof(request));
            }

            if (tokens[^1] is "_sd" or "..." || (tokens.Count == 1 && tokens[0] == "_sd_alg"))
            {
                throw new ArgumentException($"'{pointer}' names a claim that cannot be disclosable.", nameof(request));
            }

            if (!JsonPointer.Exists(request.Claims, tokens))
            {
                throw new ArgumentException($"'{pointer}' does not name a claim in the credential.", nameof(request));
            }

            wanted.Add(JsonPointer.Format(tokens));
        }

        if (request.Claims.ContainsKey("_sd") || request.Claims.ContainsKey("_sd_alg"))
        {
            throw new ArgumentException("The claims must not contain _sd or _sd_alg.", nameof(request));
        }

        var disclosures = new List<Disclosure>();
        var payload = (JsonObject)Build(request.Claims, string.Empty, wanted, disclosures)!;
        if (options.AlwaysWriteHashAlgorithm || options.HashAlgorithm != SdHashAlgorithm.Sha256)
        {
            payload["_sd_alg"] = options.HashAlgorithm.Name;
        }

        if (request.HolderPublicKey is { } holder)
        {
            payload["cnf"] = new JsonObject { ["jwk"] = JsonNode.Parse(Jwk.FromPublicKey(holder).ToJson()) };
        }

        return (payload, disclosures);
    }

    /// <summary>Issues an SD-JWT.</summary>
    public async Task<SdJwtToken> IssueAsync(SdJwtIssuanceRequest request, CancellationToken cancellationToken = default)
    {
        var (payload, disclosures) = BuildPayload(request);
        var jwt = await Jws.SignCompactAsync(request.Header?.DeepClone().AsObject(), payload, signer, cancellationToken).ConfigureAwait(false);
        return new SdJwtToken(jwt, disclosures);
    }

    private JsonNode? Build(JsonNode? node, string path, HashSet<string> wanted, List<Disclosure> disclosures)
    {
        switch (node)
        {
            case JsonObject obj:
            {
                // _sd first, as in the RFC's examples; removed below when nothing is disclosable here.
                var digests = new List<string>();
                var result = new JsonObject { ["_sd"] = null };
                foreach (var (name, value) in obj)
                {
                    var childPath = path + "/" + Escape(name);
                    var child = Build(value, childPath, wanted, disclosures);
                    if (wanted.Contains(childPath))
                    {
                        var disclosure = Disclosure.Create(options.SaltGenerator.NextSalt(), name, child, options.DisclosureStyle);
                        disclosures.Add(disclosure);
                        digests.Add(disclosure.Digest(options.HashAlgorithm));
                    }
                    else
                    {
                        result[name] = child;
                    }
                }

                if (digests.Count > 0)
                {
                    AddDecoys(digests);
                }

                if (digests.Count == 0)
                {
                    result.Remove("_sd");
                }
                else
                {
                    digests.Sort(StringComparer.Ordinal);
                    result["_sd"] = new JsonArray([.. digests.Select(d => (JsonNode)d)]);
                }

                return result;
            }

            case JsonArray array:
            {
                var result = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                {
                    var childPath = path + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var child = Build(array[i], childPath, wanted, disclosures);
                    if (wanted.Contains(childPath))
                    {
                        var disclosure = Disclosure.Create(options.SaltGenerator.NextSalt(), null, child, options.DisclosureStyle);
                        disclosures.Add(disclosure);
                        result.Add((JsonNode)new JsonObject { ["..."] = disclosure.Digest(options.HashAlgorithm) });
                    }
                    else
                    {
                        result.Add(child);
                    }
                }

                return result;
            }

            default:
                return node?.DeepClone();
        }
    }

    private void AddDecoys(List<string> digests)
    {
        var count = options.MaxDecoyDigests == 0 ? 0 : RandomNumberGenerator.GetInt32(options.MinDecoyDigests, options.MaxDecoyDigests + 1);
        for (var i = 0; i < count; i++)
        {
            // A decoy is the digest of a fresh random value: indistinguishable from a real disclosure's digest (§4.2.5).
            digests.Add(options.HashAlgorithm.Digest(options.SaltGenerator.NextSalt()));
        }
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
