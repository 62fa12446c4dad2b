using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace DidSdk.Testing;

/// <summary>
/// A real, throw-away PostgreSQL server: <c>initdb</c> in a temporary directory, then <c>postgres</c> on a free
/// 127.0.0.1 port (TCP only, SCRAM password authentication, durability off because the data is discarded). The binaries
/// come from <c>DIDSDK_PG_BINDIR</c>, <c>pg_config --bindir</c> or the newest <c>/usr/lib/postgresql/N/bin</c>
/// (Debian's <c>postgresql</c> package; <c>./build.sh test</c> installs it). PostgreSQL refuses to run as root, so a
/// root process runs both through <c>setpriv</c> as the <c>postgres</c> account the Debian package creates. Disposing
/// sends the postmaster SIGINT (fast shutdown) by process id and deletes the directory. A missing installation is an
/// exception that says what to install: tests fail loudly, they never skip.
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    /// <summary>The superuser the cluster is created with.</summary>
    public const string UserName = "didsdk";

    private const string ServiceAccount = "postgres";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _directory;
    private readonly string _binDirectory;
    private readonly ConcurrentQueue<string> _output;
    private int _disposed;

    private PostgreSqlServer(Process process, string directory, string binDirectory, int port, string password, ConcurrentQueue<string> output)
    {
        _process = process;
        _directory = directory;
        _binDirectory = binDirectory;
        _output = output;
        Port = port;
        Password = password;
    }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The password of <see cref="UserName"/> (random per server).</summary>
    public string Password { get; }

    /// <summary>The operating-system process id of the postmaster.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The temporary directory that holds the cluster (deleted on dispose).</summary>
    public string TempDirectory => _directory;

    /// <summary>A connection string (Npgsql / libpq keyword form) for <paramref name="database"/>.</summary>
    /// <param name="database">The database name (default <c>postgres</c>).</param>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={UserName};Password={Password};Database={database}";

    /// <summary>Finds the PostgreSQL server binaries; throws, naming the package to install, when there are none.</summary>
    public static string FindBinDirectory()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("DIDSDK_PG_BINDIR") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        if (TryRun("pg_config", ["--bindir"]) is { } bindir)
        {
            candidates.Add(bindir.Trim());
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "postgres")))
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, postgres) were not found (DIDSDK_PG_BINDIR, pg_config --bindir, /usr/lib/postgresql/N/bin). " +
                "Install the Debian package `postgresql` (./build.sh test does).");
    }

    /// <summary>Creates a cluster in a new temporary directory and starts the server; returns when it accepts connections.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<PostgreSqlServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var bin = FindBinDirectory();
        var directory = Directory.CreateTempSubdirectory("didsdk-pg-").FullName;
        try
        {
            var data = Path.Combine(directory, "data");
            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            await InitDbAsync(bin, directory, data, password, cancellationToken).ConfigureAwait(false);

            // A free port can be taken between probing and binding: try a few.
            for (var attempt = 1; ; attempt++)
            {
                var port = FreeLoopbackPort();
                var output = new ConcurrentQueue<string>();
                var process = Start(bin, "postgres", directory,
                [
                    "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture),
                    "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                    "-c", "max_connections=200", "-c", "logging_collector=off",
                ]);
                if (await WaitUntilReadyAsync(process, output, cancellationToken).ConfigureAwait(false))
                {
                    return new PostgreSqlServer(process, directory, bin, port, password, output);
                }

                var log = string.Join('\n', output);
                process.Dispose();
                if (attempt == 3 || !log.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"PostgreSQL did not start. Output:\n{log}");
                }
            }
        }
        catch
        {
            TryDelete(directory);
            throw;
        }
    }

    /// <summary>Creates a database (with <c>createdb</c> over TCP).</summary>
    /// <param name="name">The database name: letters, digits and underscores.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException("Database names here are letters, digits and underscores.", nameof(name));
        }

        var start = new ProcessStartInfo(Path.Combine(_binDirectory, "createdb"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", UserName, "--no-password", name })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PGPASSWORD"] = Password;
        await RunToEndAsync(start, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The last lines the server wrote, for diagnosing a failed test.</summary>
    public string RecentOutput() => string.Join('\n', _output);

    /// <summary>Stops the server (SIGINT to its process id: fast shutdown, then a kill after 30 s) and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                TryRun("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)]);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
            TryDelete(_directory);
        }
    }

    private static async Task InitDbAsync(string bin, string directory, string data, string password, CancellationToken cancellationToken)
    {
        var passwordFile = Path.Combine(directory, "pwfile");
        await File.WriteAllTextAsync(passwordFile, password + "\n", cancellationToken).ConfigureAwait(false);
        if (Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows())
        {
            // The service account must reach the directory, read the password file and own the data directory.
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            Directory.CreateDirectory(data);
            await RunToEndAsync(Command("chown", [ServiceAccount, data]), cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var start = StartInfo(bin, "initdb", directory,
            [
                "-D", data, "-U", UserName, "--pwfile", passwordFile, "--auth", "scram-sha-256",
                "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions",
            ]);
            await RunToEndAsync(start, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private static ProcessStartInfo StartInfo(string bin, string program, string workingDirectory, IEnumerable<string> arguments)
    {
        var path = Path.Combine(bin, program);
        ProcessStartInfo start;
        if (Environment.IsPrivilegedProcess)
        {
            if (TryRun("id", ["-u", ServiceAccount]) is null)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL refuses to run as root and there is no '{ServiceAccount}' account to run it as. Install the Debian package `postgresql` (it creates the account) or run the tests as an unprivileged user.");
            }

            // setpriv execs the program, so the process id below is the postmaster's own.
            start = Command("setpriv", ["--reuid", ServiceAccount, "--regid", ServiceAccount, "--clear-groups", "--", path, .. arguments]);
        }
        else
        {
            start = Command(path, arguments);
        }

        start.WorkingDirectory = workingDirectory;
        return start;
    }

    private static Process Start(string bin, string program, string workingDirectory, IEnumerable<string> arguments)
    {
        var start = StartInfo(bin, program, workingDirectory, arguments);
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{start.FileName} could not be started: {e.Message}", e);
        }
    }

    private static async Task<bool> WaitUntilReadyAsync(Process process, ConcurrentQueue<string> output, CancellationToken cancellationToken)
    {
        var ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = DrainAsync(process.StandardOutput, output, ready);
        _ = DrainAsync(process.StandardError, output, ready);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(StartTimeout);
        try
        {
            var exited = process.WaitForExitAsync(limit.Token);
            var first = await Task.WhenAny(ready.Task, exited).ConfigureAwait(false);
            if (first == ready.Task)
            {
                return true;
            }

            await exited.ConfigureAwait(false);
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"PostgreSQL did not accept connections within {StartTimeout}. Output:\n{string.Join('\n', output)}");
        }
    }

    private static async Task DrainAsync(StreamReader reader, ConcurrentQueue<string> output, TaskCompletionSource<bool> ready)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                output.Enqueue(line);
                while (output.Count > 200 && output.TryDequeue(out _))
                {
                }

                if (line.Contains("ready to accept connections", StringComparison.Ordinal))
                {
                    ready.TrySetResult(true);
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // The process was disposed.
        }
        catch (IOException)
        {
            // The pipe closed with the process.
        }
    }

    private static ProcessStartInfo Command(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    private static async Task RunToEndAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(start.FileName)} {string.Join(' ', start.ArgumentList.Take(3))}... failed ({process.ExitCode}):\n{await stdout.ConfigureAwait(false)}\n{await stderr.ConfigureAwait(false)}");
        }
    }

    private static string? TryRun(string program, IEnumerable<string> arguments)
    {
        try
        {
            using var process = Process.Start(Command(program, arguments));
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (Win32Exception)
        {
            return null;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary directory.
        }
        catch (UnauthorizedAccessException)
        {
            // Best effort: a temporary directory.
        }
    }
}
