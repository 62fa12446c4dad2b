using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.SdJwt;
using DidSdk.SdJwt.TokenStatus;

namespace KycExamples;

public static class KycExample
{
    public static readonly Uri StatusListUri = new("https://bank-a.example/status/1");

    // Bank A: selectively disclosable claims (JSON Pointers), the wallet's key, an entry in Bank A's status list.
    public static async Task<(SdJwtToken Credential, string StatusListToken)> IssueAsync(PrivateKey issuerKey, PublicKeyMaterial walletKey, JsonObject kycClaims)
    {
        var signer = new KeySigner(issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey));
        var credential = await new SdJwtVcIssuer(signer).IssueAsync(new SdJwtVcIssuanceRequest
        {
            Issuer = DidKey.Create(issuerKey.PublicKey),
            Vct = "https://kyc.consortium.example/credentials/kyc/v1",
            Claims = kycClaims,
            Disclosable = ["/given_name", "/birthdate", "/nationality", "/address", "/kyc_level", "/age_over_18"],
            HolderPublicKey = walletKey,
            Status = new StatusListReference(42, StatusListUri),
        });

        var statusList = new TokenStatusList(bits: 2, size: 1024); // all VALID; Set(42, TokenStatusTypes.Invalid) revokes
        var statusListToken = await StatusListToken.CreateAsync(statusList, new StatusListTokenDescriptor
        {
            Subject = StatusListUri,
            IssuedAt = TimeProvider.System.GetUtcNow(),
            TimeToLive = TimeSpan.FromMinutes(5),
        }, signer);
        return (credential, statusListToken); // Bank A serves the token at StatusListUri
    }

    // Wallet: disclose three claims, bound to the verifier's audience and the nonce it sent.
    public static Task<SdJwtToken> PresentAsync(SdJwtToken credential, PrivateKey walletKey, string audience, string nonce) =>
        SdJwtHolder.PresentAsync(credential, ["/age_over_18", "/nationality", "/kyc_level"], new KeyBindingRequest
        {
            HolderSigner = new KeySigner(walletKey),
            Audience = audience,
            Nonce = nonce,
            IssuedAt = TimeProvider.System.GetUtcNow(),
        });

    // Bank B, once at start: settings bind from configuration; resolver, status checker and trust policy are services.
    public static SdJwtVcVerifier CreateVerifier(HttpClient httpClient, ITrustPolicy trustPolicy) => new(
        new SdJwtVerifierOptions { ClockSkew = TimeSpan.FromSeconds(30), KeyBindingMaxAge = TimeSpan.FromMinutes(2) },
        resolver: new CachingDidResolver(new CompositeDidResolver(new DidKeyResolver())),
        statusChecker: new TokenStatusChecker(new HttpStatusListFetcher(httpClient)),
        trustPolicy: trustPolicy);

    // Bank B, per presentation: its own audience and the nonce it issued for this request.
    public static async Task<JsonObject?> VerifyAsync(SdJwtVcVerifier verifier, string presentation, string nonce)
    {
        var result = await verifier.VerifyAsync(presentation, "https://bank-b.example", nonce);
        return result.Succeeded ? result.Claims : null; // result.Problems: stable codes (DIDSDK40xx, 41xx, 48xx)
    }
}
