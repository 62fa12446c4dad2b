namespace DidSdk.Ethereum.Rpc;

/// <summary>The node could not be reached or its reply was unusable (HTTP error, timeout, oversized or malformed reply).</summary>
public sealed class EthereumTransportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EthereumTransportException(string message, Exception? innerException = null, int? httpStatus = null, bool responseTooLarge = false)
        : base(message, innerException)
    {
        HttpStatus = httpStatus;
        IsResponseTooLarge = responseTooLarge || httpStatus == 413;
    }

    /// <summary>The HTTP status, when the node answered with one.</summary>
    public int? HttpStatus { get; }

    /// <summary>
    /// The request or its answer was too large: the reply passed the client's size limit, or the node answered HTTP 413.
    /// A smaller request (a narrower block range, a shorter batch) may succeed.
    /// </summary>
    public bool IsResponseTooLarge { get; }

    /// <summary>Whether a retry may succeed (connection errors, timeouts, HTTP 429 and 5xx).</summary>
    public bool IsTransient => HttpStatus is null or 429 or >= 500;
}
