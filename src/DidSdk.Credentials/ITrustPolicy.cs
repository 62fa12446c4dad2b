namespace DidSdk.Credentials;

/// <summary>
/// Decides whether the verifier trusts an issuer for a credential it has already verified cryptographically: a fixed
/// list (<see cref="TrustedIssuersPolicy"/>), a consortium trust registry on a chain, an EBSI-style accreditation
/// chain. The verifiers ask it last, only for credentials whose signature, data model, validity period and status
/// passed, so a policy never sees claims of a forged credential. Every format (VC-JOSE, VC-JWT 1.1, Data Integrity,
/// and handlers such as SD-JWT VC) asks it with the same <see cref="TrustPolicyContext"/>.
/// </summary>
public interface ITrustPolicy
{
    /// <summary>Decides whether <see cref="TrustPolicyContext.Issuer"/> is trusted to issue this credential.</summary>
    /// <param name="context">What was verified: issuer, credential types, claimed issuance time, signing method, format, the verifier's time.</param>
    /// <param name="cancellationToken">Cancels any I/O the policy does (e.g. reading a registry).</param>
    /// <returns>
    /// <see cref="TrustPolicyResult.Trusted"/> or <see cref="TrustPolicyResult.Untrusted"/>. Implementations return a
    /// result for an unreachable registry too (with their own code), and throw only for cancellation and misuse.
    /// </returns>
    ValueTask<TrustPolicyResult> EvaluateAsync(TrustPolicyContext context, CancellationToken cancellationToken = default);
}
