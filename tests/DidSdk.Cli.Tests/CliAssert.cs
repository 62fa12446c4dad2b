using System.Text.Json;
using System.Text.Json.Nodes;

namespace DidSdk.Cli.Tests;

/// <summary>The CLI contract's shapes, asserted.</summary>
internal static class CliAssert
{
    /// <summary>What a stack trace or a build path looks like in output.</summary>
    public static readonly string[] StackTraceMarkers = ["   at ", "Unhandled exception", ".cs:line", "--- End of"];

    public static void NoStackTrace(CliRun run)
    {
        foreach (var marker in StackTraceMarkers)
        {
            Assert.That(run.Stdout + run.Stderr, Does.Not.Contain(marker), run.ToString());
        }
    }

    /// <summary>Exit 2, nothing on stdout, and one <c>{"error":{"code","message"}}</c> object on stderr.</summary>
    public static void BadInput(CliRun run, string? code = null)
    {
        NoStackTrace(run);
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stdout, Is.Empty, run.ToString());
        ErrorShape(run);
        if (code is not null)
        {
            Assert.That(run.ErrorCode, Is.EqualTo(code), run.ToString());
        }
    }

    public static void ErrorShape(CliRun run)
    {
        JsonNode? error = null;
        Assert.That(() => error = JsonNode.Parse(run.Stderr), Throws.Nothing, run.ToString());
        Assert.That(error, Is.TypeOf<JsonObject>(), run.ToString());
        Assert.That(error!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "error" }), run.ToString());
        Assert.That(error["error"]!["code"]!.GetValueKind(), Is.EqualTo(JsonValueKind.String), run.ToString());
        Assert.That(error["error"]!["message"]!.GetValueKind(), Is.EqualTo(JsonValueKind.String), run.ToString());
    }

    /// <summary>Exit 0 and a result with <c>verified: true</c>.</summary>
    public static JsonNode Verified(CliRun run)
    {
        NoStackTrace(run);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Json["verified"]!.GetValue<bool>(), Is.True, run.ToString());
        return run.Json;
    }

    /// <summary>Exit 1 and a result with <c>verified: false</c>; returns its problem codes.</summary>
    public static IReadOnlyList<string> NotVerified(CliRun run)
    {
        NoStackTrace(run);
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Json["verified"]!.GetValue<bool>(), Is.False, run.ToString());
        return [.. run.Json["problems"]!.AsArray().Select(p => p!["code"]!.GetValue<string>())];
    }
}
