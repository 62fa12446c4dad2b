using System.CommandLine;
using System.Net.Http;

namespace DidSdk.Cli;

/// <summary>All didsdk commands, and the shared way they run: errors become JSON on stderr with the contract's exit codes.</summary>
internal static partial class CommandCatalog
{
    // One client for the process: did:web and status list fetches share its connection pool.
    private static readonly HttpClient SharedHttpClient = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static IEnumerable<Command> Build()
    {
        yield return KeyCommands.Build();
        yield return DidCommands.Build(SharedHttpClient);
        yield return EthrCommands.Build(SharedHttpClient);
        yield return VcCommands.Build(SharedHttpClient);
        yield return VcCommands.BuildSdJwt();
        yield return VcCommands.BuildVp(SharedHttpClient);
        yield return VcCommands.BuildStatus(SharedHttpClient);
    }

    /// <summary>Wraps a command body so every failure is reported the same way.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Run(Func<ParseResult, CancellationToken, Task<int>> body) =>
        async (parseResult, cancellationToken) =>
        {
            try
            {
                return await body(parseResult, cancellationToken);
            }
            catch (CliException e)
            {
                CliIo.WriteError(e.Code, e.Message);
                return e.ExitCode;
            }
            catch (DidSdk.Ethereum.Transactions.TransactionRevertedException e)
            {
                CliIo.WriteError("transactionReverted", e.Reason.Message);
                return ExitCodes.Network;
            }
            catch (DidSdk.Ethereum.Rpc.EthereumRpcException e)
            {
                CliIo.WriteError("rpcError", e.Message);
                return ExitCodes.Network;
            }
            catch (DidSdk.Ethereum.Rpc.EthereumTransportException e)
            {
                CliIo.WriteError("networkError", e.Message);
                return ExitCodes.Network;
            }
            catch (HttpRequestException e)
            {
                CliIo.WriteError("networkError", e.Message);
                return ExitCodes.Network;
            }
            catch (FormatException e)
            {
                CliIo.WriteError("invalidInput", e.Message);
                return ExitCodes.BadInput;
            }
            catch (ArgumentException e)
            {
                CliIo.WriteError("invalidInput", e.Message);
                return ExitCodes.BadInput;
            }
        };
}
