using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Jose;
using DidSdk.Core.Json;
using DidSdk.Core.Methods;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt.TokenStatus;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.SdJwt.Tests.Hostile;

/// <summary>
/// Builds what an attacker can send to an SD-JWT VC verifier: Issuer-signed JWTs with any payload (signed by the real
/// issuer, so only the rule under test fails), disclosures of any shape, Key Binding JWTs with any claims, and Status
/// List Tokens with any content, served from memory. Raw JSON placeholders (<c>"@raw:..."</c>) let a test put values
/// no <see cref="JsonNode"/> can hold (<c>1e400</c>, a 26-digit integer) into a payload.
/// </summary>
public abstract class HostileInputFixture
{
    protected const string Vct = "https://kyc.consortium.example/credentials/kyc/v1";
    protected const string Audience = "https://bank-b.example";
    protected const string Nonce = "n-0S6_WzA2Mj";
    protected static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    protected static readonly Uri StatusUri = new("https://bank-a.example/status/1");

    /// <summary>Present-but-unreadable NumericDates: a string, a boolean, beyond double, beyond DateTimeOffset, far negative.</summary>
    protected static readonly string[] UnreadableNumericDates = ["\"1000\"", "true", "1e400", "12345678901234567890123456", "-1e20", "null", "{}"];

    private readonly Dictionary<Uri, string> _statusLists = [];

    protected FakeTimeProvider Clock { get; private set; } = null!;

    protected PrivateKey IssuerKey { get; private set; } = null!;

    protected PrivateKey HolderKey { get; private set; } = null!;

    protected string IssuerDid { get; private set; } = null!;

    protected KeySigner IssuerSigner { get; private set; } = null!;

    protected KeySigner HolderSigner { get; private set; } = null!;

    [SetUp]
    public void SetUpKeys()
    {
        Clock = new FakeTimeProvider(Now);
        IssuerKey = PrivateKey.Generate(KeyType.Ed25519);
        HolderKey = PrivateKey.Generate(KeyType.Ed25519);
        IssuerDid = DidKey.Create(IssuerKey.PublicKey);
        IssuerSigner = new KeySigner(IssuerKey, DidKey.GetVerificationMethodId(IssuerKey.PublicKey));
        HolderSigner = new KeySigner(HolderKey);
        _statusLists.Clear();
    }

    [TearDown]
    public void TearDownKeys()
    {
        IssuerKey.Dispose();
        HolderKey.Dispose();
    }

    /// <summary>A well-formed SD-JWT VC payload: iss, iat, exp, vct, cnf.jwk, _sd_alg.</summary>
    protected JsonObject Payload() => new()
    {
        ["iss"] = IssuerDid,
        ["iat"] = Now.AddDays(-1).ToUnixTimeSeconds(),
        ["exp"] = Now.AddDays(30).ToUnixTimeSeconds(),
        ["vct"] = Vct,
        ["cnf"] = new JsonObject { ["jwk"] = JsonNode.Parse(Jwk.FromPublicKey(HolderKey.PublicKey).ToJson()) },
        ["_sd_alg"] = "sha-256",
    };

    protected static Disclosure D(string? name, JsonNode? value, string salt = "c2FsdHNhbHRzYWx0c2FsdA") => Disclosure.Create(salt, name, value);

    protected static string Digest(Disclosure disclosure) => disclosure.Digest(SdHashAlgorithm.Sha256);

    /// <summary>A disclosure the issuer API refuses to create (reserved names): encoded by hand.</summary>
    protected static Disclosure RawDisclosure(JsonArray array)
    {
        var encoded = StrictBase64Url.Encode(Encoding.UTF8.GetBytes(array.ToJsonString()));
        Assert.That(Disclosure.TryParse(encoded, 32, out var disclosure, out var problem), Is.True, problem?.ToString());
        return disclosure!;
    }

    /// <summary>Signs <paramref name="payload"/> as the real issuer; <c>"@raw:X"</c> string values become the raw JSON X.</summary>
    protected string SignIssuerJwt(JsonObject payload, string typ = SdJwtVc.Type, KeySigner? signer = null) =>
        Jws.SignCompact(new JsonObject { ["typ"] = typ }, Encoding.UTF8.GetBytes(Raw(payload)), signer ?? IssuerSigner);

    protected static string Raw(JsonObject json) =>
        System.Text.RegularExpressions.Regex.Replace(json.ToJsonString(), "\"@raw:((?:[^\"\\\\]|\\\\.)*)\"", m => System.Text.RegularExpressions.Regex.Unescape(m.Groups[1].Value));

    /// <summary>The compact SD-JWT without key binding (the input of sd_hash).</summary>
    protected static string SdJwt(string issuerJwt, params Disclosure[] disclosures) => new SdJwtToken(issuerJwt, disclosures).ToCompactWithoutKeyBinding();

    /// <summary>A Key Binding JWT over <paramref name="sdJwt"/> with correct claims, then edited.</summary>
    protected string KeyBindingJwt(string sdJwt, Action<JsonObject>? edit = null, string typ = SdJwtHolder.KeyBindingJwtType, KeySigner? signer = null)
    {
        var claims = new JsonObject
        {
            ["iat"] = Now.ToUnixTimeSeconds(),
            ["aud"] = Audience,
            ["nonce"] = Nonce,
            ["sd_hash"] = SdHashAlgorithm.Sha256.Digest(sdJwt),
        };
        edit?.Invoke(claims);
        return Jws.SignCompact(new JsonObject { ["typ"] = typ }, Encoding.UTF8.GetBytes(Raw(claims)), signer ?? HolderSigner);
    }

    /// <summary>A complete presentation: the issuer JWT over <paramref name="payload"/>, the disclosures, a valid Key Binding JWT.</summary>
    protected string Present(JsonObject payload, params Disclosure[] disclosures)
    {
        var sdJwt = SdJwt(SignIssuerJwt(payload), disclosures);
        return sdJwt + KeyBindingJwt(sdJwt);
    }

    /// <summary>Publishes a Status List Token at <see cref="StatusUri"/> signed by the issuer, with claims edited at will.</summary>
    protected void PublishStatusList(Action<JsonObject>? edit = null, TokenStatusList? list = null)
    {
        var claims = new JsonObject
        {
            ["sub"] = StatusUri.OriginalString,
            ["iat"] = Now.ToUnixTimeSeconds(),
            ["status_list"] = (list ?? new TokenStatusList(2, 1024)).ToJson(),
        };
        edit?.Invoke(claims);
        PublishRawStatusList(Jws.SignCompact(new JsonObject { ["typ"] = StatusListToken.JwtType }, Encoding.UTF8.GetBytes(Raw(claims)), IssuerSigner));
    }

    protected void PublishRawStatusList(string token) => _statusLists[StatusUri] = token;

    protected static string Zlib(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return StrictBase64Url.Encode(output.ToArray());
    }

    protected SdJwtVcVerifier Verifier(SdJwtVerifierOptions? options = null, ITrustPolicy? trust = null) => new(
        options,
        new DidKeyResolver(),
        statusChecker: new TokenStatusChecker(new MemoryStatusListFetcher(_statusLists), null, Clock),
        trustPolicy: trust,
        timeProvider: Clock);

    protected Task<SdJwtVcVerificationResult> VerifyAsync(string presentation, SdJwtVerifierOptions? options = null, ITrustPolicy? trust = null) =>
        Verifier(options, trust).VerifyAsync(presentation, Audience, Nonce);

    /// <summary>The input is rejected, with <paramref name="code"/> among the problems, and nothing is returned as verified.</summary>
    protected static void AssertRejected(SdJwtVcVerificationResult result, string code)
    {
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems, Has.Some.Matches<Problem>(p => p.Code == code), string.Join("; ", result.Problems));
    }

    protected static void AssertAccepted(SdJwtVcVerificationResult result) =>
        Assert.That(result.Problems, Is.Empty, string.Join("; ", result.Problems));

    private sealed class MemoryStatusListFetcher(Dictionary<Uri, string> lists) : IStatusListFetcher
    {
        public Task<StatusListTokenFetchResult> FetchAsync(Uri uri, CancellationToken cancellationToken = default) =>
            Task.FromResult(lists.TryGetValue(uri, out var token) ? StatusListTokenFetchResult.Success(token) : StatusListTokenFetchResult.Failure("not published"));
    }
}
