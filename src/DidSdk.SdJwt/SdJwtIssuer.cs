using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Crypto;

namespace DidSdk.SdJwt;

/// <summary>
/// Issues SD-JWTs (RFC 9901 §4): replaces each selected claim or array element by a salted digest, keeps the
/// disclosures aside, sorts each <c>_sd</c> array, adds decoys if asked, and signs the result.
/// </summary>
public sealed class SdJwtIssuer
{
    private readonly ISigner _signer;
    private readonly SdJwtIssuerOptions _options;
    private readonly ISaltGenerator _saltGenerator;

    /// <summary>Creates an issuer signing with <paramref name="signer"/>.</summary>
    /// <param name="signer">The issuer's signer; its key id goes into <c>kid</c>.</param>
    /// <param name="options">Settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="saltGenerator">Where salts come from; default 128 random bits each (<see cref="RandomSaltGenerator"/>). Inject a fixed one to reproduce published examples.</param>
    public SdJwtIssuer(ISigner signer, SdJwtIssuerOptions? options = null, ISaltGenerator? saltGenerator = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        this._signer = signer;
        this._saltGenerator = saltGenerator ?? RandomSaltGenerator.Instance;
        this._options = options ?? new SdJwtIssuerOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(this._options.MinDecoyDigests, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(this._options.MaxDecoyDigests, this._options.MinDecoyDigests, nameof(options));
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
        if (_options.AlwaysWriteHashAlgorithm || _options.HashAlgorithm != SdHashAlgorithm.Sha256)
        {
            payload["_sd_alg"] = _options.HashAlgorithm.Name;
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
        var jwt = await Jws.SignCompactAsync(request.Header?.DeepClone().AsObject(), payload, _signer, cancellationToken).ConfigureAwait(false);
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
                        var disclosure = Disclosure.Create(_saltGenerator.NextSalt(), name, child, _options.DisclosureStyle);
                        disclosures.Add(disclosure);
                        digests.Add(disclosure.Digest(_options.HashAlgorithm));
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
                        var disclosure = Disclosure.Create(_saltGenerator.NextSalt(), null, child, _options.DisclosureStyle);
                        disclosures.Add(disclosure);
                        result.Add((JsonNode)new JsonObject { ["..."] = disclosure.Digest(_options.HashAlgorithm) });
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
        var count = _options.MaxDecoyDigests == 0 ? 0 : RandomNumberGenerator.GetInt32(_options.MinDecoyDigests, _options.MaxDecoyDigests + 1);
        for (var i = 0; i < count; i++)
        {
            // A decoy is the digest of a fresh random value: indistinguishable from a real disclosure's digest (§4.2.5).
            digests.Add(_options.HashAlgorithm.Digest(_saltGenerator.NextSalt()));
        }
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
