using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Crypto;
using DidSdk.SdJwt.TokenStatus;
using DidSdk.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.SdJwt.Tests.TokenStatus;

public sealed class TokenStatusCheckerTests
{
    private static readonly HttpClient Http = new();
    private LoopbackHttpServer _server = null!;
    private FakeTimeProvider _clock = null!;
    private PrivateKey _issuerKey = null!;
    private string _issuerDid = null!;
    private KeySigner _signer = null!;

    [SetUp]
    public void SetUp()
    {
        _server = LoopbackHttpServer.Start();
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        _issuerKey = PrivateKey.Generate(KeyType.Ed25519);
        _issuerDid = DidKey.Create(_issuerKey.PublicKey);
        _signer = new KeySigner(_issuerKey, DidKey.GetVerificationMethodId(_issuerKey.PublicKey));
    }

    [TearDown]
    public async Task TearDown()
    {
        _issuerKey.Dispose();
        await _server.DisposeAsync();
    }

    private Uri ListUri => _server.Url("/statuslists/1");

    private TokenStatusChecker Checker(TokenStatusCheckerOptions? options = null) => new(
        new HttpStatusListFetcher(Http, new HttpStatusListFetcherOptions { AllowHttpForLoopback = true }, _clock),
        options,
        _clock);

    private StatusListTrust DidTrust => StatusListTrust.FromDid(_issuerDid, new DidSignatureVerifier(new DidKeyResolver()));

    private JsonObject StatusClaim(long index) => new StatusListReference(index, ListUri).ToStatusClaim();

    private async Task PublishAsync(TokenStatusList list, Action<JsonObject>? edit = null, ISigner? by = null, string typ = StatusListToken.JwtType, TimeSpan? ttl = null, DateTimeOffset? exp = null)
    {
        var token = await StatusListToken.CreateAsync(
            list,
            new StatusListTokenDescriptor { Subject = ListUri, Issuer = _issuerDid, IssuedAt = _clock.GetUtcNow(), TimeToLive = ttl, ExpiresAt = exp },
            by ?? _signer);
        if (edit is not null || typ != StatusListToken.JwtType)
        {
            // Re-sign an altered token so only the altered rule is violated.
            var jws = Jws.ReadCompact(token).Token!;
            var claims = JsonNode.Parse(jws.Payload.Span)!.AsObject();
            edit?.Invoke(claims);
            token = await Jws.SignCompactAsync(new JsonObject { ["typ"] = typ }, Encoding.UTF8.GetBytes(claims.ToJsonString()), by ?? _signer);
        }

        _server.Map("/statuslists/1", LoopbackResponse.Text(200, token, StatusListToken.MediaType));
    }

    private static TokenStatusList ListWith(int bits, params (int Index, byte Status)[] entries)
    {
        var list = new TokenStatusList(bits, 1024);
        foreach (var (index, status) in entries)
        {
            list.Set(index, status);
        }

        return list;
    }

    [Test]
    public async Task CheckAsync_ValidEntry_Valid()
    {
        await PublishAsync(ListWith(2, (7, TokenStatusTypes.Invalid)));

        var result = await Checker().CheckAsync(StatusClaim(6), DidTrust, _issuerDid);

        Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
        Assert.That(result.Status, Is.EqualTo(TokenStatusTypes.Valid));
    }

    [TestCase(TokenStatusTypes.Invalid, TokenStatusProblemCodes.Revoked)]
    [TestCase(TokenStatusTypes.Suspended, TokenStatusProblemCodes.Suspended)]
    [TestCase((byte)3, TokenStatusProblemCodes.NotValid)]
    public async Task CheckAsync_NonValidEntry_DistinctCode(byte status, string code)
    {
        await PublishAsync(ListWith(2, (7, status)));

        var result = await Checker().CheckAsync(StatusClaim(7), DidTrust, _issuerDid);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Status, Is.EqualTo(status));
        Assert.That(result.Problem!.Code, Is.EqualTo(code));
    }

    [Test]
    public async Task CheckAsync_WithPublicKeyTrust_Valid()
    {
        await PublishAsync(ListWith(1));

        var result = await Checker().CheckAsync(StatusClaim(0), StatusListTrust.FromKey(_issuerKey.PublicKey));

        Assert.That(result.Succeeded, Is.True, result.Problem?.ToString());
    }

    [Test]
    public async Task CheckAsync_IndexBeyondList_IndexOutOfRange()
    {
        await PublishAsync(ListWith(1));

        var result = await Checker().CheckAsync(StatusClaim(1024), DidTrust);

        Assert.That(result.Problem!.Code, Is.EqualTo(TokenStatusProblemCodes.IndexOutOfRange));
    }

    [Test]
    public async Task CheckAsync_SignedByAnotherKey_SignatureInvalid()
    {
        using var attacker = PrivateKey.Generate(KeyType.Ed25519);
        await PublishAsync(ListWith(1), by: new KeySigner(attacker, DidKey.GetVerificationMethodId(attacker.PublicKey)));

        var byDid = await Checker().CheckAsync(StatusClaim(0), DidTrust);
        var byKey = await Checker().CheckAsync(StatusClaim(0), StatusListTrust.FromKey(_issuerKey.PublicKey));

        Assert.That(byDid.Problem!.Code, Is.EqualTo(TokenStatusProblemCodes.StatusListSignatureInvalid));
        Assert.That(byKey.Problem!.Code, Is.EqualTo(TokenStatusProblemCodes.StatusListSignatureInvalid));
    }

    [Test]
    public async Task CheckAsync_WrongTyp_WrongType()
    {
        await PublishAsync(ListWith(1), typ: "JWT");

        var result = await Checker().CheckAsync(StatusClaim(0), DidTrust);

        Assert.That(result.Problem!.Code, Is.EqualTo(TokenStatusProblemCodes.StatusListTokenWrongType));
    }

    [Test]
    public async Task CheckAsync_SubjectIsAnotherList_SubjectMismatch()
    {
        await PublishAsync(ListWith(1), edit: c => c["sub"] = "https://example.com/statuslists/2");

        var result = await Checker().CheckAsync(StatusClaim(0), DidTrust);

        Assert.That(result.Problem!.Code, Is.EqualTo(TokenStatusProblemCodes.StatusListSubjectMismatch));
    }

    [Test]
    public async Task CheckAsync_MissingIat_TokenInvalid()
    {
        await PublishAsync(ListWith(1), edit: c => c.Remove("iat"));

        var result = await Checker().CheckAsync(StatusClaim(0), DidTrust);

        Assert.That(result.Problem!.Code, Is.EqualTo(TokenStatusProblemCodes.StatusListTokenInvalid));
    }

    [Test]
    public async Task CheckAsync_IssuerDiffersFromReferencedToken_IssuerMismatch()
    {
        await PublishAsync(ListWith(1));

        var result = await Checker().CheckAsync(StatusClaim(0), DidTrust, "did:example:someone-else");

        Assert.That(result.Problem!.Code, Is.EqualTo(TokenStatusProblemCodes.StatusListIssuerMismatch));
    }

    [Test]
    public async Task CheckAsync_ExpiredToken_Expired()
    {
        await PublishAsync(ListWith(1), exp: _clock.GetUtcNow().AddMinutes(10));
        _clock.Advance(TimeSpan.FromMinutes(20));

        var result = await Checker().CheckAsync(StatusClaim(0), DidTrust);

        Assert.That(result.Problem!.Code, Is.EqualTo(TokenStatusProblemCodes.StatusListExpired));
    }

    [Test]
    public async Task CheckAsync_OlderThanFreshnessPolicy_TooOld()
    {
        await PublishAsync(ListWith(1));
        _clock.Advance(TimeSpan.FromHours(2));

        var result = await Checker(new TokenStatusCheckerOptions { MaxStatusListAge = TimeSpan.FromHours(1) }).CheckAsync(StatusClaim(0), DidTrust);

        Assert.That(result.Problem!.Code, Is.EqualTo(TokenStatusProblemCodes.StatusListTooOld));
    }

    [TestCase(404)]
    [TestCase(500)]
    public async Task CheckAsync_ListNotServed_Unreachable(int status)
    {
        _server.Map("/statuslists/1", LoopbackResponse.Text(status, "{}"));

        var result = await Checker().CheckAsync(StatusClaim(0), DidTrust);

        Assert.That(result.Problem!.Code, Is.EqualTo(TokenStatusProblemCodes.StatusListUnreachable));
    }

    [Test]
    public async Task CheckAsync_PlainHttpWithoutLoopbackAllowance_Unreachable()
    {
        await PublishAsync(ListWith(1));
        var checker = new TokenStatusChecker(new HttpStatusListFetcher(Http), null, _clock);

        var result = await checker.CheckAsync(StatusClaim(0), DidTrust);

        Assert.That(result.Problem!.Code, Is.EqualTo(TokenStatusProblemCodes.StatusListUnreachable));
        Assert.That(_server.RequestCount("/statuslists/1"), Is.Zero);
    }

    [Test]
    public async Task CheckAsync_MalformedStatusClaim_InvalidStatusClaimWithoutFetch()
    {
        var result = await Checker().CheckAsync(JsonNode.Parse("{\"status_list\":{\"idx\":-3,\"uri\":\"https://x\"}}"), DidTrust);

        Assert.That(result.Problem!.Code, Is.EqualTo(TokenStatusProblemCodes.InvalidStatusClaim));
        Assert.That(_server.RequestCount("/statuslists/1"), Is.Zero);
    }

    [Test]
    public async Task CheckAsync_WithinTtl_ServedFromCacheThenRefetchedAfterTtl()
    {
        await PublishAsync(ListWith(1), ttl: TimeSpan.FromMinutes(10));
        var checker = Checker();

        Assert.That((await checker.CheckAsync(StatusClaim(3), DidTrust)).Succeeded, Is.True);
        await PublishAsync(ListWith(1, (3, TokenStatusTypes.Invalid)), ttl: TimeSpan.FromMinutes(10));
        Assert.That((await checker.CheckAsync(StatusClaim(3), DidTrust)).Succeeded, Is.True, "cached until the ttl passes");
        Assert.That(checker.Fetches, Is.EqualTo(1));

        _clock.Advance(TimeSpan.FromMinutes(11));
        var after = await checker.CheckAsync(StatusClaim(3), DidTrust);

        Assert.That(after.Problem!.Code, Is.EqualTo(TokenStatusProblemCodes.Revoked));
        Assert.That(checker.Fetches, Is.EqualTo(2));
    }

    [Test]
    public async Task CheckAsync_OversizedResponse_Unreachable()
    {
        _server.Map("/statuslists/1", new LoopbackResponse(200, new byte[100_000], StatusListToken.MediaType));
        var checker = new TokenStatusChecker(
            new HttpStatusListFetcher(Http, new HttpStatusListFetcherOptions { AllowHttpForLoopback = true, MaxResponseBytes = 50_000 }, _clock),
            null, _clock);

        var result = await checker.CheckAsync(StatusClaim(0), DidTrust);

        Assert.That(result.Problem!.Code, Is.EqualTo(TokenStatusProblemCodes.StatusListUnreachable));
    }

    [Test]
    public async Task CreateAsync_Token_HasDraftHeaderAndClaims()
    {
        var token = await StatusListToken.CreateAsync(
            ListWith(1, (0, 1)),
            new StatusListTokenDescriptor { Subject = ListUri, IssuedAt = _clock.GetUtcNow(), TimeToLive = TimeSpan.FromHours(12), ExpiresAt = _clock.GetUtcNow().AddDays(1) },
            _signer);
        var jws = Jws.ReadCompact(token).Token!;
        var claims = JsonNode.Parse(jws.Payload.Span)!.AsObject();

        Assert.That(jws.Type, Is.EqualTo("statuslist+jwt"));
        Assert.That(jws.KeyId, Is.EqualTo(_signer.KeyId));
        Assert.That(claims["sub"]!.GetValue<string>(), Is.EqualTo(ListUri.OriginalString));
        Assert.That(claims["ttl"]!.GetValue<long>(), Is.EqualTo(43200));
        Assert.That(claims["status_list"]!["bits"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(Jws.VerifySignature(jws, _issuerKey.PublicKey), Is.True);
    }
}
