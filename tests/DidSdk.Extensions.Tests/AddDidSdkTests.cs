using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt;
using DidSdk.SdJwt.TokenStatus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DidSdk.Extensions.Tests;

[Category("Integration")]
public sealed class AddDidSdkTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddDidSdk(configuration.GetSection("DidSdk")).BuildServiceProvider();
    }

    [Test]
    public async Task AddDidSdk_DidKey_ResolvesThroughCache()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var did = DidKey.Create(key.PublicKey);
        await using var services = Build(new() { ["DidSdk:Methods:0"] = "key" });

        var resolver = services.GetRequiredService<IDidResolver>();
        var first = await resolver.ResolveAsync(did);
        var second = await resolver.ResolveAsync(did);

        Assert.That(first.Succeeded, Is.True);
        Assert.That(second.DidDocument!.Id, Is.EqualTo(did));
        Assert.That(services.GetRequiredService<CachingDidResolver>().Hits, Is.EqualTo(1));
        Assert.That(services.GetRequiredService<CompositeDidResolver>().Methods, Is.EquivalentTo(new[] { "key" }));
    }

    [Test]
    public async Task AddDidSdk_DidWebOnKestrel_ResolvesAndVerifiesCredential()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        await using var app = await StartDidWebServerAsync(key.PublicKey);
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        var did = $"did:web:127.0.0.1%3A{port}";
        await using var services = Build(new()
        {
            ["DidSdk:Methods:0"] = "key",
            ["DidSdk:Methods:1"] = "web",
            ["DidSdk:AllowHttpForLoopback"] = "true",
            ["DidSdk:CacheTimeToLive"] = "00:01:00",
        });

        var resolution = await services.GetRequiredService<IDidResolver>().ResolveAsync(did);
        Assert.That(resolution.Succeeded, Is.True, () => resolution.DidResolutionMetadata.Error ?? string.Empty);
        Assert.That(resolution.DidDocument!.Id, Is.EqualTo(did));

        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiableCredential"),
            ["issuer"] = did,
            ["validFrom"] = "2026-01-01T00:00:00Z",
            ["credentialSubject"] = new JsonObject { ["id"] = "did:example:holder", ["accountHolder"] = true },
        };
        var token = await VcJwt.IssueJoseAsync(credential, new KeySigner(key, did + "#key-1"));
        var result = await services.GetRequiredService<CredentialVerifier>().VerifyAsync(token);

        Assert.That(result.Succeeded, Is.True, () => string.Join("; ", result.Problems));
        Assert.That(result.Issuer, Is.EqualTo(did));
    }

    [Test]
    public async Task AddDidSdk_EthrNetworks_BoundFromConfiguration()
    {
        await using var services = Build(new()
        {
            ["DidSdk:Methods:0"] = "key",
            ["DidSdk:Methods:1"] = "ethr",
            ["DidSdk:EthrNetworks:consortium:ChainId"] = "1337",
            ["DidSdk:EthrNetworks:consortium:RpcUrl"] = "http://127.0.0.1:9/",
            ["DidSdk:EthrNetworks:consortium:Registry"] = "0x03d5003bf0e79c5f5223588f347eba39afbc3818",
            ["DidSdk:EthrNetworks:consortium:RpcTimeout"] = "00:00:02",
        });

        var options = services.GetRequiredService<IOptions<DidSdkOptions>>().Value;
        var network = options.EthrNetworks["consortium"];

        Assert.That(network.ChainId, Is.EqualTo(1337UL));
        Assert.That(network.RpcUrl, Is.EqualTo(new Uri("http://127.0.0.1:9/")));
        Assert.That(network.RpcTimeout, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(services.GetRequiredService<CompositeDidResolver>().Methods, Is.EquivalentTo(new[] { "key", "ethr" }));

        // Nothing listens on port 9: resolution fails with a result, it does not throw.
        var result = await services.GetRequiredService<IDidResolver>().ResolveAsync("did:ethr:consortium:0x1111111111111111111111111111111111111111");
        Assert.That(result.Succeeded, Is.False);
    }

    [Test]
    public void AddDidSdk_EthrWithoutNetworks_FailsValidation()
    {
        using var services = Build(new() { ["DidSdk:Methods:0"] = "ethr" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IDidResolver>());
    }

    [Test]
    public void AddDidSdk_UnknownMethod_FailsValidation()
    {
        using var services = Build(new() { ["DidSdk:Methods:0"] = "sov" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IDidResolver>());
    }

    [Test]
    public void AddDidSdk_Defaults_RegisterVerifiersAndFetchers()
    {
        using var services = new ServiceCollection().AddDidSdk().BuildServiceProvider();

        Assert.That(services.GetRequiredService<CompositeDidResolver>().Methods, Is.EquivalentTo(DidSdkOptions.DefaultMethods));
        Assert.That(services.GetRequiredService<CredentialVerifier>(), Is.Not.Null);
        Assert.That(services.GetRequiredService<SdJwtVcVerifier>(), Is.Not.Null);
        Assert.That(services.GetRequiredService<IStatusListCredentialFetcher>(), Is.InstanceOf<HttpStatusListCredentialFetcher>());
        Assert.That(services.GetRequiredService<IStatusListFetcher>(), Is.InstanceOf<HttpStatusListFetcher>());
        Assert.That(services.GetRequiredService<IHttpClientFactory>().CreateClient(DidSdkHttpClientNames.DidWeb), Is.Not.Null);
    }

    [Test]
    public async Task AddDidSdk_TrustedIssuers_AppliedToVerifier()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var did = DidKey.Create(key.PublicKey);
        await using var services = Build(new() { ["DidSdk:TrustedIssuers:0"] = "did:example:the-only-trusted-bank" });
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiableCredential"),
            ["issuer"] = did,
            ["credentialSubject"] = new JsonObject { ["id"] = "did:example:holder" },
        };
        var token = await VcJwt.IssueJoseAsync(credential, new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey)));

        var result = await services.GetRequiredService<CredentialVerifier>().VerifyAsync(token);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems, Has.Some.Matches<DidSdk.Core.Problem>(p => p.Code == CredentialProblemCodes.UntrustedIssuer));
    }

    private static async Task<WebApplication> StartDidWebServerAsync(PublicKeyMaterial publicKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/.well-known/did.json", (HttpContext context) =>
        {
            var port = context.Connection.LocalPort;
            var did = $"did:web:127.0.0.1%3A{port}";
            var document = $$"""
                {"@context":["https://www.w3.org/ns/did/v1","https://w3id.org/security/multikey/v1"],"id":"{{did}}",
                 "verificationMethod":[{"id":"{{did}}#key-1","type":"Multikey","controller":"{{did}}","publicKeyMultibase":"{{Multikey.Encode(publicKey)}}"}],
                 "assertionMethod":["{{did}}#key-1"],"authentication":["{{did}}#key-1"]}
                """;
            return Results.Text(document, "application/did+json");
        });
        await app.StartAsync();
        return app;
    }
}
