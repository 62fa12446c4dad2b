using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Credentials;

namespace DidSdk.Cli;

/// <summary>
/// The printed form of a verification: <c>{"verified","format","issuer","claims","problems":[{"code","message"}]}</c>.
/// Claims are printed only when the credential verified: a script that forgets to look at <c>verified</c> must not
/// act on a forged credential's claims.
/// </summary>
internal static class VerificationJson
{
    public static JsonObject From(CredentialVerificationResult result) => new()
    {
        ["verified"] = result.Succeeded,
        ["format"] = result.Format,
        ["issuer"] = result.Issuer,
        ["claims"] = result.Succeeded ? result.Claims?.DeepClone() : null,
        ["problems"] = Problems(result.Problems),
    };

    public static JsonArray Problems(IEnumerable<Problem> problems) =>
        new([.. problems.Select(p => (JsonNode)new JsonObject { ["code"] = p.Code, ["message"] = CliFailure.Bound(p.Message) })]);
}
