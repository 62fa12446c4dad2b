namespace DidSdk.Crypto;

/// <summary>
/// The multibase encodings DidSdk reads and writes, with their prefix characters from the multibase registry
/// (<see href="https://github.com/multiformats/multibase/blob/master/multibase.csv">multibase.csv</see>;
/// draft-multiformats-multibase §2).
/// </summary>
public enum MultibaseEncoding
{
    /// <summary><c>base58btc</c>, prefix <c>z</c>: Base58 with the Bitcoin alphabet (Multikey, did:key, Ed25519 proof values).</summary>
    Base58Btc = 'z',

    /// <summary><c>base64url</c>, prefix <c>u</c>: RFC 4648 §5 base64url without padding.</summary>
    Base64Url = 'u',

    /// <summary><c>base16</c>, prefix <c>f</c>: lowercase hexadecimal.</summary>
    Base16 = 'f',

    /// <summary><c>base16upper</c>, prefix <c>F</c>: uppercase hexadecimal.</summary>
    Base16Upper = 'F',
}
