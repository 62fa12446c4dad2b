using System.Text.Json.Nodes;

namespace DidSdk.Credentials;

/// <summary>A credential that passed every check. Only the verifiers create these.</summary>
public sealed class VerifiedCredential
{
    internal VerifiedCredential(string format, string issuer, JsonObject credential)
    {
        Format = format;
        Issuer = issuer;
        Credential = credential;
    }

    /// <summary>The format it arrived in.</summary>
    public string Format { get; }

    /// <summary>The issuer.</summary>
    public string Issuer { get; }

    /// <summary>The credential (VC data model JSON; for VC-JWT 1.1, rebuilt from the JWT claims).</summary>
    public JsonObject Credential { get; }
}
