using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.SdJwt;
using DidSdk.SdJwt.TokenStatus;

namespace KycExamples;

public static class AnyFormatExample
{
    // One verifier for VC-JOSE, VC-JWT 1.1, Data Integrity and SD-JWT VC. The handler carries this request's nonce.
    public static Task<CredentialVerificationResult> VerifyAsync(string credential, string nonce, IDidResolver resolver, ITrustPolicy trustPolicy, TokenStatusChecker statusChecker) =>
        new CredentialVerifier(
            resolver,
            trustPolicy: trustPolicy,
            formatHandlers: [new SdJwtVcFormatHandler("https://bank-b.example", nonce, statusChecker: statusChecker)])
        .VerifyAsync(credential); // .Succeeded, .Format ("dc+sd-jwt"), .Claims, .Problems, .Trust
}
