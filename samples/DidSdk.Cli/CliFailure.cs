using System.Text;
using System.Text.Json;
using DidSdk.Ethereum.Rpc;
using DidSdk.Ethereum.Transactions;

namespace DidSdk.Cli;

/// <summary>
/// Turns any exception into the contract's error output and exit code. Nothing the tool prints carries a stack
/// trace, a source path or the input itself: known failures keep their (bounded) message, anything else is named
/// by its kind only.
/// </summary>
internal static class CliFailure
{
    /// <summary>The longest message printed; untrusted text (a node's error reply) is cut there.</summary>
    public const int MaxMessageLength = 300;

    /// <summary>Prints the error for <paramref name="exception"/> and returns the exit code.</summary>
    public static int Report(Exception exception, CancellationToken cancellationToken = default)
    {
        var (code, message, exitCode) = Describe(exception, cancellationToken);
        CliOutput.WriteError(code, Bound(message));
        return exitCode;
    }

    private static (string Code, string Message, int ExitCode) Describe(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        CliException e => (e.Code, e.Message, e.ExitCode),
        TransactionRevertedException e => ("transactionReverted", e.Reason.Message, ExitCodes.Network),
        EthereumRpcException e => ("rpcError", e.Message, ExitCodes.Network),
        EthereumTransportException e => ("networkError", e.Message, ExitCodes.Network),
        HttpRequestException e => ("networkError", e.Message, ExitCodes.Network),
        TimeoutException => ("networkTimeout", "A network request timed out.", ExitCodes.Network),
        OperationCanceledException when cancellationToken.IsCancellationRequested => ("cancelled", "The command was cancelled.", ExitCodes.BadInput),
        OperationCanceledException => ("networkTimeout", "A network request timed out.", ExitCodes.Network),

        // Library messages about the input (a JSON reader's position, an argument's name) are safe to show; the
        // input's own text is never part of them.
        JsonException => ("invalidJson", "The input is not valid JSON.", ExitCodes.BadInput),
        DecoderFallbackException => ("invalidEncoding", "The input is not UTF-8 text.", ExitCodes.BadInput),
        FormatException e => ("invalidInput", e.Message, ExitCodes.BadInput),
        ArgumentException e => ("invalidInput", e.Message, ExitCodes.BadInput),
        IOException or UnauthorizedAccessException => ("fileNotReadable", "A file could not be read or written.", ExitCodes.BadInput),

        // Whatever else a hostile input provokes is still bad input: report its kind, never its details.
        _ => ("invalidInput", $"The input could not be processed ({exception.GetType().Name}).", ExitCodes.BadInput),
    };

    /// <summary>One line, at most <see cref="MaxMessageLength"/> characters, no control characters.</summary>
    public static string Bound(string message)
    {
        var builder = new StringBuilder(Math.Min(message.Length, MaxMessageLength + 1));
        foreach (var c in message)
        {
            if (builder.Length == MaxMessageLength)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString();
    }
}
