namespace DidSdk.Credentials;

/// <summary>Trusts exactly the listed issuers (DIDs or URLs, compared ordinally), for every credential type and at any time.</summary>
public sealed class TrustedIssuersPolicy : ITrustPolicy
{
    private readonly HashSet<string> _trusted;

    /// <summary>Creates a policy trusting <paramref name="issuers"/>.</summary>
    public TrustedIssuersPolicy(IEnumerable<string> issuers)
    {
        ArgumentNullException.ThrowIfNull(issuers);
        _trusted = new HashSet<string>(issuers, StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public ValueTask<TrustPolicyResult> EvaluateAsync(TrustPolicyContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(_trusted.Contains(context.Issuer)
            ? TrustPolicyResult.Trusted("The issuer is on the verifier's list of trusted issuers.")
            : TrustPolicyResult.Untrusted(CredentialProblemCodes.UntrustedIssuer, "The issuer is not on the verifier's list of trusted issuers."));
    }
}
