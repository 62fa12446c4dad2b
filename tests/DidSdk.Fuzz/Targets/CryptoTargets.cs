using DidSdk.Crypto;

namespace DidSdk.Fuzz.Targets;

/// <summary>Multibase / multicodec / Multikey and JWK.</summary>
internal static class CryptoTargets
{
    public static IEnumerable<FuzzTarget> All()
    {
        yield return new("multikey", MultikeyTarget);
        yield return new("jwk", JwkTarget);
    }

    private static void MultikeyTarget(byte[] data)
    {
        var text = FuzzInput.Text(data);
        if (Multibase.TryDecode(text, out var decoded, out var encoding))
        {
            // Decoding is exact: what decodes re-encodes to a string that decodes to the same bytes.
            if (!Multibase.TryDecode(Multibase.Encode(encoding, decoded), out var again, out _) || !again.AsSpan().SequenceEqual(decoded))
            {
                throw new InvalidOperationException("Multibase round trip changed the bytes.");
            }

            _ = Multicodec.TryRemovePrefix(decoded, out _, out _);
        }

        _ = Multicodec.TryReadVarint(data, out _, out _);
        _ = Multikey.TryDecode(text, out _);
        if (Multikey.TryDecodePrivate(text, PrivateKeyExportPolicy.None, out var privateKey))
        {
            privateKey.Dispose();
        }
    }

    private static void JwkTarget(byte[] data)
    {
        if (!Jwk.TryParse(FuzzInput.Text(data), out var jwk, out _))
        {
            return;
        }

        _ = jwk.ToJson();
        if (jwk.TryGetPublicKey(out var publicKey))
        {
            _ = Jwk.FromPublicKey(publicKey).ComputeThumbprint();
        }

        if (jwk.TryGetPrivateKey(PrivateKeyExportPolicy.None, out var privateKey))
        {
            privateKey.Dispose();
        }
    }
}
