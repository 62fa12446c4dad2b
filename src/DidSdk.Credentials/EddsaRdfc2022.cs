using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Jose;
using DidSdk.Crypto;
using DidSdk.JsonLd;
using DidSdk.JsonLd.Rdf;

namespace DidSdk.Credentials;

/// <summary>
/// Data Integrity proofs with the <c>eddsa-rdfc-2022</c> cryptosuite
/// (<see href="https://www.w3.org/TR/vc-di-eddsa/#eddsa-rdfc-2022">VC Data Integrity EdDSA Cryptosuites v1.0 §3.2</see>):
/// the document and the proof configuration are expanded as JSON-LD (contexts from an <see cref="IJsonLdDocumentLoader"/>,
/// bundled ones by default, undefined terms rejected), canonicalized with RDFC-1.0, hashed with SHA-256, and
/// <c>SHA-256(proofConfig) || SHA-256(document)</c> is signed with Ed25519; <c>proofValue</c> is base58btc multibase.
/// Proof sets and proof chains (<c>previousProof</c>) are supported.
/// </summary>
public static class EddsaRdfc2022
{
    /// <summary>The cryptosuite name.</summary>
    public const string Cryptosuite = "eddsa-rdfc-2022";

    /// <summary>The Data Integrity v2 context, added to VC 1.1 documents that lack it so the proof terms are defined.</summary>
    public const string DataIntegrityContext = "https://w3id.org/security/data-integrity/v2";

    private const string CredentialsV1Context = "https://www.w3.org/2018/credentials/v1";

    /// <summary>The proof configuration (§3.2.5): the options as a proof object, with the document's <c>@context</c>.</summary>
    public static JsonObject ProofConfiguration(JsonObject document, DataIntegrityProofOptions options)
    {
        var config = DataIntegrity.ProofConfiguration(document, options);
        config["cryptosuite"] = Cryptosuite;
        return config;
    }

    /// <summary>The RDFC-1.0 canonical N-Quads of a JSON-LD document (§3.2.3 transformation).</summary>
    public static Task<RdfCanonicalizationResult> CanonicalizeAsync(JsonObject document, IJsonLdDocumentLoader? loader = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        return JsonLdProcessor.CanonicalizeAsync(document, loader ?? BundledContextLoader.Instance, null, null, cancellationToken);
    }

    /// <summary>The data signed (§3.2.4): <c>SHA-256(canonical proof configuration) || SHA-256(canonical document)</c>.</summary>
    public static byte[] HashData(string canonicalDocument, string canonicalProofConfiguration)
    {
        ArgumentNullException.ThrowIfNull(canonicalDocument);
        ArgumentNullException.ThrowIfNull(canonicalProofConfiguration);
        var data = new byte[2 * SHA256.HashSizeInBytes];
        Sha256Utf8(canonicalProofConfiguration, data.AsSpan(0, SHA256.HashSizeInBytes));
        Sha256Utf8(canonicalDocument, data.AsSpan(SHA256.HashSizeInBytes));
        return data;
    }

    /// <summary>SHA-256 of the UTF-8 of <paramref name="text"/>, encoded into a pooled buffer rather than a new array.</summary>
    private static void Sha256Utf8(string text, Span<byte> destination)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var count = Encoding.UTF8.GetBytes(text, buffer);
            SHA256.HashData(buffer.AsSpan(0, count), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Adds an <c>eddsa-rdfc-2022</c> proof; an existing proof makes a proof set (and with
    /// <see cref="DataIntegrityProofOptions.PreviousProof"/>, a chain). A VC 1.1 document gets the Data Integrity context
    /// appended to its <c>@context</c> when missing, so that the proof's terms are defined.
    /// </summary>
    /// <exception cref="ArgumentException">The signer is not Ed25519, a previous proof does not exist, or the document is not valid JSON-LD for the loader's contexts.</exception>
    public static async Task<JsonObject> AddProofAsync(JsonObject document, ISigner signer, DataIntegrityProofOptions options, IJsonLdDocumentLoader? loader = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(options);
        if (signer.Algorithm.KeyType != KeyType.Ed25519)
        {
            throw new ArgumentException("eddsa-rdfc-2022 signs with Ed25519.", nameof(signer));
        }

        var secured = document.DeepClone().AsObject();
        AddDataIntegrityContext(secured);
        var existing = VcDataModel.Objects(secured["proof"]);
        var unsecured = secured.DeepClone().AsObject();
        unsecured.Remove("proof");
        var chained = Chained(existing, options.PreviousProof) ?? throw new ArgumentException("A previousProof names no existing proof.", nameof(options));
        if (chained.Count > 0)
        {
            unsecured["proof"] = chained.Count == 1 ? chained[0].DeepClone() : ToArray(chained);
        }

        var config = ProofConfiguration(unsecured, options);
        var hash = await HashAsync(unsecured, config, loader, cancellationToken).ConfigureAwait(false);
        if (hash.Problem is not null)
        {
            throw new ArgumentException($"The document cannot be canonicalized: {hash.Problem.Code}.", nameof(document));
        }

        var signature = await signer.SignAsync(hash.Data!, cancellationToken).ConfigureAwait(false);
        config.Remove("@context");
        config["proofValue"] = Multibase.Encode(MultibaseEncoding.Base58Btc, signature);
        if (existing.Count == 0)
        {
            secured["proof"] = config;
        }
        else
        {
            var all = ToArray(existing);
            all.Add((JsonNode)config);
            secured["proof"] = all;
        }

        return secured;
    }

    /// <summary>Verifies one <c>eddsa-rdfc-2022</c> proof of a document with a known Ed25519 public key.</summary>
    public static async Task<DataIntegrityVerificationResult> VerifyProofAsync(JsonObject securedDocument, JsonObject proof, PublicKeyMaterial publicKey, IJsonLdDocumentLoader? loader = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(securedDocument);
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(publicKey);
        var vm = proof["verificationMethod"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        var prepared = await PrepareAsync(securedDocument, proof, VcDataModel.Objects(securedDocument["proof"]), loader, cancellationToken).ConfigureAwait(false);
        if (prepared.Problem is not null)
        {
            return new DataIntegrityVerificationResult(prepared.Problem, vm);
        }

        return SigningAlgorithm.Ed25519.Verify(publicKey, prepared.Data!, prepared.Signature!)
            ? new DataIntegrityVerificationResult(null, vm)
            : new DataIntegrityVerificationResult(new Problem(CredentialProblemCodes.SignatureInvalid, "The proof does not verify."), vm);
    }

    /// <summary>Whether the proof names this cryptosuite.</summary>
    internal static bool Handles(JsonObject proof) =>
        proof["cryptosuite"] is JsonValue c && c.GetValueKind() == JsonValueKind.String && c.GetValue<string>() == Cryptosuite;

    /// <summary>Checks the proof's shape and computes the data its signature covers (§3.2.2 verify proof, steps 1–5).</summary>
    internal static async Task<(byte[]? Data, byte[]? Signature, Problem? Problem)> PrepareAsync(JsonObject secured, JsonObject proof, IReadOnlyList<JsonObject> all, IJsonLdDocumentLoader? loader, CancellationToken cancellationToken)
    {
        if (proof["type"] is not JsonValue t || t.GetValueKind() != JsonValueKind.String || t.GetValue<string>() != DataIntegrity.ProofType || !Handles(proof))
        {
            return (null, null, new Problem(CredentialProblemCodes.UnsupportedFormat, $"Only {DataIntegrity.ProofType} with {Cryptosuite} is handled here."));
        }

        if (proof["verificationMethod"] is not JsonValue vmv || vmv.GetValueKind() != JsonValueKind.String
            || proof["proofValue"] is not JsonValue pv || pv.GetValueKind() != JsonValueKind.String
            || !Multibase.TryDecode(pv.GetValue<string>(), MultibaseEncoding.Base58Btc, out var signature) || signature.Length != 64)
        {
            return (null, null, new Problem(CredentialProblemCodes.SignatureInvalid, "The proof lacks a verificationMethod or a base58btc 64-byte proofValue."));
        }

        var config = proof.DeepClone().AsObject();
        config.Remove("proofValue");
        var unsecured = secured.DeepClone().AsObject();
        unsecured.Remove("proof");
        if (config["@context"] is { } proofContext)
        {
            var documentContexts = VcDataModel.Nodes(unsecured["@context"]);
            var proofContexts = VcDataModel.Nodes(proofContext);
            if (proofContexts.Count > documentContexts.Count)
            {
                return (null, null, new Problem(CredentialProblemCodes.SignatureInvalid, "The proof's @context does not match the document's."));
            }

            for (var i = 0; i < proofContexts.Count; i++)
            {
                if (!JsonNode.DeepEquals(proofContexts[i], documentContexts[i]))
                {
                    return (null, null, new Problem(CredentialProblemCodes.SignatureInvalid, "The proof's @context does not match the document's."));
                }
            }

            unsecured["@context"] = proofContext.DeepClone();
        }
        else if (unsecured["@context"] is { } documentContext)
        {
            config["@context"] = documentContext.DeepClone();
        }

        var previous = new List<string>();
        foreach (var node in VcDataModel.Nodes(proof["previousProof"]))
        {
            if (node is not JsonValue id || id.GetValueKind() != JsonValueKind.String)
            {
                return (null, null, new Problem(CredentialProblemCodes.SignatureInvalid, "The proof's previousProof is not a string or an array of strings."));
            }

            previous.Add(id.GetValue<string>());
        }

        var chained = Chained(all, previous);
        if (chained is null)
        {
            return (null, null, new Problem(CredentialProblemCodes.SignatureInvalid, "The proof's previousProof names no proof in the document."));
        }

        if (chained.Count > 0)
        {
            unsecured["proof"] = chained.Count == 1 ? chained[0].DeepClone() : ToArray(chained);
        }

        var hash = await HashAsync(unsecured, config, loader, cancellationToken).ConfigureAwait(false);
        return hash.Problem is null ? (hash.Data, signature, null) : (null, null, hash.Problem);
    }

    private static async Task<(byte[]? Data, Problem? Problem)> HashAsync(JsonObject unsecured, JsonObject config, IJsonLdDocumentLoader? loader, CancellationToken cancellationToken)
    {
        var document = await CanonicalizeAsync(unsecured, loader, cancellationToken).ConfigureAwait(false);
        if (!document.Succeeded)
        {
            return (null, new Problem(CredentialProblemCodes.SignatureInvalid, $"The document is not valid JSON-LD ({document.Problem.Code})."));
        }

        var proof = await CanonicalizeAsync(config, loader, cancellationToken).ConfigureAwait(false);
        if (!proof.Succeeded)
        {
            return (null, new Problem(CredentialProblemCodes.SignatureInvalid, $"The proof configuration is not valid JSON-LD ({proof.Problem.Code})."));
        }

        return (HashData(document.CanonicalNQuads, proof.CanonicalNQuads), null);
    }

    /// <summary>Appends the Data Integrity context to a VC 1.1 document that lacks it (its proof terms are otherwise undefined as JSON-LD).</summary>
    internal static void AddDataIntegrityContext(JsonObject document)
    {
        var contexts = VcDataModel.Nodes(document["@context"]);
        var isV1 = false;
        foreach (var c in contexts)
        {
            if (c is JsonValue s && s.GetValueKind() == JsonValueKind.String)
            {
                var url = s.GetValue<string>();
                if (url == DataIntegrityContext)
                {
                    return;
                }

                isV1 |= url == CredentialsV1Context;
            }
        }

        if (!isV1)
        {
            return;
        }

        var array = new JsonArray();
        foreach (var c in contexts)
        {
            array.Add(c?.DeepClone());
        }

        array.Add((JsonNode)JsonValue.Create(DataIntegrityContext));
        document["@context"] = array;
    }

    private static JsonArray ToArray(IReadOnlyList<JsonObject> proofs)
    {
        var array = new JsonArray();
        foreach (var p in proofs)
        {
            array.Add((JsonNode)p.DeepClone());
        }

        return array;
    }

    private static List<JsonObject>? Chained(IReadOnlyList<JsonObject> proofs, IReadOnlyList<string> ids)
    {
        var chained = new List<JsonObject>();
        foreach (var id in ids)
        {
            JsonObject? match = null;
            foreach (var p in proofs)
            {
                if (p["id"] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == id)
                {
                    match = p;
                    break;
                }
            }

            if (match is null)
            {
                return null;
            }

            chained.Add(match);
        }

        return chained;
    }
}
