using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Dids;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;

namespace DidSdk.Credentials;

/// <summary>The options of a Data Integrity proof (VC Data Integrity 1.0 §2.1).</summary>
public sealed class DataIntegrityProofOptions
{
    /// <summary>The verification method's DID URL.</summary>
    public required string VerificationMethod { get; init; }

    /// <summary>The proof purpose: <c>assertionMethod</c> for credentials, <c>authentication</c> for presentations.</summary>
    public string ProofPurpose { get; init; } = "assertionMethod";

    /// <summary>The <c>created</c> time (seconds precision).</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>The <c>expires</c> time.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>The verifier's <c>challenge</c> (presentations).</summary>
    public string? Challenge { get; init; }

    /// <summary>The <c>domain</c> the proof is for (presentations).</summary>
    public string? Domain { get; init; }

    /// <summary>An <c>id</c> for the proof (needed to chain a later proof to it).</summary>
    public string? Id { get; init; }

    /// <summary>The <c>previousProof</c> id(s), making a proof chain (§2.1.2).</summary>
    public IReadOnlyList<string> PreviousProof { get; init; } = [];
}

/// <summary>The result of verifying one Data Integrity proof.</summary>
/// <param name="IsValid">Whether the proof verifies.</param>
/// <param name="Problem">Why not.</param>
/// <param name="VerificationMethod">The method the proof names.</param>
public sealed record DataIntegrityVerification(bool IsValid, Problem? Problem, string? VerificationMethod);

/// <summary>
/// Data Integrity proofs with the <c>eddsa-jcs-2022</c> cryptosuite (VC Data Integrity EdDSA Cryptosuites v1.0 §3.3):
/// the document and the proof configuration are canonicalized with JCS (RFC 8785), hashed with SHA-256, and
/// <c>SHA-256(proofConfig) || SHA-256(document)</c> is signed with Ed25519; <c>proofValue</c> is base58btc multibase.
/// Proof sets (several proofs) and proof chains (<c>previousProof</c>) are supported.
/// </summary>
public static class DataIntegrity
{
    /// <summary>The proof type.</summary>
    public const string ProofType = "DataIntegrityProof";

    /// <summary>The cryptosuite.</summary>
    public const string Cryptosuite = "eddsa-jcs-2022";

    /// <summary>The proof configuration (§3.3.5): the options as a proof object, with the document's <c>@context</c>.</summary>
    public static JsonObject ProofConfiguration(JsonObject document, DataIntegrityProofOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        var proof = new JsonObject();
        if (options.Id is { } id)
        {
            proof["id"] = id;
        }

        proof["type"] = ProofType;
        proof["cryptosuite"] = Cryptosuite;
        if (options.Created is { } created)
        {
            proof["created"] = Xsd(created);
        }

        if (options.Expires is { } expires)
        {
            proof["expires"] = Xsd(expires);
        }

        proof["verificationMethod"] = options.VerificationMethod;
        proof["proofPurpose"] = options.ProofPurpose;
        if (options.Challenge is { } challenge)
        {
            proof["challenge"] = challenge;
        }

        if (options.Domain is { } domain)
        {
            proof["domain"] = domain;
        }

        if (options.PreviousProof.Count == 1)
        {
            proof["previousProof"] = options.PreviousProof[0];
        }
        else if (options.PreviousProof.Count > 1)
        {
            proof["previousProof"] = new JsonArray([.. options.PreviousProof.Select(p => (JsonNode)p)]);
        }

        if (document["@context"] is { } context)
        {
            proof["@context"] = context.DeepClone();
        }

        return proof;
    }

    /// <summary>The data that is signed (§3.3.4): <c>SHA-256(JCS(proofConfig)) || SHA-256(JCS(document))</c>.</summary>
    public static byte[] HashData(JsonObject unsecuredDocument, JsonObject proofConfiguration)
    {
        ArgumentNullException.ThrowIfNull(unsecuredDocument);
        ArgumentNullException.ThrowIfNull(proofConfiguration);
        return [.. SHA256.HashData(Jcs.Canonicalize(proofConfiguration)), .. SHA256.HashData(Jcs.Canonicalize(unsecuredDocument))];
    }

    /// <summary>Adds an <c>eddsa-jcs-2022</c> proof; an existing proof makes a proof set (and with <see cref="DataIntegrityProofOptions.PreviousProof"/>, a chain).</summary>
    /// <exception cref="ArgumentException">The signer is not Ed25519, or a named previous proof does not exist.</exception>
    public static async Task<JsonObject> AddProofAsync(JsonObject document, ISigner signer, DataIntegrityProofOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(signer);
        if (signer.Algorithm.KeyType != KeyType.Ed25519)
        {
            throw new ArgumentException("eddsa-jcs-2022 signs with Ed25519.", nameof(signer));
        }

        var existing = VcDataModel.Objects(document["proof"]);
        var unsecured = document.DeepClone().AsObject();
        unsecured.Remove("proof");
        var chained = ChainedProofs(existing, options.PreviousProof) ?? throw new ArgumentException("A previousProof names no existing proof.", nameof(options));
        if (chained.Count > 0)
        {
            unsecured["proof"] = chained.Count == 1 ? chained[0].DeepClone() : new JsonArray([.. chained.Select(p => p.DeepClone())]);
        }

        var proof = ProofConfiguration(unsecured, options);
        var signature = await signer.SignAsync(HashData(unsecured, proof), cancellationToken).ConfigureAwait(false);
        proof["proofValue"] = Multibase.Encode(MultibaseEncoding.Base58Btc, signature);
        var secured = document.DeepClone().AsObject();
        secured["proof"] = existing.Count == 0 ? proof : new JsonArray([.. existing.Select(p => p.DeepClone()), proof]);
        return secured;
    }

    /// <summary>Verifies every <c>eddsa-jcs-2022</c> proof of a document with keys resolved through <paramref name="verifier"/>.</summary>
    public static async Task<IReadOnlyList<DataIntegrityVerification>> VerifyProofsAsync(JsonObject securedDocument, DidSignatureVerifier verifier, string controller, VerificationRelationship purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(securedDocument);
        ArgumentNullException.ThrowIfNull(verifier);
        var proofs = VcDataModel.Objects(securedDocument["proof"]);
        var results = new List<DataIntegrityVerification>();
        if (proofs.Count == 0)
        {
            results.Add(new DataIntegrityVerification(false, new Problem(CredentialProblemCodes.SignatureInvalid, "The document has no proof."), null));
        }

        foreach (var proof in proofs)
        {
            results.Add(await VerifyProofAsync(securedDocument, proof, proofs, verifier, controller, purpose, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>Verifies one proof with a known public key (for documents whose verification method is not a DID URL).</summary>
    public static DataIntegrityVerification VerifyProof(JsonObject securedDocument, JsonObject proof, PublicKeyMaterial publicKey)
    {
        ArgumentNullException.ThrowIfNull(securedDocument);
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(publicKey);
        if (!TryPrepare(securedDocument, proof, VcDataModel.Objects(securedDocument["proof"]), out var hash, out var signature, out var problem))
        {
            return new DataIntegrityVerification(false, problem, Vm(proof));
        }

        return SigningAlgorithm.Ed25519.Verify(publicKey, hash, signature)
            ? new DataIntegrityVerification(true, null, Vm(proof))
            : new DataIntegrityVerification(false, new Problem(CredentialProblemCodes.SignatureInvalid, "The proof does not verify."), Vm(proof));
    }

    internal static async Task<CredentialVerificationResult> VerifyCredentialAsync(string json, CredentialVerifierOptions options, DidSignatureVerifier signatures, CredentialVerifier verifier, CancellationToken cancellationToken)
    {
        const string format = CredentialFormats.DataIntegrity;
        if (StrictJson.TryParseObject(System.Text.Encoding.UTF8.GetBytes(json), 32, out var document) != StrictJsonStatus.Ok)
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.Malformed, "The credential is not a JSON object."), format);
        }

        if (!VerifiableCredential.TryParse(document, out var vc, out var modelProblems))
        {
            return new CredentialVerificationResult(format, null, document, modelProblems);
        }

        var problems = new List<Problem>();
        foreach (var result in await VerifyProofsAsync(document!, signatures, vc!.Issuer, VerificationRelationship.AssertionMethod, cancellationToken).ConfigureAwait(false))
        {
            if (!result.IsValid)
            {
                problems.Add(result.Problem!);
            }
        }

        if (problems.Count > 0)
        {
            return new CredentialVerificationResult(format, vc.Issuer, document, problems);
        }

        verifier.CheckValidity(vc.ValidFrom, vc.ValidUntil, problems);
        foreach (var proof in VcDataModel.Objects(document!["proof"]))
        {
            if (proof["expires"] is JsonValue e && e.GetValueKind() == JsonValueKind.String && VcDataModel.TryParseDateTimeStamp(e.GetValue<string>(), out var expires))
            {
                verifier.CheckValidity(null, expires, problems);
            }
        }

        await verifier.CheckStatusAndTrustAsync(vc, problems, cancellationToken).ConfigureAwait(false);
        _ = options;
        return new CredentialVerificationResult(format, vc.Issuer, document, problems);
    }

    private static async Task<DataIntegrityVerification> VerifyProofAsync(JsonObject secured, JsonObject proof, IReadOnlyList<JsonObject> all, DidSignatureVerifier verifier, string controller, VerificationRelationship purpose, CancellationToken cancellationToken)
    {
        var vm = Vm(proof);
        if (proof["proofPurpose"]?.GetValue<string>() != Purpose(purpose))
        {
            return new DataIntegrityVerification(false, new Problem(CredentialProblemCodes.SignatureInvalid, $"The proof's purpose is not {Purpose(purpose)}."), vm);
        }

        if (!TryPrepare(secured, proof, all, out var hash, out var signature, out var problem))
        {
            return new DataIntegrityVerification(false, problem, vm);
        }

        var result = await verifier.VerifyAsync(controller, vm!, purpose, SigningAlgorithm.Ed25519, hash, signature, cancellationToken).ConfigureAwait(false);
        return result.IsValid
            ? new DataIntegrityVerification(true, null, vm)
            : new DataIntegrityVerification(false, new Problem(CredentialProblemCodes.SignatureInvalid, $"The proof does not verify: {result.Problem!.Message}"), vm);
    }

    private static bool TryPrepare(JsonObject secured, JsonObject proof, IReadOnlyList<JsonObject> all, out byte[] hash, out byte[] signature, out Problem? problem)
    {
        hash = [];
        signature = [];
        if (proof["type"]?.GetValueKind() != JsonValueKind.String || proof["type"]!.GetValue<string>() != ProofType
            || proof["cryptosuite"]?.GetValueKind() != JsonValueKind.String || proof["cryptosuite"]!.GetValue<string>() != Cryptosuite)
        {
            problem = new Problem(CredentialProblemCodes.UnsupportedFormat, $"Only {ProofType} with {Cryptosuite} is supported.");
            return false;
        }

        if (Vm(proof) is null || proof["proofValue"] is not JsonValue pv || pv.GetValueKind() != JsonValueKind.String
            || !Multibase.TryDecode(pv.GetValue<string>(), MultibaseEncoding.Base58Btc, out var sig) || sig.Length != 64)
        {
            problem = new Problem(CredentialProblemCodes.SignatureInvalid, "The proof lacks a verificationMethod or a base58btc 64-byte proofValue.");
            return false;
        }

        var options = proof.DeepClone().AsObject();
        options.Remove("proofValue");
        var unsecured = secured.DeepClone().AsObject();
        unsecured.Remove("proof");

        // §3.3.2 step 4: a proof's @context must be a prefix of the document's, and is what gets hashed.
        if (options["@context"] is { } proofContext)
        {
            var documentContexts = VcDataModel.Nodes(unsecured["@context"]);
            var proofContexts = VcDataModel.Nodes(proofContext);
            if (proofContexts.Count > documentContexts.Count || proofContexts.Where((c, i) => !JsonNode.DeepEquals(c, documentContexts[i])).Any())
            {
                problem = new Problem(CredentialProblemCodes.SignatureInvalid, "The proof's @context does not match the document's.");
                return false;
            }

            unsecured["@context"] = proofContext.DeepClone();
        }

        var previous = VcDataModel.Nodes(proof["previousProof"]).OfType<JsonValue>().Select(v => v.GetValue<string>()).ToList();
        var chained = ChainedProofs(all, previous);
        if (chained is null)
        {
            problem = new Problem(CredentialProblemCodes.SignatureInvalid, "The proof's previousProof names no proof in the document.");
            return false;
        }

        if (chained.Count > 0)
        {
            unsecured["proof"] = chained.Count == 1 ? chained[0].DeepClone() : new JsonArray([.. chained.Select(p => p.DeepClone())]);
        }

        hash = HashData(unsecured, options);
        signature = sig;
        problem = null;
        return true;
    }

    private static List<JsonObject>? ChainedProofs(IReadOnlyList<JsonObject> proofs, IReadOnlyList<string> ids)
    {
        var chained = new List<JsonObject>();
        foreach (var id in ids)
        {
            var match = proofs.FirstOrDefault(p => p["id"] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == id);
            if (match is null)
            {
                return null;
            }

            chained.Add(match);
        }

        return chained;
    }

    private static string? Vm(JsonObject proof) =>
        proof["verificationMethod"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static string Purpose(VerificationRelationship purpose) => purpose switch
    {
        VerificationRelationship.Authentication => "authentication",
        VerificationRelationship.AssertionMethod => "assertionMethod",
        VerificationRelationship.KeyAgreement => "keyAgreement",
        VerificationRelationship.CapabilityInvocation => "capabilityInvocation",
        _ => "capabilityDelegation",
    };

    private static string Xsd(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
