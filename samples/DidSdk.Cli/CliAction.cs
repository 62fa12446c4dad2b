using System.CommandLine;

namespace DidSdk.Cli;

/// <summary>The shared way commands run: any failure becomes the contract's error output and exit code.</summary>
internal static class CliAction
{
    /// <summary>Sets <paramref name="body"/> as the command's action, wrapped so nothing escapes as a stack trace.</summary>
    public static void SetCliAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            try
            {
                return await body(parseResult, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The tool's contract: every failure is reported as JSON with an exit code, never thrown.
            catch (Exception e)
#pragma warning restore CA1031
            {
                return CliFailure.Report(e, cancellationToken);
            }
        });
}
