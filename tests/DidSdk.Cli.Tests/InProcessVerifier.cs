using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.SdJwt;

namespace DidSdk.Cli.Tests;

/// <summary>Checks what the tool printed with the library itself (did:key only), without starting another process.</summary>
internal static class InProcessVerifier
{
    private static CredentialVerifier Verifier(string? audience = null, string? nonce = null) => new(
        new CompositeDidResolver(new DidKeyResolver()),
        formatHandlers: [new SdJwtVcFormatHandler(audience, nonce, new SdJwtVerifierOptions { RequireKeyBinding = nonce is not null })]);

    public static Task<CredentialVerificationResult> CredentialAsync(string text, string? audience = null, string? nonce = null) =>
        Verifier(audience, nonce).VerifyAsync(text);

    public static Task<CredentialVerificationResult> PresentationAsync(string text, string audience, string nonce) =>
        new PresentationVerifier(Verifier()).VerifyAsync(text, audience, nonce);
}
