using System.Diagnostics;
using System.Diagnostics.Metrics;
using DidSdk.Core.Diagnostics;

namespace DidSdk.Credentials;

/// <summary>The Credentials package's instruments on the shared DidSdk meter and activity source.</summary>
internal static class CredentialsTelemetry
{
    private static readonly Counter<long> Outcomes = DidSdkTelemetry.Meter.CreateCounter<long>(
        DidSdkTelemetry.VerificationOutcomesInstrument, "{verification}", "Credential verifications by outcome and problem code.");

    public static Activity? StartIssue(string format)
    {
        var activity = DidSdkTelemetry.ActivitySource.StartActivity(DidSdkTelemetry.IssueActivityName, ActivityKind.Internal);
        activity?.SetTag("didsdk.credential.format", format);
        return activity;
    }

    public static Activity? StartVerify() => DidSdkTelemetry.ActivitySource.StartActivity(DidSdkTelemetry.VerifyActivityName, ActivityKind.Internal);

    /// <summary>Records the outcome: one count per problem code (codes are stable identifiers, never input data).</summary>
    public static void RecordVerification(Activity? activity, CredentialVerificationResult result)
    {
        var outcome = result.Succeeded ? "verified" : "failed";
        activity?.SetTag("didsdk.credential.format", result.Format);
        activity?.SetTag("didsdk.verification.outcome", outcome);
        if (!result.Succeeded)
        {
            activity?.SetStatus(ActivityStatusCode.Error, result.Problems.Count > 0 ? result.Problems[0].Code : outcome);
        }

        if (!Outcomes.Enabled)
        {
            return;
        }

        var outcomeTag = new KeyValuePair<string, object?>("didsdk.verification.outcome", outcome);
        if (result.Problems.Count == 0)
        {
            Outcomes.Add(1, outcomeTag, new KeyValuePair<string, object?>("didsdk.problem.code", "none"));
            return;
        }

        foreach (var code in result.Problems.Select(p => p.Code).Distinct(StringComparer.Ordinal))
        {
            Outcomes.Add(1, outcomeTag, new KeyValuePair<string, object?>("didsdk.problem.code", code));
        }
    }
}
