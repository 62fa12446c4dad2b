using Microsoft.IdentityModel.Tokens;

namespace DidSdk.IdentityModel;

/// <summary>Signs and verifies JOSE signatures (raw <c>R||S</c> for ECDSA, RFC 7518 §3.4) with DidSdk.Crypto.</summary>
internal sealed class DidSdkSignatureProvider : SignatureProvider
{
    private readonly DidSdkSecurityKey _key;

    public DidSdkSignatureProvider(DidSdkSecurityKey key, string algorithm, bool willCreateSignatures)
        : base(key, algorithm)
    {
        _key = key;
        WillCreateSignatures = willCreateSignatures;
    }

    public override byte[] Sign(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return SignCore(input);
    }

    public override byte[] Sign(byte[] input, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(input);
        return SignCore(input.AsSpan(offset, count));
    }

    public override bool Sign(ReadOnlySpan<byte> data, Span<byte> destination, out int bytesWritten)
    {
        var signature = SignCore(data);
        if (signature.Length > destination.Length)
        {
            bytesWritten = 0;
            return false;
        }

        signature.CopyTo(destination);
        bytesWritten = signature.Length;
        return true;
    }

    public override bool Verify(byte[] input, byte[] signature)
    {
        if (input is null || signature is null)
        {
            return false;
        }

        return _key.Algorithm.Verify(_key.PublicKey, input, signature);
    }

    public override bool Verify(byte[] input, int inputOffset, int inputLength, byte[] signature, int signatureOffset, int signatureLength)
    {
        if (input is null || signature is null
            || inputOffset < 0 || inputLength < 0 || inputOffset > input.Length - inputLength
            || signatureOffset < 0 || signatureLength < 0 || signatureOffset > signature.Length - signatureLength)
        {
            return false;
        }

        return _key.Algorithm.Verify(_key.PublicKey, input.AsSpan(inputOffset, inputLength), signature.AsSpan(signatureOffset, signatureLength));
    }

    protected override void Dispose(bool disposing)
    {
        // The key belongs to the caller; nothing is owned here.
    }

    private byte[] SignCore(ReadOnlySpan<byte> data)
    {
        if (!WillCreateSignatures)
        {
            throw new InvalidOperationException("This provider was created for verifying.");
        }

        if (_key.PrivateKey is { } privateKey)
        {
            return _key.Algorithm.Sign(privateKey, data);
        }

        // Microsoft.IdentityModel signs synchronously; an HSM/KMS signer is awaited here.
        var signature = _key.Signer!.SignAsync(data.ToArray()).AsTask().GetAwaiter().GetResult();
        if (signature is null || signature.Length != _key.Algorithm.SignatureSize)
        {
            throw new InvalidOperationException("The signer returned a signature of the wrong length.");
        }

        return signature;
    }
}
