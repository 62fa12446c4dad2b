using System.CommandLine;

namespace DidSdk.Cli;

/// <summary>
/// The one place command groups are registered. A group is a file of its own with a
/// <c>static Command Build(CliContext context)</c>; adding a group is adding its line to <see cref="Groups"/>.
/// </summary>
internal static class CommandCatalog
{
    /// <summary>Every command group of the tool, in the order help lists them.</summary>
    private static readonly Func<CliContext, Command>[] Groups =
    [
        KeyCommands.Build,
        DidCommands.Build,
        EthrCommands.Build,
        VcCommands.Build,
        SdJwtCommands.Build,
        VpCommands.Build,
        StatusCommands.Build,
        ConsortiumCommands.Build,
        WalletCommands.Build,
    ];

    /// <summary>The root command with every group under it.</summary>
    public static RootCommand CreateRoot(CliContext context)
    {
        var root = new RootCommand("didsdk: DIDs, verifiable credentials and SD-JWT from the command line.");
        foreach (var group in Groups)
        {
            root.Subcommands.Add(group(context));
        }

        return root;
    }
}
