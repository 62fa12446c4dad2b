using System.Runtime.CompilerServices;

namespace DidSdk.Credentials;

/// <summary>
/// Runs a verification over many inputs with bounded parallelism and yields the results in input order: the engine
/// behind <see cref="CredentialVerifier.VerifyManyAsync"/> and the SD-JWT VC verifier's batch entry point, usable with any
/// verify delegate. Memory stays flat however many inputs come: at most twice the degree of parallelism inputs are
/// read ahead of the result being yielded.
/// </summary>
public static class VerificationBatch
{
    /// <summary>
    /// Verifies every input of <paramref name="inputs"/> with <paramref name="verify"/>, at most
    /// <paramref name="maxDegreeOfParallelism"/> at a time, and yields each result in the order of its input.
    /// </summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="inputs">The inputs, read lazily.</param>
    /// <param name="verify">The verification; it runs on the thread pool and must be safe to call concurrently.</param>
    /// <param name="maxDegreeOfParallelism">Verifications running at once; <see langword="null"/> for <see cref="Environment.ProcessorCount"/>.</param>
    /// <param name="cancellationToken">Stops reading inputs and cancels the verifications in flight (the enumeration then throws <see cref="OperationCanceledException"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is below 1.</exception>
    public static IAsyncEnumerable<TResult> VerifyInOrderAsync<TInput, TResult>(
        IAsyncEnumerable<TInput> inputs,
        Func<TInput, CancellationToken, Task<TResult>> verify,
        int? maxDegreeOfParallelism = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(verify);
        var degree = maxDegreeOfParallelism ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(degree, 1, nameof(maxDegreeOfParallelism));
        return RunAsync(inputs, verify, degree, cancellationToken);
    }

    private static async IAsyncEnumerable<TResult> RunAsync<TInput, TResult>(
        IAsyncEnumerable<TInput> inputs,
        Func<TInput, CancellationToken, Task<TResult>> verify,
        int degree,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(degree, degree);
        var token = stop.Token;

        // Twice the degree read ahead, so a slow result at the head leaves the other workers something to do.
        var window = new Queue<Task<TResult>>(2 * degree);
        var enumerator = inputs.GetAsyncEnumerator(token);
        try
        {
            var more = true;
            while (true)
            {
                while (more && window.Count < 2 * degree)
                {
                    more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                    if (more)
                    {
                        window.Enqueue(StartAsync(enumerator.Current, verify, slots, token));
                    }
                }

                if (window.Count == 0)
                {
                    yield break;
                }

                yield return await window.Dequeue().ConfigureAwait(false);
            }
        }
        finally
        {
            // The consumer stopped early, failed or was cancelled: cancel what is in flight and let it finish before
            // the semaphore is disposed.
            await stop.CancelAsync().ConfigureAwait(false);
            while (window.Count > 0)
            {
                try
                {
                    await window.Dequeue().ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }

            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static Task<TResult> StartAsync<TInput, TResult>(TInput input, Func<TInput, CancellationToken, Task<TResult>> verify, SemaphoreSlim slots, CancellationToken cancellationToken) =>
        Task.Run(
            async () =>
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await verify(input, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                }
            },
            cancellationToken);
}
