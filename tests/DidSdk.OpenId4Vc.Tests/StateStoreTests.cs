namespace DidSdk.OpenId4Vc.Tests;

public sealed class StateStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private string _directory = "";
    private SqliteOpenId4VcStateStore _store = null!;

    [SetUp]
    public void Open()
    {
        _directory = Directory.CreateTempSubdirectory("didsdk-oid4vc-store-").FullName;
        _store = new SqliteOpenId4VcStateStore(Path.Combine(_directory, "state.db"));
    }

    [TearDown]
    public void Delete()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task TryConsume_ConcurrentConsumers_ExactlyOneGetsTheRecord()
    {
        Assert.That(await _store.TryAddAsync(new StateEntry("code", "k", "{\"a\":1}", Now.AddMinutes(5), 0), Now), Is.True);
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => _store.TryConsumeAsync("code", "k", Now))));
        Assert.That(results.Count(r => r is not null), Is.EqualTo(1));
        Assert.That(results.Single(r => r is not null)!.Data, Is.EqualTo("{\"a\":1}"));
    }

    [Test]
    public async Task AllocateIndex_ConcurrentAllocations_NoIndexTwice()
    {
        var indexes = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => Task.Run(() => _store.AllocateIndexAsync("https://bank.example/status/1"))));
        Assert.That(indexes, Is.Unique);
        Assert.That(indexes.Order(), Is.EqualTo(Enumerable.Range(0, 500).Select(i => (long)i)));
        Assert.That(await _store.AllocateIndexAsync("https://bank.example/status/2"), Is.Zero);
    }

    [Test]
    public async Task TryAdd_LiveDuplicate_RefusedButExpiredReplaced()
    {
        Assert.That(await _store.TryAddAsync(new StateEntry("n", "k", "1", Now.AddMinutes(1), 0), Now), Is.True);
        Assert.That(await _store.TryAddAsync(new StateEntry("n", "k", "2", Now.AddMinutes(1), 0), Now), Is.False);
        Assert.That(await _store.TryAddAsync(new StateEntry("n", "k", "3", Now.AddMinutes(5), 0), Now.AddMinutes(2)), Is.True);
        Assert.That((await _store.GetAsync("n", "k", Now.AddMinutes(2)))!.Data, Is.EqualTo("3"));
    }

    [Test]
    public async Task Get_Expired_Absent()
    {
        await _store.TryAddAsync(new StateEntry("n", "k", "1", Now.AddMinutes(1), 0), Now);
        Assert.That(await _store.GetAsync("n", "k", Now.AddMinutes(1)), Is.Null);
        Assert.That(await _store.TryConsumeAsync("n", "k", Now.AddMinutes(1)), Is.Null);
        Assert.That(await _store.RemoveExpiredAsync(Now.AddMinutes(1)), Is.EqualTo(1));
    }

    [Test]
    public async Task RecordFailedAttempt_ReachesMax_RecordDestroyed()
    {
        await _store.TryAddAsync(new StateEntry("code", "k", "1", Now.AddMinutes(1), 0), Now);
        Assert.That(await _store.RecordFailedAttemptAsync("code", "k", 2, Now), Is.EqualTo(1));
        Assert.That((await _store.GetAsync("code", "k", Now))!.FailedAttempts, Is.EqualTo(1));
        Assert.That(await _store.RecordFailedAttemptAsync("code", "k", 2, Now), Is.EqualTo(2));
        Assert.That(await _store.GetAsync("code", "k", Now), Is.Null);
        Assert.That(await _store.RecordFailedAttemptAsync("code", "k", 2, Now), Is.Zero);
    }

    [Test]
    public async Task PermanentRecord_NeverExpires()
    {
        await _store.TryAddAsync(new StateEntry("issued", "k", "1", null, 0), Now);
        Assert.That(await _store.GetAsync("issued", "k", Now.AddYears(50)), Is.Not.Null);
        Assert.That(await _store.TryUpdateAsync("issued", "k", "2", Now), Is.True);
        Assert.That((await _store.GetAsync("issued", "k", Now))!.Data, Is.EqualTo("2"));
    }

    [Test]
    public async Task TwoStoreInstancesOnOneFile_ShareState()
    {
        var other = new SqliteOpenId4VcStateStore(Path.Combine(_directory, "state.db"));
        await _store.TryAddAsync(new StateEntry("code", "k", "1", Now.AddMinutes(1), 0), Now);
        var results = await Task.WhenAll(
            Task.Run(() => _store.TryConsumeAsync("code", "k", Now)),
            Task.Run(() => other.TryConsumeAsync("code", "k", Now)));
        Assert.That(results.Count(r => r is not null), Is.EqualTo(1));
    }
}
