using DidSdk.Core.Dids;
using DidSdk.Core.Resolution;
using Microsoft.Extensions.Logging;

namespace DidSdk.Extensions;

/// <summary>Logs failed resolutions by DID method and W3C error name; never the DID (it may identify a person).</summary>
internal sealed partial class LoggingDidResolver(IDidResolver inner, ILogger<LoggingDidResolver> logger) : IDidResolver
{
    public async Task<DidResolutionResult> ResolveAsync(string did, DidResolutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await inner.ResolveAsync(did, options, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded && logger.IsEnabled(LogLevel.Information))
        {
            LogResolutionFailed(logger, Did.TryParse(did, out var parsed) ? parsed.Method : "(invalid)", result.DidResolutionMetadata.Error ?? "unknown");
        }

        return result;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "A did:{Method} DID did not resolve: {Error}.")]
    private static partial void LogResolutionFailed(ILogger logger, string method, string error);
}
