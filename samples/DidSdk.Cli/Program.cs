using System.CommandLine;
using DidSdk.Cli;

var context = new CliContext();
try
{
    // Every input is a literal, @FILE or -: response files are off, or System.CommandLine would read @FILE itself and
    // split the file into arguments.
    var parseResult = CommandCatalog.CreateRoot(context).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
    if (parseResult.Errors.Count > 0)
    {
        CliOutput.WriteError("badUsage", CliFailure.Bound(UsageErrors.Describe(parseResult, args)));
        return ExitCodes.BadInput;
    }

    // Commands report their own failures (CliAction); the default handler would print a stack trace.
    return await parseResult.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
#pragma warning disable CA1031 // The contract: no input ends in an unhandled exception.
catch (Exception e)
#pragma warning restore CA1031
{
    return CliFailure.Report(e);
}
