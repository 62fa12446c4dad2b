using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.SdJwt;

namespace DidSdk.Cli.Tests;

/// <summary>Checks what the tool printed with the library itself (did:key only), without starting another process.</summary>
internal static class InProcessVerifier
{
    private static CredentialVerifierOptions Options(string? audience = null, string? nonce = null) => new()
    {
        Resolver = new CompositeDidResolver(new DidKeyResolver()),
        FormatHandlers = [new SdJwtVcFormatHandler(new SdJwtVcFormatHandlerOptions { RequireKeyBinding = nonce is not null, ExpectedAudience = audience, ExpectedNonce = nonce })],
    };

    public static Task<CredentialVerificationResult> CredentialAsync(string text, string? audience = null, string? nonce = null) =>
        new CredentialVerifier(Options(audience, nonce)).VerifyAsync(text);

    public static Task<CredentialVerificationResult> PresentationAsync(string text, string audience, string nonce) =>
        new PresentationVerifier(Options()).VerifyAsync(text, audience, nonce);
}
