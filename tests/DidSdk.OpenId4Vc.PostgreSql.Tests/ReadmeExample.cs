using DidSdk.Core.Jose;
using DidSdk.OpenId4Vc;
using DidSdk.OpenId4Vc.PostgreSql;
using Npgsql;

namespace MyBank.Issuance;

public static class ReadmeExample
{
    // One NpgsqlDataSource (connection pool) per process; every issuer instance behind the load balancer uses the same database.
    public static async Task<OpenId4VciIssuer> CreateIssuerAsync(
        NpgsqlDataSource dataSource, OpenId4VciIssuerOptions options, ICredentialClaimsProvider claims, ISigner signer)
    {
        var store = new PostgreSqlOpenId4VcStateStore(dataSource);
        await store.EnsureCreatedAsync(); // optional: the tables are otherwise created on first use
        return new OpenId4VciIssuer(options, store, claims, signer);
    }

    // A periodic job on any one instance deletes expired offers, codes, access tokens and nonces.
    public static Task<int> RemoveExpiredAsync(IOpenId4VcStateStore store, CancellationToken cancellationToken = default) =>
        store.RemoveExpiredAsync(TimeProvider.System.GetUtcNow(), cancellationToken);
}
