using System.Diagnostics.CodeAnalysis;
using DidSdk.Core.Dids;
using DidSdk.Crypto;

namespace DidSdk.Core.Resolution;

/// <summary>The outcome of <see cref="VerificationMethodAuthorizer.AuthorizeAsync"/>.</summary>
public sealed class VerificationMethodAuthorization
{
    private VerificationMethodAuthorization(VerificationMethod? method, PublicKeyMaterial? publicKey, DidDocument? document, Problem? problem)
    {
        VerificationMethod = method;
        PublicKey = publicKey;
        ControllerDocument = document;
        Problem = problem;
    }

    /// <summary>Whether the method may be used for the purpose.</summary>
    [MemberNotNullWhen(true, nameof(VerificationMethod), nameof(ControllerDocument))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

    /// <summary>The authorized verification method.</summary>
    public VerificationMethod? VerificationMethod { get; }

    /// <summary>The method's public key, or <see langword="null"/> for a recovery method (check its account instead).</summary>
    public PublicKeyMaterial? PublicKey { get; }

    /// <summary>The DID document that authorized the method (the subject's, or its controller's).</summary>
    public DidDocument? ControllerDocument { get; }

    /// <summary>Why the method is not authorized (codes in <see cref="DidProblemCodes"/>).</summary>
    public Problem? Problem { get; }

    internal static VerificationMethodAuthorization Authorized(VerificationMethod method, PublicKeyMaterial? key, DidDocument document) => new(method, key, document, null);

    internal static VerificationMethodAuthorization Denied(Problem problem) => new(null, null, null, problem);

    internal static VerificationMethodAuthorization Denied(string code, string message) => new(null, null, null, new Problem(code, message));
}
