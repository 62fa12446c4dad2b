using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Ethr;
using DidSdk.SdJwt;
using DidSdk.Testing;
using Microsoft.Extensions.Time.Testing;
using static DidSdk.Consortium.Tests.ConsortiumChain;
using static DidSdk.Consortium.Tests.RegistryContractTests;

namespace DidSdk.Consortium.Tests;

/// <summary>The policy plugged into CredentialVerifier: the same answer for SD-JWT VC and VC-JOSE.</summary>
[TestFixture]
[Category("Integration")]
public sealed class VerifierIntegrationTests
{
    private const string Kyc = "https://credentials.consortium.example/kyc";

    private static async Task<DateTimeOffset> ChainTimeAsync() => (await Client().GetBlockAsync())!.Timestamp;

    private static CredentialVerifier Verifier(ConsortiumTrustPolicy policy, TimeProvider clock, string nonce) => new(
        new CompositeDidResolver([new DidKeyResolver()]),
        timeProvider: clock,
        trustPolicy: policy,
        formatHandlers: [new SdJwtVcFormatHandler("https://bank-b.example", nonce)]);

    private static async Task<string> SdJwtVcAsync(PrivateKey issuerKey, PrivateKey holderKey, TimeProvider clock, string nonce)
    {
        var issuer = DidKey.Create(issuerKey.PublicKey);
        var token = await new SdJwtVcIssuer(new KeySigner(issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey)), timeProvider: clock).IssueAsync(new SdJwtVcIssuanceRequest
        {
            Issuer = issuer,
            Vct = Kyc,
            Claims = new JsonObject { ["given_name"] = "Min-jun", ["kyc_level"] = "full", ["age_over_18"] = true },
            Disclosable = ["/given_name", "/kyc_level", "/age_over_18"],
            HolderPublicKey = holderKey.PublicKey,
        });
        var presentation = await SdJwtHolder.PresentAsync(token, ["/kyc_level", "/age_over_18"], new KeyBindingRequest
        {
            HolderSigner = new KeySigner(holderKey),
            Audience = "https://bank-b.example",
            Nonce = nonce,
            IssuedAt = clock.GetUtcNow(),
        });
        return presentation.ToCompact();
    }

    [Test]
    public async Task SdJwtVc_AccreditedThenSuspended_VerifiedThenRejectedWithConsortiumCode()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        using var holderKey = PrivateKey.Generate(KeyType.Ed25519);
        var issuer = DidKey.Create(issuerKey.PublicKey);
        var registry = await DeployAsync();
        await PassAsync(registry, await registry.ProposeAccreditAsync(Sender(0), issuer, Kyc));
        var clock = new FakeTimeProvider((await ChainTimeAsync()).AddSeconds(5));
        var policy = new ConsortiumTrustPolicy(Client(), registry.Address, new ConsortiumTrustPolicyOptions { TrustAt = TrustTime.Both }, clock);
        var presentation = await SdJwtVcAsync(issuerKey, holderKey, clock, "n-1");

        var accepted = await Verifier(policy, clock, "n-1").VerifyAsync(presentation);
        await PassAsync(registry, await registry.ProposeSuspendAsync(Sender(0), issuer, Kyc));
        clock.SetUtcNow((await ChainTimeAsync()).AddSeconds(5));
        var rejected = await Verifier(policy, clock, "n-1").VerifyAsync(presentation);

        Assert.That(accepted.Succeeded, Is.True, string.Join(", ", accepted.Problems));
        Assert.That(accepted.Format, Is.EqualTo("dc+sd-jwt"));
        Assert.That(rejected.Succeeded, Is.False);
        Assert.That(rejected.Problems.Select(p => p.Code), Does.Contain(ConsortiumProblemCodes.Suspended));
    }

    [Test]
    public async Task SdJwtVc_NotAccreditedLookAlike_RejectedNotAccredited()
    {
        using var accreditedKey = PrivateKey.Generate(KeyType.Ed25519);
        using var lookAlikeKey = PrivateKey.Generate(KeyType.Ed25519);
        using var holderKey = PrivateKey.Generate(KeyType.Ed25519);
        var registry = await DeployAsync();
        await PassAsync(registry, await registry.ProposeAccreditAsync(Sender(0), DidKey.Create(accreditedKey.PublicKey), Kyc));
        var clock = new FakeTimeProvider((await ChainTimeAsync()).AddSeconds(5));
        var policy = new ConsortiumTrustPolicy(Client(), registry.Address, null, clock);

        var result = await Verifier(policy, clock, "n-2").VerifyAsync(await SdJwtVcAsync(lookAlikeKey, holderKey, clock, "n-2"));

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems.Select(p => p.Code), Does.Contain(ConsortiumProblemCodes.NotAccredited));
    }

    [Test]
    public async Task VcJose_AccreditedType_VerifiedAndUnaccreditedTypeRejected()
    {
        using var issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        var issuer = DidKey.Create(issuerKey.PublicKey);
        var registry = await DeployAsync();
        await PassAsync(registry, await registry.ProposeAccreditAsync(Sender(0), issuer, "KycCredential"));
        var chainNow = await ChainTimeAsync();
        var clock = new FakeTimeProvider(chainNow.AddSeconds(30));
        var policy = new ConsortiumTrustPolicy(Client(), registry.Address, null, clock);
        var signer = new KeySigner(issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey));

        JsonObject Credential(string type) => new()
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiableCredential", type),
            ["issuer"] = issuer,
            ["validFrom"] = chainNow.AddSeconds(10).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["credentialSubject"] = new JsonObject { ["id"] = "did:example:customer", ["kycLevel"] = "full" },
        };

        var kyc = await Verifier(policy, clock, "x").VerifyAsync(await VcJwt.IssueJoseAsync(Credential("KycCredential"), signer));
        var mortgage = await Verifier(policy, clock, "x").VerifyAsync(await VcJwt.IssueJoseAsync(Credential("MortgageCredential"), signer));

        Assert.That(kyc.Succeeded, Is.True, string.Join(", ", kyc.Problems));
        Assert.That(mortgage.Problems.Select(p => p.Code), Does.Contain(ConsortiumProblemCodes.NotAccredited));
    }

    [Test]
    public async Task Check_KeyAddedAfterClaimedIssuance_KeyNotValidAtIssuance()
    {
        // did:ethr of Bank A on a real ERC-1056 registry; an Ed25519 assertion key is added an hour after "issuance".
        var erc1056 = Client().GetChainIdAsync();
        var registryAddress = EthereumAddress.Parse(await RegistryDeployer.DeployAsync(Node));
        var chainId = await erc1056;
        var did = EthrDidRegistrar.Create(Keys[0].PublicKey, chainId);
        var resolver = new EthrDidResolver(new EthrDidResolverOptions { Networks = [new EthrNetwork { ChainId = chainId, Rpc = Client(), Registry = registryAddress }] });
        var consortium = await DeployAsync();
        await PassAsync(consortium, await consortium.ProposeAccreditAsync(Sender(0), did, Kyc));
        var claimedIssuance = (await ChainTimeAsync()).AddSeconds(5);
        await Node.IncreaseTimeAsync(TimeSpan.FromHours(1));
        using var lateKey = PrivateKey.Generate(KeyType.Ed25519);
        await new EthrDidRegistrar(new Ethereum.Registry.EthereumDidRegistry(Client(), registryAddress))
            .AddKeyAsync(EthrDidWriter.Direct(Sender(0)), did, lateKey.PublicKey, EthrKeyPurpose.VeriKey, EthrKeyEncoding.Base64, TimeSpan.FromDays(365));
        var now = (await ChainTimeAsync()).AddSeconds(5);
        var document = (await resolver.ResolveAsync(did)).DidDocument!;
        var lateMethod = document.VerificationMethod.Single(m => m.Id.Contains("#delegate-", StringComparison.Ordinal)).Id;
        var policy = new ConsortiumTrustPolicy(Client(), consortium.Address, new ConsortiumTrustPolicyOptions { TrustAt = TrustTime.Issuance }, new FakeTimeProvider(now), resolver);

        var backDated = await policy.CheckAsync(new ConsortiumTrustRequest { Issuer = did, CredentialTypes = [Kyc], IssuedAt = claimedIssuance, VerificationMethod = lateMethod });
        var honest = await policy.CheckAsync(new ConsortiumTrustRequest { Issuer = did, CredentialTypes = [Kyc], IssuedAt = now.AddSeconds(-1), VerificationMethod = lateMethod });

        Assert.That(backDated.Problem?.Code, Is.EqualTo(ConsortiumProblemCodes.KeyNotValidAtIssuance));
        Assert.That(honest.Succeeded, Is.True, honest.Rule);
    }

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<(PrivateKey Key, string Issuer, ConsortiumTrustPolicy Policy, FakeTimeProvider Clock, DateTimeOffset ChainNow, CompositeDidResolver Resolver)> AccreditedDidKeyAsync(string type)
    {
        var key = PrivateKey.Generate(KeyType.Ed25519);
        var issuer = DidKey.Create(key.PublicKey);
        var registry = await DeployAsync();
        await PassAsync(registry, await registry.ProposeAccreditAsync(Sender(0), issuer, type));
        var chainNow = await ChainTimeAsync();
        var clock = new FakeTimeProvider(chainNow.AddSeconds(30));
        var resolver = new CompositeDidResolver([new DidKeyResolver()]);

        // With the resolver, the policy also checks the signing key at issuance: did:key keys are valid at any time.
        var policy = new ConsortiumTrustPolicy(Client(), registry.Address, new ConsortiumTrustPolicyOptions { TrustAt = TrustTime.Both }, clock, resolver);
        return (key, issuer, policy, clock, chainNow, resolver);
    }

    private static JsonObject W3cCredential(string issuer, string type, DateTimeOffset validFrom, bool v11 = false) => new()
    {
        ["@context"] = new JsonArray(v11 ? "https://www.w3.org/2018/credentials/v1" : "https://www.w3.org/ns/credentials/v2"),
        ["type"] = new JsonArray("VerifiableCredential", type),
        ["issuer"] = issuer,
        [v11 ? "issuanceDate" : "validFrom"] = Stamp(validFrom),
        ["credentialSubject"] = new JsonObject { ["id"] = "did:example:customer", ["kycLevel"] = "full" },
    };

    [Test]
    public async Task VcJwt11_AccreditedType_VerifiedAndUnaccreditedTypeRejected()
    {
        var (key, issuer, policy, clock, chainNow, resolver) = await AccreditedDidKeyAsync("KycCredential");
        using var issuerKey = key;
        var signer = new KeySigner(issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey));
        var verifier = new CredentialVerifier(resolver, timeProvider: clock, trustPolicy: policy);

        var kyc = await verifier.VerifyAsync(await VcJwt.IssueJwt11Async(W3cCredential(issuer, "KycCredential", chainNow.AddSeconds(10), v11: true), signer));
        var mortgage = await verifier.VerifyAsync(await VcJwt.IssueJwt11Async(W3cCredential(issuer, "MortgageCredential", chainNow.AddSeconds(10), v11: true), signer));
        var backDated = await verifier.VerifyAsync(await VcJwt.IssueJwt11Async(W3cCredential(issuer, "KycCredential", chainNow.AddDays(-30), v11: true), signer));

        Assert.That(kyc.Succeeded, Is.True, string.Join(", ", kyc.Problems));
        Assert.That(mortgage.Problems.Select(p => p.Code), Does.Contain(ConsortiumProblemCodes.NotAccredited));
        Assert.That(backDated.Problems.Select(p => p.Code), Does.Contain(ConsortiumProblemCodes.IssuedBeforeAccreditation));
    }

    [Test]
    public async Task DataIntegrity_AccreditedType_Verified()
    {
        var (key, issuer, policy, clock, chainNow, resolver) = await AccreditedDidKeyAsync("KycCredential");
        using var issuerKey = key;
        var signer = new KeySigner(issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey));
        var verifier = new CredentialVerifier(resolver, timeProvider: clock, trustPolicy: policy);
        var secured = await DataIntegrity.AddProofAsync(
            W3cCredential(issuer, "KycCredential", chainNow.AddSeconds(10)),
            signer,
            new DataIntegrityProofOptions { VerificationMethod = DidKey.GetVerificationMethodId(issuerKey.PublicKey), Created = chainNow.AddSeconds(10) });

        var accepted = await verifier.VerifyAsync(secured.ToJsonString());

        Assert.That(accepted.Succeeded, Is.True, string.Join(", ", accepted.Problems));
        Assert.That(accepted.Format, Is.EqualTo(CredentialFormats.DataIntegrity));
    }

    [Test]
    public async Task SdJwtVcVerifier_ConsortiumPolicy_SameMeaningAsCredentialVerifier()
    {
        using var holderKey = PrivateKey.Generate(KeyType.Ed25519);
        using var lookAlikeKey = PrivateKey.Generate(KeyType.Ed25519);
        var (key, _, policy, clock, _, resolver) = await AccreditedDidKeyAsync(Kyc);
        using var issuerKey = key;
        var verifier = new SdJwtVcVerifier(resolver: resolver, trustPolicy: policy, timeProvider: clock);

        var accepted = await verifier.VerifyAsync(await SdJwtVcAsync(issuerKey, holderKey, clock, "n-3"), "https://bank-b.example", "n-3");
        var lookAlike = await verifier.VerifyAsync(await SdJwtVcAsync(lookAlikeKey, holderKey, clock, "n-3"), "https://bank-b.example", "n-3");

        Assert.That(accepted.Succeeded, Is.True, string.Join(", ", accepted.Problems));
        Assert.That(lookAlike.Succeeded, Is.False);
        Assert.That(lookAlike.Problems.Select(p => p.Code), Does.Contain(ConsortiumProblemCodes.NotAccredited));
    }

    [Test]
    public async Task CredentialVerifier_BackDatedWithKeyAddedLater_KeyNotValidAtIssuance()
    {
        // Bank A's did:ethr is accredited; an hour later it adds an Ed25519 key and signs a credential dated before that.
        var chainId = await Client().GetChainIdAsync();
        var erc1056 = EthereumAddress.Parse(await RegistryDeployer.DeployAsync(Node));
        var did = EthrDidRegistrar.Create(Keys[0].PublicKey, chainId);
        var resolver = new CachingDidResolver(new CompositeDidResolver([new EthrDidResolver(new EthrDidResolverOptions { Networks = [new EthrNetwork { ChainId = chainId, Rpc = Client(), Registry = erc1056 }] })]));
        var consortium = await DeployAsync();
        await PassAsync(consortium, await consortium.ProposeAccreditAsync(Sender(0), did, Kyc));
        var claimedIssuance = (await ChainTimeAsync()).AddSeconds(5);
        await Node.IncreaseTimeAsync(TimeSpan.FromHours(1));
        using var lateKey = PrivateKey.Generate(KeyType.Ed25519);
        using var holderKey = PrivateKey.Generate(KeyType.Ed25519);
        await new EthrDidRegistrar(new Ethereum.Registry.EthereumDidRegistry(Client(), erc1056))
            .AddKeyAsync(EthrDidWriter.Direct(Sender(0)), did, lateKey.PublicKey, EthrKeyPurpose.VeriKey, EthrKeyEncoding.Base64, TimeSpan.FromDays(365));
        var now = new FakeTimeProvider((await ChainTimeAsync()).AddSeconds(5));
        var lateMethod = (await resolver.ResolveAsync(did)).DidDocument!.VerificationMethod.Single(m => m.Id.Contains("#delegate-", StringComparison.Ordinal)).Id;
        var token = await new SdJwtVcIssuer(new KeySigner(lateKey, lateMethod), timeProvider: new FakeTimeProvider(claimedIssuance)).IssueAsync(new SdJwtVcIssuanceRequest
        {
            Issuer = did,
            Vct = Kyc,
            Claims = new JsonObject { ["kyc_level"] = "full" },
            Disclosable = ["/kyc_level"],
            HolderPublicKey = holderKey.PublicKey,
        });
        var presentation = await SdJwtHolder.PresentAsync(token, ["/kyc_level"], new KeyBindingRequest { HolderSigner = new KeySigner(holderKey), Audience = "https://bank-b.example", Nonce = "n-4", IssuedAt = now.GetUtcNow() });
        var policy = new ConsortiumTrustPolicy(Client(), consortium.Address, new ConsortiumTrustPolicyOptions { TrustAt = TrustTime.Issuance }, now, resolver);
        var verifier = new CredentialVerifier(resolver, timeProvider: now, trustPolicy: policy, formatHandlers: [new SdJwtVcFormatHandler("https://bank-b.example", "n-4")]);

        var result = await verifier.VerifyAsync(presentation.ToCompact());

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems.Select(p => p.Code), Does.Contain(ConsortiumProblemCodes.KeyNotValidAtIssuance));
    }
}
