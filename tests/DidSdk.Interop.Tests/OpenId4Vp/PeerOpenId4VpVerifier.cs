using System.Text.Json.Nodes;
using DidSdk.Testing;

namespace DidSdk.Interop.Tests.OpenId4Vp;

/// <summary>
/// tests/devchain/oid4vp-verifier.mjs as a running process: an OpenID4VP verifier built with @openid4vc/openid4vp on a
/// loopback port. Ready once it printed its Authorization Request line; its verdict on the first response it receives is
/// the next line (<see cref="ReadOutcomeAsync"/>); stopped by its process id.
/// </summary>
internal sealed class PeerOpenId4VpVerifier : IAsyncDisposable
{
    private readonly NodeProcess _process;

    private PeerOpenId4VpVerifier(NodeProcess process)
    {
        _process = process;
        var started = process.Started;
        AuthorizationRequest = started["authorizationRequest"]!.GetValue<string>();
        ClientId = started["clientId"]!.GetValue<string>();
        VerifierDid = started["verifierDid"]!.GetValue<string>();
        Nonce = started["nonce"]!.GetValue<string>();
        State = started["state"]!.GetValue<string>();
        ResponseUri = started["responseUri"]!.GetValue<string>();
    }

    /// <summary>The <c>openid4vp://</c> URI the wallet scans.</summary>
    public string AuthorizationRequest { get; }

    public string ClientId { get; }

    public string VerifierDid { get; }

    public string Nonce { get; }

    public string State { get; }

    public string ResponseUri { get; }

    /// <summary>The peer's verdict on the first Authorization Response it received: <c>{accepted, claims?, kb?, error?}</c>.</summary>
    public Task<JsonNode> ReadOutcomeAsync() => _process.ReadLineAsync();

    public static async Task<PeerOpenId4VpVerifier> StartAsync(JsonObject request)
    {
        _ = RepoPaths.NodeModule("@openid4vc", "openid4vp");
        var process = await NodeProcess.StartAsync("oid4vp-verifier.mjs", request);
        try
        {
            return new PeerOpenId4VpVerifier(process);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
