using System.Text.Json;
using DidSdk.Core;

namespace DidSdk.Wallet;

public sealed partial class Wallet
{
    /// <summary>Parses and evaluates a DCQL query (OpenID4VP 1.0 §6) over the stored credentials.</summary>
    /// <exception cref="WalletException"><see cref="WalletProblemCodes.QueryInvalid"/> or <see cref="WalletProblemCodes.QueryTooLarge"/> for a bad query.</exception>
    public Task<DcqlQueryResult> QueryAsync(string dcqlQuery, CancellationToken cancellationToken = default)
    {
        if (!DcqlQuery.TryParse(dcqlQuery, out var query, out var problem, _options.MaxQueryLength))
        {
            throw new WalletException(problem.Code, problem.Message);
        }

        return QueryAsync(query, cancellationToken);
    }

    /// <summary>
    /// Evaluates a DCQL query: for each Credential Query the stored credentials that match its format, <c>meta</c>,
    /// holder binding and claims (or first satisfiable claim set), each with exactly what it would disclose; then the
    /// credential sets. Records that fail authentication are skipped and reported.
    /// </summary>
    public async Task<DcqlQueryResult> QueryAsync(DcqlQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var formats = query.Credentials.Select(c => c.Format).Distinct(StringComparer.Ordinal).ToArray();
        List<RecordRow> rows;
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            rows = await ReadRowsAsync(KindCredential, null, formats, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        var problems = new List<WalletRecordProblem>();
        var decrypted = new Dictionary<string, StoredCredential?>(StringComparer.Ordinal);
        var candidates = new Dictionary<string, IReadOnlyList<DcqlCandidate>>(StringComparer.Ordinal);
        foreach (var credentialQuery in query.Credentials)
        {
            var matches = new List<DcqlCandidate>();
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (row.Format != credentialQuery.Format || !DcqlEvaluator.MetaMatches(credentialQuery, ClearTypes(row)))
                {
                    continue;
                }

                if (!decrypted.TryGetValue(row.Id, out var credential))
                {
                    try
                    {
                        credential = DecryptCredential(row);
                    }
                    catch (WalletException ex) when (ex.Code == WalletProblemCodes.RecordTampered)
                    {
                        problems.Add(new WalletRecordProblem(row.Id, new Problem(ex.Code, ex.Message)));
                        credential = null;
                    }

                    decrypted[row.Id] = credential;
                }

                if (credential is not null && DcqlEvaluator.Match(credentialQuery, credential) is { } candidate)
                {
                    matches.Add(candidate);
                }
            }

            candidates[credentialQuery.Id] = matches;
        }

        return new DcqlQueryResult(query, candidates, Select(query, candidates), problems);
    }

    private static List<string>? Select(DcqlQuery query, Dictionary<string, IReadOnlyList<DcqlCandidate>> candidates)
    {
        if (query.CredentialSets is not { } sets)
        {
            return candidates.Values.All(c => c.Count > 0) ? [.. query.Credentials.Select(c => c.Id)] : null;
        }

        var selected = new List<string>();
        foreach (var set in sets)
        {
            var option = set.Options.FirstOrDefault(o => o.All(id => candidates[id].Count > 0));
            if (option is null)
            {
                if (set.Required)
                {
                    return null;
                }

                continue;
            }

            foreach (var id in option)
            {
                if (!selected.Contains(id, StringComparer.Ordinal))
                {
                    selected.Add(id);
                }
            }
        }

        return selected;
    }

    private static string[] ClearTypes(in RecordRow row)
    {
        if (row.Types is null)
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize(row.Types, WalletJsonContext.Default.StringArray) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
