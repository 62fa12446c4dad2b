using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.SdJwt.Tests;

/// <summary>W3C <c>vp+sd-jwt</c> (VC-JOSE-COSE §3.2.2): the holder presents <c>vc+sd-jwt</c> credentials, each with chosen disclosures, in a signed presentation (issue 19 item 6).</summary>
public sealed class VpSdJwtTests
{
    private const string Audience = "https://bank-b.example";
    private const string Nonce = "n-1";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Disclosable = ["/credentialSubject/given_name", "/credentialSubject/family_name", "/credentialSubject/kyc_level"];

    private sealed class Party : IDisposable
    {
        public Party(KeyType type)
        {
            Key = PrivateKey.Generate(type);
            Did = DidKey.Create(Key.PublicKey);
            Signer = new KeySigner(Key, DidKey.GetVerificationMethodId(Key.PublicKey));
        }

        public PrivateKey Key { get; }

        public string Did { get; }

        public KeySigner Signer { get; }

        public void Dispose() => Key.Dispose();
    }

    private sealed class FixedListFetcher(string credential) : IStatusListCredentialFetcher
    {
        public Task<StatusListFetchResult> FetchAsync(Uri url, CancellationToken cancellationToken = default) =>
            Task.FromResult(StatusListFetchResult.Success(credential));
    }

    private Party _issuer = null!;
    private Party _holder = null!;

    [SetUp]
    public void SetUp()
    {
        _issuer = new Party(KeyType.P256);
        _holder = new Party(KeyType.Ed25519);
    }

    [TearDown]
    public void TearDown()
    {
        _issuer.Dispose();
        _holder.Dispose();
    }

    private JsonObject Credential(string? subject = null, Party? issuer = null) => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"),
        ["type"] = new JsonArray("VerifiableCredential", "KycCredential"),
        ["issuer"] = (issuer ?? _issuer).Did,
        ["validFrom"] = "2026-01-01T00:00:00Z",
        ["credentialSubject"] = new JsonObject { ["id"] = subject ?? _holder.Did, ["given_name"] = "Alice", ["family_name"] = "Doe", ["kyc_level"] = "enhanced" },
    };

    private Task<SdJwtToken> IssueAsync(JsonObject? credential = null, bool bound = true, Party? issuer = null) =>
        VcSdJwt.IssueAsync(credential ?? Credential(issuer: issuer), (issuer ?? _issuer).Signer, Disclosable, bound ? _holder.Key.PublicKey : null);

    private Task<string> PresentAsync(IReadOnlyList<VpSdJwtCredential> credentials, Party? holder = null, string audience = Audience, string nonce = Nonce, DateTimeOffset? issuedAt = null) =>
        VpSdJwt.PresentAsync(new VpSdJwtPresentationRequest
        {
            Holder = (holder ?? _holder).Did,
            HolderSigner = (holder ?? _holder).Signer,
            Audience = audience,
            Nonce = nonce,
            IssuedAt = issuedAt ?? Now,
            Credentials = credentials,
        });

    private static VpSdJwtVerifier Verifier(IStatusListCredentialFetcher? statusLists = null, CredentialVerifierOptions? options = null) => new(new CredentialVerifier(
        new CompositeDidResolver(new DidKeyResolver()),
        options,
        timeProvider: new FakeTimeProvider(Now),
        statusListFetcher: statusLists));

    /// <summary>Signs a presentation payload as the holder, as <see cref="VpSdJwt.PresentAsync"/> would, for shapes it refuses to make.</summary>
    private async Task<string> SignAsync(JsonObject payload, IReadOnlyCollection<string>? disclosable = null, string typ = VpSdJwt.Type) =>
        (await new SdJwtIssuer(_holder.Signer).IssueAsync(new SdJwtIssuanceRequest
        {
            Claims = payload,
            Disclosable = disclosable ?? [],
            Header = new JsonObject { ["typ"] = typ, ["cty"] = "vp" },
        })).ToCompact();

    private JsonObject Payload(params string[] enveloped) => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
        ["type"] = new JsonArray("VerifiablePresentation"),
        ["holder"] = _holder.Did,
        ["verifiableCredential"] = new JsonArray([.. enveloped.Select(e => (JsonNode)new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["id"] = VpSdJwt.EnvelopedCredentialPrefix + e,
            ["type"] = "EnvelopedVerifiableCredential",
        })]),
        ["aud"] = Audience,
        ["nonce"] = Nonce,
        ["iat"] = Now.ToUnixTimeSeconds(),
    };

    private static void AssertProblem(CredentialVerificationResult result, string code) =>
        Assert.That(result.Problems.Select(p => p.Code), Does.Contain(code), string.Join("; ", result.Problems));

    private static void AssertCause(CredentialVerificationResult result, string code) =>
        Assert.That(
            result.Problems.Where(p => p.Code == CredentialProblemCodes.EmbeddedCredentialInvalid).Select(p => p.Cause?.Code),
            Does.Contain(code),
            string.Join("; ", result.Problems.Select(p => $"{p.Code}<-{p.Cause?.Code}")));

    private static JsonObject ReadPayload(string compact) =>
        JsonNode.Parse(Jws.ReadCompact(compact.Split('~')[0]).Token!.Payload.Span)!.AsObject();

    [Test]
    public async Task PresentAsync_HeaderAndPayload_EnvelopedVcSdJwtWithAudNonceIat()
    {
        var vp = await PresentAsync([new VpSdJwtCredential { Credential = await IssueAsync(), Disclose = ["/credentialSubject/kyc_level"] }]);

        Assert.That(VpSdJwt.IsVpSdJwt(vp), Is.True);
        Assert.That(VcSdJwt.IsVcSdJwt(vp), Is.False);
        Assert.That(vp, Does.EndWith("~"));
        var jws = Jws.ReadCompact(vp.Split('~')[0]).Token!;
        Assert.That(jws.Type, Is.EqualTo("vp+sd-jwt"));
        Assert.That(jws.Header["cty"]!.GetValue<string>(), Is.EqualTo("vp"));
        Assert.That(jws.KeyId, Is.EqualTo(_holder.Signer.KeyId));
        var payload = ReadPayload(vp);
        Assert.That(payload["holder"]!.GetValue<string>(), Is.EqualTo(_holder.Did));
        Assert.That(payload["aud"]!.GetValue<string>(), Is.EqualTo(Audience));
        Assert.That(payload["nonce"]!.GetValue<string>(), Is.EqualTo(Nonce));
        Assert.That(payload["iat"]!.GetValue<long>(), Is.EqualTo(Now.ToUnixTimeSeconds()));
        var entry = payload["verifiableCredential"]!.AsArray().Single()!;
        Assert.That(entry["type"]!.GetValue<string>(), Is.EqualTo("EnvelopedVerifiableCredential"));
        var inner = entry["id"]!.GetValue<string>();
        Assert.That(inner, Does.StartWith("data:application/vc+sd-jwt,"));
        var parts = inner["data:application/vc+sd-jwt,".Length..].Split('~');
        Assert.That(parts, Has.Length.EqualTo(3), "issuer JWT, one disclosure, a Key Binding JWT for the cnf");
    }

    [Test]
    public async Task VerifyAsync_Ed25519HolderKeyBoundCredential_VerifiedWithOnlyChosenClaims()
    {
        var vp = await PresentAsync([new VpSdJwtCredential { Credential = await IssueAsync(), Disclose = ["/credentialSubject/kyc_level"] }]);

        var result = await Verifier().VerifyAsync(vp, Audience, Nonce);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Format, Is.EqualTo(VpSdJwt.Type));
        Assert.That(result.Issuer, Is.EqualTo(_holder.Did));
        var credential = result.Credentials.Single();
        Assert.That(credential.Succeeded, Is.True);
        Assert.That(credential.Issuer, Is.EqualTo(_issuer.Did));
        var subject = credential.Claims!["credentialSubject"]!;
        Assert.That(subject["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
        Assert.That(subject["given_name"], Is.Null);
        Assert.That(subject["family_name"], Is.Null);
    }

    [Test]
    public async Task VerifyAsync_Es256HolderSubjectBoundCredentials_EachWithItsOwnDisclosures()
    {
        using var holder = new Party(KeyType.P256);
        using var issuer = new Party(KeyType.Ed25519);
        var first = await VcSdJwt.IssueAsync(Credential(holder.Did, issuer), issuer.Signer, Disclosable);
        var second = await VcSdJwt.IssueAsync(Credential(holder.Did), _issuer.Signer, Disclosable);
        var vp = await PresentAsync(
            [
                new VpSdJwtCredential { Credential = first, Disclose = ["/credentialSubject/given_name"] },
                new VpSdJwtCredential { Credential = second, Disclose = ["/credentialSubject/family_name", "/credentialSubject/kyc_level"] },
            ],
            holder);

        var result = await Verifier().VerifyAsync(vp, Audience, Nonce);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Issuer, Is.EqualTo(holder.Did));
        Assert.That(result.Credentials.Select(c => c.Issuer), Is.EqualTo(new[] { issuer.Did, _issuer.Did }));
        var one = result.Credentials[0].Claims!["credentialSubject"]!.AsObject();
        var two = result.Credentials[1].Claims!["credentialSubject"]!.AsObject();
        Assert.That(one.Select(m => m.Key), Is.EquivalentTo(new[] { "id", "given_name" }));
        Assert.That(two.Select(m => m.Key), Is.EquivalentTo(new[] { "id", "family_name", "kyc_level" }));
    }

    [Test]
    public async Task VerifyAsync_WrongAudience_PresentationAndKeyBindingRejected()
    {
        var vp = await PresentAsync([new VpSdJwtCredential { Credential = await IssueAsync() }]);

        var result = await Verifier().VerifyAsync(vp, "https://other.example", Nonce);

        AssertProblem(result, SdJwtProblemCodes.VpSdJwtWrongAudience);
        AssertCause(result, SdJwtProblemCodes.KeyBindingWrongAudience);
        Assert.That(result.Succeeded, Is.False);
    }

    [Test]
    public async Task VerifyAsync_WrongNonce_Rejected()
    {
        var vp = await PresentAsync([new VpSdJwtCredential { Credential = await IssueAsync() }]);

        var result = await Verifier().VerifyAsync(vp, Audience, "n-2");

        AssertProblem(result, SdJwtProblemCodes.VpSdJwtWrongNonce);
        AssertCause(result, SdJwtProblemCodes.KeyBindingWrongNonce);
    }

    [Test]
    public async Task VerifyAsync_TamperedPresentationPayload_SignatureInvalid()
    {
        var vp = await PresentAsync([new VpSdJwtCredential { Credential = await IssueAsync() }]);
        var parts = vp.Split('~')[0].Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace(Nonce, "n-9", StringComparison.Ordinal);
        parts[1] = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload));

        var result = await Verifier().VerifyAsync(string.Join('.', parts) + "~", Audience, "n-9");

        AssertProblem(result, SdJwtProblemCodes.VpSdJwtSignatureInvalid);
        Assert.That(result.Credentials, Is.Empty);
    }

    [Test]
    public async Task VerifyAsync_TamperedEmbeddedDisclosure_EmbeddedCredentialInvalid()
    {
        var credential = await IssueAsync(bound: false);
        var selected = (await SdJwtHolder.PresentAsync(credential, ["/credentialSubject/kyc_level"], null)).ToCompact();
        var parts = selected.Split('~');
        parts[1] = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("enhanced", "basic", StringComparison.Ordinal)));

        var result = await Verifier().VerifyAsync(await SignAsync(Payload(string.Join('~', parts))), Audience, Nonce);

        AssertProblem(result, CredentialProblemCodes.EmbeddedCredentialInvalid);
        AssertCause(result, SdJwtProblemCodes.UnreferencedDisclosure);
    }

    [Test]
    public async Task VerifyAsync_SignedByAnotherKeyUnderHolderKid_SignatureInvalid()
    {
        using var attacker = PrivateKey.Generate(KeyType.Ed25519);
        var credential = await IssueAsync(bound: false);
        var vp = await VpSdJwt.PresentAsync(new VpSdJwtPresentationRequest
        {
            Holder = _holder.Did,
            HolderSigner = new KeySigner(attacker, _holder.Signer.KeyId),
            Audience = Audience,
            Nonce = Nonce,
            IssuedAt = Now,
            Credentials = [new VpSdJwtCredential { Credential = credential }],
        });

        AssertProblem(await Verifier().VerifyAsync(vp, Audience, Nonce), SdJwtProblemCodes.VpSdJwtSignatureInvalid);
    }

    [Test]
    public async Task VerifyAsync_SubjectIsSomeoneElse_HolderBindingFailed()
    {
        var credential = await IssueAsync(Credential("did:example:someone-else"), bound: false);

        var result = await Verifier().VerifyAsync(await PresentAsync([new VpSdJwtCredential { Credential = credential }]), Audience, Nonce);

        AssertProblem(result, SdJwtProblemCodes.VpSdJwtHolderBindingFailed);
        Assert.That(result.Credentials.Single().Succeeded, Is.True, "the credential itself verifies; it is the presenter that does not match");
    }

    [Test]
    public async Task VerifyAsync_KeyBoundCredentialPresentedByAnotherHolder_KeyBindingFails()
    {
        using var thief = new Party(KeyType.Ed25519);
        var credential = await IssueAsync(Credential(thief.Did));

        var result = await Verifier().VerifyAsync(await PresentAsync([new VpSdJwtCredential { Credential = credential }], thief), Audience, Nonce);

        AssertCause(result, SdJwtProblemCodes.KeyBindingSignatureInvalid);
    }

    [Test]
    public async Task VerifyAsync_AnotherHoldersKeyBoundCredentialWrapped_HolderBindingFailed()
    {
        // The credential's holder (cnf, subject) hands a Key Binding JWT to someone else, who presents it as theirs.
        using var wrapper = new Party(KeyType.Ed25519);
        var credential = await IssueAsync();
        var vp = await VpSdJwt.PresentAsync(new VpSdJwtPresentationRequest
        {
            Holder = wrapper.Did,
            HolderSigner = wrapper.Signer,
            Audience = Audience,
            Nonce = Nonce,
            IssuedAt = Now,
            Credentials = [new VpSdJwtCredential { Credential = credential, KeyBindingSigner = _holder.Signer }],
        });

        var result = await Verifier().VerifyAsync(vp, Audience, Nonce);

        AssertProblem(result, SdJwtProblemCodes.VpSdJwtHolderBindingFailed);
        Assert.That(result.Credentials.Single().Succeeded, Is.True);
    }

    [Test]
    public async Task VerifyAsync_CnfKeyIsTheSigningKeyButSubjectElsewhere_Verified()
    {
        var credential = await IssueAsync(Credential("did:example:legacy-subject-id"));

        var result = await Verifier().VerifyAsync(await PresentAsync([new VpSdJwtCredential { Credential = credential }]), Audience, Nonce);

        Assert.That(result.Problems, Is.Empty);
    }

    [Test]
    public async Task VerifyAsync_SubjectIsHolderWithSeparateCnfKey_Verified()
    {
        using var device = new Party(KeyType.P256);
        var credential = await VcSdJwt.IssueAsync(Credential(), _issuer.Signer, Disclosable, device.Key.PublicKey);
        var vp = await VpSdJwt.PresentAsync(new VpSdJwtPresentationRequest
        {
            Holder = _holder.Did,
            HolderSigner = _holder.Signer,
            Audience = Audience,
            Nonce = Nonce,
            IssuedAt = Now,
            Credentials = [new VpSdJwtCredential { Credential = credential, KeyBindingSigner = device.Signer }],
        });

        Assert.That((await Verifier().VerifyAsync(vp, Audience, Nonce)).Problems, Is.Empty);
    }

    [Test]
    public async Task VerifyAsync_KeyBoundCredentialWithoutKeyBindingJwt_HolderBindingFailed()
    {
        var credential = await IssueAsync();
        var selected = (await SdJwtHolder.PresentAsync(credential, [], null)).ToCompact();

        var result = await Verifier().VerifyAsync(await SignAsync(Payload(selected)), Audience, Nonce);

        AssertProblem(result, SdJwtProblemCodes.VpSdJwtHolderBindingFailed);
    }

    [Test]
    public async Task VerifyAsync_ExpiredCredentialInValidPresentation_EmbeddedExpired()
    {
        var expired = Credential();
        expired["validUntil"] = "2026-06-01T00:00:00Z";
        var vp = await PresentAsync([new VpSdJwtCredential { Credential = await IssueAsync(expired) }]);

        var result = await Verifier().VerifyAsync(vp, Audience, Nonce);

        AssertCause(result, CredentialProblemCodes.Expired);
        Assert.That(result.Problems.Select(p => p.Code), Is.All.EqualTo(CredentialProblemCodes.EmbeddedCredentialInvalid));
    }

    [Test]
    public async Task VerifyAsync_RevokedCredential_EmbeddedRevoked()
    {
        var statusList = new BitstringStatusListIssuer(new Uri("https://bank-a.example/status/1"));
        var entry = statusList.AllocateEntry();
        statusList.List.Set(int.Parse(entry["statusListIndex"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), 1);
        var listCredential = await VcJwt.IssueJoseAsync(statusList.ListCredential(_issuer.Did, Now.AddDays(-1)), _issuer.Signer);
        var credential = Credential();
        credential["credentialStatus"] = entry;
        var vp = await PresentAsync([new VpSdJwtCredential { Credential = await IssueAsync(credential) }]);

        AssertCause(await Verifier(new FixedListFetcher(listCredential)).VerifyAsync(vp, Audience, Nonce), CredentialProblemCodes.Revoked);
        AssertCause(await Verifier().VerifyAsync(vp, Audience, Nonce), CredentialProblemCodes.StatusUnchecked);
    }

    [Test]
    public async Task VerifyAsync_NotRevoked_Verified()
    {
        var statusList = new BitstringStatusListIssuer(new Uri("https://bank-a.example/status/1"));
        var entry = statusList.AllocateEntry();
        var listCredential = await VcJwt.IssueJoseAsync(statusList.ListCredential(_issuer.Did, Now.AddDays(-1)), _issuer.Signer);
        var credential = Credential();
        credential["credentialStatus"] = entry;
        var vp = await PresentAsync([new VpSdJwtCredential { Credential = await IssueAsync(credential) }]);

        Assert.That((await Verifier(new FixedListFetcher(listCredential)).VerifyAsync(vp, Audience, Nonce)).Problems, Is.Empty);
    }

    [Test]
    public async Task VerifyAsync_PresentationTooOldOrWithoutIat_IssuedAtInvalid()
    {
        var credential = await IssueAsync(bound: false);
        var old = await PresentAsync([new VpSdJwtCredential { Credential = credential }], issuedAt: Now.AddHours(-1));
        var payload = Payload((await SdJwtHolder.PresentAsync(credential, [], null)).ToCompact());
        payload.Remove("iat");

        AssertProblem(await Verifier().VerifyAsync(old, Audience, Nonce), SdJwtProblemCodes.VpSdJwtIssuedAtInvalid);
        AssertProblem(await Verifier().VerifyAsync(await SignAsync(payload), Audience, Nonce), SdJwtProblemCodes.VpSdJwtIssuedAtInvalid);
    }

    [Test]
    public async Task VerifyAsync_ExpiredPresentation_IssuerJwtExpiredEvenWhenExpiredCredentialsAllowed()
    {
        var payload = Payload((await SdJwtHolder.PresentAsync(await IssueAsync(bound: false), [], null)).ToCompact());
        payload["exp"] = Now.AddMinutes(-10).ToUnixTimeSeconds();

        AssertProblem(await Verifier(options: new CredentialVerifierOptions { AllowExpiredCredentials = true }).VerifyAsync(await SignAsync(payload), Audience, Nonce), SdJwtProblemCodes.IssuerJwtExpired);
    }

    [Test]
    public async Task VerifyAsync_CredentialTypInsteadOfPresentation_WrongType()
    {
        var credential = (await SdJwtHolder.PresentAsync(await IssueAsync(), [], null)).ToCompact();

        AssertProblem(await Verifier().VerifyAsync(credential, Audience, Nonce), SdJwtProblemCodes.VpSdJwtWrongType);
        AssertProblem(await Verifier().VerifyAsync(await SignAsync(Payload(), typ: "vc+sd-jwt"), Audience, Nonce), SdJwtProblemCodes.VpSdJwtWrongType);
    }

    [Test]
    public async Task VerifyAsync_EntryNotAnEnvelopedVcSdJwt_CredentialUnsupported()
    {
        var jose = await VcJwt.IssueJoseAsync(Credential(), _issuer.Signer);
        var payload = Payload();
        payload["verifiableCredential"] = new JsonArray(
            new JsonObject { ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"), ["id"] = "data:application/vc+jwt," + jose, ["type"] = "EnvelopedVerifiableCredential" });

        AssertProblem(await Verifier().VerifyAsync(await SignAsync(payload), Audience, Nonce), SdJwtProblemCodes.VpSdJwtCredentialUnsupported);
    }

    [Test]
    public async Task VerifyAsync_EnvelopedDcSdJwt_WrongTypeInside()
    {
        var token = await new SdJwtIssuer(_issuer.Signer).IssueAsync(new SdJwtIssuanceRequest
        {
            Claims = new JsonObject { ["iss"] = _issuer.Did, ["vct"] = "https://bank.example/kyc", ["given_name"] = "Alice" },
            Header = new JsonObject { ["typ"] = "dc+sd-jwt" },
        });

        AssertCause(await Verifier().VerifyAsync(await SignAsync(Payload(token.ToCompact())), Audience, Nonce), SdJwtProblemCodes.VcSdJwtWrongType);
    }

    [Test]
    public async Task VerifyAsync_MoreThanMaxCredentials_TooManyCredentials()
    {
        var one = (await SdJwtHolder.PresentAsync(await IssueAsync(bound: false), [], null)).ToCompact();

        var result = await Verifier().VerifyAsync(await SignAsync(Payload([.. Enumerable.Repeat(one, VpSdJwt.MaxCredentials + 1)])), Audience, Nonce);

        AssertProblem(result, SdJwtProblemCodes.VpSdJwtTooManyCredentials);
        Assert.That(result.Credentials, Is.Empty, "nothing inside is verified once the count is over the limit");
    }

    [Test]
    public async Task VerifyAsync_AudienceThroughDisclosure_ClaimDisclosed()
    {
        var payload = Payload((await SdJwtHolder.PresentAsync(await IssueAsync(bound: false), [], null)).ToCompact());

        AssertProblem(await Verifier().VerifyAsync(await SignAsync(payload, ["/aud"]), Audience, Nonce), SdJwtProblemCodes.VpSdJwtClaimDisclosed);
    }

    [Test]
    public async Task VerifyAsync_HolderMissingOrNotDidOrIssContradicts_Invalid()
    {
        var noHolder = Payload();
        noHolder.Remove("holder");
        var urlHolder = Payload();
        urlHolder["holder"] = "https://holder.example";
        var otherIss = Payload();
        otherIss["iss"] = "did:example:other";
        var notVp = Payload();
        notVp["type"] = new JsonArray("VerifiableCredential");

        var issNotString = Payload();
        issNotString.Remove("holder");
        issNotString["iss"] = new JsonArray(_holder.Did);

        foreach (var payload in new[] { noHolder, urlHolder, otherIss, notVp, issNotString })
        {
            AssertProblem(await Verifier().VerifyAsync(await SignAsync(payload), Audience, Nonce), SdJwtProblemCodes.VpSdJwtInvalid);
        }
    }

    [Test]
    public async Task VerifyAsync_NoHolderButIss_IssIsTheHolder()
    {
        var payload = Payload((await SdJwtHolder.PresentAsync(await IssueAsync(bound: false), [], null)).ToCompact());
        payload.Remove("holder");
        payload["iss"] = _holder.Did;

        var result = await Verifier().VerifyAsync(await SignAsync(payload), Audience, Nonce);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Issuer, Is.EqualTo(_holder.Did));
    }

    [Test]
    public async Task VerifyAsync_OversizedOrGarbage_ProblemNotException()
    {
        var verifier = new VpSdJwtVerifier(new CredentialVerifier(new CompositeDidResolver(new DidKeyResolver()), new CredentialVerifierOptions { MaxInputLength = 1000 }, new FakeTimeProvider(Now)));

        AssertProblem(await verifier.VerifyAsync(new string('a', 1001) + "~", Audience, Nonce), SdJwtProblemCodes.TooLarge);
        AssertProblem(await verifier.VerifyAsync("   ", Audience, Nonce), SdJwtProblemCodes.Malformed);
        Assert.That((await verifier.VerifyAsync("a.b.c~~~", Audience, Nonce)).Succeeded, Is.False);
        Assert.That((await verifier.VerifyAsync("{\"x\":", Audience, Nonce)).Succeeded, Is.False);
    }

    private static IEnumerable<TestCaseData> UnreadableClaims()
    {
        yield return new TestCaseData("nonce", (JsonNode)42).SetName("VerifyAsync_NonceNotAString_ClaimMalformed");
        yield return new TestCaseData("aud", (JsonNode)new JsonObject()).SetName("VerifyAsync_AudNotAStringOrArray_ClaimMalformed");
        yield return new TestCaseData("iat", (JsonNode)"1764000000").SetName("VerifyAsync_IatAString_ClaimMalformed");
        yield return new TestCaseData("exp", (JsonNode)1e300).SetName("VerifyAsync_ExpOutOfRange_ClaimMalformed");
    }

    [TestCaseSource(nameof(UnreadableClaims))]
    public async Task VerifyAsync_UnreadableRegisteredClaim_NeverTreatedAsAbsent(string name, JsonNode value)
    {
        var payload = Payload((await SdJwtHolder.PresentAsync(await IssueAsync(bound: false), [], null)).ToCompact());
        payload[name] = value;

        var result = await Verifier().VerifyAsync(await SignAsync(payload), Audience, Nonce);

        AssertProblem(result, SdJwtProblemCodes.IssuerJwtClaimMalformed);
        Assert.That(result.Credentials, Is.Empty);
    }

    [Test]
    public async Task VerifyAsync_ProblemMessages_CarryNoClaimValues()
    {
        var credential = Credential("did:example:someone-else");
        credential["credentialSubject"]!["given_name"] = "canary-7f3a-personal-data";
        credential["validUntil"] = "2026-06-01T00:00:00Z";
        var vp = await PresentAsync([new VpSdJwtCredential { Credential = await IssueAsync(credential, bound: false), Disclose = ["/credentialSubject/given_name"] }], nonce: "n-2");

        var result = await Verifier().VerifyAsync(vp, "https://other.example", Nonce);

        Assert.That(result.Problems, Is.Not.Empty);
        var messages = result.Problems.SelectMany(p => new[] { p.Message, p.Cause?.Message ?? string.Empty });
        Assert.That(messages, Has.None.Contains("canary-7f3a-personal-data"));
    }

    [Test]
    public async Task VerifyAsync_DeeplyNestedPresentation_TooDeep()
    {
        JsonNode deep = "x";
        for (var i = 0; i < 80; i++)
        {
            deep = new JsonArray(deep);
        }

        var payload = Payload();
        payload["evidence"] = deep;

        var result = await Verifier().VerifyAsync(await SignAsync(payload), Audience, Nonce);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems.Select(p => p.Code), Has.Some.EqualTo(SdJwtProblemCodes.IssuerJwtInvalid).Or.Some.EqualTo(SdJwtProblemCodes.TooDeep));
    }

    [Test]
    public async Task PresentAsync_KidOfAnotherDidOrNotAVcSdJwt_Throws()
    {
        using var other = new Party(KeyType.Ed25519);
        var credential = await IssueAsync();
        var dc = await new SdJwtIssuer(_issuer.Signer).IssueAsync(new SdJwtIssuanceRequest
        {
            Claims = new JsonObject { ["iss"] = _issuer.Did, ["vct"] = "https://bank.example/kyc" },
            Header = new JsonObject { ["typ"] = "dc+sd-jwt" },
        });

        Assert.ThrowsAsync<ArgumentException>(() => VpSdJwt.PresentAsync(new VpSdJwtPresentationRequest
        {
            Holder = _holder.Did,
            HolderSigner = other.Signer,
            Audience = Audience,
            Nonce = Nonce,
            IssuedAt = Now,
            Credentials = [new VpSdJwtCredential { Credential = credential }],
        }));
        Assert.ThrowsAsync<ArgumentException>(() => PresentAsync([new VpSdJwtCredential { Credential = dc }]));
        Assert.ThrowsAsync<ArgumentException>(() => PresentAsync([new VpSdJwtCredential { Credential = credential, Disclose = ["/credentialSubject/nothing"] }]));
    }

    [Test]
    public async Task VcSdJwt_SubOrJtiContradictingTheCredential_Mismatch()
    {
        var withSub = Credential();
        withSub["sub"] = "did:example:not-the-subject";
        var withJti = Credential();
        withJti["id"] = "urn:uuid:1";
        withJti["jti"] = "urn:uuid:2";
        var cv = new CredentialVerifier(new CompositeDidResolver(new DidKeyResolver()), timeProvider: new FakeTimeProvider(Now), formatHandlers: [new VcSdJwtFormatHandler(Audience, Nonce)]);
        var binding = new KeyBindingRequest { HolderSigner = _holder.Signer, Audience = Audience, Nonce = Nonce, IssuedAt = Now };

        AssertProblem(await cv.VerifyAsync((await SdJwtHolder.PresentAsync(await IssueAsync(withSub), [], binding)).ToCompact()), CredentialProblemCodes.SubjectMismatch);
        AssertProblem(await cv.VerifyAsync((await SdJwtHolder.PresentAsync(await IssueAsync(withJti), [], binding)).ToCompact()), CredentialProblemCodes.IdMismatch);
    }

    [Test]
    public async Task VcSdJwt_KidOfAnotherDid_IssuerSignatureInvalid()
    {
        using var other = new Party(KeyType.P256);
        var token = await VcSdJwt.IssueAsync(Credential(), other.Signer, Disclosable, _holder.Key.PublicKey);
        var cv = new CredentialVerifier(new CompositeDidResolver(new DidKeyResolver()), timeProvider: new FakeTimeProvider(Now), formatHandlers: [new VcSdJwtFormatHandler(Audience, Nonce)]);
        var binding = new KeyBindingRequest { HolderSigner = _holder.Signer, Audience = Audience, Nonce = Nonce, IssuedAt = Now };

        AssertProblem(await cv.VerifyAsync((await SdJwtHolder.PresentAsync(token, [], binding)).ToCompact()), SdJwtProblemCodes.IssuerSignatureInvalid);
    }
}
