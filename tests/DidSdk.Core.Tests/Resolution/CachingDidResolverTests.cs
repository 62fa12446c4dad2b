using DidSdk.Core.Resolution;
using Microsoft.Extensions.Time.Testing;

namespace DidSdk.Core.Tests.Resolution;

public class CachingDidResolverTests
{
    [Test]
    public async Task ResolveAsync_Twice_OneUnderlyingCallSameInstance()
    {
        var fake = new FakeMethodResolver();
        var cache = new CachingDidResolver(fake);
        var first = await cache.ResolveAsync("did:example:1");
        var second = await cache.ResolveAsync("did:example:1");
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.SameAs(first));
            Assert.That(fake.Calls, Is.EqualTo(1));
            Assert.That(cache.Hits, Is.EqualTo(1));
            Assert.That(cache.Misses, Is.EqualTo(1));
            Assert.That(cache.UnderlyingCalls, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task ResolveAsync_ConcurrentSameDid_OneUnderlyingCall()
    {
        var fake = new FakeMethodResolver { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var cache = new CachingDidResolver(fake);
        var tasks = Enumerable.Range(0, 50).Select(_ => Task.Run(() => cache.ResolveAsync("did:example:1"))).ToArray();
        await Task.Delay(50);
        fake.Gate.SetResult();
        var results = await Task.WhenAll(tasks);
        Assert.That(fake.Calls, Is.EqualTo(1));
        Assert.That(cache.UnderlyingCalls, Is.EqualTo(1));
        Assert.That(results.Distinct().Count(), Is.EqualTo(1));
        Assert.That(cache.Hits + cache.Misses, Is.EqualTo(50));
    }

    [Test]
    public async Task ResolveAsync_DifferentDids_SeparateCalls()
    {
        var fake = new FakeMethodResolver();
        var cache = new CachingDidResolver(fake);
        await cache.ResolveAsync("did:example:1");
        await cache.ResolveAsync("did:example:2");
        Assert.That(fake.Calls, Is.EqualTo(2));
    }

    [Test]
    public async Task ResolveAsync_AfterTtl_ResolvesAgain()
    {
        var time = new FakeTimeProvider();
        var fake = new FakeMethodResolver();
        var cache = new CachingDidResolver(fake, new CachingDidResolverOptions { TimeToLive = TimeSpan.FromMinutes(1) }, time);
        await cache.ResolveAsync("did:example:1");
        time.Advance(TimeSpan.FromSeconds(59));
        await cache.ResolveAsync("did:example:1");
        Assert.That(fake.Calls, Is.EqualTo(1));
        time.Advance(TimeSpan.FromSeconds(2));
        await cache.ResolveAsync("did:example:1");
        Assert.That(fake.Calls, Is.EqualTo(2));
    }

    [Test]
    public async Task ResolveAsync_NoCache_BypassesAndRefreshes()
    {
        var fake = new FakeMethodResolver();
        var cache = new CachingDidResolver(fake);
        var first = await cache.ResolveAsync("did:example:1");
        var fresh = await cache.ResolveAsync("did:example:1", new DidResolutionOptions { NoCache = true });
        Assert.That(fake.Calls, Is.EqualTo(2));
        Assert.That(fresh, Is.Not.SameAs(first));
        var after = await cache.ResolveAsync("did:example:1");
        Assert.That(after, Is.SameAs(fresh), "the fresh result replaces the cached one");
        Assert.That(fake.Calls, Is.EqualTo(2));
    }

    [Test]
    public async Task ResolveAsync_Failure_NotCached()
    {
        var fake = new FakeMethodResolver { Respond = _ => DidResolutionResult.Failure(DidResolutionErrors.NotFound) };
        var cache = new CachingDidResolver(fake);
        await cache.ResolveAsync("did:example:1");
        await cache.ResolveAsync("did:example:1");
        Assert.That(fake.Calls, Is.EqualTo(2));
        Assert.That(cache.Count, Is.Zero);
    }

    [Test]
    public async Task ResolveAsync_MethodTtlZero_NotCached()
    {
        var fake = new FakeMethodResolver();
        var cache = new CachingDidResolver(fake, new CachingDidResolverOptions { MethodTimeToLive = new Dictionary<string, TimeSpan> { ["example"] = TimeSpan.Zero } });
        await cache.ResolveAsync("did:example:1");
        await cache.ResolveAsync("did:example:1");
        Assert.That(fake.Calls, Is.EqualTo(2));
    }

    [Test]
    public async Task ResolveAsync_DifferentOptions_SeparateEntriesAndPassedThrough()
    {
        var fake = new FakeMethodResolver();
        var cache = new CachingDidResolver(fake);
        await cache.ResolveAsync("did:example:1");
        await cache.ResolveAsync("did:example:1", new DidResolutionOptions { VersionId = "3" });
        Assert.That(fake.LastOptions!.VersionId, Is.EqualTo("3"));
        await cache.ResolveAsync("did:example:1", new DidResolutionOptions { VersionId = "3" });
        await cache.ResolveAsync("did:example:1", new DidResolutionOptions { Accept = "application/did+json" });
        Assert.That(fake.Calls, Is.EqualTo(3));
    }

    [Test]
    public async Task ResolveAsync_OverMaxEntries_BoundedSize()
    {
        var fake = new FakeMethodResolver();
        var cache = new CachingDidResolver(fake, new CachingDidResolverOptions { MaxEntries = 10 });
        for (var i = 0; i < 100; i++)
        {
            await cache.ResolveAsync($"did:example:{i}");
        }

        Assert.That(cache.Count, Is.LessThanOrEqualTo(10));
        Assert.That(cache.Count, Is.GreaterThan(0));
    }

    [Test]
    public async Task ResolveAsync_CallerCancels_OthersStillGetResult()
    {
        var fake = new FakeMethodResolver { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var cache = new CachingDidResolver(fake);
        using var cts = new CancellationTokenSource();
        var cancelled = cache.ResolveAsync("did:example:1", null, cts.Token);
        var other = cache.ResolveAsync("did:example:1");
        await cts.CancelAsync();
        Assert.That(async () => await cancelled, Throws.InstanceOf<OperationCanceledException>());
        fake.Gate.SetResult();
        Assert.That((await other).Succeeded, Is.True);
        Assert.That(fake.Calls, Is.EqualTo(1));
    }

    [Test]
    public async Task Invalidate_RemovesEntry()
    {
        var fake = new FakeMethodResolver();
        var cache = new CachingDidResolver(fake);
        await cache.ResolveAsync("did:example:1");
        cache.Invalidate("did:example:1");
        await cache.ResolveAsync("did:example:1");
        Assert.That(fake.Calls, Is.EqualTo(2));
    }

    [Test]
    public async Task ResolveAsync_Hit_AllocatesNothingOfNote()
    {
        var cache = new CachingDidResolver(new FakeMethodResolver());
        await cache.ResolveAsync("did:example:1");
        await cache.ResolveAsync("did:example:1");
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            _ = cache.ResolveAsync("did:example:1");
        }

        var perHit = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000.0;
        Assert.That(perHit, Is.LessThan(8), "a hit returns the stored completed task");
    }

    [Test]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.That(() => new CachingDidResolver(new FakeMethodResolver(), new CachingDidResolverOptions { MaxEntries = 0 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new CachingDidResolver(new FakeMethodResolver(), new CachingDidResolverOptions { TimeToLive = TimeSpan.FromSeconds(-1) }), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
