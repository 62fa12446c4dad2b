using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Jose;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.Ethereum.Ethr;
using DidSdk.Ethereum.Registry;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Transactions;
using DidSdk.SdJwt;
using DidSdk.SdJwt.TokenStatus;
using DidSdk.Testing;

namespace KycQuickStart;

/// <summary>The chain the demo runs on: a JSON-RPC endpoint, the ERC-1056 registry, and Bank A's funded secp256k1 key.</summary>
internal sealed record DemoChain(Uri RpcUrl, EthereumAddress Registry, PrivateKey BankAKey);

/// <summary>
/// The KYC quick start, start to finish:
/// Bank A anchors its did:ethr and publishes an Ed25519 assertion key on chain, checks a customer once and issues a
/// selectively disclosable KYC credential (SD-JWT VC) bound to the customer's wallet key; the customer shows Bank B only
/// age_over_18, nationality and kyc_level with a key-binding JWT; Bank B resolves Bank A from the chain and verifies
/// without calling Bank A; Bank A revokes through its status list and Bank B's next check fails with the revocation code.
/// </summary>
internal static class KycDemo
{
    public const string CredentialType = "https://kyc.consortium.example/credentials/kyc/v1";
    private const string BankB = "https://bank-b.example";

    public static async Task<JsonObject> RunAsync(DemoChain chain, Narrator narrator, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        var rpc = new EthereumRpcClient(http, new EthereumRpcOptions { Endpoint = chain.RpcUrl });
        var chainId = await rpc.GetChainIdAsync(cancellationToken);
        var registry = new EthereumDidRegistry(rpc, chain.Registry);
        var sender = new TransactionSender(rpc, new KeyTransactionSigner(chain.BankAKey), new TransactionSenderOptions { PollInterval = TimeSpan.FromMilliseconds(100) });

        // 1. Bank A: a did:ethr for its Ethereum account, and an Ed25519 key for signing credentials, anchored on chain.
        var bankADid = EthrDidRegistrar.Create(chain.BankAKey.PublicKey, chainId);
        using var signingKey = PrivateKey.Generate(KeyType.Ed25519);
        var registrar = new EthrDidRegistrar(registry);
        var write = await registrar.AddKeyAsync(EthrDidWriter.Direct(sender), bankADid, signingKey.PublicKey, EthrKeyPurpose.VeriKey, EthrKeyEncoding.Base64, TimeSpan.FromDays(365), cancellationToken);
        var bankAResolver = Resolver(rpc, chainId, chain.Registry);
        var bankADocument = (await bankAResolver.ResolveAsync(bankADid, null, cancellationToken)).DidDocument
            ?? throw new InvalidOperationException("Bank A's DID did not resolve.");
        var keyId = bankADocument.VerificationMethod.Last(m => m.TryGetPublicKey(out var k, out _) && k == signingKey.PublicKey).Id;
        narrator.Step("Bank A", "anchors its DID and an Ed25519 assertion key on the consortium chain", new JsonObject
        {
            ["did"] = bankADid,
            ["assertionKey"] = keyId,
            ["transaction"] = write.TransactionHash,
            ["block"] = write.BlockNumber,
            ["chainId"] = chainId,
        });

        // 2. Bank A publishes a Token Status List (2 bits per credential: valid / revoked / suspended).
        await using var statusServer = LoopbackHttpServer.Start();
        var statusUri = statusServer.Url("/status/kyc/1");
        var statusList = new TokenStatusList(2, 131_072);
        var issuerSigner = new KeySigner(signingKey, keyId);
        var statusIndex = RandomNumberGenerator.GetInt32(statusList.Size);
        async Task PublishStatusAsync()
        {
            var token = await StatusListToken.CreateAsync(statusList, new StatusListTokenDescriptor { Subject = statusUri, Issuer = bankADid, IssuedAt = DateTimeOffset.UtcNow, TimeToLive = TimeSpan.FromMinutes(5) }, issuerSigner, cancellationToken);
            statusServer.Map(statusUri.AbsolutePath, LoopbackResponse.Text(200, token, StatusListToken.MediaType));
        }

        await PublishStatusAsync();
        narrator.Step("Bank A", "publishes its status list", new JsonObject { ["uri"] = statusUri.ToString(), ["entries"] = statusList.Size, ["bitsPerEntry"] = statusList.Bits });

        // 3. The customer's wallet holds its own key; Bank A checks the customer once and issues the KYC credential.
        using var walletKey = PrivateKey.Generate(KeyType.Ed25519);
        var kyc = new JsonObject
        {
            ["given_name"] = "Ji-woo",
            ["family_name"] = "Kim",
            ["birthdate"] = "1990-04-12",
            ["nationality"] = "KR",
            ["address"] = new JsonObject { ["street_address"] = "12 Sejong-daero", ["locality"] = "Seoul", ["country"] = "KR" },
            ["kyc_level"] = "enhanced",
            ["age_over_18"] = true,
        };
        var credential = await new SdJwtVcIssuer(issuerSigner).IssueAsync(new SdJwtVcIssuanceRequest
        {
            Issuer = bankADid,
            Vct = CredentialType,
            Claims = kyc,
            Disclosable = [.. kyc.Select(c => "/" + c.Key)],
            HolderPublicKey = walletKey.PublicKey,
            ExpiresAt = DateTimeOffset.UtcNow.AddYears(1),
            Status = new StatusListReference(statusIndex, statusUri),
        }, cancellationToken);
        narrator.Step("Bank A", "issues a KYC credential (SD-JWT VC) to the customer's wallet", new JsonObject
        {
            ["vct"] = CredentialType,
            ["selectivelyDisclosable"] = new JsonArray([.. kyc.Select(c => (JsonNode)c.Key)]),
            ["statusIndex"] = statusIndex,
            ["length"] = credential.ToCompact().Length,
        });

        // 4. Bank B asks for proof; the wallet discloses only three claims and binds the presentation to Bank B's nonce.
        var nonce = NewNonce();
        var presentation = await SdJwtHolder.PresentAsync(credential, ["/age_over_18", "/nationality", "/kyc_level"], new KeyBindingRequest
        {
            HolderSigner = new KeySigner(walletKey),
            Audience = BankB,
            Nonce = nonce,
            IssuedAt = DateTimeOffset.UtcNow,
        }, cancellationToken);
        narrator.Step("Customer", "shows Bank B three claims, nothing else", new JsonObject
        {
            ["disclosed"] = new JsonArray("age_over_18", "nationality", "kyc_level"),
            ["withheld"] = new JsonArray("given_name", "family_name", "birthdate", "address"),
            ["audience"] = BankB,
            ["nonce"] = nonce,
        });

        // 5. Bank B verifies: issuer key from the chain, signature, disclosures, key binding, status, trust.
        var bankBResolver = new CachingDidResolver(new CompositeDidResolver(Resolver(rpc, chainId, chain.Registry)));
        var checker = new TokenStatusChecker(new HttpStatusListFetcher(http, new HttpStatusListFetcherOptions { AllowHttpForLoopback = true }));
        SdJwtVcVerifier Verifier() => new(new SdJwtVerifierOptions(), bankBResolver, statusChecker: checker, trustPolicy: new TrustedIssuersPolicy([bankADid]));
        var first = await Verifier().VerifyAsync(presentation.ToCompact(), BankB, nonce, cancellationToken);
        narrator.Step("Bank B", first.Succeeded ? "verifies it: Bank A's key from the chain, status from Bank A's published list, no call to Bank A about this customer" : "REJECTS the credential", Result(first));

        // 6. Bank A revokes the credential: one bit in its status list.
        statusList.Set(statusIndex, TokenStatusTypes.Invalid);
        await PublishStatusAsync();
        narrator.Step("Bank A", "revokes the credential in its status list", new JsonObject { ["statusIndex"] = statusIndex, ["status"] = "INVALID" });

        // 7. The next time the customer presents it, Bank B (with a fresh status list) refuses it.
        var secondNonce = NewNonce();
        var again = await SdJwtHolder.PresentAsync(credential, ["/age_over_18", "/nationality", "/kyc_level"], new KeyBindingRequest
        {
            HolderSigner = new KeySigner(walletKey),
            Audience = BankB,
            Nonce = secondNonce,
            IssuedAt = DateTimeOffset.UtcNow,
        }, cancellationToken);
        checker = new TokenStatusChecker(new HttpStatusListFetcher(http, new HttpStatusListFetcherOptions { AllowHttpForLoopback = true }));
        var second = await Verifier().VerifyAsync(again.ToCompact(), BankB, secondNonce, cancellationToken);
        narrator.Step("Bank B", second.Succeeded ? "accepts the credential (unexpected)" : "refuses the revoked credential", Result(second));

        var revokedCode = second.Problems.Any(p => p.Code == TokenStatusProblemCodes.Revoked);
        return new JsonObject
        {
            ["passed"] = first.Succeeded && !second.Succeeded && revokedCode,
            ["issuer"] = bankADid,
            ["firstVerification"] = Result(first),
            ["afterRevocation"] = Result(second),
        };
    }

    private static EthrDidResolver Resolver(IEthereumRpc rpc, ulong chainId, EthereumAddress registry) =>
        new(new EthrDidResolverOptions { Networks = [new EthrNetwork { Name = "consortium", ChainId = chainId, Rpc = rpc, Registry = registry }] });

    private static string NewNonce() => DidSdk.Core.Json.StrictBase64Url.Encode(RandomNumberGenerator.GetBytes(16));

    private static JsonObject Result(SdJwtVcVerificationResult result) => new()
    {
        ["verified"] = result.Succeeded,
        ["issuer"] = result.Issuer,
        ["claims"] = result.Succeeded ? Disclosed(result.Claims) : null,
        ["problems"] = new JsonArray([.. result.Problems.Select(p => (JsonNode)new JsonObject { ["code"] = p.Code, ["message"] = p.Message })]),
    };

    private static JsonObject? Disclosed(JsonObject? claims)
    {
        if (claims is null)
        {
            return null;
        }

        var copy = claims.DeepClone().AsObject();
        foreach (var registered in new[] { "iss", "iat", "exp", "cnf", "status", "vct" })
        {
            copy.Remove(registered);
        }

        return copy;
    }
}
