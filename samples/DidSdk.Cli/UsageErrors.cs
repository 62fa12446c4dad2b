using System.CommandLine;

namespace DidSdk.Cli;

/// <summary>
/// Parser errors as one message. The parser quotes the offending argument; a value that could be a token, JSON or a
/// key (long, or with characters beyond a name's) is replaced by its length, so no input is echoed.
/// </summary>
internal static class UsageErrors
{
    private const int MaxEchoedLength = 32;

    public static string Describe(ParseResult parseResult, IReadOnlyList<string> args)
    {
        var message = string.Join("; ", parseResult.Errors.Select(e => e.Message));
        foreach (var arg in args.Where(a => a.Length > 0 && !IsSafeToEcho(a)).OrderByDescending(a => a.Length))
        {
            message = message.Replace(arg, $"<{arg.Length} characters>", StringComparison.Ordinal);
        }

        return message;
    }

    private static bool IsSafeToEcho(string arg) =>
        arg.Length <= MaxEchoedLength && arg.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/' or '@' or '#' or '+' or '=' or ',');
}
