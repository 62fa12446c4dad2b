using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.SdJwt;

namespace DidSdk.Wallet.Tests;

internal static class Verifiers
{
    public static CredentialVerifierOptions Options(TimeProvider clock, IStatusListCredentialFetcher? bitstring = null, SdJwt.TokenStatus.TokenStatusChecker? tokenStatus = null, string? audience = null, string? nonce = null, bool requireKeyBinding = false) => new()
    {
        Resolver = new CompositeDidResolver(new DidKeyResolver()),
        TimeProvider = clock,
        StatusListFetcher = bitstring,
        AllowUncheckedStatus = bitstring is null && tokenStatus is null,
        FormatHandlers = [new SdJwtVcFormatHandler(new SdJwtVcFormatHandlerOptions
        {
            RequireKeyBinding = requireKeyBinding,
            ExpectedAudience = audience,
            ExpectedNonce = nonce,
            StatusChecker = tokenStatus,
        })],
    };

    public static CredentialVerifier Credential(TimeProvider clock, IStatusListCredentialFetcher? bitstring = null, SdJwt.TokenStatus.TokenStatusChecker? tokenStatus = null) =>
        new(Options(clock, bitstring, tokenStatus));
}
