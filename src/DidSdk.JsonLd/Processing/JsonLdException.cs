namespace DidSdk.JsonLd.Processing;

/// <summary>Internal control flow for a JSON-LD error; always caught by <see cref="JsonLdProcessor"/> and turned into a result.</summary>
internal sealed class JsonLdException : Exception
{
    public JsonLdException(string error, string? detail = null)
        : base(detail is null ? error : error + ": " + detail)
    {
        Error = error;
    }

    public JsonLdException()
    {
        Error = "unknown";
    }

    public JsonLdException(string message, Exception inner)
        : base(message, inner)
    {
        Error = "unknown";
    }

    /// <summary>The JSON-LD 1.1 API error code (<c>JsonLdErrorCode</c>), e.g. "invalid term definition", or a DidSdk name for our own checks.</summary>
    public string Error { get; }

    public string ProblemCode => Error switch
    {
        "protected term redefinition" or "invalid context nullification" => JsonLdProblemCodes.ProtectedTermRedefinition,
        "undefined term" => JsonLdProblemCodes.UndefinedTerm,
        "loading remote context failed" or "loading document failed" => JsonLdProblemCodes.ContextNotAvailable,
        "context overflow" or "expansion limit" => JsonLdProblemCodes.ExpansionLimit,
        "processing mode conflict" or "unsupported" => JsonLdProblemCodes.Unsupported,
        _ when Error.Contains("context", StringComparison.Ordinal) || Error.Contains("mapping", StringComparison.Ordinal)
            || Error.Contains("definition", StringComparison.Ordinal) || Error.Contains("keyword", StringComparison.Ordinal)
            || Error.Contains("@import", StringComparison.Ordinal) || Error.Contains("@propagate", StringComparison.Ordinal)
            || Error.Contains("@version", StringComparison.Ordinal) || Error.Contains("@prefix", StringComparison.Ordinal)
            || Error is "invalid base IRI" or "invalid default language" or "invalid base direction" or "invalid reverse property"
            => JsonLdProblemCodes.InvalidContext,
        _ => JsonLdProblemCodes.InvalidJsonLd,
    };
}

/// <summary>The sync core needs a document the async shell has not loaded yet.</summary>
internal sealed class DocumentNeededException(string url, Task<JsonLdDocumentLoadResult>? pending = null) : Exception(url)
{
    public string Url { get; } = url;

    /// <summary>The loader's task for <see cref="Url"/> when the engine already asked it (still running, or failed).</summary>
    public Task<JsonLdDocumentLoadResult>? Pending { get; } = pending;

    public DocumentNeededException()
        : this(string.Empty)
    {
    }

    public DocumentNeededException(string message, Exception inner)
        : this(message)
    {
        _ = inner;
    }
}
