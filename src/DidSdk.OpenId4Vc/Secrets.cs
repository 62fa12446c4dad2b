using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace DidSdk.OpenId4Vc;

// Random codes and the hashes they are stored under: a copy of the store does not reveal live codes or tokens.
internal static class Secrets
{
    public static string NewToken(int bytes = 32) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    public static string NewNumericCode(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }

        return new string(chars);
    }

    public static string Hash(string value) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    // The tx_code hash is keyed by the pre-authorized code, which the store holds only as a hash: a copy of the store does
    // not allow an offline search of the short code.
    public static string TxCodeHash(string preAuthorizedCode, string txCode) => Hash(preAuthorizedCode + "\n" + txCode);

    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
