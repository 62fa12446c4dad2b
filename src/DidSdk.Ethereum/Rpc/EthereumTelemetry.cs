using System.Diagnostics;
using System.Diagnostics.Metrics;
using DidSdk.Core.Diagnostics;

namespace DidSdk.Ethereum.Rpc;

/// <summary>The Ethereum package's instruments on the shared DidSdk meter and activity source.</summary>
internal static class EthereumTelemetry
{
    private static readonly Counter<long> RoundTrips =
        DidSdkTelemetry.Meter.CreateCounter<long>(DidSdkTelemetry.RpcRoundTripsInstrument, "{request}", "HTTP round trips to Ethereum JSON-RPC nodes.");

    /// <summary>Counts one round trip and starts its activity (null without listeners). The method name is public protocol, never a parameter value.</summary>
    public static Activity? StartRpc(string method)
    {
        RoundTrips.Add(1, new KeyValuePair<string, object?>("rpc.method", method));
        var activity = DidSdkTelemetry.ActivitySource.StartActivity(DidSdkTelemetry.RpcActivityName, ActivityKind.Client);
        activity?.SetTag("rpc.system", "jsonrpc");
        activity?.SetTag("rpc.method", method);
        return activity;
    }
}
