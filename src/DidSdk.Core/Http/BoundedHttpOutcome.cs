namespace DidSdk.Core.Http;

/// <summary>How a bounded fetch ended.</summary>
public enum BoundedHttpOutcome
{
    /// <summary>A 2xx response whose body fit the limit; <see cref="BoundedHttpResponse.Body"/> holds it.</summary>
    Success,

    /// <summary>HTTP 404 or 410.</summary>
    NotFound,

    /// <summary>Another non-success status, or a redirect without a location or beyond the redirect limit.</summary>
    HttpError,

    /// <summary>The body (declared or streamed) exceeded the size limit; reading stopped there.</summary>
    TooLarge,

    /// <summary>The server redirected to another origin (scheme, host or port), which is never followed.</summary>
    CrossOriginRedirect,

    /// <summary>The request took longer than the timeout.</summary>
    Timeout,

    /// <summary>The connection failed or broke while reading.</summary>
    NetworkError,
}
