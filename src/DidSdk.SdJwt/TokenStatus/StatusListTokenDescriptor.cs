namespace DidSdk.SdJwt.TokenStatus;

/// <summary>What goes into a Status List Token besides the list (draft-ietf-oauth-status-list §5.1).</summary>
public sealed class StatusListTokenDescriptor
{
    /// <summary>The <c>sub</c>: the URI the token is published at; Referenced Tokens name it as <c>status_list.uri</c>.</summary>
    public required Uri Subject { get; init; }

    /// <summary>The <c>iss</c>, when the Referenced Tokens carry one (it should be the same).</summary>
    public string? Issuer { get; init; }

    /// <summary>The <c>iat</c>.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>The <c>exp</c>, if the list should stop being trusted at some point.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The <c>ttl</c>: how long relying parties may cache the token before fetching a fresh copy.</summary>
    public TimeSpan? TimeToLive { get; init; }
}
