using System.Diagnostics.CodeAnalysis;
using DidSdk.Core;

namespace DidSdk.Credentials;

/// <summary>An <see cref="ITrustPolicy"/>'s decision, with a human reason either way (e.g. "accredited for KycCredential at issuance").</summary>
public sealed class TrustPolicyResult
{
    private TrustPolicyResult(string reason, Problem? problem)
    {
        Reason = reason;
        Problem = problem;
    }

    /// <summary>Whether the issuer is trusted for this credential.</summary>
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

    /// <summary>Why the policy decided as it did (for people; no personal data).</summary>
    public string Reason { get; }

    /// <summary>Why the issuer is not trusted: a stable code (<see cref="CredentialProblemCodes.UntrustedIssuer"/> or the policy's own, e.g. <c>DIDSDK8xxx</c>), with <see cref="Reason"/> as its message; <see langword="null"/> when trusted.</summary>
    public Problem? Problem { get; }

    /// <summary>The issuer is trusted.</summary>
    /// <param name="reason">Which rule decided.</param>
    public static TrustPolicyResult Trusted(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new TrustPolicyResult(reason, null);
    }

    /// <summary>The issuer is not trusted.</summary>
    /// <param name="code">A stable problem code.</param>
    /// <param name="reason">Which rule decided.</param>
    /// <param name="cause">A lower-level problem (e.g. the registry could not be read), if any.</param>
    public static TrustPolicyResult Untrusted(string code, string reason, Problem? cause = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new TrustPolicyResult(reason, new Problem(code, reason, cause));
    }
}
