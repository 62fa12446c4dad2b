using System.Security.Cryptography;
using DidSdk.Core.Json;

namespace DidSdk.SdJwt;

/// <summary>Salts of 128 random bits from the operating system's CSPRNG, base64url-encoded (22 characters).</summary>
public sealed class RandomSaltGenerator : ISaltGenerator
{
    /// <summary>The shared instance (stateless).</summary>
    public static RandomSaltGenerator Instance { get; } = new();

    /// <inheritdoc/>
    public string NextSalt()
    {
        Span<byte> salt = stackalloc byte[16];
        RandomNumberGenerator.Fill(salt);
        return StrictBase64Url.Encode(salt);
    }
}
