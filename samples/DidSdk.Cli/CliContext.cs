namespace DidSdk.Cli;

/// <summary>What every command group shares for one run of the tool.</summary>
internal sealed class CliContext
{
    /// <summary>One client for the process: did:web, status list and JSON-RPC requests share its connection pool.</summary>
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The clock of the run (issuance times, key binding <c>iat</c>).</summary>
    public TimeProvider Time { get; } = TimeProvider.System;

    /// <summary>Reads the command's inputs: literal, <c>@FILE</c> or <c>-</c>.</summary>
    public CliInput Input { get; } = new();
}
