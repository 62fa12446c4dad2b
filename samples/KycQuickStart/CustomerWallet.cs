using System.Security.Cryptography;
using DidSdk.Core.Jose;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.OpenId4Vc;
using DidSdk.SdJwt;
using DidSdk.Wallet;

namespace KycQuickStart;

/// <summary>
/// The customer's wallet: a DidSdk.Wallet file in a temporary directory holding the customer's key (generated inside
/// the wallet, never exported) and the KYC credentials Bank A issues. Presentations are signed by the wallet.
/// </summary>
internal sealed class CustomerWallet : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Wallet _wallet;

    private CustomerWallet(string directory, Wallet wallet, PublicKeyMaterial publicKey, ISigner signer)
    {
        _directory = directory;
        _wallet = wallet;
        PublicKey = publicKey;
        Signer = signer;
    }

    /// <summary>The customer's public key, to which Bank A binds the credential (<c>cnf</c>).</summary>
    public PublicKeyMaterial PublicKey { get; }

    /// <summary>Signs key binding JWTs inside the wallet.</summary>
    public ISigner Signer { get; }

    /// <summary>A new wallet file with one Ed25519 key; the passphrase is random (the demo forgets it on exit).</summary>
    public static async Task<CustomerWallet> CreateAsync(CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("didsdk-kyc-customer-").FullName;
        var passphrase = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var wallet = await Wallet.CreateAsync(Path.Combine(directory, "customer.wallet"), passphrase, cancellationToken: cancellationToken);
        var key = await wallet.GenerateKeyAsync(KeyType.Ed25519, cancellationToken: cancellationToken);
        return new CustomerWallet(directory, wallet, key.PublicKey, await wallet.GetSignerAsync(key.Id, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Receives a credential over OpenID4VCI into the wallet: the client verifies it with <paramref name="verifier"/>
    /// (Bank A's key from its DID, status) and checks it is bound to this wallet's key before it is stored.
    /// </summary>
    public async Task<(CredentialReceiveResult Result, string? StoredId, SdJwtToken Credential)> ReceiveAsync(
        OpenId4VciWalletClient client, string offerUri, string? txCode, CredentialVerifier verifier, CancellationToken cancellationToken)
    {
        var result = await client.ReceiveAsync(new CredentialReceiveRequest
        {
            OfferUri = offerUri,
            TxCode = txCode,
            HolderKeys = [new HolderBindingKey(Signer, PublicKey)],
            Verifier = verifier,
            Store = new WalletStore(_wallet),
        }, cancellationToken);
        if (!result.Succeeded)
        {
            return (result, null, null!);
        }

        var storedId = result.Credentials[0].StoredId!;
        var stored = await _wallet.GetCredentialAsync(storedId, cancellationToken);
        return SdJwtToken.TryParseCompact(stored.Credential, null, out var token, out var problem)
            ? (result, storedId, token)
            : throw new InvalidOperationException($"The stored credential does not parse: {problem.Code}");
    }

    /// <summary>
    /// Answers an OpenID4VP request from the wallet: the client evaluates the DCQL query over the stored credentials, asks
    /// <paramref name="consent"/> with exactly what would be disclosed, and posts the key-bound presentation.
    /// </summary>
    public Task<OpenId4VpResponseResult> RespondAsync(
        OpenId4VpWalletClient client, OpenId4VpResolvedRequest request, Func<OpenId4VpConsent, CancellationToken, ValueTask<bool>> consent, CancellationToken cancellationToken) =>
        client.RespondAsync(request, _wallet, consent, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _wallet.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The OpenID4VCI client's store: the wallet parses the verified credential again and keeps it encrypted.</summary>
    private sealed class WalletStore(Wallet wallet) : IOpenId4VciCredentialStore
    {
        public async Task<string?> StoreAsync(string credential, string format, CancellationToken cancellationToken = default)
        {
            var imported = await wallet.ImportCredentialAsync(credential, cancellationToken: cancellationToken);
            return imported.Succeeded ? imported.Credential.Id : null;
        }
    }
}
