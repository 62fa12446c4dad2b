using System.Text.Json.Nodes;

namespace DidSdk.Cli.Tests;

/// <summary>One run of the tool: exit code, stdout and stderr (trimmed).</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The error code of the <c>{"error":{"code","message"}}</c> on stderr.</summary>
    public string ErrorCode => JsonNode.Parse(Stderr)!["error"]!["code"]!.GetValue<string>();

    /// <summary>stdout as JSON.</summary>
    public JsonNode Json => JsonNode.Parse(Stdout)!;

    /// <summary>For assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}; stdout: {Cut(Stdout)}; stderr: {Cut(Stderr)}";

    private static string Cut(string text) => text.Length > 600 ? text[..600] + "…" : text;
}
