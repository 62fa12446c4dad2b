using System.Net;
using DidSdk.Crypto;

namespace BankSamples;

/// <summary>Command-line settings both bank services read the same way. Shared by samples/BankIssuer and samples/BankVerifier.</summary>
internal static class ServiceSettings
{
    /// <summary>A <c>;</c>-separated list of http(s) origins; plain http only on a loopback address.</summary>
    public static List<Uri> ParseUrls(string? value, string option)
    {
        var urls = new List<Uri>();
        foreach (var text in (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.AbsolutePath != "/")
            {
                throw new ArgumentException($"{option}: '{text}' is not an http(s) origin.");
            }

            if (url.Scheme == Uri.UriSchemeHttp && !(IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address)))
            {
                throw new ArgumentException($"{option}: plain http only on a loopback address (development); use https.");
            }

            urls.Add(url);
        }

        return urls;
    }

    /// <summary>The service's Ed25519 private JWK from a file.</summary>
    public static PrivateKey ReadKey(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--key: cannot read {file}.");
        }

        return Jwk.TryParse(text, out var jwk, out _) && jwk.TryGetPrivateKey(PrivateKeyExportPolicy.None, out var key) && key.KeyType == KeyType.Ed25519
            ? key
            : throw new ArgumentException("--key must be an Ed25519 private JWK.");
    }
}
