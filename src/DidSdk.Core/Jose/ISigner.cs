using DidSdk.Crypto;

namespace DidSdk.Core.Jose;

/// <summary>
/// Produces signatures for JWS and Data Integrity proofs. Keys may live in memory (<see cref="KeySigner"/>), an HSM
/// or a cloud KMS; callers only see the algorithm, the key id and <see cref="SignAsync"/>.
/// </summary>
public interface ISigner
{
    /// <summary>The signature algorithm.</summary>
    SigningAlgorithm Algorithm { get; }

    /// <summary>The key id to name in the JWS <c>kid</c> header or proof <c>verificationMethod</c> (usually a DID URL), if any.</summary>
    string? KeyId { get; }

    /// <summary>Signs <paramref name="data"/> and returns the raw signature (<c>r || s</c> for ECDSA).</summary>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);
}
