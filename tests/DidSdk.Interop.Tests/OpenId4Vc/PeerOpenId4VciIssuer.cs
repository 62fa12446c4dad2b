using System.Text.Json.Nodes;
using DidSdk.Testing;

namespace DidSdk.Interop.Tests.OpenId4Vc;

/// <summary>
/// tests/devchain/oid4vci-issuer.mjs as a running process: an OID4VCI issuer built with @openid4vc/openid4vci and
/// @openid4vc/oauth2 on a loopback port (pre-authorized code by default; with <c>"grant": "authorization_code"</c> the
/// Authorization Code Flow's server). Ready once it printed its offer line; stopped by its process id.
/// </summary>
internal sealed class PeerOpenId4VciIssuer : IAsyncDisposable
{
    private readonly NodeProcess _process;

    private PeerOpenId4VciIssuer(NodeProcess process)
    {
        _process = process;
        var started = process.Started;
        Offer = started["offer"]!.GetValue<string>();
        TxCode = started["txCode"]?.GetValue<string>();
        IssuerState = started["issuerState"]?.GetValue<string>();
        IssuerDid = started["issuerDid"]!.GetValue<string>();
        CredentialIssuer = started["credentialIssuer"]!.GetValue<string>();
    }

    public string Offer { get; }

    /// <summary>The offer's Transaction Code (pre-authorized code offers only).</summary>
    public string? TxCode { get; }

    /// <summary>The offer's <c>issuer_state</c> (authorization code offers only).</summary>
    public string? IssuerState { get; }

    public string IssuerDid { get; }

    public string CredentialIssuer { get; }

    public static async Task<PeerOpenId4VciIssuer> StartAsync(JsonObject request)
    {
        _ = RepoPaths.NodeModule("@openid4vc", "openid4vci");
        var process = await NodeProcess.StartAsync("oid4vci-issuer.mjs", request);
        try
        {
            return new PeerOpenId4VciIssuer(process);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
