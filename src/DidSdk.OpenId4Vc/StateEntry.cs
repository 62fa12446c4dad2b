namespace DidSdk.OpenId4Vc;

/// <summary>One record of an <see cref="IOpenId4VcStateStore"/>.</summary>
/// <param name="Kind">The record kind (for example <c>pre-authorized-code</c>, <c>c-nonce</c>, <c>vp-session</c>).</param>
/// <param name="Key">The key, unique within its kind. Secrets are stored under their hash, never in the clear.</param>
/// <param name="Data">The record's data (JSON text by convention).</param>
/// <param name="ExpiresAt">When the record stops existing, or <see langword="null"/> for a permanent record.</param>
/// <param name="FailedAttempts">Failed attempts counted against the record (see <see cref="IOpenId4VcStateStore.RecordFailedAttemptAsync"/>).</param>
public sealed record StateEntry(string Kind, string Key, string Data, DateTimeOffset? ExpiresAt, int FailedAttempts);
