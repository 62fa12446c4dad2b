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

    /// <summary>
    /// Adds an <c>eddsa-jcs-2022</c> proof; an existing proof makes a proof set (and with <see cref="DataIntegrityProofOptions.PreviousProof"/>, a chain).
    /// A VC 1.1 document gets the Data Integrity context appended to its <c>@context</c> when missing.
    /// </summary>
    /// <exception cref="ArgumentException">The signer is not Ed25519, or a named previous proof does not exist.</exception>
    public static async Task<JsonObject> AddProofAsync(JsonObject document, ISigner signer, DataIntegrityProofOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(signer);
        if (signer.Algorithm.KeyType != KeyType.Ed25519)
        {
            throw new ArgumentException("eddsa-jcs-2022 signs with Ed25519.", nameof(signer));
        }

        using var activity = CredentialsTelemetry.StartIssue(CredentialFormats.DataIntegrity);

        // A VC 1.1 document gets the Data Integrity context, so the proof's terms are defined when it is read as JSON-LD.
        document = document.DeepClone().AsObject();
        EddsaRdfc2022.AddDataIntegrityContext(document);
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

    /// <summary>Verifies every <c>eddsa-jcs-2022</c>, <c>eddsa-rdfc-2022</c>, <c>ecdsa-rdfc-2019</c> or <c>ecdsa-jcs-2019</c> proof of a document with keys resolved through <paramref name="verifier"/>.</summary>
    public static Task<IReadOnlyList<DataIntegrityVerificationResult>> VerifyProofsAsync(JsonObject securedDocument, DidSignatureVerifier verifier, string controller, VerificationRelationship purpose, CancellationToken cancellationToken = default) =>
        VerifyProofsAsync(securedDocument, verifier, _ => controller, purpose, cancellationToken);

    /// <summary>Verifies every proof, each against the controller <paramref name="controllerOf"/> names for it (results in proof order).</summary>
    internal static async Task<IReadOnlyList<DataIntegrityVerificationResult>> VerifyProofsAsync(JsonObject securedDocument, DidSignatureVerifier verifier, Func<JsonObject, string> controllerOf, VerificationRelationship purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(securedDocument);
        ArgumentNullException.ThrowIfNull(verifier);
        var proofs = VcDataModel.Objects(securedDocument["proof"]);
        var results = new List<DataIntegrityVerificationResult>();
        if (proofs.Count == 0)
        {
            results.Add(new DataIntegrityVerificationResult(new Problem(CredentialProblemCodes.ProofMissing, "The document has no proof."), null));
        }

        foreach (var proof in proofs)
        {
            results.Add(await VerifyProofAsync(securedDocument, proof, proofs, verifier, controllerOf(proof), purpose, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>Verifies one proof with a known public key (for documents whose verification method is not a DID URL).</summary>
    public static DataIntegrityVerificationResult VerifyProof(JsonObject securedDocument, JsonObject proof, PublicKeyMaterial publicKey)
    {
        ArgumentNullException.ThrowIfNull(securedDocument);
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(publicKey);
        if (!TryPrepare(securedDocument, proof, VcDataModel.Objects(securedDocument["proof"]), out var hash, out var signature, out var problem))
        {
            return new DataIntegrityVerificationResult(problem, Vm(proof));
        }

        return SigningAlgorithm.Ed25519.Verify(publicKey, hash, signature)
            ? new DataIntegrityVerificationResult(null, Vm(proof))
            : new DataIntegrityVerificationResult(new Problem(CredentialProblemCodes.SignatureInvalid, "The proof does not verify."), Vm(proof));
    }

    private static async Task<DataIntegrityVerificationResult> VerifyProofAsync(JsonObject secured, JsonObject proof, IReadOnlyList<JsonObject> all, DidSignatureVerifier verifier, string controller, VerificationRelationship purpose, CancellationToken cancellationToken)
    {
        var vm = Vm(proof);
        if (CredentialVerifier.StringValue(proof["proofPurpose"]) != Purpose(purpose))
        {
            return new DataIntegrityVerificationResult(new Problem(CredentialProblemCodes.ProofPurposeMismatch, $"The proof's purpose is not {Purpose(purpose)}."), vm);
        }

        byte[] hash, signature;
        SigningAlgorithm algorithm = SigningAlgorithm.Ed25519;
        if (EcdsaCryptosuites.Handles(proof))
        {
            var ecdsa = await EcdsaCryptosuites.PrepareAsync(secured, proof, all, null, cancellationToken).ConfigureAwait(false);
            if (ecdsa.Problem is not null)
            {
                return new DataIntegrityVerificationResult(ecdsa.Problem, vm);
            }

            (hash, signature, algorithm) = (ecdsa.Data!, ecdsa.Signature!, ecdsa.Algorithm!);
        }
        else if (EddsaRdfc2022.Handles(proof))
        {
            var rdfc = await EddsaRdfc2022.PrepareAsync(secured, proof, all, null, cancellationToken).ConfigureAwait(false);
            if (rdfc.Problem is not null)
            {
                return new DataIntegrityVerificationResult(rdfc.Problem, vm);
            }

            (hash, signature) = (rdfc.Data!, rdfc.Signature!);
        }
        else if (!TryPrepare(secured, proof, all, out hash, out signature, out var problem))
        {
            return new DataIntegrityVerificationResult(problem, vm);
        }

        var result = await verifier.VerifyAsync(controller, vm!, purpose, algorithm, hash, signature, cancellationToken).ConfigureAwait(false);
        return result.Problem is { } cause
            ? new DataIntegrityVerificationResult(CredentialVerifier.SignatureProblem(cause), vm)
            : new DataIntegrityVerificationResult(null, vm, result.VerificationMethod?.Id);
    }

    private static bool TryPrepare(JsonObject secured, JsonObject proof, IReadOnlyList<JsonObject> all, out byte[] hash, out byte[] signature, out Problem? problem)
    {
        hash = [];
        signature = [];
        if (proof["type"]?.GetValueKind() != JsonValueKind.String || proof["type"]!.GetValue<string>() != ProofType
            || proof["cryptosuite"]?.GetValueKind() != JsonValueKind.String || proof["cryptosuite"]!.GetValue<string>() != Cryptosuite)
        {
            problem = new Problem(CredentialProblemCodes.UnsupportedCryptosuite, $"Only {ProofType} with {Cryptosuite} is supported.");
            return false;
        }

        if (Vm(proof) is null || proof["proofValue"] is not JsonValue pv || pv.GetValueKind() != JsonValueKind.String
            || !Multibase.TryDecode(pv.GetValue<string>(), MultibaseEncoding.Base58Btc, out var sig) || sig.Length != 64)
        {
            problem = new Problem(CredentialProblemCodes.ProofMalformed, "The proof lacks a verificationMethod or a base58btc 64-byte proofValue.");
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
                problem = new Problem(CredentialProblemCodes.ProofContextMismatch, "The proof's @context does not match the document's.");
                return false;
            }

            unsecured["@context"] = proofContext.DeepClone();
        }

        var previous = new List<string>();
        foreach (var node in VcDataModel.Nodes(proof["previousProof"]))
        {
            if (CredentialVerifier.StringValue(node) is not { } previousId)
            {
                problem = new Problem(CredentialProblemCodes.PreviousProofNotFound, "The proof's previousProof is not a string or a list of strings.");
                return false;
            }

            previous.Add(previousId);
        }

        var chained = ChainedProofs(all, previous);
        if (chained is null)
        {
            problem = new Problem(CredentialProblemCodes.PreviousProofNotFound, "The proof's previousProof names no proof in the document.");
            return false;
        }

        if (chained.Count > 0)
        {
            unsecured["proof"] = chained.Count == 1 ? chained[0].DeepClone() : new JsonArray([.. chained.Select(p => p.DeepClone())]);
        }

        try
        {
            hash = HashData(unsecured, options);
        }
        catch (ArgumentException)
        {
            // JCS (RFC 8785 §3.2.2.3) cannot serialize a number outside the IEEE-754 double range (e.g. 1e400): such a
            // document has no canonical form, so it cannot be signed or verified (found by the data-integrity AFL++ run).
            problem = new Problem(CredentialProblemCodes.Malformed, "The document holds a number JSON canonicalization cannot represent (outside the IEEE-754 double range).");
            return false;
        }

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
