using DidSdk.Credentials;

namespace DidSdk.OpenId4Vc.Tests;

/// <summary>The OpenID4VCI client's store over a DidSdk wallet: the wallet verifies again and stores encrypted.</summary>
internal sealed class WalletCredentialStore(Wallet.Wallet wallet, CredentialVerifier verifier) : IOpenId4VciCredentialStore
{
    public async Task<string?> StoreAsync(string credential, string format, CancellationToken cancellationToken = default)
    {
        var result = await wallet.ImportCredentialAsync(credential, verifier, cancellationToken);
        return result.Succeeded ? result.Credential.Id : null;
    }
}
