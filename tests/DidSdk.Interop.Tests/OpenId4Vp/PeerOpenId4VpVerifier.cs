using System.ComponentModel;
using System.Diagnostics;
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
    private readonly Process _process;

    private PeerOpenId4VpVerifier(Process process, JsonNode started)
    {
        _process = process;
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
    public async Task<JsonNode> ReadOutcomeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new InvalidOperationException("oid4vp-verifier.mjs ended without a verdict: " + await _process.StandardError.ReadToEndAsync(timeout.Token));
        return JsonNode.Parse(line)!;
    }

    public static async Task<PeerOpenId4VpVerifier> StartAsync(JsonObject request)
    {
        _ = RepoPaths.NodeModule("@openid4vc", "openid4vp");
        var start = new ProcessStartInfo("node", [Path.Combine(RepoPaths.DevChain, "oid4vp-verifier.mjs")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.DevChain,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("Interop tests need Node.js 20+ on PATH (`node`).", e);
        }

        try
        {
            await process.StandardInput.WriteAsync(request.ToJsonString());
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException("oid4vp-verifier.mjs ended before it was ready: " + await process.StandardError.ReadToEndAsync(timeout.Token));
            return new PeerOpenId4VpVerifier(process, JsonNode.Parse(line)!);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
