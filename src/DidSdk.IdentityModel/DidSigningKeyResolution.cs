using System.Diagnostics.CodeAnalysis;
using DidSdk.Core;
using DidSdk.Core.Dids;

namespace DidSdk.IdentityModel;

/// <summary>The outcome of resolving a token's <c>kid</c> to a signing key.</summary>
public sealed class DidSigningKeyResolution
{
    private DidSigningKeyResolution(DidSdkSecurityKey? key, VerificationMethod? method, Problem? problem)
    {
        Key = key;
        VerificationMethod = method;
        Problem = problem;
    }

    /// <summary>Whether a key authorized for the chosen relationship was found.</summary>
    [MemberNotNullWhen(true, nameof(Key), nameof(VerificationMethod))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

    /// <summary>The key (its <c>KeyId</c> is the absolute DID URL of the verification method).</summary>
    public DidSdkSecurityKey? Key { get; }

    /// <summary>The verification method the key comes from.</summary>
    public VerificationMethod? VerificationMethod { get; }

    /// <summary>Why no key was found (a <see cref="DidProblemCodes"/> code).</summary>
    public Problem? Problem { get; }

    internal static DidSigningKeyResolution Found(DidSdkSecurityKey key, VerificationMethod method) => new(key, method, null);

    internal static DidSigningKeyResolution NotFound(Problem problem) => new(null, null, problem);
}
