using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DidSdk.Core.Diagnostics;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.Ethereum.Rpc;
using DidSdk.Testing;

namespace DidSdk.Extensions.Tests;

[NonParallelizable]
public sealed class TelemetryTests
{
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private ActivityListener _activityListener = null!;
    private MeterListener _meterListener = null!;

    [SetUp]
    public void Listen()
    {
        _activities.Clear();
        _measurements.Clear();
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == DidSdkTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _activities.Enqueue,
        };
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == DidSdkTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.Start();
    }

    [TearDown]
    public void Stop()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
    }

    [Test]
    public async Task Resolve_ThroughCache_RecordsActivityLatencyHitsAndMisses()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var did = DidKey.Create(key.PublicKey);
        var resolver = new CachingDidResolver(new CompositeDidResolver(new DidKeyResolver()));

        await resolver.ResolveAsync(did);
        await resolver.ResolveAsync(did);
        await resolver.ResolveAsync("did:nope:x");

        var resolve = _activities.Where(a => a.OperationName == DidSdkTelemetry.ResolveActivityName).ToList();
        Assert.That(resolve, Has.Count.EqualTo(1));
        Assert.That(resolve[0].GetTagItem("did.method"), Is.EqualTo("key"));
        Assert.That(resolve[0].Tags.Select(t => t.Value), Has.None.EqualTo(did), "the DID itself is never a tag");

        var latency = Measurements(DidSdkTelemetry.ResolutionDurationInstrument);
        Assert.That(latency, Has.Count.EqualTo(1));
        Assert.That(latency[0].Value, Is.GreaterThanOrEqualTo(0));
        Assert.That(latency[0].Tags["did.method"], Is.EqualTo("key"));
        Assert.That(latency[0].Tags["did.resolution.outcome"], Is.EqualTo("success"));
        Assert.That(Measurements(DidSdkTelemetry.CacheHitsInstrument).Sum(m => m.Value), Is.EqualTo(1));
        Assert.That(Measurements(DidSdkTelemetry.CacheMissesInstrument).Sum(m => m.Value), Is.EqualTo(2));
    }

    [Test]
    public async Task IssueAndVerify_RecordsActivitiesAndOutcomesByProblemCode()
    {
        using var key = PrivateKey.Generate(KeyType.Ed25519);
        var did = DidKey.Create(key.PublicKey);
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiableCredential"),
            ["issuer"] = did,
            ["credentialSubject"] = new JsonObject { ["id"] = "did:example:holder" },
        };
        var token = await VcJwt.IssueJoseAsync(credential, new KeySigner(key, DidKey.GetVerificationMethodId(key.PublicKey)));
        var verifier = new CredentialVerifier(new CompositeDidResolver(new DidKeyResolver()));

        var verified = await verifier.VerifyAsync(token);
        var failed = await verifier.VerifyAsync("not a credential");

        Assert.That(verified.Succeeded, Is.True);
        Assert.That(_activities.Where(a => a.OperationName == DidSdkTelemetry.IssueActivityName).Select(a => a.GetTagItem("didsdk.credential.format")), Is.EqualTo(new[] { "vc+jwt" }));
        var verifications = _activities.Where(a => a.OperationName == DidSdkTelemetry.VerifyActivityName).ToList();
        Assert.That(verifications.Select(a => a.GetTagItem("didsdk.verification.outcome")), Is.EqualTo(new[] { "verified", "failed" }));
        Assert.That(verifications[1].Status, Is.EqualTo(ActivityStatusCode.Error));

        var outcomes = Measurements(DidSdkTelemetry.VerificationOutcomesInstrument);
        Assert.That(outcomes, Has.Some.Matches<(string, double Value, Dictionary<string, object?> Tags)>(m =>
            (string?)m.Tags["didsdk.verification.outcome"] == "verified" && (string?)m.Tags["didsdk.problem.code"] == "none"));
        Assert.That(outcomes, Has.Some.Matches<(string, double Value, Dictionary<string, object?> Tags)>(m =>
            (string?)m.Tags["didsdk.verification.outcome"] == "failed" && (string?)m.Tags["didsdk.problem.code"] == failed.Problems[0].Code));
    }

    [Test]
    public async Task EthereumRpc_RoundTrip_RecordsActivityAndCounter()
    {
        await using var node = LoopbackHttpServer.Start();
        node.Map("/", (request, _) =>
        {
            using var body = JsonDocument.Parse(request.Body);
            var id = body.RootElement.GetProperty("id").GetInt64();
            return Task.FromResult(LoopbackResponse.Text(200, $$"""{"jsonrpc":"2.0","id":{{id}},"result":"0x539"}"""));
        });
        using var http = new HttpClient();
        var rpc = new EthereumRpcClient(http, new EthereumRpcOptions { Endpoint = node.BaseUri });

        var chainId = await rpc.SendAsync("eth_chainId", []);

        Assert.That(chainId.GetString(), Is.EqualTo("0x539"));
        var activity = _activities.Single(a => a.OperationName == DidSdkTelemetry.RpcActivityName);
        Assert.That(activity.GetTagItem("rpc.method"), Is.EqualTo("eth_chainId"));
        Assert.That(activity.Kind, Is.EqualTo(ActivityKind.Client));
        var roundTrips = Measurements(DidSdkTelemetry.RpcRoundTripsInstrument);
        Assert.That(roundTrips.Sum(m => m.Value), Is.EqualTo(1));
        Assert.That(roundTrips[0].Tags["rpc.method"], Is.EqualTo("eth_chainId"));
    }

    private List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Measurements(string instrument) =>
        [.. _measurements.Where(m => m.Instrument == instrument)];

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue((instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), copy));
    }
}
