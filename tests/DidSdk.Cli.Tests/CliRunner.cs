using System.Diagnostics;

namespace DidSdk.Cli.Tests;

/// <summary>Runs the built didsdk tool (didsdk.dll next to the tests) as a real process, once per call.</summary>
internal static class CliRunner
{
    private static readonly string Tool = Path.Combine(AppContext.BaseDirectory, "didsdk.dll");

    public static Task<CliRun> RunAsync(params string[] args) => RunCoreAsync(null, args);

    /// <summary>Runs the tool with <paramref name="stdin"/> as its standard input.</summary>
    public static Task<CliRun> RunWithStdinAsync(byte[] stdin, params string[] args) => RunCoreAsync(stdin, args);

    /// <summary>Runs the tool with <paramref name="stdin"/> (UTF-8) as its standard input.</summary>
    public static Task<CliRun> RunWithStdinAsync(string stdin, params string[] args) => RunCoreAsync(System.Text.Encoding.UTF8.GetBytes(stdin), args);

    private static async Task<CliRun> RunCoreAsync(byte[]? stdin, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.BaseStream.WriteAsync(stdin);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The tool may exit without reading all of its input (an error before it reads stdin).
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"didsdk {string.Join(' ', args.Select(a => a.Length > 40 ? a[..40] + "…" : a))} did not exit within 60 s.");
        }

        return new CliRun(process.ExitCode, (await stdout).Trim(), (await stderr).Trim());
    }
}
