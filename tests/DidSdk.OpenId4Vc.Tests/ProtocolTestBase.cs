using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Crypto;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.OpenId4Vc.Tests;

/// <summary>An issuer on a SQLite store in a temporary directory, with a fake clock, and helpers to walk the protocol.</summary>
public abstract class ProtocolTestBase
{
    internal const string IssuerUrl = "https://bank.example/oid4vci";

    private string _directory = "";

    internal TestIssuerSetup Setup { get; private set; } = null!;

    internal FakeTimeProvider Clock { get; private set; } = null!;

    internal OpenId4VciIssuer Issuer { get; set; } = null!;

    [SetUp]
    public void CreateIssuer()
    {
        _directory = Directory.CreateTempSubdirectory("didsdk-oid4vci-").FullName;
        Setup = new TestIssuerSetup(_directory);
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
        Issuer = Setup.CreateIssuer(IssuerUrl, Clock);
    }

    [TearDown]
    public void DeleteIssuer()
    {
        Setup.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    internal Task<CredentialOfferResult> OfferAsync(string subject = "customer-1", bool txCode = true, params string[] ids) =>
        Issuer.CreateOfferAsync(new CredentialOfferRequest
        {
            Subject = subject,
            CredentialConfigurationIds = ids.Length > 0 ? ids : [TestIssuerSetup.SdJwtConfigurationId],
            RequireTxCode = txCode,
        });

    internal static Dictionary<string, string> TokenForm(CredentialOfferResult offer, string? txCode) =>
        txCode is null
            ? new() { ["grant_type"] = AuthorizationServerMetadata.PreAuthorizedCodeGrantType, ["pre-authorized_code"] = offer.Offer.PreAuthorizedCode! }
            : new() { ["grant_type"] = AuthorizationServerMetadata.PreAuthorizedCodeGrantType, ["pre-authorized_code"] = offer.Offer.PreAuthorizedCode!, ["tx_code"] = txCode };

    internal async Task<string> AccessTokenAsync(string subject = "customer-1", params string[] ids)
    {
        var offer = await OfferAsync(subject, true, ids);
        var token = await Issuer.HandleTokenRequestAsync(TokenForm(offer, offer.TxCode));
        Assert.That(token.Succeeded, Is.True, token.Body.ToJsonString());
        return token.Body["access_token"]!.GetValue<string>();
    }

    internal async Task<string> NonceAsync() => (await Issuer.CreateNonceAsync()).Body["c_nonce"]!.GetValue<string>();

    internal static async Task<string> ProofAsync(PrivateKey key, string nonce, DateTimeOffset iat, string audience = IssuerUrl,
        PrivateKey? signWith = null, Action<JsonObject>? editHeader = null, Action<JsonObject>? editPayload = null)
    {
        var header = new JsonObject { ["typ"] = "openid4vci-proof+jwt", ["jwk"] = JsonNode.Parse(Jwk.FromPublicKey(key.PublicKey).ToJson()) };
        editHeader?.Invoke(header);
        var payload = new JsonObject { ["aud"] = audience, ["iat"] = iat.ToUnixTimeSeconds(), ["nonce"] = nonce };
        editPayload?.Invoke(payload);
        return await Jws.SignCompactAsync(header, payload, new KeySigner(signWith ?? key));
    }

    internal static byte[] CredentialRequest(string configurationId, params string[] proofs) =>
        Encoding.UTF8.GetBytes(new JsonObject
        {
            ["credential_configuration_id"] = configurationId,
            ["proofs"] = new JsonObject { ["jwt"] = new JsonArray([.. proofs.Select(p => (JsonNode?)JsonValue.Create(p))]) },
        }.ToJsonString());

    internal Task<OpenId4VciEndpointResult> RequestCredentialAsync(string accessToken, byte[] body) =>
        Issuer.HandleCredentialRequestAsync("Bearer " + accessToken, body);

    // Nothing issued: no claims looked up and the status list's next free index is still 0.
    internal async Task AssertNothingIssuedAsync()
    {
        Assert.That(Setup.Claims.Calls, Is.Zero);
        Assert.That(await Setup.Store.AllocateIndexAsync(TestIssuerSetup.StatusListUri), Is.Zero);
    }
}
