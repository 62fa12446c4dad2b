using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using DidSdk.Core.Json;
using DidSdk.Crypto;

namespace DidSdk.SdJwt;

/// <summary>
/// Imports the usual holder key, a bare public JWK (only <c>kty</c>, <c>crv</c>, <c>x</c> and for EC <c>y</c>; Ed25519,
/// P-256 or secp256k1), from its member texts with the checks <see cref="Jwk"/> makes of such a key
/// (canonical base64url, 32-byte coordinates, a valid point). Shared by the payload byte reader and the tree path.
/// </summary>
internal static class BareJwk
{
    // A 32-byte coordinate in canonical unpadded base64url.
    private const int CoordinateLength = 43;

    /// <summary>
    /// Imports the key from UTF-8 member texts (empty when absent). <paramref name="memberCount"/> is how many members
    /// the JWK has; it must be exactly those the key type needs.
    /// </summary>
    public static bool TryImport(ReadOnlySpan<byte> kty, ReadOnlySpan<byte> crv, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, int memberCount, [NotNullWhen(true)] out PublicKeyMaterial? key)
    {
        key = null;
        var keyType = kty.SequenceEqual("OKP"u8) && crv.SequenceEqual("Ed25519"u8) ? KeyType.Ed25519
            : kty.SequenceEqual("EC"u8) && crv.SequenceEqual("P-256"u8) ? KeyType.P256
            : kty.SequenceEqual("EC"u8) && crv.SequenceEqual("secp256k1"u8) ? KeyType.Secp256k1
            : default;
        if (keyType == default || memberCount != (keyType == KeyType.Ed25519 ? 3 : 4))
        {
            return false;
        }

        Span<byte> point = stackalloc byte[65];
        point[0] = 0x04;
        if (!TryDecodeCoordinate(x, point.Slice(1, 32)))
        {
            return false;
        }

        if (keyType == KeyType.Ed25519)
        {
            return PublicKeyMaterial.TryImport(keyType, point.Slice(1, 32), out key);
        }

        return TryDecodeCoordinate(y, point[33..]) && PublicKeyMaterial.TryImport(keyType, point, out key);
    }

    /// <summary>
    /// Imports the key from UTF-16 member texts (empty when absent), as <see cref="TryImport(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, int, out PublicKeyMaterial?)"/>.
    /// </summary>
    public static bool TryImport(ReadOnlySpan<char> kty, ReadOnlySpan<char> crv, ReadOnlySpan<char> x, ReadOnlySpan<char> y, int memberCount, [NotNullWhen(true)] out PublicKeyMaterial? key)
    {
        key = null;

        // Every text a key is accepted with is ASCII and at most a coordinate long, so any other cannot match.
        Span<byte> text = stackalloc byte[4 * CoordinateLength];
        var ktyText = text[..CoordinateLength];
        var crvText = text.Slice(CoordinateLength, CoordinateLength);
        var xText = text.Slice(2 * CoordinateLength, CoordinateLength);
        var yText = text[(3 * CoordinateLength)..];
        return TryToAscii(kty, ref ktyText) && TryToAscii(crv, ref crvText) && TryToAscii(x, ref xText) && TryToAscii(y, ref yText)
            && TryImport(ktyText, crvText, xText, yText, memberCount, out key);
    }

    // Decodes exactly 43 characters of canonical base64url into 32 bytes.
    private static bool TryDecodeCoordinate(ReadOnlySpan<byte> utf8, Span<byte> destination) =>
        utf8.Length == CoordinateLength && StrictBase64Url.IsValid(utf8)
        && Base64Url.TryDecodeFromUtf8(utf8, destination, out var written) && written == 32;

    // Copies ASCII text into the front of destination and narrows it to what was written.
    private static bool TryToAscii(ReadOnlySpan<char> chars, ref Span<byte> destination)
    {
        if (chars.Length > destination.Length || Ascii.FromUtf16(chars, destination, out var written) != OperationStatus.Done)
        {
            return false;
        }

        destination = destination[..written];
        return true;
    }
}
