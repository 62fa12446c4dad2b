using System.Diagnostics;
using System.Text.RegularExpressions;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Remote;

namespace DidSdk.Samples.Tests;

/// <summary>
/// Debian's headless Chromium behind its chromedriver, started with <c>--port=0</c>: chromedriver binds a free port itself
/// and prints it, and Selenium connects there (no "probe a free port, then start the driver" race). Chromium is started
/// by chromedriver with its own DevTools port 0. Disposing quits the browser and ends the driver process by its id.
/// </summary>
internal sealed partial class HeadlessChromium : IDisposable
{
    private const string DriverPath = "/usr/bin/chromedriver";
    private const string BrowserPath = "/usr/bin/chromium";
    private readonly Process _driver;

    private HeadlessChromium(Process driver, RemoteWebDriver browser)
    {
        _driver = driver;
        Browser = browser;
    }

    public RemoteWebDriver Browser { get; }

    public static async Task<HeadlessChromium> StartAsync()
    {
        Assert.That(File.Exists(DriverPath) && File.Exists(BrowserPath), Is.True, "chromium and chromium-driver are required (build.sh installs them)");
        var start = new ProcessStartInfo(DriverPath) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--port=0");
        var driver = Process.Start(start)!;
        try
        {
            var port = await ReadPortAsync(driver);
            var options = new ChromeOptions { BinaryLocation = BrowserPath };
            options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run");
            return new HeadlessChromium(driver, new RemoteWebDriver(new Uri($"http://127.0.0.1:{port}/"), options.ToCapabilities(), TimeSpan.FromSeconds(60)));
        }
        catch
        {
            Stop(driver);
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            Browser.Quit();
            Browser.Dispose();
        }
        finally
        {
            Stop(_driver);
        }
    }

    private static async Task<int> ReadPortAsync(Process driver)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<string>();
        while (await driver.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.Add(line);
            if (StartedOnPort().Match(line) is { Success: true } match)
            {
                // Keep draining the driver's output so it never blocks on a full pipe.
                _ = driver.StandardOutput.ReadToEndAsync();
                _ = driver.StandardError.ReadToEndAsync();
                return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("chromedriver did not report its port: " + string.Join(" | ", seen) + " " + await driver.StandardError.ReadToEndAsync());
    }

    private static void Stop(Process driver)
    {
        if (!driver.HasExited)
        {
            driver.Kill(entireProcessTree: true);
            driver.WaitForExit();
        }

        driver.Dispose();
    }

    [GeneratedRegex(@"started successfully on port (\d+)")]
    private static partial Regex StartedOnPort();
}
