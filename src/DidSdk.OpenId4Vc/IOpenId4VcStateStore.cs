namespace DidSdk.OpenId4Vc;

/// <summary>
/// The protocol state of OpenID4VC issuers and verifiers: offers, pre-authorized codes, access tokens, nonces, sessions,
/// issued-credential records and status-list index allocation. Every operation is atomic, so several service instances
/// can share one store: a record consumed once is never consumed again, and an index is never handed out twice.
/// An expired record behaves as absent.
/// </summary>
public interface IOpenId4VcStateStore
{
    /// <summary>Adds a record; <see langword="false"/> when a live record with that kind and key exists (nothing changed).</summary>
    /// <param name="entry">The record (its <see cref="StateEntry.FailedAttempts"/> is stored as 0).</param>
    /// <param name="now">The current time, to treat an expired record with the same key as absent.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<bool> TryAddAsync(StateEntry entry, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Reads a live record, or <see langword="null"/>.</summary>
    /// <param name="kind">The record kind.</param>
    /// <param name="key">The key.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<StateEntry?> GetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes a live record and returns it, atomically: of concurrent callers at most one receives it (single-use codes,
    /// nonces). <see langword="null"/> when absent, expired or already consumed.
    /// </summary>
    /// <param name="kind">The record kind.</param>
    /// <param name="key">The key.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<StateEntry?> TryConsumeAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts one failed attempt against a live record and removes it when the count reaches
    /// <paramref name="maxAttempts"/>. Returns the new count, or 0 when the record is absent.
    /// </summary>
    /// <param name="kind">The record kind.</param>
    /// <param name="key">The key.</param>
    /// <param name="maxAttempts">The count at which the record is destroyed.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<int> RecordFailedAttemptAsync(string kind, string key, int maxAttempts, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Replaces the data of a live record; <see langword="false"/> when it is absent.</summary>
    /// <param name="kind">The record kind.</param>
    /// <param name="key">The key.</param>
    /// <param name="data">The new data.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<bool> TryUpdateAsync(string kind, string key, string data, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Hands out the next index of a counter (0, 1, 2, ...), atomically across every instance sharing the store: for
    /// status-list indexes.
    /// </summary>
    /// <param name="counter">The counter's name (for example the status list URI).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<long> AllocateIndexAsync(string counter, CancellationToken cancellationToken = default);

    /// <summary>Deletes expired records; returns how many.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<int> RemoveExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
