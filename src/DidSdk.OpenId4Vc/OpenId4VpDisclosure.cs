using System.Text.Json.Nodes;

namespace DidSdk.OpenId4Vc;

/// <summary>One credential the wallet would present, and exactly the claims the verifier would receive from it.</summary>
/// <param name="CredentialId">The wallet's id of the credential.</param>
/// <param name="Format">Its format.</param>
/// <param name="Claims">The claims disclosed (for SD-JWT VC the always-visible ones plus exactly the requested disclosures).</param>
public sealed record OpenId4VpDisclosure(string CredentialId, string Format, JsonObject Claims);
