using System.Buffers.Text;
using System.Text;
using DidSdk.Crypto;

namespace DidSdk.Core.Tests.Jose;

/// <summary>Builds compact tokens with arbitrary header text, correctly signed, so one rule at a time can be broken.</summary>
internal static class JwsTestTokens
{
    public static string B64(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    public static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public static string Sign(string headerJson, string payload, PrivateKey key)
    {
        var signingInput = B64(headerJson) + "." + B64(payload);
        var algorithm = SigningAlgorithm.ForKeyType(key.KeyType)!;
        return signingInput + "." + B64(algorithm.Sign(key, Encoding.ASCII.GetBytes(signingInput)));
    }

    public static string SignUnencoded(string headerJson, string payload, PrivateKey key)
    {
        var encodedHeader = B64(headerJson);
        var algorithm = SigningAlgorithm.ForKeyType(key.KeyType)!;
        var signature = algorithm.Sign(key, Encoding.UTF8.GetBytes(encodedHeader + "." + payload));
        return encodedHeader + "." + payload + "." + B64(signature);
    }
}
