using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.Ethereum.Ethr;
using DidSdk.Ethereum.Registry;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Transactions;
using DidSdk.Testing;

namespace DidSdk.Interop.Tests.Credentials;

/// <summary>VC-JWT 1.1 both ways with did-jwt-vc 4: EdDSA with did:key, ES256K with did:ethr on anvil.</summary>
[Category("Interop")]
public sealed class VcJwtInteropTests
{
    private const string Script = "vc-jwt-interop.mjs";
    private static readonly HttpClient Http = new();
    private AnvilNode _node = null!;
    private EthereumAddress _registry = null!;
    private EthereumRpcClient _rpc = null!;

    [OneTimeSetUp]
    public async Task StartChainAsync()
    {
        _node = await AnvilNode.StartAsync();
        _registry = EthereumAddress.Parse(await RegistryDeployer.DeployAsync(_node));
        _rpc = new EthereumRpcClient(Http, new EthereumRpcOptions { Endpoint = _node.RpcUrl });
    }

    [OneTimeTearDown]
    public async Task StopChainAsync() => await _node.DisposeAsync();

    private JsonObject Ethr => new() { ["rpcUrl"] = _node.RpcUrl.ToString(), ["registry"] = _registry.ToLowerHexString(), ["chainId"] = 31337 };

    private CredentialVerifier Options() => new(
        new CachingDidResolver(new CompositeDidResolver(new DidKeyResolver(), new EthrDidResolver(new EthrDidResolverOptions
        {
            Networks = [new EthrNetwork { ChainId = 31337, Rpc = _rpc, Registry = _registry }],
        }))));

    private static JsonObject Credential(string issuer) => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/2018/credentials/v1"),
        ["type"] = new JsonArray("VerifiableCredential", "KycCredential"),
        ["issuer"] = issuer,
        ["issuanceDate"] = "2026-01-01T00:00:00Z",
        ["credentialSubject"] = new JsonObject { ["id"] = "did:example:customer", ["kyc_level"] = "enhanced", ["age_over_18"] = true },
    };

    private static JsonObject TheirPayload() => new()
    {
        ["sub"] = "did:example:customer",
        ["nbf"] = 1_767_225_600,
        ["vc"] = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/2018/credentials/v1"),
            ["type"] = new JsonArray("VerifiableCredential", "KycCredential"),
            ["credentialSubject"] = new JsonObject { ["kyc_level"] = "enhanced" },
        },
    };

    [Test]
    public async Task OurEdDsaDidKeyCredentialAndPresentation_VerifiedByDidJwtVc()
    {
        using var issuer = PrivateKey.Generate(KeyType.Ed25519);
        using var holder = PrivateKey.Generate(KeyType.Secp256k1);
        var issuerDid = DidKey.Create(issuer.PublicKey);
        var holderDid = DidKey.Create(holder.PublicKey);
        var vc = await VcJwt.IssueJwt11Async(Credential(issuerDid), new KeySigner(issuer, DidKey.GetVerificationMethodId(issuer.PublicKey)));
        var vp = await VcJwt.PresentJwt11Async(holderDid, [vc], new KeySigner(holder, DidKey.GetVerificationMethodId(holder.PublicKey)), "https://bank-b.example", "n-1");

        var credential = await NodeScript.RunAsync(Script, new JsonObject { ["action"] = "verify", ["jwt"] = vc });
        var presentation = await NodeScript.RunAsync(Script, new JsonObject { ["action"] = "verifyPresentation", ["jwt"] = vp, ["aud"] = "https://bank-b.example", ["nonce"] = "n-1" });

        Assert.That(credential["verified"]!.GetValue<bool>(), Is.True, credential["error"]?.ToString());
        Assert.That(credential["payload"]!["vc"]!["credentialSubject"]!["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
        Assert.That(presentation["verified"]!.GetValue<bool>(), Is.True, presentation["error"]?.ToString());
    }

    [Test]
    public async Task TheirEdDsaDidKeyCredentialAndPresentation_VerifiedByUs()
    {
        using var issuer = PrivateKey.Generate(KeyType.Ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        using var holder = PrivateKey.Generate(KeyType.Secp256k1, PrivateKeyExportPolicy.AllowPlaintextExport);
        var issuerDid = DidKey.Create(issuer.PublicKey);
        var holderDid = DidKey.Create(holder.PublicKey);
        var vc = (await NodeScript.RunAsync(Script, new JsonObject
        {
            ["action"] = "issue",
            ["privateKeyHex"] = Convert.ToHexStringLower(issuer.ExportPrivateKey()),
            ["alg"] = "EdDSA",
            ["did"] = issuerDid,
            ["credential"] = TheirPayload(),
        }))["jwt"]!.GetValue<string>();
        var vp = (await NodeScript.RunAsync(Script, new JsonObject
        {
            ["action"] = "present",
            ["privateKeyHex"] = Convert.ToHexStringLower(holder.ExportPrivateKey()),
            ["alg"] = "ES256K",
            ["did"] = holderDid,
            ["credentials"] = new JsonArray(vc),
            ["aud"] = "https://bank-b.example",
            ["nonce"] = "n-2",
        }))["jwt"]!.GetValue<string>();

        var credential = await Options().VerifyAsync(vc);
        var presentation = await new PresentationVerifier(Options()).VerifyAsync(vp, "https://bank-b.example", "n-2");

        Assert.That(credential.Problems, Is.Empty);
        Assert.That(credential.Format, Is.EqualTo(CredentialFormats.VcJwt11));
        Assert.That(credential.Issuer, Is.EqualTo(issuerDid));
        Assert.That(credential.Credential!.Credential["credentialSubject"]!["id"]!.GetValue<string>(), Is.EqualTo("did:example:customer"));
        Assert.That(presentation.Problems, Is.Empty);
    }

    [Test]
    public async Task OurEs256KDidEthrCredentials_ControllerAndAttributeKey_VerifiedByDidJwtVc()
    {
        using var owner = PrivateKey.Import(KeyType.Secp256k1, _node.Accounts[3].PrivateKey);
        var did = EthrDidRegistrar.Create(owner.PublicKey, 31337);
        using var attributeKey = PrivateKey.Generate(KeyType.Secp256k1);
        var registrar = new EthrDidRegistrar(new EthereumDidRegistry(_rpc, _registry));
        await registrar.AddKeyAsync(EthrDidWriter.Direct(new TransactionSender(_rpc, new KeyTransactionSigner(owner), new TransactionSenderOptions { PollInterval = TimeSpan.FromMilliseconds(20) })), did, attributeKey.PublicKey, EthrKeyPurpose.VeriKey, EthrKeyEncoding.Hex, TimeSpan.FromDays(1));

        var byController = await VcJwt.IssueJwt11Async(Credential(did), new KeySigner(owner, did + "#controller"));
        var byAttribute = await VcJwt.IssueJwt11Async(Credential(did), new KeySigner(attributeKey, did + "#delegate-1"));

        foreach (var jwt in new[] { byController, byAttribute })
        {
            var theirs = await NodeScript.RunAsync(Script, new JsonObject { ["action"] = "verify", ["jwt"] = jwt, ["ethr"] = Ethr });
            var ours = await Options().VerifyAsync(jwt);
            Assert.That(theirs["verified"]!.GetValue<bool>(), Is.True, theirs["error"]?.ToString());
            Assert.That(ours.Problems, Is.Empty);
        }
    }

    [Test]
    public async Task TheirEs256KDidEthrCredentialWithoutKid_VerifiedByUsThroughTheChain()
    {
        using var owner = PrivateKey.Generate(KeyType.Secp256k1, PrivateKeyExportPolicy.AllowPlaintextExport);
        var did = EthrDid.Create(EthereumAddress.FromPublicKey(owner.PublicKey), 31337);
        var jwt = (await NodeScript.RunAsync(Script, new JsonObject
        {
            ["action"] = "issue",
            ["privateKeyHex"] = Convert.ToHexStringLower(owner.ExportPrivateKey()),
            ["alg"] = "ES256K",
            ["did"] = did,
            ["credential"] = TheirPayload(),
        }))["jwt"]!.GetValue<string>();

        var result = await Options().VerifyAsync(jwt);

        Assert.That(Jws.ReadCompact(jwt).Token!.KeyId, Is.Null, "did-jwt names no kid: the verifier tries the issuer's assertion methods");
        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Issuer, Is.EqualTo(did));
    }

    [Test]
    public async Task TheirCredentialTampered_RejectedByUs()
    {
        using var issuer = PrivateKey.Generate(KeyType.Ed25519, PrivateKeyExportPolicy.AllowPlaintextExport);
        var jwt = (await NodeScript.RunAsync(Script, new JsonObject
        {
            ["action"] = "issue",
            ["privateKeyHex"] = Convert.ToHexStringLower(issuer.ExportPrivateKey()),
            ["alg"] = "EdDSA",
            ["did"] = DidKey.Create(issuer.PublicKey),
            ["credential"] = TheirPayload(),
        }))["jwt"]!.GetValue<string>();
        var parts = jwt.Split('.');
        var payload = JsonNode.Parse(Convert.FromBase64String(parts[1].Replace('-', '+').Replace('_', '/') + new string('=', (4 - parts[1].Length % 4) % 4)))!;
        payload["vc"]!["credentialSubject"]!["kyc_level"] = "basic";
        var forged = $"{parts[0]}.{DidSdk.Core.Json.StrictBase64Url.Encode(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";

        var result = await Options().VerifyAsync(forged);

        Assert.That(result.Problems.Select(p => p.Code), Does.Contain(CredentialProblemCodes.SignatureInvalid));
    }
}
