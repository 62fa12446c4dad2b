namespace DidSdk.Cli;

/// <summary>
/// A failure that ends a command: printed to stderr as <c>{"error":{"code","message"}}</c>. The message is the
/// tool's own text: it never quotes the input (tokens, claims, keys).
/// </summary>
internal sealed class CliException(string code, string message, int exitCode = ExitCodes.BadInput) : Exception(message)
{
    public string Code { get; } = code;

    public int ExitCode { get; } = exitCode;
}
