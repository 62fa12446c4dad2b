using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;
using DidSdk.Crypto;
using DidSdk.JsonLd;

namespace DidSdk.Credentials;

/// <summary>
/// Data Integrity proofs with the <c>ecdsa-rdfc-2019</c> and <c>ecdsa-jcs-2019</c> cryptosuites
/// (<see href="https://www.w3.org/TR/vc-di-ecdsa/">Data Integrity ECDSA Cryptosuites v1.0</see> §3.2 and §3.3) on P-256
/// and P-384 keys. The document and the proof configuration (the proof options with the document's <c>@context</c>)
/// are canonicalized (RDFC-1.0 over JSON-LD, or JCS), each is hashed with SHA-256 for a P-256 key or SHA-384 for a
/// P-384 key, and <c>hash(proofConfig) || hash(document)</c> is signed with ECDSA (ES256 / ES384, IEEE P1363
/// <c>r || s</c>); <c>proofValue</c> is base58btc multibase. Proof sets and chains (<c>previousProof</c>) are supported.
/// </summary>
public static class EcdsaCryptosuites
{
    /// <summary>The RDF-canonicalizing cryptosuite (§3.2).</summary>
    public const string Rdfc2019 = "ecdsa-rdfc-2019";

    /// <summary>The JSON-canonicalizing cryptosuite (§3.3).</summary>
    public const string Jcs2019 = "ecdsa-jcs-2019";

    /// <summary>The proof configuration: the options as a proof object naming <paramref name="cryptosuite"/>, with the document's <c>@context</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="cryptosuite"/> is neither <see cref="Rdfc2019"/> nor <see cref="Jcs2019"/>.</exception>
    public static JsonObject ProofConfiguration(JsonObject document, DataIntegrityProofOptions options, string cryptosuite)
    {
        CheckSuite(cryptosuite);
        var config = DataIntegrity.ProofConfiguration(document, options);
        config["cryptosuite"] = cryptosuite;
        return config;
    }

    /// <summary>
    /// The data signed (§3.2.4 / §3.3.4 "Hashing"): <c>hash(canonical proof configuration) || hash(canonical document)</c>,
    /// with SHA-256 for <see cref="KeyType.P256"/> and SHA-384 for <see cref="KeyType.P384"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The key type is not P-256 or P-384.</exception>
    public static byte[] HashData(ReadOnlySpan<byte> canonicalDocument, ReadOnlySpan<byte> canonicalProofConfiguration, KeyType keyType) => keyType switch
    {
        KeyType.P256 => [.. SHA256.HashData(canonicalProofConfiguration), .. SHA256.HashData(canonicalDocument)],
        KeyType.P384 => [.. SHA384.HashData(canonicalProofConfiguration), .. SHA384.HashData(canonicalDocument)],
        _ => throw new ArgumentException("The ECDSA cryptosuites use P-256 or P-384 keys.", nameof(keyType)),
    };

    /// <summary>
    /// Adds an <c>ecdsa-rdfc-2019</c> or <c>ecdsa-jcs-2019</c> proof signed by a P-256 or P-384 signer; an existing proof
    /// makes a proof set (and with <see cref="DataIntegrityProofOptions.PreviousProof"/>, a chain). For
    /// <c>ecdsa-rdfc-2019</c>, a VC 1.1 document gets the Data Integrity context appended when missing.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The cryptosuite is unknown, the signer is not P-256 or P-384, a previous proof does not exist, or (RDFC) the
    /// document is not valid JSON-LD for the loader's contexts.
    /// </exception>
    public static async Task<JsonObject> AddProofAsync(JsonObject document, ISigner signer, DataIntegrityProofOptions options, string cryptosuite, IJsonLdDocumentLoader? loader = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(options);
        CheckSuite(cryptosuite);
        var keyType = signer.Algorithm.KeyType;
        if (keyType is not (KeyType.P256 or KeyType.P384))
        {
            throw new ArgumentException($"{cryptosuite} signs with P-256 or P-384.", nameof(signer));
        }

        using var activity = CredentialsTelemetry.StartIssue(CredentialFormats.DataIntegrity);
        var rdfc = cryptosuite == Rdfc2019;
        var secured = document.DeepClone().AsObject();
        if (rdfc)
        {
            EddsaRdfc2022.AddDataIntegrityContext(secured);
        }

        var existing = VcDataModel.Objects(secured["proof"]);
        var unsecured = secured.DeepClone().AsObject();
        unsecured.Remove("proof");
        var chained = Chained(existing, options.PreviousProof) ?? throw new ArgumentException("A previousProof names no existing proof.", nameof(options));
        if (chained.Count > 0)
        {
            unsecured["proof"] = ToArrayOrSingle(chained);
        }

        var config = ProofConfiguration(unsecured, options, cryptosuite);
        var hash = await HashAsync(unsecured, config, rdfc, keyType, loader, cancellationToken).ConfigureAwait(false);
        if (hash.Problem is not null)
        {
            throw new ArgumentException($"The document cannot be canonicalized: {hash.Problem.Code}.", nameof(document));
        }

        var signature = await signer.SignAsync(hash.Data!, cancellationToken).ConfigureAwait(false);
        if (rdfc)
        {
            // RDFC proofs carry no @context of their own: the document's defines their terms.
            config.Remove("@context");
        }

        config["proofValue"] = Multibase.Encode(MultibaseEncoding.Base58Btc, signature);
        secured["proof"] = existing.Count == 0 ? config : new JsonArray([.. existing.Select(p => p.DeepClone()), config]);
        return secured;
    }

    /// <summary>Verifies one <c>ecdsa-rdfc-2019</c> or <c>ecdsa-jcs-2019</c> proof of a document with a known P-256 or P-384 public key.</summary>
    public static async Task<DataIntegrityVerificationResult> VerifyProofAsync(JsonObject securedDocument, JsonObject proof, PublicKeyMaterial publicKey, IJsonLdDocumentLoader? loader = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(securedDocument);
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(publicKey);
        var vm = CredentialVerifier.StringValue(proof["verificationMethod"]);
        var prepared = await PrepareAsync(securedDocument, proof, VcDataModel.Objects(securedDocument["proof"]), loader, cancellationToken).ConfigureAwait(false);
        if (prepared.Problem is not null)
        {
            return new DataIntegrityVerificationResult(prepared.Problem, vm);
        }

        return prepared.Algorithm!.Verify(publicKey, prepared.Data!, prepared.Signature!)
            ? new DataIntegrityVerificationResult(null, vm)
            : new DataIntegrityVerificationResult(new Problem(CredentialProblemCodes.SignatureInvalid, "The proof does not verify."), vm);
    }

    /// <summary>Whether the proof names one of these cryptosuites.</summary>
    internal static bool Handles(JsonObject proof) => CredentialVerifier.StringValue(proof["cryptosuite"]) is Rdfc2019 or Jcs2019;

    /// <summary>
    /// Checks the proof's shape and computes the data its signature covers (§3.2.2 / §3.3.2 "Verify Proof"). The curve,
    /// and so the hash, follows from the signature's size: 64 bytes for P-256, 96 for P-384. The returned algorithm
    /// must then match the verification method's key, so a signature cannot pick a curve other than the key's.
    /// </summary>
    internal static async Task<(byte[]? Data, byte[]? Signature, SigningAlgorithm? Algorithm, Problem? Problem)> PrepareAsync(JsonObject secured, JsonObject proof, IReadOnlyList<JsonObject> all, IJsonLdDocumentLoader? loader, CancellationToken cancellationToken)
    {
        var suite = CredentialVerifier.StringValue(proof["cryptosuite"]);
        if (CredentialVerifier.StringValue(proof["type"]) != DataIntegrity.ProofType || suite is not (Rdfc2019 or Jcs2019))
        {
            return (null, null, null, new Problem(CredentialProblemCodes.UnsupportedCryptosuite, $"Only {DataIntegrity.ProofType} with {Rdfc2019} or {Jcs2019} is handled here."));
        }

        if (CredentialVerifier.StringValue(proof["verificationMethod"]) is null
            || CredentialVerifier.StringValue(proof["proofValue"]) is not { } proofValue
            || !Multibase.TryDecode(proofValue, MultibaseEncoding.Base58Btc, out var signature)
            || signature.Length is not (64 or 96))
        {
            return (null, null, null, new Problem(CredentialProblemCodes.ProofMalformed, "The proof lacks a verificationMethod or a base58btc 64- or 96-byte proofValue."));
        }

        var (keyType, algorithm) = signature.Length == 64 ? (KeyType.P256, (SigningAlgorithm)SigningAlgorithm.P256) : (KeyType.P384, SigningAlgorithm.P384);
        var config = proof.DeepClone().AsObject();
        config.Remove("proofValue");
        var unsecured = secured.DeepClone().AsObject();
        unsecured.Remove("proof");
        if (config["@context"] is { } proofContext)
        {
            // A proof's own @context must be a prefix of the document's; it is what the document is hashed with.
            var documentContexts = VcDataModel.Nodes(unsecured["@context"]);
            var proofContexts = VcDataModel.Nodes(proofContext);
            if (proofContexts.Count > documentContexts.Count || proofContexts.Where((c, i) => !JsonNode.DeepEquals(c, documentContexts[i])).Any())
            {
                return (null, null, null, new Problem(CredentialProblemCodes.ProofContextMismatch, "The proof's @context does not match the document's."));
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
            if (CredentialVerifier.StringValue(node) is not { } id)
            {
                return (null, null, null, new Problem(CredentialProblemCodes.PreviousProofNotFound, "The proof's previousProof is not a string or a list of strings."));
            }

            previous.Add(id);
        }

        var chained = Chained(all, previous);
        if (chained is null)
        {
            return (null, null, null, new Problem(CredentialProblemCodes.PreviousProofNotFound, "The proof's previousProof names no proof in the document."));
        }

        if (chained.Count > 0)
        {
            unsecured["proof"] = ToArrayOrSingle(chained);
        }

        var hash = await HashAsync(unsecured, config, suite == Rdfc2019, keyType, loader, cancellationToken).ConfigureAwait(false);
        return hash.Problem is null ? (hash.Data, signature, algorithm, null) : (null, null, null, hash.Problem);
    }

    private static async Task<(byte[]? Data, Problem? Problem)> HashAsync(JsonObject unsecured, JsonObject config, bool rdfc, KeyType keyType, IJsonLdDocumentLoader? loader, CancellationToken cancellationToken)
    {
        if (!rdfc)
        {
            return (HashData(Jcs.Canonicalize(unsecured), Jcs.Canonicalize(config), keyType), null);
        }

        var document = await EddsaRdfc2022.CanonicalizeAsync(unsecured, loader, cancellationToken).ConfigureAwait(false);
        if (!document.Succeeded)
        {
            return (null, new Problem(CredentialProblemCodes.SignatureInvalid, $"The document is not valid JSON-LD ({document.Problem.Code})."));
        }

        var proof = await EddsaRdfc2022.CanonicalizeAsync(config, loader, cancellationToken).ConfigureAwait(false);
        if (!proof.Succeeded)
        {
            return (null, new Problem(CredentialProblemCodes.SignatureInvalid, $"The proof configuration is not valid JSON-LD ({proof.Problem.Code})."));
        }

        return (HashData(Encoding.UTF8.GetBytes(document.CanonicalNQuads), Encoding.UTF8.GetBytes(proof.CanonicalNQuads), keyType), null);
    }

    private static void CheckSuite(string cryptosuite)
    {
        if (cryptosuite is not (Rdfc2019 or Jcs2019))
        {
            throw new ArgumentException($"The cryptosuite must be {Rdfc2019} or {Jcs2019}.", nameof(cryptosuite));
        }
    }

    private static JsonNode ToArrayOrSingle(List<JsonObject> proofs) =>
        proofs.Count == 1 ? proofs[0].DeepClone() : new JsonArray([.. proofs.Select(p => (JsonNode)p.DeepClone())]);

    private static List<JsonObject>? Chained(IReadOnlyList<JsonObject> proofs, IReadOnlyList<string> ids)
    {
        var chained = new List<JsonObject>();
        foreach (var id in ids)
        {
            var match = proofs.FirstOrDefault(p => CredentialVerifier.StringValue(p["id"]) == id);
            if (match is null)
            {
                return null;
            }

            chained.Add(match);
        }

        return chained;
    }
}
