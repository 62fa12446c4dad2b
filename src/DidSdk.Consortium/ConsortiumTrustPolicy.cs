using System.Globalization;
using DidSdk.Core;
using DidSdk.Core.Dids;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.Ethereum.Rpc;

namespace DidSdk.Consortium;

/// <summary>
/// Trusts an issuer for a credential when the consortium's <c>ConsortiumTrustRegistry</c> accredited it for every
/// type the credential names — at issuance time, now, or both (<see cref="ConsortiumTrustPolicyOptions.TrustAt"/>).
/// The answer comes from the registry's <c>AccreditationChanged</c> events, which carry their block time: the first
/// check reads them in one JSON-RPC round trip (a batch of <c>eth_blockNumber</c>, the finalized block and
/// <c>eth_getLogs</c>); events up to the finalized block are cached, so a later check costs one <c>eth_blockNumber</c>
/// when no block was added and one more round trip for the new blocks otherwise.
/// </summary>
/// <remarks>
/// <para>A revoked accreditation rejects every credential under it, whenever issued; a suspension rejects what was issued
/// while suspended (<see cref="TrustTime.Issuance"/>) or everything while it lasts (<see cref="TrustTime.Now"/>).</para>
/// <para>An issuance time earlier than the accreditation's block time is refused (<see cref="ConsortiumProblemCodes.IssuedBeforeAccreditation"/>):
/// the chain, not the credential, bounds how early it can have been issued. With a resolver and the signing verification
/// method, the key must also have been an <c>assertionMethod</c> of the issuer at the issuance time (did:ethr
/// <c>versionTime</c>): a key added later cannot sign a back-dated credential.</para>
/// </remarks>
public sealed class ConsortiumTrustPolicy : ITrustPolicy
{
    private readonly IEthereumRpc _rpc;
    private readonly EthereumAddress _registry;
    private readonly TimeProvider _timeProvider;
    private readonly IDidResolver? _resolver;
    private Snapshot? _snapshot;

    /// <summary>Creates the policy.</summary>
    /// <param name="rpc">The chain.</param>
    /// <param name="registry">The registry's address.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for "now"; <see langword="null"/> for the system clock.</param>
    /// <param name="resolver">Resolves the issuer at issuance time for the signing-key check; <see langword="null"/> skips that check.</param>
    public ConsortiumTrustPolicy(IEthereumRpc rpc, EthereumAddress registry, ConsortiumTrustPolicyOptions? options = null, TimeProvider? timeProvider = null, IDidResolver? resolver = null)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(registry);
        this._rpc = rpc;
        this._registry = registry;
        Options = options ?? new ConsortiumTrustPolicyOptions();
        this._timeProvider = timeProvider ?? TimeProvider.System;
        this._resolver = resolver;
    }

    /// <summary>The settings.</summary>
    public ConsortiumTrustPolicyOptions Options { get; }

    /// <inheritdoc/>
    /// <remarks>
    /// The credential types come from the verified credential (VC <c>type</c> without <c>VerifiableCredential</c>, or
    /// the SD-JWT VC <c>vct</c>); the issuance time is the one the verifier read; the signing method is the DID URL
    /// that verified, so with a resolver the key's validity at issuance is checked too.
    /// </remarks>
    public async ValueTask<TrustPolicyResult> EvaluateAsync(TrustPolicyContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var types = new List<string>(context.CredentialTypes.Count);
        foreach (var type in context.CredentialTypes)
        {
            if (!string.Equals(type, "VerifiableCredential", StringComparison.Ordinal) && type.Length > 0)
            {
                types.Add(type);
            }
        }

        var decision = await CheckAsync(
            new ConsortiumTrustRequest
            {
                Issuer = context.Issuer,
                CredentialTypes = types,
                IssuedAt = context.IssuedAt,
                VerificationMethod = context.VerificationMethod,
                VerificationTime = context.VerificationTime,
            },
            cancellationToken).ConfigureAwait(false);
        return decision.Succeeded
            ? TrustPolicyResult.Trusted(decision.Rule)
            : TrustPolicyResult.Untrusted(decision.Problem.Code, $"{decision.Problem.Message} (rule: {decision.Rule})", decision.Problem.Cause);
    }

    /// <summary>Decides whether the request's issuer is trusted for its credential types under <see cref="ConsortiumTrustPolicyOptions.TrustAt"/>.</summary>
    public async Task<ConsortiumTrustDecision> CheckAsync(ConsortiumTrustRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var trustAt = Options.TrustAt;
        if (request.CredentialTypes.Count == 0)
        {
            return Decide(ConsortiumProblemCodes.NoCredentialType, "The credential names no type the consortium accredits.", "no credential type", trustAt, request.IssuedAt);
        }

        var now = request.VerificationTime ?? _timeProvider.GetUtcNow();
        if (trustAt != TrustTime.Now)
        {
            if (request.IssuanceTimeUnreadable || request.IssuedAt is null)
            {
                return Decide(ConsortiumProblemCodes.IssuanceTimeMissing, "The credential states no readable issuance time.", "issuance time required by trust-at " + Name(trustAt), trustAt, null);
            }

            if (request.IssuedAt > now + Options.ClockSkew)
            {
                return Decide(ConsortiumProblemCodes.IssuedInFuture, "The credential claims an issuance time in the future.", "issuance time after now", trustAt, request.IssuedAt);
            }
        }

        var (events, failure) = await GetEventsAsync(cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return new ConsortiumTrustDecision(failure, "registry unavailable", trustAt, request.IssuedAt);
        }

        string? rule = null;
        foreach (var type in request.CredentialTypes)
        {
            var decision = Evaluate(events, request.Issuer, type, request.IssuedAt, now, trustAt);
            if (!decision.Succeeded)
            {
                return decision;
            }

            rule ??= decision.Rule;
        }

        if (trustAt != TrustTime.Now && _resolver is not null && request.VerificationMethod is { } method)
        {
            var authorization = await new VerificationMethodAuthorizer(new AtTimeResolver(_resolver, request.IssuedAt!.Value))
                .AuthorizeAsync(request.Issuer, method, VerificationRelationship.AssertionMethod, cancellationToken).ConfigureAwait(false);
            if (!authorization.Succeeded)
            {
                return Decide(ConsortiumProblemCodes.KeyNotValidAtIssuance, "The signing key was not an assertion method of the issuer at the claimed issuance time.", "signing key not in the issuer's DID document at issuance (back-dated or rotated key)", trustAt, request.IssuedAt);
            }

            rule += "; signing key valid at issuance";
        }

        return new ConsortiumTrustDecision(null, rule!, trustAt, request.IssuedAt);
    }

    /// <summary>Whether <paramref name="issuerDid"/> was accredited for <paramref name="credentialType"/> at <paramref name="at"/> (now when <see langword="null"/>), from the cached events.</summary>
    public async Task<ConsortiumTrustDecision> CheckAccreditationAsync(string issuerDid, string credentialType, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuerDid);
        ArgumentException.ThrowIfNullOrEmpty(credentialType);
        var (events, failure) = await GetEventsAsync(cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return new ConsortiumTrustDecision(failure, "registry unavailable", at is null ? TrustTime.Now : TrustTime.Issuance, at);
        }

        return at is { } time
            ? Evaluate(events, issuerDid, credentialType, time, time, TrustTime.Issuance)
            : Evaluate(events, issuerDid, credentialType, null, _timeProvider.GetUtcNow(), TrustTime.Now);
    }

    private ConsortiumTrustDecision Evaluate(IReadOnlyList<AccreditationChange> all, string issuer, string type, DateTimeOffset? issuedAt, DateTimeOffset now, TrustTime trustAt)
    {
        List<AccreditationChange>? history = null;
        foreach (var e in all)
        {
            if (string.Equals(e.IssuerDid, issuer, StringComparison.Ordinal) && string.Equals(e.CredentialType, type, StringComparison.Ordinal))
            {
                (history ??= []).Add(e);
            }
        }

        if (history is null)
        {
            return Decide(ConsortiumProblemCodes.NotAccredited, "The issuer is not accredited by the consortium for this credential type.", "never accredited for " + type, trustAt, issuedAt);
        }

        if (history[^1].Status == AccreditationStatus.Revoked)
        {
            return Decide(ConsortiumProblemCodes.Revoked, "The consortium revoked the issuer's accreditation for this credential type.", "accreditation revoked on " + Stamp(history[^1].At) + " (revocation applies to every credential, whenever issued)", trustAt, issuedAt);
        }

        var rules = new List<string>(2);
        if (trustAt != TrustTime.Now)
        {
            var at = issuedAt!.Value;
            var firstActive = history.First(h => h.Status == AccreditationStatus.Active);
            if (at + Options.ClockSkew < firstActive.At)
            {
                return Decide(ConsortiumProblemCodes.IssuedBeforeAccreditation, "The credential claims an issuance time before the issuer was accredited.", "issued " + Stamp(at) + ", before the accreditation's block time " + Stamp(firstActive.At) + " (back-dated or premature)", trustAt, issuedAt);
            }

            AccreditationChange? state = null;
            foreach (var h in history)
            {
                if (h.At <= at)
                {
                    state = h;
                }
            }

            state ??= firstActive;
            if (Check(state, at, "at issuance " + Stamp(at), trustAt, issuedAt) is { } refused)
            {
                return refused;
            }

            rules.Add("accredited at issuance " + Stamp(at));
        }

        if (trustAt != TrustTime.Issuance)
        {
            if (Check(history[^1], now, "now", trustAt, issuedAt) is { } refused)
            {
                return refused;
            }

            rules.Add("accredited now");
        }

        if (trustAt == TrustTime.Issuance && history[^1].Status == AccreditationStatus.Suspended)
        {
            rules.Add("the later suspension does not apply under trust-at issuance");
        }

        return new ConsortiumTrustDecision(null, string.Join(", ", rules) + " for " + type, trustAt, issuedAt);
    }

    private static ConsortiumTrustDecision? Check(AccreditationChange state, DateTimeOffset at, string when, TrustTime trustAt, DateTimeOffset? issuedAt)
    {
        if (state.Status == AccreditationStatus.Suspended)
        {
            return Decide(ConsortiumProblemCodes.Suspended, "The issuer's accreditation for this credential type is suspended.", "suspended " + when + " (since " + Stamp(state.At) + ")", trustAt, issuedAt);
        }

        if (at < state.ValidFrom || (state.ValidUntil is { } until && at >= until))
        {
            return Decide(ConsortiumProblemCodes.OutsideValidityWindow, "The time that counts is outside the accreditation's validity window.", "outside the accreditation window " + when, trustAt, issuedAt);
        }

        return null;
    }

    private static ConsortiumTrustDecision Decide(string code, string message, string rule, TrustTime trustAt, DateTimeOffset? issuedAt) =>
        new(new Problem(code, message), rule, trustAt, issuedAt);

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Name(TrustTime trustAt) => trustAt switch
    {
        TrustTime.Issuance => "issuance",
        TrustTime.Now => "now",
        _ => "both",
    };

    private async Task<(IReadOnlyList<AccreditationChange> Events, Problem? Failure)> GetEventsAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Concurrent checks may both refresh; each snapshot is complete in itself, so the last one written wins harmlessly.
            var fresh = await RefreshAsync(Volatile.Read(ref _snapshot), cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _snapshot, fresh);
            return (fresh.Events, null);
        }
        catch (Exception e) when (e is EthereumRpcException or EthereumTransportException or HttpRequestException or FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            return ([], new Problem(ConsortiumProblemCodes.RegistryUnavailable, "The consortium registry could not be read."));
        }
    }

    private async Task<Snapshot> RefreshAsync(Snapshot? cached, CancellationToken cancellationToken)
    {
        ulong head;
        IReadOnlyList<RpcResult> replies;
        var from = cached is null ? Options.FromBlock : cached.FinalizedThrough + 1;
        if (cached is null)
        {
            replies = await _rpc.SendBatchAsync(
                [
                    EthereumRpcRequests.BlockNumber(),
                    EthereumRpcRequests.GetBlockByNumber(BlockTags.Finalized),
                    EthereumRpcRequests.GetLogs(Filter(from)),
                ],
                cancellationToken).ConfigureAwait(false);
            head = EthereumRpcRequests.ParseUInt64(replies[0].GetResultOrThrow("eth_blockNumber"));
            replies = [replies[1], replies[2]];
        }
        else
        {
            head = await _rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
            if (head == cached.Head)
            {
                return cached;
            }

            replies = await _rpc.SendBatchAsync([EthereumRpcRequests.GetBlockByNumber(BlockTags.Finalized), EthereumRpcRequests.GetLogs(Filter(from))], cancellationToken).ConfigureAwait(false);
        }

        // A node without a finalized tag (or an error for it) finalizes nothing: every check then rereads from the last cached point.
        var finalized = replies[0].Succeeded && replies[0].Result is { } f && EthereumRpcRequests.ParseBlock(f) is { } block ? Math.Min(block.Number, head) : 0UL;
        var logs = EthereumRpcRequests.ParseLogs(replies[1].GetResultOrThrow("eth_getLogs"));
        var stable = cached?.Stable ?? [];
        var fresh = new List<AccreditationChange>(logs.Count);
        var seen = new HashSet<(ulong, ulong)>();
        foreach (var log in logs)
        {
            if (log.Address != _registry || log.BlockNumber < from || !seen.Add((log.BlockNumber, log.LogIndex)))
            {
                // Not asked for: a node ignoring the filter, or repeating itself.
                continue;
            }

            fresh.Add(ConsortiumEvents.TryDecodeAccreditationChanged(log) ?? throw new FormatException("The registry's node returned a malformed AccreditationChanged log."));
        }

        if (stable.Count + fresh.Count > Options.MaxEvents)
        {
            throw new InvalidOperationException("The registry holds more events than MaxEvents.");
        }

        fresh.Sort(static (a, b) => a.BlockNumber != b.BlockNumber ? a.BlockNumber.CompareTo(b.BlockNumber) : a.LogIndex.CompareTo(b.LogIndex));
        var finalizedThrough = Math.Max(finalized, cached?.FinalizedThrough ?? (from == 0 ? 0 : from - 1));
        var newStable = new List<AccreditationChange>(stable.Count + fresh.Count);
        newStable.AddRange(stable);
        newStable.AddRange(fresh.Where(e => e.BlockNumber <= finalizedThrough));
        var events = new List<AccreditationChange>(newStable);
        events.AddRange(fresh.Where(e => e.BlockNumber > finalizedThrough));
        return new Snapshot(newStable, events, finalizedThrough, head);
    }

    private LogFilter Filter(ulong from) => new() { Address = _registry, FromBlock = from, Topics = [ConsortiumEvents.AccreditationChangedTopic] };

    /// <param name="Stable">Events up to <paramref name="FinalizedThrough"/>: read once, kept.</param>
    /// <param name="Events">Stable events and those of newer blocks, reread while they are not final.</param>
    /// <param name="FinalizedThrough">The last block whose events are cached for good.</param>
    /// <param name="Head">The head this snapshot was read at.</param>
    private sealed record Snapshot(List<AccreditationChange> Stable, List<AccreditationChange> Events, ulong FinalizedThrough, ulong Head);
}
