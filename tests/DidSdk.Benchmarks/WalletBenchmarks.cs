using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using DidSdk.Core.Jose;
using DidSdk.Core.Methods;
using DidSdk.Crypto;
using DidSdk.SdJwt;
using DidSdk.Wallet;
using NSec.Cryptography;

namespace DidSdk.Benchmarks;

/// <summary>
/// A holder wallet with 10,000 SD-JWT VCs (1,000 of them KYC credentials): open it (one Argon2id derivation with the
/// wallet's default costs, 64 MiB / 3 passes / 1 lane) and run a DCQL query, beside one Argon2id derivation alone and
/// one Ed25519 verification (the baseline) in the same run.
/// Run: <c>nice -n 19 dotnet run -c Release --project tests/DidSdk.Benchmarks -- --filter '*WalletBenchmarks*'</c> (a short
/// job in process, with a time limit that leaves room for building the wallet on the first run).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(WalletBenchmarkConfig))]
public class WalletBenchmarks
{
    private const int CredentialCount = 10_000;
    private const int KycEvery = 10;
    private const string Passphrase = "benchmark wallet passphrase";
    private const string KycVct = "https://kyc.consortium.example/credentials/kyc/v1";
    private const string AccountVct = "https://bank.example/credentials/account/v1";

    private const string Query = """
        {"credentials":[{"id":"kyc","format":"dc+sd-jwt","meta":{"vct_values":["https://kyc.consortium.example/credentials/kyc/v1"]},
          "claims":[{"path":["nationality"],"values":["KR"]},{"path":["age_over_18"]}]}]}
        """;

    private static readonly byte[] Data = new byte[256];
    private static readonly byte[] Salt = new byte[16];
    private static readonly byte[] Password = Encoding.UTF8.GetBytes(Passphrase);

    private readonly PasswordBasedKeyDerivationAlgorithm _argon2id = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
    {
        DegreeOfParallelism = 1,
        MemorySize = WalletOptions.Default.Argon2MemoryKiB,
        NumberOfPasses = WalletOptions.Default.Argon2Iterations,
    });

    private DidSdk.Crypto.PrivateKey _key = null!;
    private byte[] _signature = null!;
    private string _walletPath = null!;

    [GlobalSetup]
    public void Setup()
    {
        _key = DidSdk.Crypto.PrivateKey.Generate(KeyType.Ed25519);
        _signature = SigningAlgorithm.Ed25519.Sign(_key, Data);

        // Building the wallet takes minutes (10,000 imports, each its own durable transaction): keep it between runs, and
        // build it in memory-backed storage where there is one (fsync is what makes building slow, not what is measured:
        // opening reads the header, the query reads rows that are in the page cache after the warm-up either way).
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        _walletPath = Path.Combine(root, "didsdk-benchmarks", $"wallet-{CredentialCount}.wallet");
        if (!File.Exists(_walletPath))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_walletPath)!);
            BuildWalletAsync(_walletPath + ".building").GetAwaiter().GetResult();
            File.Move(_walletPath + ".building", _walletPath);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark(Baseline = true, Description = "Ed25519 verify (one)")]
    public bool Ed25519Verify() => SigningAlgorithm.Ed25519.Verify(_key.PublicKey, Data, _signature);

    [Benchmark(Description = "Argon2id derivation (64 MiB, t=3, p=1)")]
    public byte[] Argon2idDerivation() => _argon2id.DeriveBytes(Password, Salt, 32);

    [Benchmark(Description = "Open 10,000-credential wallet + DCQL query")]
    public async Task<int> OpenWalletAndQuery()
    {
        await using var wallet = await DidSdk.Wallet.Wallet.OpenAsync(_walletPath, Passphrase);
        var result = await wallet.QueryAsync(Query);
        return result.Candidates["kyc"].Count;
    }

    private static async Task BuildWalletAsync(string path)
    {
        using var issuerKey = DidSdk.Crypto.PrivateKey.Generate(KeyType.Ed25519);
        var issuerDid = DidKey.Create(issuerKey.PublicKey);
        var issuer = new SdJwtVcIssuer(new KeySigner(issuerKey, DidKey.GetVerificationMethodId(issuerKey.PublicKey)));
        // An interrupted build goes on where it stopped.
        await using var wallet = File.Exists(path) ? await DidSdk.Wallet.Wallet.OpenAsync(path, Passphrase) : await DidSdk.Wallet.Wallet.CreateAsync(path, Passphrase);
        var keys = await wallet.ListKeysAsync();
        var holder = keys.Count > 0 ? keys[0] : await wallet.GenerateKeyAsync(KeyType.Ed25519);
        for (var i = (await wallet.ListCredentialsAsync()).Credentials.Count; i < CredentialCount; i++)
        {
            var kyc = i % KycEvery == 0;
            var claims = kyc
                ? new JsonObject { ["given_name"] = $"Customer {i}", ["nationality"] = i % 20 == 0 ? "KR" : "FR", ["age_over_18"] = true, ["kyc_level"] = "enhanced" }
                : new JsonObject { ["iban"] = $"DE89370400440532{i:D6}", ["currency"] = "EUR" };
            var token = await issuer.IssueAsync(new SdJwtVcIssuanceRequest
            {
                Issuer = issuerDid,
                Vct = kyc ? KycVct : AccountVct,
                Claims = claims,
                Disclosable = [.. claims.Select(c => "/" + c.Key)],
                HolderPublicKey = holder.PublicKey,
            });
            var imported = await wallet.ImportCredentialAsync(token.ToCompact());
            if (!imported.Succeeded)
            {
                throw new InvalidOperationException("A benchmark credential was refused: " + imported.Problems[0].Code);
            }
        }
    }
}
