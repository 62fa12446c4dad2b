using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DidSdk.Core;

namespace DidSdk.Credentials;

/// <summary>A verifiable credential's JSON, checked against the data model and read into typed properties.</summary>
public sealed class VerifiableCredential
{
    private VerifiableCredential(JsonObject json, VcDataModelVersion version, IReadOnlyList<string> types, string issuer, DateTimeOffset? validFrom, DateTimeOffset? validUntil)
    {
        Json = json;
        Version = version;
        Types = types;
        Issuer = issuer;
        ValidFrom = validFrom;
        ValidUntil = validUntil;
    }

    /// <summary>The credential (unknown properties preserved). A copy of what was parsed; changing it changes nothing here.</summary>
    public JsonObject Json { get; }

    /// <summary>The data model version, from the first <c>@context</c>.</summary>
    public VcDataModelVersion Version { get; }

    /// <summary>The <c>type</c> values.</summary>
    public IReadOnlyList<string> Types { get; }

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
