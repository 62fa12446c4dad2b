using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;
using DidSdk.Testing;

namespace DidSdk.Interop.Tests.OpenId4Vc;

/// <summary>
/// tests/devchain/oid4vci-issuer.mjs as a running process: an OID4VCI issuer built with @openid4vc/openid4vci and
/// @openid4vc/oauth2 on a loopback port. Ready once it printed its offer line; stopped by its process id.
/// </summary>
internal sealed class PeerOpenId4VciIssuer : IAsyncDisposable
{
    private readonly Process _process;

    private PeerOpenId4VciIssuer(Process process, JsonNode started)
    {
        _process = process;
        Offer = started["offer"]!.GetValue<string>();
        TxCode = started["txCode"]!.GetValue<string>();
        IssuerDid = started["issuerDid"]!.GetValue<string>();
        CredentialIssuer = started["credentialIssuer"]!.GetValue<string>();
    }

    public string Offer { get; }

    public string TxCode { get; }

    public string IssuerDid { get; }

    public string CredentialIssuer { get; }

    public static async Task<PeerOpenId4VciIssuer> StartAsync(JsonObject request)
    {
        _ = RepoPaths.NodeModule("@openid4vc", "openid4vci");
        var start = new ProcessStartInfo("node", [Path.Combine(RepoPaths.DevChain, "oid4vci-issuer.mjs")])
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
                ?? throw new InvalidOperationException("oid4vci-issuer.mjs ended before it was ready: " + await process.StandardError.ReadToEndAsync(timeout.Token));
            return new PeerOpenId4VciIssuer(process, JsonNode.Parse(line)!);
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
