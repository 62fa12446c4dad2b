using System.CommandLine;
using DidSdk.Cli;

var root = new RootCommand("didsdk: DIDs, verifiable credentials and SD-JWT from the command line.");
foreach (var command in CommandCatalog.Build())
{
    root.Subcommands.Add(command);
}

var parseResult = root.Parse(args);
if (parseResult.Errors.Count > 0)
{
    CliIo.WriteError("badUsage", string.Join("; ", parseResult.Errors.Select(e => e.Message)));
    return ExitCodes.BadInput;
}

return await parseResult.InvokeAsync();
