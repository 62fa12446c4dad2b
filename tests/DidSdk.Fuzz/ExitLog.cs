using System.Security.Cryptography;

namespace DidSdk.Fuzz;

/// <summary>
/// With <c>DIDSDK_FUZZ_LOG=FILE</c> set, the AFL++ harness appends one line per event to FILE: an exception the
/// harness let through (with the input's SHA-256, so it can be matched to AFL's saved crash), an unhandled exception on
/// any thread, and every process exit with its exit code. SharpFuzz's out-of-process fork server reports a crash
/// (AFL's <c>sig:02</c>) both when the action throws and whenever its child process dies for another reason, for
/// example its parent-watch thread exiting the process; this log tells the two apart.
/// </summary>
internal sealed class ExitLog
{
    private readonly string _path;
    private readonly int _pid = Environment.ProcessId;

    private ExitLog(string path)
    {
        _path = path;
        AppDomain.CurrentDomain.UnhandledException += (_, e) => Write($"unhandled {e.ExceptionObject.GetType().FullName}: {FirstLine(e.ExceptionObject.ToString())}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Write($"exit code={Environment.ExitCode}");
    }

    /// <summary>The log named by <c>DIDSDK_FUZZ_LOG</c>, or null when it is not set.</summary>
    public static ExitLog? FromEnvironment() =>
        Environment.GetEnvironmentVariable("DIDSDK_FUZZ_LOG") is { Length: > 0 } path ? new ExitLog(path) : null;

    /// <summary>Records an exception the harness let through for <paramref name="input"/>.</summary>
    public void Exception(byte[] input, Exception e) =>
        Write($"exception input-sha256={Convert.ToHexStringLower(SHA256.HashData(input))} {e.GetType().FullName}: {FirstLine(e.Message)}");

    private static string FirstLine(string? text) => (text ?? "").Split('\n', 2)[0];

    private void Write(string line)
    {
        try
        {
            File.AppendAllText(_path, $"{DateTime.UtcNow:O} pid={_pid} {line}{Environment.NewLine}");
        }
        catch (IOException)
        {
        }
    }
}
