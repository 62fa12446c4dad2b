using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.SdJwt;

namespace DidSdk.Wallet.Tests;

internal static class Verifiers
{
    public static CredentialVerifier Credential(TimeProvider clock, IStatusListCredentialFetcher? bitstring = null, SdJwt.TokenStatus.TokenStatusChecker? tokenStatus = null) =>
        new(
            new CompositeDidResolver(new DidKeyResolver()),
            new CredentialVerifierOptions { AllowUncheckedStatus = bitstring is null && tokenStatus is null },
            clock,
            statusListFetcher: bitstring,
            formatHandlers: [new SdJwtVcFormatHandler(null, null, new SdJwtVerifierOptions { RequireKeyBinding = false, AllowUncheckedStatus = tokenStatus is null }, tokenStatus)]);
}
