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
