using DidSdk.Core.Dids;

namespace DidSdk.Core.Resolution;

/// <summary>
/// Answers "may the verification method <c>kid</c> be used for purpose P on behalf of DID <c>did</c>?", resolving as needed
/// (DID Core 1.0 §5.1.2 and §5.3; Controlled Identifiers 1.0 §3.3 <i>Retrieve Verification Method</i>):
/// <list type="number">
/// <item>the DID must resolve and not be deactivated;</item>
/// <item>a method of the DID itself must be listed in the DID document's requested relationship (see
/// <see cref="DidDocument.TryGetAuthorizedVerificationMethod(string?, VerificationRelationship, out VerificationMethod?, out Problem?)"/>);</item>
/// <item>a method of another DID is accepted only when that DID is a <c>controller</c> of the subject's document, and then
/// it must be authorized for the purpose in the controller's own (resolved, not deactivated) document;</item>
/// <item>the method must yield a public key unless it is a recovery method.</item>
/// </list>
/// Never throws for bad input; cancellation throws <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class VerificationMethodAuthorizer
{
    private readonly IDidResolver _resolver;

    /// <summary>Creates an authorizer over <paramref name="resolver"/> (typically a <see cref="CachingDidResolver"/>).</summary>
    public VerificationMethodAuthorizer(IDidResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _resolver = resolver;
    }

    /// <summary>Authorizes <paramref name="verificationMethodId"/> for <paramref name="purpose"/> on behalf of <paramref name="did"/>.</summary>
    /// <param name="did">The DID the proof claims to come from (issuer, holder).</param>
    /// <param name="verificationMethodId">The verification method DID URL named by the proof (may be relative to <paramref name="did"/>).</param>
    /// <param name="purpose">The verification relationship the proof needs.</param>
    /// <param name="cancellationToken">Cancels resolution.</param>
    public Task<VerificationMethodAuthorization> AuthorizeAsync(string did, string verificationMethodId, VerificationRelationship purpose, CancellationToken cancellationToken = default) =>
        AuthorizeCoreAsync(did, verificationMethodId, purpose, cancellationToken).AsTask();

    /// <summary><see cref="AuthorizeAsync"/> without a task of its own when the resolver answers synchronously (a cache hit).</summary>
    internal async ValueTask<VerificationMethodAuthorization> AuthorizeCoreAsync(string did, string verificationMethodId, VerificationRelationship purpose, CancellationToken cancellationToken)
    {
        // The usual reference, the DID itself and a fragment, is checked in place; every other form is parsed.
        if (verificationMethodId is not null && did is not null && DidUrl.IsDidWithFragment(did, verificationMethodId))
        {
            var (own, ownFailure) = await ResolveActiveAsync(did, cancellationToken).ConfigureAwait(false);
            return ownFailure is not null ? VerificationMethodAuthorization.Denied(ownFailure) : Authorize(own!, verificationMethodId, purpose);
        }

        if (!Did.TryParse(did, out var subject, out var problem))
        {
            return VerificationMethodAuthorization.Denied(problem);
        }

        if (!DidUrl.TryResolveRelative(verificationMethodId, subject, out var methodUrl, out problem))
        {
            return VerificationMethodAuthorization.Denied(problem);
        }

        var (document, failure) = await ResolveActiveAsync(subject.ToString(), cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return VerificationMethodAuthorization.Denied(failure);
        }

        var authorizing = document!;
        if (methodUrl.Did != subject)
        {
            if (!authorizing.Controller.Contains(methodUrl.Did.ToString(), StringComparer.Ordinal))
            {
                return VerificationMethodAuthorization.Denied(DidProblemCodes.VerificationMethodForeignDid, "The verification method belongs to a DID that does not control this DID.");
            }

            (authorizing, failure) = await ResolveActiveAsync(methodUrl.Did.ToString(), cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                return VerificationMethodAuthorization.Denied(failure);
            }
        }

        return Authorize(authorizing!, methodUrl.ToString(), purpose);
    }

    private static VerificationMethodAuthorization Authorize(DidDocument authorizing, string methodId, VerificationRelationship purpose)
    {
        if (!authorizing.TryGetAuthorizedVerificationMethod(methodId, purpose, out var method, out var problem))
        {
            return VerificationMethodAuthorization.Denied(problem);
        }

        if (method.IsRecoveryMethod)
        {
            return VerificationMethodAuthorization.Authorized(method, null, authorizing);
        }

        return method.TryGetPublicKey(out var key, out problem)
            ? VerificationMethodAuthorization.Authorized(method, key, authorizing)
            : VerificationMethodAuthorization.Denied(problem);
    }

    private async ValueTask<(DidDocument? Document, Problem? Failure)> ResolveActiveAsync(string did, CancellationToken cancellationToken)
    {
        var result = await _resolver.ResolveAsync(did, null, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return (null, new Problem(DidProblemCodes.ResolutionFailed, $"The DID could not be resolved: {result.DidResolutionMetadata.Error}."));
        }

        if (result.DidDocumentMetadata.Deactivated == true)
        {
            return (null, new Problem(DidProblemCodes.DidDeactivated, "The DID has been deactivated."));
        }

        if (!string.Equals(result.DidDocument!.Id, did, StringComparison.Ordinal))
        {
            return (null, new Problem(DidProblemCodes.ResolutionFailed, "The resolved DID document is for a different DID."));
        }

        return (result.DidDocument, null);
    }
}
