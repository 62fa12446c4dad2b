namespace DidSdk.Credentials;

/// <summary>
/// A credential format the verifier does not know itself (e.g. SD-JWT VC from DidSdk.SdJwt), passed to the
/// <see cref="CredentialVerifier"/> constructor. Handlers are asked in order; the first that can handle the input verifies it.
/// </summary>
public interface ICredentialFormatHandler
{
    /// <summary>The format name reported in results.</summary>
    string Format { get; }

    /// <summary>Whether this handler recognises <paramref name="input"/> (cheap, syntactic).</summary>
    bool CanHandle(string input);

    /// <summary>
    /// Verifies <paramref name="input"/> with the services and settings of <paramref name="verifier"/>
    /// (<see cref="CredentialVerifier.Resolver"/>, <see cref="CredentialVerifier.TimeProvider"/>,
    /// <see cref="CredentialVerifier.Options"/>, and last <see cref="CredentialVerifier.EvaluateTrustAsync"/>);
    /// never throws for invalid input.
    /// </summary>
    Task<CredentialVerificationResult> VerifyAsync(string input, CredentialVerifier verifier, CancellationToken cancellationToken = default);
}
