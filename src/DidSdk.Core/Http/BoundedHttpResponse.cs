namespace DidSdk.Core.Http;

/// <summary>The result of <see cref="BoundedHttpClient.GetAsync"/>. Never carries a partial body.</summary>
public sealed class BoundedHttpResponse
{
    internal BoundedHttpResponse(BoundedHttpOutcome outcome, int statusCode = 0, byte[]? body = null, string? mediaType = null, Uri? finalUri = null)
    {
        Outcome = outcome;
        StatusCode = statusCode;
        Body = body ?? [];
        MediaType = mediaType;
        FinalUri = finalUri;
    }

    /// <summary>How the fetch ended.</summary>
    public BoundedHttpOutcome Outcome { get; }

    /// <summary>Whether the body was read in full.</summary>
    public bool Succeeded => Outcome == BoundedHttpOutcome.Success;

    /// <summary>The last HTTP status code seen, or 0 when no response arrived.</summary>
    public int StatusCode { get; }

    /// <summary>The body (empty unless <see cref="Succeeded"/>).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The response's media type (<c>Content-Type</c> without parameters).</summary>
    public string? MediaType { get; }

    /// <summary>The URI the body came from (after same-origin redirects).</summary>
    public Uri? FinalUri { get; }
}
