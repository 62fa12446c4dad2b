using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DidSdk.Testing;

namespace DidSdk.Cli.Tests;

/// <summary>samples/DidSdk.Cli/README.md documents every command and option, and its example script runs.</summary>
public sealed partial class CliReadmeTests
{
    private static readonly string ReadmePath = Path.Combine(RepoPaths.Root, "samples", "DidSdk.Cli", "README.md");

    private static IEnumerable<(string Path, Command Command)> Leaves(Command command, string path)
    {
        if (command.Subcommands.Count == 0)
        {
            yield return (path, command);
        }

        foreach (var sub in command.Subcommands)
        {
            foreach (var leaf in Leaves(sub, path + " " + sub.Name))
            {
                yield return leaf;
            }
        }
    }

    [Test]
    public void Readme_ListsEveryCommandWithItsOptions()
    {
        var readme = File.ReadAllText(ReadmePath);
        var rows = readme.Split('\n').Where(l => l.StartsWith("| `didsdk ", StringComparison.Ordinal)).ToList();
        var leaves = Leaves(CommandCatalog.CreateRoot(new CliContext()), "didsdk").ToList();

        Assert.That(leaves, Has.Count.GreaterThan(15));
        foreach (var (path, command) in leaves)
        {
            var row = rows.FirstOrDefault(r => r.StartsWith($"| `{path} ", StringComparison.Ordinal) || r.Contains($"`{path} ", StringComparison.Ordinal));
            Assert.That(row, Is.Not.Null, $"README has no row for {path}");
            foreach (var option in command.Options.Where(o => !o.Name.StartsWith("--help", StringComparison.Ordinal) && o.Name is not ("-h" or "-?")))
            {
                var documented = row!.Contains(option.Name, StringComparison.Ordinal)
                    || (option.Name is "--rpc" or "--registry" or "--chain-id" && (row.Contains("chain options", StringComparison.Ordinal) || readme.Contains("on every command that touches it", StringComparison.Ordinal)));
                Assert.That(documented, Is.True, $"README row for {path} does not mention {option.Name}");
            }
        }
    }

    [Test]
    public async Task Readme_ExampleScript_RunsAndTheCustomerIsVerified()
    {
        var script = ExampleBlock().Match(File.ReadAllText(ReadmePath)).Groups[1].Value;
        Assert.That(script, Does.Contain("didsdk vc verify"));
        var directory = Directory.CreateTempSubdirectory("didsdk-cli-readme-").FullName;
        try
        {
            var bin = Directory.CreateDirectory(Path.Combine(directory, "bin")).FullName;
            var wrapper = Path.Combine(bin, "didsdk");
            await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nexec dotnet \"{Path.Combine(AppContext.BaseDirectory, "didsdk.dll")}\" \"$@\"\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            await File.WriteAllTextAsync(Path.Combine(directory, "example.sh"), script);

            var start = new ProcessStartInfo("bash") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-euo");
            start.ArgumentList.Add("pipefail");
            start.ArgumentList.Add("example.sh");
            start.Environment["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);

            Assert.That(process.ExitCode, Is.Zero, await stderr);
            var result = JsonNode.Parse(await stdout)!;
            Assert.That(result["verified"]!.GetValue<bool>(), Is.True);
            Assert.That(result["claims"]!["age_over_18"]!.GetValue<bool>(), Is.True);
            Assert.That(result["claims"]!.AsObject().ContainsKey("given_name"), Is.False);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [GeneratedRegex("```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}
