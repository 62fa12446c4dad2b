using DidSdk.Credentials;

namespace DidSdk.SdJwt;

public sealed partial class SdJwtVcVerifier
{
    /// <summary>
    /// Verifies many SD-JWT VC presentations with bounded parallelism and yields the results in input order, for
    /// example a day's presentations in a back office. Memory stays flat however many inputs come (see
    /// <see cref="VerificationBatch"/>). Never throws for invalid input: each result carries its problems.
    /// </summary>
    /// <param name="presentations">The presentations with their expected audience and nonce, read lazily.</param>
    /// <param name="maxDegreeOfParallelism">Verifications running at once; <see langword="null"/> for <see cref="Environment.ProcessorCount"/>.</param>
    /// <param name="cancellationToken">Stops the batch; the enumeration then throws <see cref="OperationCanceledException"/>.</param>
    public IAsyncEnumerable<SdJwtVcVerificationResult> VerifyManyAsync(IAsyncEnumerable<SdJwtVcPresentationInput> presentations, int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default) =>
        VerificationBatch.VerifyInOrderAsync(
            presentations,
            (input, token) => VerifyAsync(input.Presentation, input.ExpectedAudience, input.ExpectedNonce, token),
            maxDegreeOfParallelism,
            cancellationToken);
}
