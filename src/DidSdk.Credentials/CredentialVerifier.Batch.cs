namespace DidSdk.Credentials;

public sealed partial class CredentialVerifier
{
    /// <summary>
    /// Verifies many credentials (any supported format) with bounded parallelism and yields the results in input order,
    /// for example a day's credentials in a back office. Memory stays flat however many inputs come. Never throws for
    /// invalid input: each result carries its problems.
    /// </summary>
    /// <param name="inputs">The credentials, read lazily.</param>
    /// <param name="maxDegreeOfParallelism">Verifications running at once; <see langword="null"/> for <see cref="Environment.ProcessorCount"/>.</param>
    /// <param name="cancellationToken">Stops the batch; the enumeration then throws <see cref="OperationCanceledException"/>.</param>
    public IAsyncEnumerable<CredentialVerificationResult> VerifyManyAsync(IAsyncEnumerable<string> inputs, int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default) =>
        VerificationBatch.VerifyInOrderAsync(inputs, VerifyAsync, maxDegreeOfParallelism, cancellationToken);
}
