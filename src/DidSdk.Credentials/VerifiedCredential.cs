using System.Text.Json.Nodes;

namespace DidSdk.Credentials;

/// <summary>A credential that passed every check. Only the verifiers create these.</summary>
public sealed class VerifiedCredential
{
    private readonly JsonObject? _credential;
    private readonly LazyCredentialJson? _lazyCredential;

    internal VerifiedCredential(string format, string issuer, JsonObject credential)
    {
        Format = format;
        Issuer = issuer;
        _credential = credential;
    }

    /// <summary>A credential whose JSON is built from its token on first read.</summary>
    internal VerifiedCredential(string format, string issuer, LazyCredentialJson credential)
    {
        Format = format;
        Issuer = issuer;
        _lazyCredential = credential;
    }

    /// <summary>The format it arrived in.</summary>
    public string Format { get; }

    /// <summary>The issuer.</summary>
    public string Issuer { get; }

    /// <summary>The credential (VC data model JSON; for VC-JWT 1.1, rebuilt from the JWT claims).</summary>
    public JsonObject Credential => _credential ?? _lazyCredential!.Value;
}
