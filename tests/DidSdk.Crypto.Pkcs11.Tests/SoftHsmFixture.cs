using System.Diagnostics;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace DidSdk.Crypto.Pkcs11.Tests;

/// <summary>
/// A SoftHSM2 token in a temporary directory (its own <c>SOFTHSM2_CONF</c>), initialised with <c>softhsm2-util</c>, and
/// key pairs generated in it through PKCS#11 (sensitive, not extractable). A missing SoftHSM2 fails every test.
/// </summary>
[SetUpFixture]
public sealed partial class SoftHsmFixture
{
    public const string TokenLabel = "didsdk-test";
    public const string UserPin = "5678";
    private const string SoPin = "1234";
    private static readonly string[] LibraryCandidates = ["/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so", "/usr/local/lib/softhsm/libsofthsm2.so"];
    private static string? _directory;

    public static string LibraryPath { get; private set; } = string.Empty;

    [OneTimeSetUp]
    public void Start()
    {
        LibraryPath = LibraryCandidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("SoftHSM2 is not installed (libsofthsm2.so not found): apt-get install -y softhsm2 (./build.sh test does).");
        _directory = Directory.CreateTempSubdirectory("didsdk-softhsm-").FullName;
        var tokens = Directory.CreateDirectory(Path.Combine(_directory, "tokens")).FullName;
        var config = Path.Combine(_directory, "softhsm2.conf");
        File.WriteAllText(config, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        // SoftHSM2 reads the variable with getenv in this process: set it natively, not only in .NET's copy.
        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", config);
        if (SetEnv("SOFTHSM2_CONF", config, 1) != 0)
        {
            throw new InvalidOperationException("setenv(SOFTHSM2_CONF) failed.");
        }

        Run("softhsm2-util", "--init-token", "--free", "--label", TokenLabel, "--so-pin", SoPin, "--pin", UserPin);
        GenerateKeys();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    private static void Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {output}");
        }
    }

    /// <summary>Key pairs the tests sign with: label, CKA_ID, key type and curve parameters.</summary>
    public static readonly (string Label, byte[] Id, ulong KeyType, ulong Mechanism, byte[] Parameters, bool Extractable)[] Keys =
    [
        ("p256", [0x01], (ulong)CKK.CKK_EC, (ulong)CKM.CKM_EC_KEY_PAIR_GEN, [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07], false),
        ("secp256k1", [0x02], (ulong)CKK.CKK_EC, (ulong)CKM.CKM_EC_KEY_PAIR_GEN, [0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x0a], false),
        ("ed25519", [0x03], 0x40, 0x1055, [0x06, 0x03, 0x2b, 0x65, 0x70], false),
        ("p256-extractable", [0x04], (ulong)CKK.CKK_EC, (ulong)CKM.CKM_EC_KEY_PAIR_GEN, [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07], true),
    ];

    private static void GenerateKeys()
    {
        Pkcs11NativeLibrary.EnsureResolver();
        var factories = new Pkcs11InteropFactories();
        using var library = factories.Pkcs11LibraryFactory.LoadPkcs11Library(factories, LibraryPath, AppType.MultiThreaded);
        var slot = library.GetSlotList(SlotsType.WithTokenPresent).Single(s => s.GetTokenInfo().Label.TrimEnd(' ', '\0') == TokenLabel);
        using var session = slot.OpenSession(SessionType.ReadWrite);
        session.Login(CKU.CKU_USER, UserPin);
        var f = session.Factories.ObjectAttributeFactory;
        foreach (var (label, id, keyType, mechanismType, parameters, extractable) in Keys)
        {
            List<IObjectAttribute> publicTemplate =
            [
                f.Create(CKA.CKA_TOKEN, true), f.Create(CKA.CKA_LABEL, label), f.Create(CKA.CKA_ID, id), f.Create(CKA.CKA_VERIFY, true),
                f.Create(CKA.CKA_KEY_TYPE, keyType), f.Create(CKA.CKA_EC_PARAMS, parameters),
            ];
            List<IObjectAttribute> privateTemplate =
            [
                f.Create(CKA.CKA_TOKEN, true), f.Create(CKA.CKA_LABEL, label), f.Create(CKA.CKA_ID, id), f.Create(CKA.CKA_SIGN, true),
                f.Create(CKA.CKA_KEY_TYPE, keyType), f.Create(CKA.CKA_PRIVATE, true),
                f.Create(CKA.CKA_SENSITIVE, !extractable), f.Create(CKA.CKA_EXTRACTABLE, extractable),
            ];
            using var mechanism = session.Factories.MechanismFactory.Create(mechanismType);
            session.GenerateKeyPair(mechanism, publicTemplate, privateTemplate, out _, out _);
        }

        session.Logout();
    }
}
