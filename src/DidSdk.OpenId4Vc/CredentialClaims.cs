using System.Text.Json.Nodes;

namespace DidSdk.OpenId4Vc;

/// <summary>
/// The claims of one credential: for <c>dc+sd-jwt</c> the SD-JWT VC claims besides the registered ones; for
/// <c>jwt_vc_json</c> the members of <c>credentialSubject</c> besides <c>id</c>.
/// </summary>
/// <param name="Claims">The claims.</param>
public sealed record CredentialClaims(JsonObject Claims);
