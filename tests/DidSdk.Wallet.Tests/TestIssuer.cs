using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt;
using DidSdk.SdJwt.TokenStatus;

namespace DidSdk.Wallet.Tests;

/// <summary>An issuer with a did:key that issues test credentials in every format the wallet stores.</summary>
internal sealed class TestIssuer : IDisposable
{
    public const string KycVct = "https://kyc.consortium.example/credentials/kyc/v1";
    private readonly PrivateKey _key = PrivateKey.Generate(KeyType.Ed25519);

    public string Did => DidKey.Create(_key.PublicKey);

    public KeySigner Signer => new(_key, DidKey.GetVerificationMethodId(_key.PublicKey));

    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static JsonObject KycClaims(string givenName = "Ji-woo") => new()
    {
        ["given_name"] = givenName,
        ["family_name"] = "Kim",
        ["birthdate"] = "1990-04-12",
        ["nationality"] = "KR",
        ["nationalities"] = new JsonArray("KR", "FR"),
        ["address"] = new JsonObject { ["locality"] = "Seoul", ["country"] = "KR" },
        ["kyc_level"] = "enhanced",
        ["age_over_18"] = true,
        ["risk_score"] = 3,
    };

    public async Task<string> IssueSdJwtAsync(PublicKeyMaterial holder, string vct = KycVct, JsonObject? claims = null, DateTimeOffset? expires = null, StatusListReference? status = null)
    {
        var token = await new SdJwtVcIssuer(Signer, timeProvider: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now))
            .IssueAsync(new SdJwtVcIssuanceRequest
            {
                Issuer = Did,
                Vct = vct,
                Claims = claims ?? KycClaims(),
                Disclosable = Disclosable.Where(p => Exists(claims ?? KycClaims(), p)).ToArray(),
                HolderPublicKey = holder,
                ExpiresAt = expires ?? Now.AddYears(1),
                Status = status,
            });
        return token.ToCompact();
    }

    private static readonly string[] Disclosable = ["/given_name", "/family_name", "/birthdate", "/nationality", "/nationalities/0", "/nationalities/1", "/address", "/address/locality", "/kyc_level", "/age_over_18", "/risk_score", "/member_id"];

    private static bool Exists(JsonObject claims, string pointer)
    {
        JsonNode? node = claims;
        foreach (var token in pointer.Split('/').Skip(1))
        {
            node = node switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (node is null)
            {
                return false;
            }
        }

        return true;
    }

    public JsonObject W3cCredential(string subjectDid, string type = "KycCredential", string givenName = "Ji-woo") => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
        ["type"] = new JsonArray("VerifiableCredential", type),
        ["issuer"] = Did,
        ["validFrom"] = "2026-01-01T00:00:00Z",
        ["validUntil"] = "2027-12-31T00:00:00Z",
        ["credentialSubject"] = new JsonObject
        {
            ["id"] = subjectDid,
            ["given_name"] = givenName,
            ["nationality"] = "KR",
            ["degrees"] = new JsonArray(new JsonObject { ["type"] = "BachelorDegree", ["name"] = "Physics" }, new JsonObject { ["type"] = "MasterDegree", ["name"] = "Maths" }),
        },
    };

    public async Task<string> IssueJoseAsync(JsonObject credential) => await VcJwt.IssueJoseAsync(credential, Signer);

    public async Task<string> IssueJwt11Async(JsonObject credential)
    {
        credential["@context"] = new JsonArray("https://www.w3.org/2018/credentials/v1");
        credential.Remove("validFrom");
        credential.Remove("validUntil");
        credential["issuanceDate"] = "2026-01-01T00:00:00Z";
        credential["expirationDate"] = "2027-12-31T00:00:00Z";
        return await VcJwt.IssueJwt11Async(credential, Signer);
    }

    public async Task<string> IssueDataIntegrityAsync(JsonObject credential)
    {
        var secured = await DataIntegrity.AddProofAsync(credential, Signer, new DataIntegrityProofOptions
        {
            VerificationMethod = DidKey.GetVerificationMethodId(_key.PublicKey),
            Created = Now,
        });
        return secured.ToJsonString();
    }

    public void Dispose() => _key.Dispose();
}
