using System.Text.Json;
using System.Text.Json.Nodes;

namespace KycQuickStart;

/// <summary>Prints the demo's steps for a person to read, or collects them as one JSON document (<c>--json</c>).</summary>
internal sealed class Narrator(TextWriter output, bool json)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly JsonArray _steps = [];

    public IReadOnlyList<JsonObject> Steps => _steps.Select(s => s!.AsObject()).ToList();

    /// <summary>Records a step: a short title, the actor, and what a reader should see.</summary>
    public void Step(string actor, string title, JsonObject details)
    {
        _steps.Add(new JsonObject { ["step"] = _steps.Count + 1, ["actor"] = actor, ["title"] = title, ["details"] = details.DeepClone() });
        if (json)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine($"[{_steps.Count}] {actor}: {title}");
        foreach (var (name, value) in details)
        {
            var text = value is null ? "null" : value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value.ToJsonString(Indented);
            var lines = text.Split('\n');
            output.WriteLine($"    {name,-18} {lines[0]}");
            foreach (var line in lines.Skip(1))
            {
                output.WriteLine($"    {string.Empty,-18} {line}");
            }
        }
    }

    /// <summary>Writes the JSON document (in <c>--json</c> mode) with the overall outcome.</summary>
    public void Finish(JsonObject outcome)
    {
        if (json)
        {
            var document = new JsonObject { ["steps"] = _steps.DeepClone(), ["outcome"] = outcome.DeepClone() };
            output.WriteLine(document.ToJsonString(Indented));
            return;
        }

        output.WriteLine();
        if (outcome["passed"]?.GetValue<bool>() == true)
        {
            output.WriteLine("Demo complete: Bank B trusted Bank A only as far as the consortium's registry on the chain said, refused the look-alike, applied the suspension by the chosen time policy, and refused the revoked credential.");
            return;
        }

        var failures = outcome["failures"]?.AsArray() ?? [];
        output.WriteLine($"Demo FAILED: {failures.Count} expectation(s) did not hold.");
        foreach (var failure in failures)
        {
            output.WriteLine($"  - expected: {failure!["expected"]}");
            output.WriteLine("    got:      " + failure["got"]!.ToJsonString(Indented).Replace("\n", "\n              ", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// Reports that the story could not go on (an exchange refused, a service that did not answer): after which step, and
    /// why. In <c>--json</c> mode this writes the document with the steps done so far and <c>outcome.error</c>.
    /// </summary>
    public void Abort(string why)
    {
        var after = _steps.Count == 0 ? "before the first step" : $"after step {_steps.Count} ({_steps[^1]!["actor"]}: {_steps[^1]!["title"]})";
        if (json)
        {
            var document = new JsonObject { ["steps"] = _steps.DeepClone(), ["outcome"] = new JsonObject { ["passed"] = false, ["failedAfterStep"] = _steps.Count, ["error"] = why } };
            output.WriteLine(document.ToJsonString(Indented));
            return;
        }

        output.WriteLine();
        output.WriteLine($"Demo FAILED {after}:");
        output.WriteLine("    " + why);
    }
}
