using System.Diagnostics.CodeAnalysis;
using DidSdk.Core;

namespace DidSdk.Credentials;

/// <summary>The result of verifying one Data Integrity proof.</summary>
public sealed class DataIntegrityVerificationResult
{
    internal DataIntegrityVerificationResult(Problem? problem, string? verificationMethod, string? verifiedMethodId = null)
    {
        Problem = problem;
        VerificationMethod = verificationMethod;
        VerifiedMethodId = verifiedMethodId;
    }

    /// <summary>Whether the proof verifies.</summary>
    [MemberNotNullWhen(false, nameof(Problem))]
    [MemberNotNullWhen(true, nameof(VerificationMethod))]
    public bool Succeeded => Problem is null;

    /// <summary>Why not; its <see cref="Problem.Cause"/> is the DID or key problem, if any.</summary>
    public Problem? Problem { get; }

    /// <summary>The verification method the proof names, as written.</summary>
    public string? VerificationMethod { get; }

    internal string? VerifiedMethodId { get; }
}
