using System.Text.Json;
using System.Text.Json.Nodes;

namespace DidSdk.Cli;

/// <summary>Input and output conventions: inputs are a literal, <c>@FILE</c> or <c>-</c> (stdin); outputs are one JSON value or one token.</summary>
internal static class CliIo
{
    private const int MaxInputBytes = 4 * 1024 * 1024;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<string> ReadInputAsync(string value, CancellationToken cancellationToken)
    {
        if (value == "-")
        {
            using var stdin = Console.OpenStandardInput();
            return await ReadLimitedAsync(stdin, "stdin", cancellationToken);
        }

        if (value.StartsWith('@'))
        {
            var path = value[1..];
            if (!File.Exists(path))
            {
                throw new CliException("fileNotFound", $"No such file: {path}");
            }

            await using var file = File.OpenRead(path);
            return await ReadLimitedAsync(file, path, cancellationToken);
        }

        return value;
    }

    public static async Task<JsonObject> ReadJsonObjectAsync(string value, string what, CancellationToken cancellationToken)
    {
        var text = await ReadInputAsync(value, cancellationToken);
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) as JsonObject
                ?? throw new CliException("invalidJson", $"The {what} must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new CliException("invalidJson", $"The {what} is not valid JSON: {e.Message}");
        }
    }

    public static void WriteJson(JsonNode? node) => Console.Out.WriteLine(node?.ToJsonString(Indented) ?? "null");

    public static void WriteToken(string token) => Console.Out.WriteLine(token);

    public static void WriteError(string code, string message) =>
        Console.Error.WriteLine(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString());

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

    private static async Task<string> ReadLimitedAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxInputBytes)
            {
                throw new CliException("inputTooLarge", $"{name} is larger than {MaxInputBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).Trim();
    }
}
