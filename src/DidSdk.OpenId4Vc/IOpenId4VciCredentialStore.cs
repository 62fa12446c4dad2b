namespace DidSdk.OpenId4Vc;

/// <summary>Where the wallet client puts a received and verified credential: implemented over the holder's wallet.</summary>
public interface IOpenId4VciCredentialStore
{
    /// <summary>Stores a credential; returns its id in the wallet, or <see langword="null"/> when the wallet refused it.</summary>
    /// <param name="credential">The credential as received (compact SD-JWT or JWT).</param>
    /// <param name="format">Its OpenID4VCI format identifier (<c>dc+sd-jwt</c>, <c>jwt_vc_json</c>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<string?> StoreAsync(string credential, string format, CancellationToken cancellationToken = default);
}
