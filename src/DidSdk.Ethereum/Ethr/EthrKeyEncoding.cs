namespace DidSdk.Ethereum.Ethr;

/// <summary>How the key bytes are written in the attribute name (and published in the document).</summary>
public enum EthrKeyEncoding
{
    /// <summary><c>hex</c> → <c>publicKeyHex</c>.</summary>
    Hex,

    /// <summary><c>base64</c> → <c>publicKeyBase64</c>.</summary>
    Base64,

    /// <summary><c>base58</c> → <c>publicKeyBase58</c>.</summary>
    Base58,
}
