using DidSdk.Core;

namespace DidSdk.Credentials;

/// <content>Status and related resources for format handlers.</content>
public sealed partial class CredentialVerifier
{
    /// <summary>
    /// The checks of a credential's <c>credentialStatus</c> (Bitstring Status List, through the
    /// <see cref="StatusListFetcher"/>) and <c>relatedResource</c> digests that the built-in formats apply, for a format
    /// handler whose credential is a VC Data Model credential (e.g. <c>vc+sd-jwt</c>): the same rules and codes
    /// (<see cref="CredentialProblemCodes.Revoked"/>, <see cref="CredentialProblemCodes.StatusUnchecked"/> without a
    /// fetcher unless <see cref="CredentialVerifierOptions.AllowUncheckedStatus"/>, ...). Call it after the signature
    /// verified; never throws for invalid input.
    /// </summary>
    /// <param name="credential">The verified credential.</param>
    /// <param name="cancellationToken">Cancels fetching status lists.</param>
    /// <returns>The problems found; empty when status and related resources are in order.</returns>
    public async Task<IReadOnlyList<Problem>> CheckStatusAsync(VerifiableCredential credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var problems = new List<Problem>();
        await CheckRelatedResourcesAsync(credential, problems, cancellationToken).ConfigureAwait(false);
        if (credential.CredentialStatus.Count > 0)
        {
            if (StatusListFetcher is { } fetcher)
            {
                await BitstringStatusChecker.CheckAsync(credential, this, fetcher, problems, cancellationToken).ConfigureAwait(false);
            }
            else if (!Options.AllowUncheckedStatus)
            {
                problems.Add(new Problem(CredentialProblemCodes.StatusUnchecked, "The credential has a credentialStatus this verifier is not configured to check."));
            }
        }

        return problems;
    }
}
