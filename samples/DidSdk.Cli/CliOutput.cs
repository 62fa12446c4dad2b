using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DidSdk.Cli;

/// <summary>What the tool prints: one JSON value or one token on stdout; errors as <c>{"error":{"code","message"}}</c> on stderr.</summary>
internal static class CliOutput
{
    // Output goes to a terminal or a pipe, never into HTML: '+' in "vc+jwt" and quotes stay as they are.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteJson(JsonNode? node) => Console.Out.WriteLine(node?.ToJsonString(Indented) ?? "null");

    public static void WriteToken(string token) => Console.Out.WriteLine(token);

    public static void WriteError(string code, string message) =>
        Console.Error.WriteLine(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString(Compact));

    /// <summary>A warning that does not end the command, on stderr as <c>{"warning":{"code","message"}}</c>.</summary>
    public static void WriteWarning(string code, string message) =>
        Console.Error.WriteLine(new JsonObject { ["warning"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString(Compact));

    /// <summary>Writes a file readable only by its owner (private keys).</summary>
    public static void WritePrivateFile(string path, string contents)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(contents);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
