using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;
using NSecKey = NSec.Cryptography.Key;

namespace DidSdk.Wallet;

/// <summary>
/// The wallet's cryptography: Argon2id (RFC 9106) derives a key-encryption key from the passphrase; a random 256-bit
/// data key encrypts every record with XChaCha20-Poly1305 (random 192-bit nonces, so no nonce bookkeeping survives a
/// crash). Associated data binds each ciphertext to the wallet id, the record id, its kind and its clear metadata.
/// </summary>
internal static class WalletCrypto
{
    public const int SaltSize = 16;
    public const int KeySize = 32;
    public const int WalletIdSize = 16;
    public static readonly AeadAlgorithm Aead = AeadAlgorithm.XChaCha20Poly1305;
    public static int NonceSize => Aead.NonceSize;
    public static int TagSize => Aead.TagSize;

    private static readonly byte[] WrapLabel = "DIDSDK-WALLET-KEYWRAP-1"u8.ToArray();
    private static readonly byte[] RecordLabel = "DIDSDK-WALLET-RECORD-1"u8.ToArray();

    public static string KdfDescription(int memoryKiB, int iterations) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"argon2id;m={memoryKiB};t={iterations};p=1");

    public static bool TryParseKdf(string text, out int memoryKiB, out int iterations)
    {
        memoryKiB = 0;
        iterations = 0;
        var parts = text.Split(';');
        if (parts.Length != 4 || parts[0] != "argon2id" || parts[3] != "p=1"
            || !parts[1].StartsWith("m=", StringComparison.Ordinal) || !parts[2].StartsWith("t=", StringComparison.Ordinal)
            || !int.TryParse(parts[1].AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out memoryKiB)
            || !int.TryParse(parts[2].AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out iterations))
        {
            return false;
        }

        return memoryKiB >= WalletOptions.MinimumArgon2MemoryKiB && memoryKiB <= 4 * 1024 * 1024
            && iterations >= WalletOptions.MinimumArgon2Iterations && iterations <= 100;
    }

    /// <summary>Argon2id over the UTF-8 passphrase; the caller zeroes <paramref name="destination"/>.</summary>
    public static void DeriveKeyEncryptionKey(ReadOnlySpan<char> passphrase, ReadOnlySpan<byte> salt, int memoryKiB, int iterations, Span<byte> destination)
    {
        var byteCount = Encoding.UTF8.GetByteCount(passphrase);
        var utf8 = GC.AllocateUninitializedArray<byte>(byteCount, pinned: true);
        try
        {
            Encoding.UTF8.GetBytes(passphrase, utf8);
            var kdf = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
            {
                DegreeOfParallelism = 1,
                MemorySize = memoryKiB,
                NumberOfPasses = iterations,
            });
            kdf.DeriveBytes(utf8, salt, destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(utf8);
        }
    }

    public static NSecKey ImportDataKey(ReadOnlySpan<byte> raw) =>
        NSecKey.Import(Aead, raw, KeyBlobFormat.RawSymmetricKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    /// <summary>Wraps the data key: <c>nonce || ciphertext || tag</c>.</summary>
    public static byte[] WrapDataKey(NSecKey dataKey, ReadOnlySpan<byte> kek, ReadOnlySpan<byte> walletId, string kdf)
    {
        var raw = dataKey.Export(KeyBlobFormat.RawSymmetricKey);
        using var kekKey = NSecKey.Import(Aead, kek, KeyBlobFormat.RawSymmetricKey);
        try
        {
            var output = new byte[NonceSize + raw.Length + TagSize];
            RandomNumberGenerator.Fill(output.AsSpan(0, NonceSize));
            Aead.Encrypt(kekKey, output.AsSpan(0, NonceSize), WrapAssociatedData(walletId, kdf), raw, output.AsSpan(NonceSize));
            return output;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    public static NSecKey? TryUnwrapDataKey(ReadOnlySpan<byte> wrapped, ReadOnlySpan<byte> kek, ReadOnlySpan<byte> walletId, string kdf)
    {
        if (wrapped.Length != NonceSize + KeySize + TagSize)
        {
            return null;
        }

        using var kekKey = NSecKey.Import(Aead, kek, KeyBlobFormat.RawSymmetricKey);
        var raw = GC.AllocateUninitializedArray<byte>(KeySize, pinned: true);
        try
        {
            return Aead.Decrypt(kekKey, wrapped[..NonceSize], WrapAssociatedData(walletId, kdf), wrapped[NonceSize..], raw)
                ? ImportDataKey(raw)
                : null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    public static (byte[] Nonce, byte[] Ciphertext) Seal(NSecKey dataKey, ReadOnlySpan<byte> walletId, in RecordRow row, ReadOnlySpan<byte> plaintext)
    {
        var nonce = new byte[NonceSize];
        RandomNumberGenerator.Fill(nonce);
        var ciphertext = new byte[plaintext.Length + TagSize];
        Aead.Encrypt(dataKey, nonce, RecordAssociatedData(walletId, row), plaintext, ciphertext);
        return (nonce, ciphertext);
    }

    /// <summary>Decrypts a record; <see langword="null"/> when it fails authentication. The caller zeroes the result.</summary>
    public static byte[]? Open(NSecKey dataKey, ReadOnlySpan<byte> walletId, in RecordRow row)
    {
        if (row.Nonce.Length != NonceSize || row.Ciphertext.Length < TagSize)
        {
            return null;
        }

        var plaintext = new byte[row.Ciphertext.Length - TagSize];
        if (Aead.Decrypt(dataKey, row.Nonce, RecordAssociatedData(walletId, row), row.Ciphertext, plaintext))
        {
            return plaintext;
        }

        return null;
    }

    private static byte[] WrapAssociatedData(ReadOnlySpan<byte> walletId, string kdf)
    {
        var buffer = new List<byte>(64);
        buffer.AddRange(WrapLabel);
        buffer.AddRange(walletId);
        Append(buffer, kdf);
        return [.. buffer];
    }

    /// <summary>
    /// Length-prefixed fields, so no two different rows share associated data: a row moved to another id, another
    /// kind, another wallet, or with edited clear metadata no longer authenticates.
    /// </summary>
    private static byte[] RecordAssociatedData(ReadOnlySpan<byte> walletId, in RecordRow row)
    {
        var buffer = new List<byte>(256);
        buffer.AddRange(RecordLabel);
        buffer.AddRange(walletId);
        Append(buffer, row.Id);
        Append(buffer, row.Kind);
        Append(buffer, row.Created);
        Append(buffer, row.Format);
        Append(buffer, row.Issuer);
        Append(buffer, row.Types);
        Append(buffer, row.ValidFrom);
        Append(buffer, row.ValidUntil);
        Append(buffer, row.StatusReference);
        Append(buffer, row.Status);
        Append(buffer, row.CheckedAt);
        return [.. buffer];
    }

    private static void Append(List<byte> buffer, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            buffer.AddRange(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        buffer.AddRange(length);
        buffer.AddRange(bytes);
    }

    private static void Append(List<byte> buffer, long? value)
    {
        Span<byte> bytes = stackalloc byte[9];
        bytes[0] = value.HasValue ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], value ?? 0);
        buffer.AddRange(bytes);
    }
}
