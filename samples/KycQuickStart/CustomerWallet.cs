using System.Security.Cryptography;
using DidSdk.Core.Jose;
using DidSdk.Crypto;
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

    /// <summary>Stores the issued credential in the wallet (parsed and checked on the way in) and returns it as read back from the file.</summary>
    public async Task<SdJwtToken> KeepAsync(SdJwtToken issued, CancellationToken cancellationToken)
    {
        var imported = await _wallet.ImportCredentialAsync(issued.ToCompact(), cancellationToken: cancellationToken);
        if (!imported.Succeeded)
        {
            throw new InvalidOperationException($"The wallet refused the credential: {imported.Problems[0].Code}");
        }

        var stored = await _wallet.GetCredentialAsync(imported.Credential.Id, cancellationToken);
        return SdJwtToken.TryParseCompact(stored.Credential, null, out var token, out var problem)
            ? token
            : throw new InvalidOperationException($"The stored credential does not parse: {problem.Code}");
    }

    public async ValueTask DisposeAsync()
    {
        await _wallet.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
