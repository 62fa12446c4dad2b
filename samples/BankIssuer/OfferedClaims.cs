using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DidSdk.OpenId4Vc;

namespace BankIssuer;

/// <summary>
/// The claims the back office checked for each offer, handed to the issuer when the wallet redeems it. Kept in memory
/// for the sample (a bank reads them from its customer records by subject); the offer's single-use code guards them.
/// </summary>
internal sealed class OfferedClaims : ICredentialClaimsProvider
{
    private readonly ConcurrentDictionary<string, JsonObject> _bySubject = new(StringComparer.Ordinal);

    public void Add(string subject, JsonObject claims) => _bySubject[subject] = claims;

    public Task<CredentialClaims?> GetClaimsAsync(CredentialClaimsRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(_bySubject.TryGetValue(request.Subject, out var claims) ? new CredentialClaims(claims.DeepClone().AsObject()) : null);
}
