using DidSdk.Core;

namespace DidSdk.Credentials;

/// <content>Related resources (VC Data Model 2.0 §5.3).</content>
public sealed partial class CredentialVerifier
{
    /// <summary>Checks every listed related resource the provider holds against its digests; without a provider nothing is fetched or checked.</summary>
    private async Task CheckRelatedResourcesAsync(VerifiableCredential vc, List<Problem> problems, CancellationToken cancellationToken)
    {
        if (_relatedResources is null || !vc.HasRelatedResources)
        {
            return;
        }

        foreach (var entry in VcDataModel.Objects(vc.Json["relatedResource"]))
        {
            if (VcDataModel.AsString(entry["id"]) is not { } id)
            {
                continue;
            }

            var resource = await _relatedResources.GetResourceAsync(id, cancellationToken).ConfigureAwait(false);
            if (resource is not null && !vc.TryVerifyRelatedResource(id, resource, out var problem))
            {
                problems.Add(problem);
            }
        }
    }
}
