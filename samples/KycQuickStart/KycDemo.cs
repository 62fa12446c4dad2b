using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DidSdk.Consortium;
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

namespace KycQuickStart;

/// <summary>The chain the demo runs on: a JSON-RPC endpoint, the ERC-1056 registry, and five funded secp256k1 keys (Banks A, B, C, a fourth institution, a spare).</summary>
internal sealed record DemoChain(Uri RpcUrl, EthereumAddress Erc1056Registry, IReadOnlyList<PrivateKey> Keys);

/// <summary>
/// The consortium KYC story, start to finish, on a real chain:
/// (1) three banks form a consortium (2 of 3) and deploy the trust registry; ERC-1056 holds their DIDs;
/// (2) the consortium accredits Bank A for the KYC credential type (one approval is shown not to be enough);
/// (3) Bank A issues the KYC SD-JWT VC into the customer's wallet over OpenID4VCI (HTTP on loopback, <see cref="BankAIssuance"/>); Bank B asks the wallet for three claims over OpenID4VP (HTTP on loopback, <see cref="BankBVerification"/>), the customer consents, Bank B verifies the issuer key and the accreditation from the chain;
/// (4) a fourth, unaccredited institution's look-alike credential is rejected;
/// (5) the consortium suspends Bank A: a credential issued afterwards is rejected, the earlier one is judged by the time policy;
/// (6) the consortium reinstates Bank A, Bank A revokes the customer's credential in its status list, Bank B rejects it.
/// </summary>
internal static class KycDemo
{
    public const string CredentialType = "https://kyc.consortium.example/credentials/kyc/v1";
    private const string BankBAudience = "https://bank-b.example";
    private static readonly Uri StatusUri = new("https://bank-a.example/status/kyc/1");
    private static readonly string[] Shown = ["/age_over_18", "/nationality", "/kyc_level"];

    public static async Task<JsonObject> RunAsync(DemoChain chain, TrustTime trustAt, Narrator narrator, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        var rpc = new EthereumRpcClient(http, new EthereumRpcOptions { Endpoint = chain.RpcUrl });
        var chainId = await rpc.GetChainIdAsync(cancellationToken);
        var erc1056 = new EthereumDidRegistry(rpc, chain.Erc1056Registry);
        var ethr = new EthrDidResolver(new EthrDidResolverOptions { Networks = [new EthrNetwork { Name = "consortium", ChainId = chainId, Rpc = rpc, Registry = chain.Erc1056Registry }] });
        var senders = chain.Keys.Select(k => new TransactionSender(rpc, new KeyTransactionSigner(k), new TransactionSenderOptions { PollInterval = TimeSpan.FromMilliseconds(50) })).ToArray();
        var outcome = new JsonObject { ["trustAt"] = Name(trustAt) };
        var failures = new JsonArray(); // what did not go as the story says, in words, for the final verdict
        void Expect(bool held, string expectation, JsonObject evidence)
        {
            if (!held)
            {
                failures.Add(new JsonObject { ["expected"] = expectation, ["got"] = evidence.DeepClone() });
            }
        }

        // 1. Three banks: a did:ethr each (ERC-1056), Bank A also anchors an Ed25519 key for signing credentials; they deploy the registry.
        string Did(int i) => EthrDidRegistrar.Create(chain.Keys[i].PublicKey, chainId);
        string[] names = ["Bank A", "Bank B", "Bank C"];
        using var bankAKey = PrivateKey.Generate(KeyType.Ed25519);
        var bankAKeyId = await AnchorKeyAsync(erc1056, ethr, senders[0], Did(0), bankAKey, EthrKeyPurpose.VeriKey, cancellationToken);
        var members = names.Select((n, i) => new ConsortiumMember(senders[i].Address, Did(i), n)).ToArray();
        var deployment = await ConsortiumTrustRegistry.DeployAsync(senders[1], members, 2, TimeSpan.FromDays(7), cancellationToken);
        var registry = new ConsortiumTrustRegistry(rpc, deployment.Contract);
        var onChain = await registry.GetMembersAsync(cancellationToken);
        narrator.Step("Banks A, B, C", "form the consortium (2 of 3 approvals) and deploy the trust registry", new JsonObject
        {
            ["registry"] = deployment.Contract.ToString(),
            ["threshold"] = await registry.GetThresholdAsync(cancellationToken),
            ["members"] = new JsonArray([.. onChain.Select(m => (JsonNode)new JsonObject { ["name"] = m.Name, ["did"] = m.Did })]),
            ["bankASigningKey"] = bankAKeyId,
        });
        outcome["registry"] = deployment.Contract.ToString();

        // 2. Bank B proposes accrediting Bank A for KYC; one approval is not enough; Bank C approves; it executes.
        var proposal = await registry.ProposeAccreditAsync(senders[1], Did(0), CredentialType, cancellationToken: cancellationToken);
        string? alone = null;
        try
        {
            await registry.ExecuteAsync(senders[1], proposal.ProposalId, cancellationToken);
        }
        catch (ConsortiumRegistryException e)
        {
            alone = e.Error.ToString();
        }

        await registry.ApproveAsync(senders[2], proposal.ProposalId, cancellationToken);
        var executed = await registry.ExecuteAsync(senders[1], proposal.ProposalId, cancellationToken);
        var accredited = await registry.IsAccreditedAsync(Did(0), CredentialType, cancellationToken);
        narrator.Step("Consortium", "accredits Bank A for the KYC credential type", new JsonObject
        {
            ["proposal"] = proposal.ProposalId,
            ["executeWithOneApproval"] = alone is null ? "executed (unexpected)" : "refused: " + alone,
            ["approvedBy"] = "Bank B (proposer), Bank C",
            ["executed"] = executed.Executed,
            ["accredited"] = accredited,
        });
        Expect(alone == nameof(ConsortiumRegistryError.NotEnoughApprovals) && accredited, "one approval is refused (NotEnoughApprovals); two accredit Bank A", new JsonObject { ["oneApproval"] = alone, ["accredited"] = accredited });
        outcome["accreditation"] = new JsonObject { ["oneApproval"] = alone, ["accredited"] = accredited };

        // 3. Bank A issues the KYC credential; the customer shows Bank B three claims; Bank B verifies key and accreditation from the chain.
        var files = new PublishedFiles();
        using var web = new HttpClient(files);
        var statusList = new TokenStatusList(2, 131_072);
        var bankASigner = new KeySigner(bankAKey, bankAKeyId);
        async Task PublishStatusAsync() => files.Publish(StatusUri, await StatusListToken.CreateAsync(statusList, new StatusListTokenDescriptor { Subject = StatusUri, Issuer = Did(0), IssuedAt = DateTimeOffset.UtcNow, TimeToLive = TimeSpan.FromMinutes(5) }, bankASigner, cancellationToken), StatusListToken.MediaType);
        await PublishStatusAsync();
        await using var walletKey = await CustomerWallet.CreateAsync(cancellationToken); // the customer's key and credential live in a wallet file
        var walletVerifier = new CredentialVerifier(new CachingDidResolver(new CompositeDidResolver(ethr)),
            formatHandlers: [new SdJwtVcFormatHandler(null, null, new SdJwtVerifierOptions { RequireKeyBinding = false }, new TokenStatusChecker(new HttpStatusListFetcher(web)))]);
        var (credential, issuedIndex) = await BankAIssuance.IssueToWalletAsync(bankASigner, Did(0), StatusUri, walletKey, walletVerifier, narrator, cancellationToken);
        var statusIndex = (int)issuedIndex;
        var bankBResolver = new CachingDidResolver(new CompositeDidResolver(ethr));
        var policies = new Dictionary<TrustTime, ConsortiumTrustPolicy>();
        ConsortiumTrustPolicy Policy(TrustTime t) => policies.TryGetValue(t, out var p) ? p : policies[t] = new ConsortiumTrustPolicy(rpc, registry.Address, new ConsortiumTrustPolicyOptions { TrustAt = t, FromBlock = deployment.BlockNumber });
        var checker = new TokenStatusChecker(new HttpStatusListFetcher(web));
        async Task<JsonObject> VerifyAsync(SdJwtToken token, string issuer, TrustTime t)
        {
            var nonce = NewNonce();
            var presentation = await SdJwtHolder.PresentAsync(token, Shown, new KeyBindingRequest { HolderSigner = walletKey.Signer, Audience = BankBAudience, Nonce = nonce, IssuedAt = DateTimeOffset.UtcNow }, cancellationToken);
            var verifier = new CredentialVerifier(
                bankBResolver,
                trustPolicy: Policy(t),
                formatHandlers: [new SdJwtVcFormatHandler(BankBAudience, nonce, new SdJwtVerifierOptions(), checker)]);
            var result = await verifier.VerifyAsync(presentation.ToCompact(), cancellationToken);
            var decision = await Policy(t).CheckAsync(ConsortiumTrustRequest.FromCredential(issuer, IssuerClaims(token)), cancellationToken);
            return new JsonObject
            {
                ["verified"] = result.Succeeded,
                ["trustAt"] = Name(t),
                ["rule"] = decision.Rule,
                ["claims"] = result.Succeeded ? Disclosed(result.Claims) : null,
                ["problems"] = new JsonArray([.. result.Problems.Select(p => (JsonNode)p.Code)]),
            };
        }

        // Bank B asks over OpenID4VP (real HTTP on loopback), signing the request with a key of its DID (sigAuth: the wallet
        // authenticates the verifier with it); the consortium policy is the verifier's trust policy.
        using var bankBKey = PrivateKey.Generate(KeyType.Ed25519);
        var bankBKeyId = await AnchorKeyAsync(erc1056, ethr, senders[1], Did(1), bankBKey, EthrKeyPurpose.SigAuth, cancellationToken);
        var received = await BankBVerification.RequestPresentationAsync(new KeySigner(bankBKey, bankBKeyId), Did(1), bankBResolver, checker, Policy(trustAt), walletKey, new CachingDidResolver(new CompositeDidResolver(ethr)), narrator, cancellationToken);
        var first = new JsonObject
        {
            ["verified"] = received["verified"]!.DeepClone(),
            ["trustAt"] = Name(trustAt),
            ["rule"] = (await Policy(trustAt).CheckAsync(ConsortiumTrustRequest.FromCredential(Did(0), IssuerClaims(credential)), cancellationToken)).Rule,
            ["claims"] = Disclosed(received["claims"] as JsonObject),
            ["problems"] = received["problems"]!.DeepClone(),
            ["session"] = received["status"]!.DeepClone(),
            ["clientId"] = received["clientId"]!.DeepClone(),
            ["issuer"] = received["issuer"]?.DeepClone(),
            ["walletProblems"] = received["walletProblems"]!.DeepClone(),
        };
        narrator.Step("Customer → Bank B", "the wallet posts the key-bound presentation to Bank B's response endpoint over OpenID4VP; Bank B verifies Bank A's key from the chain, the status list and, as its trust policy, Bank A's accreditation", first);
        Expect(first["verified"]!.GetValue<bool>(), "Bank B verifies the customer's OpenID4VP presentation", first);
        outcome["verified"] = first.DeepClone();

        // 4. A fourth institution, not accredited, issues a look-alike credential with the same type.
        using var otherKey = PrivateKey.Generate(KeyType.Ed25519);
        var otherKeyId = await AnchorKeyAsync(erc1056, ethr, senders[3], Did(3), otherKey, EthrKeyPurpose.VeriKey, cancellationToken);
        var lookAlike = await IssueAsync(new KeySigner(otherKey, otherKeyId), Did(3), walletKey, null, cancellationToken);
        var rejected = await VerifyAsync(lookAlike, Did(3), trustAt);
        narrator.Step("Institution D", "issues a look-alike KYC credential; Bank B rejects it: not accredited", rejected);
        Expect(!rejected["verified"]!.GetValue<bool>() && Codes(rejected).Contains(ConsortiumProblemCodes.NotAccredited), "Bank B rejects the look-alike with " + ConsortiumProblemCodes.NotAccredited, rejected);
        outcome["lookAlike"] = rejected.DeepClone();

        // 5. The consortium suspends Bank A. A credential issued afterwards is rejected; the earlier one is judged by the time policy.
        // Chain time and iat have whole seconds: the suspension lands in a later second than both the last block and the
        // first credential's iat, so "before the suspension" is unambiguous.
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(IssuerClaims(credential)["iat"]!.GetValue<long>());
        var lastBlock = await BlockTimeAsync(rpc, cancellationToken);
        await WaitPastAsync(lastBlock > issuedAt ? lastBlock : issuedAt, cancellationToken);
        var suspend = await registry.ProposeSuspendAsync(senders[2], Did(0), CredentialType, cancellationToken);
        await registry.ApproveAsync(senders[1], suspend.ProposalId, cancellationToken);
        await registry.ExecuteAsync(senders[2], suspend.ProposalId, cancellationToken);
        await WaitPastAsync(await BlockTimeAsync(rpc, cancellationToken), cancellationToken);
        var afterSuspension = await IssueAsync(bankASigner, Did(0), walletKey, null, cancellationToken);
        var late = await VerifyAsync(afterSuspension, Did(0), trustAt);
        var earlier = new JsonObject();
        foreach (var t in new[] { TrustTime.Issuance, TrustTime.Now, TrustTime.Both })
        {
            earlier[Name(t)] = await VerifyAsync(credential, Did(0), t);
        }

        narrator.Step("Consortium", "suspends Bank A (Bank C proposes, Bank B approves)", new JsonObject
        {
            ["issuedAfterSuspension"] = late,
            ["issuedBefore (chosen: " + Name(trustAt) + ")"] = earlier[Name(trustAt)]!.DeepClone(),
            ["issuedBefore, every policy"] = new JsonObject(earlier.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)(e.Value!["verified"]!.GetValue<bool>() ? "accepted: " + e.Value["rule"] : "rejected " + string.Join(",", Codes(e.Value.AsObject())) + ": " + e.Value["rule"])))),
        });
        Expect(!late["verified"]!.GetValue<bool>() && Codes(late).Contains(ConsortiumProblemCodes.Suspended), "Bank B rejects a credential issued during the suspension with " + ConsortiumProblemCodes.Suspended, late);
        Expect(earlier["issuance"]!["verified"]!.GetValue<bool>() && Codes(earlier["now"]!.AsObject()).Contains(ConsortiumProblemCodes.Suspended) && Codes(earlier["both"]!.AsObject()).Contains(ConsortiumProblemCodes.Suspended), "the credential issued before the suspension is accepted under trust-at issuance and rejected under now and both", earlier);
        outcome["suspension"] = new JsonObject { ["issuedAfter"] = late.DeepClone(), ["issuedBefore"] = earlier.DeepClone() };

        // 6. The consortium reinstates Bank A; Bank A revokes the customer's credential in its status list; Bank B rejects it.
        var reinstate = await registry.ProposeReinstateAsync(senders[0], Did(0), CredentialType, cancellationToken);
        await registry.ApproveAsync(senders[1], reinstate.ProposalId, cancellationToken);
        await registry.ExecuteAsync(senders[0], reinstate.ProposalId, cancellationToken);
        var beforeRevocation = await VerifyAsync(credential, Did(0), trustAt);
        statusList.Set(statusIndex, TokenStatusTypes.Invalid);
        await PublishStatusAsync();
        checker = new TokenStatusChecker(new HttpStatusListFetcher(web));
        var revoked = await VerifyAsync(credential, Did(0), trustAt);
        narrator.Step("Bank A", "is reinstated, then revokes the customer's credential in its status list; Bank B rejects it", new JsonObject
        {
            ["afterReinstatement"] = beforeRevocation["verified"]!.DeepClone(),
            ["statusIndex"] = statusIndex,
            ["afterRevocation"] = revoked,
        });
        Expect(beforeRevocation["verified"]!.GetValue<bool>(), "after the reinstatement Bank B accepts the customer's credential again", beforeRevocation);
        Expect(!revoked["verified"]!.GetValue<bool>() && Codes(revoked).Contains(TokenStatusProblemCodes.Revoked), "Bank B rejects the revoked credential with " + TokenStatusProblemCodes.Revoked, revoked);
        outcome["revocation"] = revoked.DeepClone();
        outcome["passed"] = failures.Count == 0;
        outcome["failures"] = failures;
        return outcome;
    }

    private static async Task<string> AnchorKeyAsync(EthereumDidRegistry erc1056, EthrDidResolver resolver, TransactionSender owner, string did, PrivateKey signingKey, EthrKeyPurpose purpose, CancellationToken cancellationToken)
    {
        await new EthrDidRegistrar(erc1056).AddKeyAsync(EthrDidWriter.Direct(owner), did, signingKey.PublicKey, purpose, EthrKeyEncoding.Base64, TimeSpan.FromDays(365), cancellationToken);
        var document = (await resolver.ResolveAsync(did, null, cancellationToken)).DidDocument ?? throw new InvalidOperationException("The DID did not resolve.");
        return document.VerificationMethod.Last(m => m.TryGetPublicKey(out var k, out _) && k == signingKey.PublicKey).Id;
    }

    private static Task<SdJwtToken> IssueAsync(KeySigner signer, string issuerDid, CustomerWallet walletKey, int? statusIndex, CancellationToken cancellationToken)
    {
        var kyc = new JsonObject
        {
            ["given_name"] = "Ji-woo",
            ["family_name"] = "Kim",
            ["birthdate"] = "1990-04-12",
            ["nationality"] = "KR",
            ["kyc_level"] = "enhanced",
            ["age_over_18"] = true,
        };
        return new SdJwtVcIssuer(signer).IssueAsync(new SdJwtVcIssuanceRequest
        {
            Issuer = issuerDid,
            Vct = CredentialType,
            Claims = kyc,
            Disclosable = [.. kyc.Select(c => "/" + c.Key)],
            HolderPublicKey = walletKey.PublicKey,
            ExpiresAt = DateTimeOffset.UtcNow.AddYears(1),
            Status = statusIndex is { } index ? new StatusListReference(index, StatusUri) : null,
        }, cancellationToken);
    }

    /// <summary>The issuer-signed claims (<c>vct</c>, <c>iat</c>) for explaining the trust decision; the verifier checked the signature.</summary>
    private static JsonObject IssuerClaims(SdJwtToken token)
    {
        var payload = token.IssuerSignedJwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonNode.Parse(Convert.FromBase64String(payload))!.AsObject();
    }

    private static async Task<DateTimeOffset> BlockTimeAsync(IEthereumRpc rpc, CancellationToken cancellationToken) =>
        (await rpc.GetBlockAsync(BlockTags.Latest, cancellationToken))?.Timestamp ?? DateTimeOffset.UtcNow;

    /// <summary>Issuance times have one-second resolution: wait until the wall clock is past a block's time so "before" and "after" are unambiguous.</summary>
    private static async Task WaitPastAsync(DateTimeOffset blockTime, CancellationToken cancellationToken)
    {
        var wait = blockTime.AddSeconds(1) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : wait, cancellationToken);
        }
    }

    private static string[] Codes(JsonObject result) => [.. result["problems"]!.AsArray().Select(p => p!.GetValue<string>())];

    private static string Name(TrustTime t) => t.ToString().ToLowerInvariant();

    private static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

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
