using DidSdk.Core.Jose;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.SdJwt;

namespace KycExamples;

public static class VpSdJwtExample
{
    // The wallet: a vc+sd-jwt with only kyc_level disclosed, in a presentation the holder signs with its DID key
    // (the signer's kid is a DID URL of the holder in authentication; it also signs the Key Binding JWT for cnf).
    public static Task<string> PresentAsync(SdJwtToken credential, string holderDid, ISigner holderSigner, string audience, string nonce) =>
        VpSdJwt.PresentAsync(new VpSdJwtPresentationRequest
        {
            Holder = holderDid,
            HolderSigner = holderSigner,
            Audience = audience,
            Nonce = nonce,
            IssuedAt = TimeProvider.System.GetUtcNow(),
            Credentials = [new VpSdJwtCredential { Credential = credential, Disclose = ["/credentialSubject/kyc_level"] }],
        });

    // The verifier: the holder's signature, aud, nonce, then every credential inside in full (issuer key, disclosures,
    // validity, status, trust policy) and bound to the holder.
    public static Task<CredentialVerificationResult> VerifyAsync(string presentation, string nonce, IDidResolver resolver, ITrustPolicy trustPolicy) =>
        new VpSdJwtVerifier(new CredentialVerifier(resolver, trustPolicy: trustPolicy))
            .VerifyAsync(presentation, "https://bank-b.example", nonce); // .Issuer is the holder; .Credentials[i].Claims
}
