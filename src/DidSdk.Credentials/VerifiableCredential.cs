using System.Text.Json.Nodes;
using DidSdk.Core;

namespace DidSdk.Credentials;

/// <summary>A verifiable credential's JSON, checked against the data model and read into typed properties.</summary>
public sealed class VerifiableCredential
{
    private readonly JsonObject? _json;
    private readonly LazyCredentialJson? _lazyJson;
    private IReadOnlyList<string>? _types;

    private VerifiableCredential(JsonObject json, VcDataModelVersion version, IReadOnlyList<string> types, string issuer, DateTimeOffset? validFrom, DateTimeOffset? validUntil)
    {
        _json = json;
        Version = version;
        _types = types;
        Issuer = issuer;
        ValidFrom = validFrom;
        ValidUntil = validUntil;
    }

    /// <summary>
    /// A VC 2.0 credential whose payload <see cref="JosePayload"/> read and checked: its JSON (and so its types) is built
    /// on first use, and it has no <c>credentialStatus</c> or <c>relatedResource</c> (the reader leaves those to the general path).
    /// </summary>
    internal VerifiableCredential(LazyCredentialJson json, in JosePayload payload)
    {
        _lazyJson = json;
        Version = VcDataModelVersion.V2;
        Issuer = payload.Issuer;
        ValidFrom = payload.ValidFrom;
        ValidUntil = payload.ValidUntil;
    }

    /// <summary>The credential (unknown properties preserved). A copy of what was parsed; changing it changes nothing here.</summary>
    public JsonObject Json => _json ?? _lazyJson!.Value;

    /// <summary>The data model version, from the first <c>@context</c>.</summary>
    public VcDataModelVersion Version { get; }

    /// <summary>The <c>type</c> values.</summary>
    public IReadOnlyList<string> Types => _types ??= VcDataModel.TypesOf(Json);

    /// <summary>Whether the credential has <c>credentialStatus</c> entries (without building a lazily read credential's JSON).</summary>
    internal bool HasCredentialStatus => _lazyJson is null && CredentialStatus.Count > 0;

    /// <summary>Whether the credential lists <c>relatedResource</c> (without building a lazily read credential's JSON).</summary>
    internal bool HasRelatedResources => _lazyJson is null && Json.ContainsKey("relatedResource");

    /// <summary>The issuer's URL (the string, or the <c>id</c> of the issuer object).</summary>
    public string Issuer { get; }

    /// <summary><c>validFrom</c> (1.1: <c>issuanceDate</c>).</summary>
    public DateTimeOffset? ValidFrom { get; }

    /// <summary><c>validUntil</c> (1.1: <c>expirationDate</c>).</summary>
    public DateTimeOffset? ValidUntil { get; }

    /// <summary>The <c>id</c>, if any.</summary>
    public string? Id => Json["id"]?.GetValue<string>();

    /// <summary>The credential subjects (one or many).</summary>
    public IReadOnlyList<JsonObject> CredentialSubjects => VcDataModel.Objects(Json["credentialSubject"]);

    /// <summary>The <c>credentialStatus</c> entries.</summary>
    public IReadOnlyList<JsonObject> CredentialStatus => VcDataModel.Objects(Json["credentialStatus"]);

    /// <summary>
    /// Checks a related resource the caller fetched against the credential's <c>relatedResource</c> entry with that
    /// <c>id</c> (VC Data Model 2.0 §5.3): every digest given (<c>digestSRI</c>, <c>digestMultibase</c> with a
    /// sha2-256/384/512 multihash) must match <paramref name="resource"/>, compared in constant time.
    /// </summary>
    /// <param name="id">The resource's <c>id</c> as the credential lists it.</param>
    /// <param name="resource">The resource's bytes.</param>
    /// <param name="problem"><see cref="CredentialProblemCodes.InvalidRelatedResource"/> when no entry has that id or it has no digest, <see cref="CredentialProblemCodes.RelatedResourceDigestInvalid"/> when a digest cannot be used, <see cref="CredentialProblemCodes.RelatedResourceDigestMismatch"/> when a digest differs.</param>
    public bool TryVerifyRelatedResource(string id, ReadOnlySpan<byte> resource, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out Problem? problem)
    {
        ArgumentNullException.ThrowIfNull(id);
        var entry = VcDataModel.Objects(Json["relatedResource"]).FirstOrDefault(r => VcDataModel.AsString(r["id"]) == id);
        if (entry is null)
        {
            problem = new Problem(CredentialProblemCodes.InvalidRelatedResource, "The credential lists no relatedResource with that id.");
            return false;
        }

        var checkedAny = false;
        if (VcDataModel.AsString(entry["digestSRI"]) is { } sri)
        {
            var dash = sri.IndexOf('-', StringComparison.Ordinal);
            var expected = dash > 0 ? TryBase64(sri[(dash + 1)..]) : null;
            var actual = dash > 0 ? Digest(sri[..dash], resource) : null;
            if (expected is null || actual is null)
            {
                problem = new Problem(CredentialProblemCodes.RelatedResourceDigestInvalid, "digestSRI names no supported hash.");
                return false;
            }

            if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(expected, actual))
            {
                problem = new Problem(CredentialProblemCodes.RelatedResourceDigestMismatch, "The resource does not match its digestSRI.");
                return false;
            }

            checkedAny = true;
        }

        if (VcDataModel.AsString(entry["digestMultibase"]) is { } multibase)
        {
            var encoding = multibase.Length > 1 && multibase[0] == 'u' ? DidSdk.Crypto.MultibaseEncoding.Base64Url : DidSdk.Crypto.MultibaseEncoding.Base58Btc;
            if (DidSdk.Crypto.Multibase.TryDecode(multibase, encoding, out var decoded) && !IsSha2Multihash(decoded) && decoded.Length is 32 or 48 or 64)
            {
                // A bare SHA-2 digest (as the W3C VC 2.0 test suite writes it): the length names the hash.
                decoded = [decoded.Length switch { 32 => (byte)0x12, 48 => (byte)0x20, _ => (byte)0x13 }, (byte)decoded.Length, .. decoded];
            }

            var multihash = decoded ?? [];
            if (multihash.Length < 3 || multihash[1] != multihash.Length - 2
                || Digest(multihash[0] switch { 0x12 => "sha256", 0x20 => "sha384", 0x13 => "sha512", _ => string.Empty }, resource) is not { } actual)
            {
                problem = new Problem(CredentialProblemCodes.RelatedResourceDigestInvalid, "digestMultibase is not a sha2-256/384/512 multihash.");
                return false;
            }

            if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(multihash.AsSpan(2), actual))
            {
                problem = new Problem(CredentialProblemCodes.RelatedResourceDigestMismatch, "The resource does not match its digestMultibase.");
                return false;
            }

            checkedAny = true;
        }

        problem = checkedAny ? null : new Problem(CredentialProblemCodes.InvalidRelatedResource, "The relatedResource entry has no digest.");
        return checkedAny;
    }

    private static bool IsSha2Multihash(byte[] bytes) =>
        bytes.Length > 2 && bytes[0] is 0x12 or 0x20 or 0x13 && bytes[1] == bytes.Length - 2;

    private static byte[]? Digest(string algorithm, ReadOnlySpan<byte> data) => algorithm switch
    {
        "sha256" => System.Security.Cryptography.SHA256.HashData(data),
        "sha384" => System.Security.Cryptography.SHA384.HashData(data),
        "sha512" => System.Security.Cryptography.SHA512.HashData(data),
        _ => null,
    };

    private static byte[]? TryBase64(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }

    /// <summary>Checks <paramref name="json"/> against the data model. Never throws for bad input.</summary>
    public static bool TryParse(JsonNode? json, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out VerifiableCredential? credential, out IReadOnlyList<Problem> problems) =>
        TryParse(json, copy: true, out credential, out problems);

    /// <summary>As above; without <paramref name="copy"/> the result wraps the caller's object (for JSON the caller owns and will not change).</summary>
    internal static bool TryParse(JsonNode? json, bool copy, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out VerifiableCredential? credential, out IReadOnlyList<Problem> problems)
    {
        credential = null;
        var list = new List<Problem>();
        problems = list;
        if (json is not JsonObject obj)
        {
            list.Add(new Problem(CredentialProblemCodes.Malformed, "A credential is a JSON object."));
            return false;
        }

        var version = VcDataModel.CheckContext(obj, "VerifiableCredential", list);
        var types = VcDataModel.CheckTypes(obj, "VerifiableCredential", CredentialProblemCodes.InvalidType, list);
        VcDataModel.CheckId(obj, list);
        var issuer = VcDataModel.CheckIssuer(obj, list);
        VcDataModel.CheckSubjects(obj, list);
        var (from, until) = VcDataModel.CheckValidity(obj, version, list);
        VcDataModel.CheckTypedObjects(obj, "credentialStatus", needsId: false, list);
        VcDataModel.CheckTypedObjects(obj, "credentialSchema", needsId: true, list);
        VcDataModel.CheckTypedObjects(obj, "evidence", needsId: false, list);
        VcDataModel.CheckTypedObjects(obj, "termsOfUse", needsId: false, list);
        VcDataModel.CheckTypedObjects(obj, "refreshService", needsId: false, list);
        VcDataModel.CheckTypedObjects(obj, "proof", needsId: false, list);
        VcDataModel.CheckRelatedResources(obj, list);

        VcDataModel.CheckLanguageValues(obj, list);
        if (obj["issuer"] is JsonObject issuerObject)
        {
            VcDataModel.CheckLanguageValues(issuerObject, list);
        }

        if (list.Count > 0)
        {
            return false;
        }

        credential = new VerifiableCredential(copy ? obj.DeepClone().AsObject() : obj, version, types, issuer!, from, until);
        return true;
    }
}
