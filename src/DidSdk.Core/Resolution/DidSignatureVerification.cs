using System.Diagnostics.CodeAnalysis;
using DidSdk.Core.Dids;
using DidSdk.Crypto;

namespace DidSdk.Core.Resolution;

/// <summary>The outcome of checking a signature against a DID's verification method.</summary>
public sealed class DidSignatureVerification
{
    private DidSignatureVerification(VerificationMethod? method, PublicKeyMaterial? publicKey, Problem? problem)
    {
        VerificationMethod = method;
        PublicKey = publicKey;
        Problem = problem;
    }

    /// <summary>Whether the method is authorized for the purpose and the signature verifies with its key.</summary>
    [MemberNotNullWhen(true, nameof(VerificationMethod), nameof(PublicKey))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

    /// <summary>The verification method that was used, when it was found and authorized.</summary>
    public VerificationMethod? VerificationMethod { get; }

    /// <summary>
    /// The key the signature verified with. For an <c>EcdsaSecp256k1RecoveryMethod2020</c> this is the key recovered
    /// from the signature, whose address matched the method's <c>blockchainAccountId</c>.
    /// </summary>
    public PublicKeyMaterial? PublicKey { get; }

    /// <summary>Why the signature was not accepted; <see langword="null"/> when it was.</summary>
    public Problem? Problem { get; }

    internal static DidSignatureVerification Valid(VerificationMethod method, PublicKeyMaterial key) => new(method, key, null);

    internal static DidSignatureVerification Invalid(Problem problem, VerificationMethod? method = null) => new(method, null, problem);
}
