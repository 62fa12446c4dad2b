using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Json;
using DidSdk.Crypto;

namespace DidSdk.Cli;

/// <summary>
/// The one way every command reads an input that takes JSON, a token or a key: the literal value, <c>@FILE</c> (the
/// whole file, UTF-8, any number of lines) or <c>-</c> (standard input, at most once per run). Failures are
/// <see cref="CliException"/>s whose messages name the input but never quote it.
/// </summary>
internal sealed class CliInput
{
    /// <summary>The largest input the tool reads (file or stdin).</summary>
    public const int MaxInputBytes = 4 * 1024 * 1024;

    private const int MaxJsonDepth = 64;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private bool _stdinRead;

    /// <summary>Reads the input as UTF-8 text with surrounding white space removed; empty input is an error.</summary>
    public async Task<string> ReadTextAsync(string value, string what, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(value, what, cancellationToken).ConfigureAwait(false);
        return DecodeText(bytes, what);
    }

    /// <summary>
    /// Reads an input that may be binary (a COSE message in a file or on standard input): the bytes when they start
    /// like a COSE_Sign1 (tag 18 or an array of four, which no UTF-8 text starts with here), otherwise the text.
    /// </summary>
    public async Task<(byte[]? Binary, string? Text)> ReadTextOrCoseAsync(string value, string what, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(value, what, cancellationToken).ConfigureAwait(false);
        return bytes is [0xD2, 0x84, ..] or [0x84, ..] ? (bytes, null) : (null, DecodeText(bytes, what));
    }

    private static string DecodeText(byte[] bytes, string what)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes).Trim();
        }
        catch (DecoderFallbackException)
        {
            throw new CliException("invalidEncoding", $"The {what} is not UTF-8 text.");
        }

        return text.Length > 0 ? text : throw new CliException("emptyInput", $"The {what} is empty.");
    }

    /// <summary>Reads a JSON object (strict: no repeated members, bounded depth).</summary>
    public async Task<JsonObject> ReadJsonObjectAsync(string value, string what, CancellationToken cancellationToken)
    {
        var text = await ReadTextAsync(value, what, cancellationToken).ConfigureAwait(false);
        return ParseJsonObject(text, what);
    }

    /// <summary>Parses JSON text the tool was given (strict: no repeated members, bounded depth).</summary>
    public static JsonObject ParseJsonObject(string text, string what)
    {
        return StrictJson.TryParseNode(Encoding.UTF8.GetBytes(text), MaxJsonDepth, out var node) switch
        {
            StrictJsonStatus.Ok when node is JsonObject obj => obj,
            StrictJsonStatus.Ok => throw new CliException("invalidJson", $"The {what} must be a JSON object."),
            StrictJsonStatus.TooDeep => throw new CliException("invalidJson", $"The {what} nests deeper than {MaxJsonDepth} levels."),
            StrictJsonStatus.DuplicateMember => throw new CliException("invalidJson", $"The {what} repeats a member name."),
            _ => throw new CliException("invalidJson", $"The {what} is not valid JSON."),
        };
    }

    /// <summary>Reads a JWK. Besides the three forms, a bare FILE is accepted for keys (the contract's <c>--key FILE</c>).</summary>
    public async Task<Jwk> ReadJwkAsync(string value, string what, CancellationToken cancellationToken)
    {
        var form = value == "-" || value.StartsWith('@') || value.TrimStart().StartsWith('{') ? value : "@" + value;
        var text = await ReadTextAsync(form, what, cancellationToken).ConfigureAwait(false);
        return Jwk.TryParse(text, out var jwk, out var error) ? jwk : throw new CliException("invalidKey", $"The {what} is not a JWK: {error}");
    }

    /// <summary>Reads a private JWK (with <c>d</c>) and imports it, not exportable. The caller disposes the key.</summary>
    public async Task<PrivateKey> ReadPrivateKeyAsync(string value, string what, CancellationToken cancellationToken)
    {
        var jwk = await ReadJwkAsync(value, what, cancellationToken).ConfigureAwait(false);
        if (!jwk.HasPrivateKey)
        {
            throw new CliException("invalidKey", $"The {what} has no private key (d).");
        }

        return jwk.TryGetPrivateKey(PrivateKeyExportPolicy.None, out var key) ? key : throw new CliException("invalidKey", $"The {what} is not a usable private key.");
    }

    /// <summary>Reads a JWK and returns its public key (a private JWK gives its public half).</summary>
    public async Task<PublicKeyMaterial> ReadPublicKeyAsync(string value, string what, CancellationToken cancellationToken)
    {
        var jwk = await ReadJwkAsync(value, what, cancellationToken).ConfigureAwait(false);
        return jwk.TryGetPublicKey(out var key) ? key : throw new CliException("invalidKey", $"The {what} is not a usable public key.");
    }

    /// <summary>A comma-separated list (JSON Pointers, ...): empty entries dropped, white space trimmed.</summary>
    public static string[] SplitList(string? list) =>
        list is null ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private async Task<byte[]> ReadBytesAsync(string value, string what, CancellationToken cancellationToken)
    {
        if (value == "-")
        {
            if (_stdinRead)
            {
                throw new CliException("badUsage", "Standard input (-) can be read only once per command.");
            }

            _stdinRead = true;
            using var stdin = Console.OpenStandardInput();
            return await ReadLimitedAsync(stdin, what, cancellationToken).ConfigureAwait(false);
        }

        if (!value.StartsWith('@'))
        {
            return Encoding.UTF8.GetBytes(value);
        }

        var path = value[1..];
        if (path.Length == 0)
        {
            throw new CliException("badUsage", $"@ must be followed by the file holding the {what}.");
        }

        if (Directory.Exists(path))
        {
            throw new CliException("notAFile", $"The {what} file is a directory: {path}");
        }

        if (!File.Exists(path))
        {
            throw new CliException("fileNotFound", $"No such file for the {what}: {path}");
        }

        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: false);
            return await ReadLimitedAsync(file, what, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException("fileNotReadable", $"The {what} file cannot be read: {path}");
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream stream, string what, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxInputBytes)
            {
                throw new CliException("inputTooLarge", $"The {what} is larger than {MaxInputBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        // A UTF-8 byte order mark is not part of the text.
        var bytes = buffer.ToArray();
        return bytes is [0xEF, 0xBB, 0xBF, ..] ? bytes[3..] : bytes;
    }
}
