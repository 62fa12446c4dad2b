using System.Security.Cryptography;
using DidSdk.Core.Json;

namespace DidSdk.SdJwt;

/// <summary>
/// The source of disclosure salts and decoy digests (RFC 9901 §4.2.1, §4.2.5). Injectable so published examples can be
/// reproduced byte for byte; production code uses <see cref="RandomSaltGenerator"/>.
/// </summary>
public interface ISaltGenerator
{
    /// <summary>A new salt: base64url text of at least 128 bits of cryptographically secure randomness.</summary>
    string NextSalt();
}

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
