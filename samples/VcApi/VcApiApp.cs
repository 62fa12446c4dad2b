using System.Net;
using System.Text.Json.Nodes;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt;

namespace VcApi;

/// <summary>
/// The VC-API server (W3C CCG VC API): <c>POST /credentials/issue</c>, <c>/credentials/verify</c>, <c>/credentials/derive</c>
/// (vc+sd-jwt), <c>/presentations/prove</c> and <c>/presentations/verify</c>, over DidSdk.
/// </summary>
public static class VcApiApp
{
    /// <summary>The largest request body accepted.</summary>
    public const int MaxRequestBytes = 1024 * 1024;

    private static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--issuer-key"] = "VcApi:IssuerKeyFile",
        ["--issuer-key-type"] = "VcApi:IssuerKeyType",
        ["--cryptosuite"] = "VcApi:Cryptosuite",
        ["--format"] = "VcApi:Format",
        ["--certificate"] = "Kestrel:Certificates:Default:Path",
        ["--certificate-password-file"] = "VcApi:CertificatePasswordFile",
    };

    /// <summary>Builds the application (not started). Throws <see cref="InvalidOperationException"/> for a configuration it refuses (plain HTTP off loopback, unknown cryptosuite...).</summary>
    public static async Task<WebApplication> BuildAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var arguments = args.Select(a => a == "--allow-loopback-http" ? "--VcApi:AllowLoopbackHttp=true" : a).ToArray();
        var builder = WebApplication.CreateSlimBuilder(arguments);
        builder.Configuration.AddCommandLine(arguments, Switches);
        if (builder.Configuration["VcApi:CertificatePasswordFile"] is { } passwordFile)
        {
            var password = (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();
            builder.Configuration.AddInMemoryCollection([new("Kestrel:Certificates:Default:Password", password)]);
        }

        var settings = new VcApiSettings();
        builder.Configuration.GetSection("VcApi").Bind(settings);
        CheckUrls(builder.Configuration["urls"], settings.AllowLoopbackHttp);
        if (settings.Cryptosuite is not (EddsaRdfc2022.Cryptosuite or DataIntegrity.Cryptosuite or EcdsaCryptosuites.Rdfc2019 or EcdsaCryptosuites.Jcs2019))
        {
            throw new InvalidOperationException($"Unknown cryptosuite '{settings.Cryptosuite}' (eddsa-rdfc-2022, eddsa-jcs-2022, ecdsa-rdfc-2019, ecdsa-jcs-2019).");
        }

        if (settings.Format is not ("di" or CredentialFormats.VcJose or VcSdJwt.Type))
        {
            throw new InvalidOperationException($"Unknown format '{settings.Format}' (di, vc+jwt, vc+sd-jwt).");
        }

        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBytes);
        var ecdsa = settings.Cryptosuite is EcdsaCryptosuites.Rdfc2019 or EcdsaCryptosuites.Jcs2019;
        var key = settings.IssuerKeyFile is { } file
            ? Jwk.Parse(await File.ReadAllTextAsync(file, cancellationToken)).ToPrivateKey()
            : PrivateKey.Generate(settings.IssuerKeyType switch
            {
                null => ecdsa ? KeyType.P256 : KeyType.Ed25519,
                "Ed25519" => KeyType.Ed25519,
                "P-256" => KeyType.P256,
                "P-384" => KeyType.P384,
                _ => throw new InvalidOperationException($"Unknown issuer key type '{settings.IssuerKeyType}' (Ed25519, P-256, P-384)."),
            });
        if (ecdsa ? key.KeyType is not (KeyType.P256 or KeyType.P384) : key.KeyType != KeyType.Ed25519)
        {
            key.Dispose();
            throw new InvalidOperationException(ecdsa ? "The ecdsa cryptosuites need a P-256 or P-384 issuer key." : "The eddsa cryptosuites need an Ed25519 issuer key.");
        }

        var server = new VcApiServer(key, settings);
        builder.Services.AddSingleton(server);
        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(key.Dispose);
        app.MapPost("/credentials/issue", (Delegate)((HttpContext http) => server.HandleAsync(http, server.IssueAsync)));
        app.MapPost("/credentials/verify", (Delegate)((HttpContext http) => server.HandleAsync(http, server.VerifyCredentialAsync)));
        app.MapPost("/credentials/derive", (Delegate)((HttpContext http) => server.HandleAsync(http, server.DeriveAsync)));
        app.MapPost("/presentations/prove", (Delegate)((HttpContext http) => server.HandleAsync(http, server.ProveAsync)));
        app.MapPost("/presentations/verify", (Delegate)((HttpContext http) => server.HandleAsync(http, server.VerifyPresentationAsync)));
        app.MapGet("/", () => Results.Json(new JsonObject { ["issuer"] = server.IssuerDid, ["verificationMethod"] = server.VerificationMethod, ["cryptosuite"] = settings.Cryptosuite, ["format"] = settings.Format }));
        return app;
    }

    /// <summary>HTTPS everywhere; plain HTTP only on a loopback address and only with <see cref="VcApiSettings.AllowLoopbackHttp"/>.</summary>
    internal static void CheckUrls(string? urls, bool allowLoopbackHttp)
    {
        foreach (var url in (urls ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var host = url["http://".Length..].Split('/')[0];
            host = host.StartsWith('[') ? host[..(host.IndexOf(']', StringComparison.Ordinal) + 1)] : host.Split(':')[0];
            var loopback = host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
            if (!loopback || !allowLoopbackHttp)
            {
                throw new InvalidOperationException($"Plain HTTP ({url}) is accepted only on a loopback address with --allow-loopback-http; use https:// with --certificate.");
            }
        }
    }
}
