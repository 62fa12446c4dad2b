using DidSdk.Core.Jose;
using DidSdk.Crypto;

namespace DidSdk.OpenId4Vc;

/// <summary>A wallet key a credential gets bound to: the signer for the key proof and its public key (sent as <c>jwk</c>).</summary>
/// <param name="Signer">Signs the key proof; the key may sit anywhere (wallet store, secure element).</param>
/// <param name="PublicKey">The public key matching <paramref name="Signer"/>.</param>
public sealed record HolderBindingKey(ISigner Signer, PublicKeyMaterial PublicKey);
