using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core;

namespace DidSdk.Credentials;

/// <summary>A verifiable presentation's JSON, checked against the data model.</summary>
public sealed class VerifiablePresentation
{
    private VerifiablePresentation(JsonObject json, IReadOnlyList<string> types, string? holder)
    {
        Json = json;
        Types = types;
        Holder = holder;
    }

    /// <summary>The presentation (a copy).</summary>
    public JsonObject Json { get; }

    /// <summary>The <c>type</c> values.</summary>
    public IReadOnlyList<string> Types { get; }

    /// <summary>The holder's URL, if given.</summary>
    public string? Holder { get; }

    /// <summary>The embedded credentials (JSON objects; enveloped ones have a <c>data:</c> URL <c>id</c>).</summary>
    public IReadOnlyList<JsonObject> VerifiableCredentials => VcDataModel.Objects(Json["verifiableCredential"]);

    /// <summary>Checks <paramref name="json"/> against the data model (embedded credentials included). Never throws for bad input.</summary>
    public static bool TryParse(JsonNode? json, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out VerifiablePresentation? presentation, out IReadOnlyList<Problem> problems)
    {
        presentation = null;
        var list = new List<Problem>();
        problems = list;
        if (json is not JsonObject obj)
        {
            list.Add(new Problem(CredentialProblemCodes.Malformed, "A presentation is a JSON object."));
            return false;
        }

        VcDataModel.CheckContext(obj, "VerifiablePresentation", list);
        var types = VcDataModel.CheckTypes(obj, "VerifiablePresentation", CredentialProblemCodes.InvalidType, list);
        VcDataModel.CheckId(obj, list);
        string? holder = null;
        switch (obj["holder"])
        {
            case null:
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String && VcDataModel.IsUrl(v.GetValue<string>()):
                holder = v.GetValue<string>();
                break;
            case JsonObject o when o["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String && VcDataModel.IsUrl(id.GetValue<string>()):
                holder = id.GetValue<string>();
                break;
            default:
                list.Add(new Problem(CredentialProblemCodes.InvalidPresentation, "holder must be a URL or an object with a URL id."));
                break;
        }

        foreach (var node in VcDataModel.Nodes(obj["verifiableCredential"]))
        {
            if (node is not JsonObject vc)
            {
                list.Add(new Problem(CredentialProblemCodes.InvalidPresentation, "verifiableCredential entries must be objects (an enveloped credential is an object with a data: URL id)."));
                continue;
            }

            if (vc["id"] is JsonValue envelopedId && envelopedId.GetValueKind() == JsonValueKind.String && envelopedId.GetValue<string>().StartsWith("data:", StringComparison.Ordinal))
            {
                if (VcDataModel.CheckTypes(vc, "EnvelopedVerifiableCredential", CredentialProblemCodes.InvalidPresentation, []).Count == 0 || !VcDataModel.TypesOf(vc).Contains("EnvelopedVerifiableCredential"))
                {
                    list.Add(new Problem(CredentialProblemCodes.InvalidPresentation, "An enveloped credential needs type EnvelopedVerifiableCredential."));
                }

                continue;
            }

            if (!VerifiableCredential.TryParse(vc, out _, out var inner))
            {
                list.AddRange(inner);
            }
        }

        if (list.Count > 0)
        {
            return false;
        }

        presentation = new VerifiablePresentation(obj.DeepClone().AsObject(), types, holder);
        return true;
    }
}
