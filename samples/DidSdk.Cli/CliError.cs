namespace DidSdk.Cli;

/// <summary>Exit codes of the didsdk tool (see the CLI contract in the design).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int NotVerified = 1;
    public const int BadInput = 2;
    public const int Network = 3;
}

/// <summary>A failure that ends a command: printed to stderr as <c>{"error":{"code","message"}}</c>.</summary>
internal sealed class CliException(string code, string message, int exitCode = ExitCodes.BadInput) : Exception(message)
{
    public string Code { get; } = code;

    public int ExitCode { get; } = exitCode;
}
