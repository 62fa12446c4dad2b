using System.Text.Json.Nodes;
using DidSdk.Core;
using DidSdk.Core.Dids;

namespace DidSdk.Credentials;

/// <content>Data Integrity credentials.</content>
public sealed partial class CredentialVerifier
{
    private async Task<CredentialVerificationResult> VerifyDataIntegrityAsync(string json, CancellationToken cancellationToken)
    {
        const string format = CredentialFormats.DataIntegrity;
        if (!TryParseJson(json, out var document))
        {
            return CredentialVerificationResult.Fail(new Problem(CredentialProblemCodes.Malformed, "The credential is not a JSON object within the limits."), format);
        }

        if (!VerifiableCredential.TryParse(document, out var vc, out var modelProblems))
        {
            return new CredentialVerificationResult(format, null, document, modelProblems);
        }

        var problems = new List<Problem>();
        var proofs = VcDataModel.Objects(document!["proof"]);
        CheckProofDates(proofs, presentation: false, problems, out var created);
        if (problems.Count > 0)
        {
            return new CredentialVerificationResult(format, vc.Issuer, document, problems);
        }

        // A proof whose method is another DID's (an endorsement, or a link in a proof chain) is checked against that DID;
        // at least one proof must be the issuer's.
        string ControllerOf(JsonObject proof) =>
            StringValue(proof["verificationMethod"]) is { } vm && !vm.StartsWith(vc.Issuer + "#", StringComparison.Ordinal)
                && DidUrl.TryParse(vm, out var url, out _) && url.Did.ToString() is var did && did != vc.Issuer ? did : vc.Issuer;

        string? method = null;
        var byIssuer = false;
        var results = await DataIntegrity.VerifyProofsAsync(document!, _signatures, ControllerOf, VerificationRelationship.AssertionMethod, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            if (!result.Succeeded)
            {
                problems.Add(result.Problem);
            }
            else if (i < proofs.Count && ControllerOf(proofs[i]) == vc.Issuer)
            {
                byIssuer = true;
                method ??= result.VerifiedMethodId;
            }
        }

        if (problems.Count == 0 && !byIssuer)
        {
            problems.Add(new Problem(CredentialProblemCodes.VerificationMethodRejected, "No proof is by the credential's issuer."));
        }

        if (problems.Count > 0)
        {
            return new CredentialVerificationResult(format, vc.Issuer, document, problems);
        }

        CheckValidity(vc, null, null, problems);
        var trust = await CheckStatusAndTrustAsync(vc, format, vc.ValidFrom ?? created, method, problems, cancellationToken).ConfigureAwait(false);
        return new CredentialVerificationResult(format, vc.Issuer, document, problems) { Trust = trust };
    }

    /// <summary>
    /// VC Data Integrity §2.1: <c>created</c> and <c>expires</c>, when present, are dateTimeStamps; a proof created
    /// after the verifier's time (beyond the skew) or past its <c>expires</c> is rejected. Returns the first proof's <c>created</c>.
    /// </summary>
    internal void CheckProofDates(IReadOnlyList<JsonObject> proofs, bool presentation, List<Problem> problems, out DateTimeOffset? firstCreated)
    {
        firstCreated = null;
        var now = Now;
        var skew = Options.ClockSkew;
        foreach (var proof in proofs)
        {
            if (proof.TryGetPropertyValue("created", out var createdNode))
            {
                if (StringValue(createdNode) is not { } text || !VcDataModel.TryParseDateTimeStamp(text, out var created))
                {
                    problems.Add(new Problem(CredentialProblemCodes.ProofDateInvalid, "The proof's created is not an XML Schema dateTimeStamp."));
                    continue;
                }

                firstCreated ??= created;
                if (created > now + skew)
                {
                    problems.Add(new Problem(CredentialProblemCodes.ProofCreatedInFuture, "The proof was created in the future."));
                }
            }

            if (proof.TryGetPropertyValue("expires", out var expiresNode))
            {
                if (StringValue(expiresNode) is not { } text || !VcDataModel.TryParseDateTimeStamp(text, out var expires))
                {
                    problems.Add(new Problem(CredentialProblemCodes.ProofDateInvalid, "The proof's expires is not an XML Schema dateTimeStamp."));
                }
                else if (expires < now - skew)
                {
                    problems.Add(presentation
                        ? new Problem(CredentialProblemCodes.PresentationExpired, "The presentation's proof has expired.")
                        : new Problem(CredentialProblemCodes.ProofExpired, "The proof has expired."));
                }
            }
        }
    }
}
