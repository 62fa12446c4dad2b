using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace DidSdk.Core.Dids;

/// <summary>CAIP-10 account ids (<c>namespace:reference:address</c>) as used by <c>blockchainAccountId</c>.</summary>
internal static class Caip10
{
    /// <summary>Parses <c>eip155:&lt;decimal chain id&gt;:0x&lt;40 hex&gt;</c>.</summary>
    public static bool TryParseEip155(string? accountId, out ulong chainId, [NotNullWhen(true)] out string? address)
    {
        chainId = 0;
        address = null;
        if (accountId is null || accountId.Length > 128 || !accountId.StartsWith("eip155:", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = accountId.AsSpan(7);
        var colon = rest.IndexOf(':');
        if (colon <= 0 || colon > 32)
        {
            return false;
        }

        var reference = rest[..colon];
        foreach (var c in reference)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        if ((reference.Length > 1 && reference[0] == '0')
            || !ulong.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out chainId))
        {
            return false;
        }

        var account = rest[(colon + 1)..];
        if (account.Length != 42 || account[0] != '0' || account[1] != 'x')
        {
            return false;
        }

        foreach (var c in account[2..])
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        address = account.ToString();
        return true;
    }
}
