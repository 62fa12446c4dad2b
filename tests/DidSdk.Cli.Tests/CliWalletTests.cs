using System.Diagnostics;
using System.Text.Json.Nodes;
using DidSdk.Core.Jose;
using DidSdk.Crypto;
using DidSdk.SdJwt;

namespace DidSdk.Cli.Tests;

/// <summary>
/// <c>didsdk wallet ...</c> through the tool: every subcommand, the passphrase from the environment or a file, wrong
/// passphrases and bad inputs (exit 2, a DIDSDK6xxx or tool code, nothing written, no secret echoed).
/// </summary>
public sealed class CliWalletTests
{
    private const string Passphrase = "wallet passphrase 7c1e";
    private const string Vct = "https://kyc.consortium.example/credentials/kyc/v1";
    private const string Query = """{"credentials":[{"id":"kyc","format":"dc+sd-jwt","meta":{"vct_values":["https://kyc.consortium.example/credentials/kyc/v1"]},"claims":[{"path":["age_over_18"]}]}]}""";

    private TestMaterial _material = null!;
    private string _passphraseFile = null!;

    [SetUp]
    public void SetUp()
    {
        _material = TestMaterial.Create("didsdk-cli-wallet-");
        _passphraseFile = _material.Write("passphrase.txt", Passphrase + "\n");
    }

    [TearDown]
    public void TearDown() => _material.Dispose();

    private string WalletFile => _material.PathOf("holder.wallet");

    [Test]
    public async Task WalletImport_CoseIssuedByVcIssue_BinaryAndBase64_ListedAndShownAsTheSameBytes()
    {
        var issuerKey = _material.WritePrivateJwk("issuer.jwk", _material.IssuerKey);
        var vc = _material.WriteJson("vc.json", _material.Credential());
        var issued = await CliRunner.RunAsync("vc", "issue", "--format", "cose", "--key", issuerKey, "--kid", _material.IssuerKid, "@" + vc);
        Assert.That(issued.ExitCode, Is.Zero, issued.ToString());
        var base64 = issued.Stdout.Trim();
        var message = Convert.FromBase64String(base64);
        var binaryFile = _material.Write("vc.cose", message);
        Assert.That((await RunAsync(Passphrase, "wallet", "init", "--wallet", WalletFile)).ExitCode, Is.Zero);

        // The binary COSE_Sign1 from a file, and the base64 text on stdin: both verified, then stored.
        var fromFile = await RunAsync(Passphrase, "wallet", "import", "--wallet", WalletFile, "@" + binaryFile);
        Assert.That(fromFile.ExitCode, Is.Zero, fromFile.ToString());
        Assert.That(fromFile.Json["format"]!.GetValue<string>(), Is.EqualTo("vc+cose"));
        Assert.That(fromFile.Json["securing"]!.GetValue<string>(), Is.EqualTo("vc+cose"));
        Assert.That(fromFile.Json["issuer"]!.GetValue<string>(), Is.EqualTo(_material.IssuerDid));
        var fromStdin = await RunAsync(Passphrase, System.Text.Encoding.UTF8.GetBytes(base64 + "\n"), "wallet", "import", "--wallet", WalletFile, "-");
        Assert.That(fromStdin.ExitCode, Is.Zero, fromStdin.ToString());

        var list = await RunAsync(Passphrase, "wallet", "list", "--wallet", WalletFile);
        Assert.That(list.ExitCode, Is.Zero, list.ToString());
        Assert.That(list.Json["credentials"]!.AsArray().Select(c => c!["format"]!.GetValue<string>()), Is.EqualTo(new[] { "vc+cose", "vc+cose" }));
        Assert.That(list.Json["credentials"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()), Is.EquivalentTo(new[] { fromFile.Json["id"]!.GetValue<string>(), fromStdin.Json["id"]!.GetValue<string>() }));

        // show prints the message in base64url; --out writes back exactly the imported bytes.
        var outFile = _material.PathOf("exported.cose");
        var show = await RunAsync(Passphrase, "wallet", "show", "--wallet", WalletFile, fromFile.Json["id"]!.GetValue<string>(), "--out", outFile);
        Assert.That(show.ExitCode, Is.Zero, show.ToString());
        Assert.That(show.Json["credential"]!.GetValue<string>(), Is.EqualTo(System.Buffers.Text.Base64Url.EncodeToString(message)));
        Assert.That(show.Json["claims"]!["credentialSubject"]!["kyc_level"]!.GetValue<string>(), Is.EqualTo("enhanced"));
        Assert.That(await File.ReadAllBytesAsync(outFile), Is.EqualTo(message));
        Assert.That((await CliRunner.RunAsync("vc", "verify", "@" + outFile)).ExitCode, Is.Zero);
    }

    [Test]
    public async Task WalletImport_CoseTamperedOrNotCanonical_RefusedNothingStored()
    {
        var issuerKey = _material.WritePrivateJwk("issuer.jwk", _material.IssuerKey);
        var vc = _material.WriteJson("vc.json", _material.Credential());
        var issued = await CliRunner.RunAsync("vc", "issue", "--format", "cose", "--key", issuerKey, "--kid", _material.IssuerKid, "@" + vc);
        Assert.That(issued.ExitCode, Is.Zero, issued.ToString());
        var message = Convert.FromBase64String(issued.Stdout.Trim());
        Assert.That((await RunAsync(Passphrase, "wallet", "init", "--wallet", WalletFile)).ExitCode, Is.Zero);

        var tampered = (byte[])message.Clone();
        tampered[^1] ^= 0x01;
        CliAssert.BadInput(await RunAsync(Passphrase, "wallet", "import", "--wallet", WalletFile, "@" + _material.Write("tampered.cose", tampered)), "DIDSDK6103");
        CliAssert.BadInput(await RunAsync(Passphrase, "wallet", "import", "--wallet", WalletFile, "@" + _material.Write("trailing.cose", [.. message, 0x00])), "DIDSDK6101");

        var list = await RunAsync(Passphrase, "wallet", "list", "--wallet", WalletFile);
        Assert.That(list.ExitCode, Is.Zero, list.ToString());
        Assert.That(list.Json["credentials"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Wallet_EverySubcommand_EndToEnd()
    {
        // init (passphrase from the environment), key-generate (from a file: both forms unlock the same wallet).
        var init = await RunAsync(Passphrase, "wallet", "init", "--wallet", WalletFile);
        Assert.That(init.ExitCode, Is.Zero, init.ToString());
        Assert.That(init.Json["wallet"]!.GetValue<string>(), Is.EqualTo(WalletFile));

        var key = await RunAsync(null, "wallet", "key-generate", "--wallet", WalletFile, "--passphrase-file", _passphraseFile, "--alg", "ES256");
        Assert.That(key.ExitCode, Is.Zero, key.ToString());
        var keyId = key.Json["id"]!.GetValue<string>();
        Assert.That(key.Json["keyType"]!.GetValue<string>(), Is.EqualTo("P256"));
        Assert.That(key.Json["publicJwk"]!.AsObject().ContainsKey("d"), Is.False);
        Assert.That(key.Json["dids"]!.AsArray().Select(d => d!.GetValue<string>()), Has.Some.StartsWith("did:key:").And.Some.StartsWith("did:jwk:"));

        // import: the issuer binds the credential to the wallet's key.
        var holderJwk = Jwk.Parse(key.Json["publicJwk"]!.ToJsonString());
        Assert.That(holderJwk.TryGetPublicKey(out var holderKey), Is.True);
        var sdJwt = _material.Write("kyc.sd-jwt", await IssueSdJwtAsync(holderKey!) + "\n");
        var imported = await RunAsync(Passphrase, "wallet", "import", "--wallet", WalletFile, "@" + sdJwt);
        Assert.That(imported.ExitCode, Is.Zero, imported.ToString());
        var credentialId = imported.Json["id"]!.GetValue<string>();
        Assert.That(imported.Json["format"]!.GetValue<string>(), Is.EqualTo("dc+sd-jwt"));
        Assert.That(imported.Json["issuer"]!.GetValue<string>(), Is.EqualTo(_material.IssuerDid));
        Assert.That(imported.Stdout, Does.Not.Contain(TestMaterial.Canary));

        // list
        var list = await RunAsync(Passphrase, "wallet", "list", "--wallet", WalletFile);
        Assert.That(list.ExitCode, Is.Zero, list.ToString());
        Assert.That(list.Json["keys"]!.AsArray().Select(k => k!["id"]!.GetValue<string>()), Is.EqualTo(new[] { keyId }));
        Assert.That(list.Json["credentials"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()), Is.EqualTo(new[] { credentialId }));
        Assert.That(list.Json["problems"]!.AsArray(), Is.Empty);

        // show: a credential with its claims, a key without its private part.
        var show = await RunAsync(Passphrase, "wallet", "show", "--wallet", WalletFile, credentialId);
        Assert.That(show.ExitCode, Is.Zero, show.ToString());
        Assert.That(show.Json["claims"]!["given_name"]!.GetValue<string>(), Is.EqualTo("Ji-woo"));
        Assert.That(show.Json["credential"]!.GetValue<string>(), Is.EqualTo(File.ReadAllText(sdJwt).Trim()));
        var showKey = await RunAsync(Passphrase, "wallet", "show", "--wallet", WalletFile, keyId);
        Assert.That(showKey.ExitCode, Is.Zero, showKey.ToString());
        Assert.That(showKey.Json["publicJwk"]!.AsObject().ContainsKey("d"), Is.False);

        // query (from stdin): exactly the requested claim is disclosed.
        var query = await RunAsync(Passphrase, System.Text.Encoding.UTF8.GetBytes(Query), "wallet", "query", "--wallet", WalletFile, "-");
        Assert.That(query.ExitCode, Is.Zero, query.ToString());
        Assert.That(query.Json["satisfied"]!.GetValue<bool>(), Is.True);
        var candidate = query.Json["candidates"]!["kyc"]![0]!;
        Assert.That(candidate["credentialId"]!.GetValue<string>(), Is.EqualTo(credentialId));
        Assert.That(candidate["disclosedClaims"]!["age_over_18"]!.GetValue<bool>(), Is.True);
        Assert.That(candidate["disclosedClaims"]!.AsObject().ContainsKey("given_name"), Is.False);

        // present, then the verifier's side with the tool: key binding for this audience and nonce only.
        var present = await RunAsync(Passphrase, "wallet", "present", "--wallet", WalletFile, Query, "--aud", "https://bank-b.example", "--nonce", "n-7", "--credential", credentialId);
        Assert.That(present.ExitCode, Is.Zero, present.ToString());
        var presentation = present.Json["kyc"]![0]!.GetValue<string>();
        var verified = CliAssert.Verified(await CliRunner.RunAsync("vc", "verify", presentation, "--aud", "https://bank-b.example", "--nonce", "n-7", "--trusted-issuer", _material.IssuerDid));
        Assert.That(verified["claims"]!["age_over_18"]!.GetValue<bool>(), Is.True);
        Assert.That(verified["claims"]!.AsObject().ContainsKey("given_name"), Is.False);
        CliAssert.NotVerified(await CliRunner.RunAsync("vc", "verify", presentation, "--aud", "https://bank-b.example", "--nonce", "other", "--trusted-issuer", _material.IssuerDid));

        // export and restore into a new wallet with a new passphrase.
        var backupPassphraseFile = _material.Write("backup-passphrase.txt", "backup passphrase 91d0");
        var backup = _material.PathOf("holder.backup");
        var export = await RunAsync(Passphrase, "wallet", "export", "--wallet", WalletFile, "--out", backup, "--backup-passphrase-file", backupPassphraseFile);
        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        Assert.That(File.Exists(backup), Is.True);
        var restoredFile = _material.PathOf("restored.wallet");
        var restore = await RunAsync("new passphrase 3b", "wallet", "restore", "--wallet", restoredFile, backup, "--backup-passphrase-file", backupPassphraseFile);
        Assert.That(restore.ExitCode, Is.Zero, restore.ToString());
        Assert.That(restore.Json["keys"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(restore.Json["credentials"]!.GetValue<int>(), Is.EqualTo(1));
        var restoredShow = await RunAsync("new passphrase 3b", "wallet", "show", "--wallet", restoredFile, credentialId);
        Assert.That(restoredShow.ExitCode, Is.Zero, restoredShow.ToString());

        // delete: the credential, then it is gone; deleting it again is not found.
        var delete = await RunAsync(Passphrase, "wallet", "delete", "--wallet", WalletFile, credentialId);
        Assert.That(delete.ExitCode, Is.Zero, delete.ToString());
        Assert.That(delete.Json["deleted"]!.GetValue<bool>(), Is.True);
        CliAssert.BadInput(await RunAsync(Passphrase, "wallet", "delete", "--wallet", WalletFile, credentialId), "DIDSDK6005");
        CliAssert.BadInput(await RunAsync(Passphrase, "wallet", "show", "--wallet", WalletFile, credentialId), "DIDSDK6005");

        // query now unsatisfiable: exit 1 with the result; present refuses.
        var unsatisfied = await RunAsync(Passphrase, "wallet", "query", "--wallet", WalletFile, Query);
        Assert.That(unsatisfied.ExitCode, Is.EqualTo(1), unsatisfied.ToString());
        Assert.That(unsatisfied.Json["satisfied"]!.GetValue<bool>(), Is.False);
        var refused = await RunAsync(Passphrase, "wallet", "present", "--wallet", WalletFile, Query, "--aud", "https://bank-b.example", "--nonce", "n-8");
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.ErrorCode, Is.EqualTo("DIDSDK6301"));
        Assert.That(refused.Stdout, Is.Empty);
    }

    [TestCase("list")]
    [TestCase("key-generate", "--alg", "Ed25519")]
    [TestCase("import", "eyJhbGciOiJFZERTQSJ9.e30.c2ln")]
    [TestCase("show", "cred-00")]
    [TestCase("query", Query)]
    [TestCase("present", Query, "--aud", "https://bank-b.example", "--nonce", "n")]
    [TestCase("delete", "cred-00")]
    [TestCase("export", "--out", "never.backup")]
    public async Task Wallet_WrongPassphrase_DIDSDK6001AndNothingWritten(string subcommand, params string[] rest)
    {
        Assert.That((await RunAsync(Passphrase, "wallet", "init", "--wallet", WalletFile)).ExitCode, Is.Zero);
        var before = await File.ReadAllBytesAsync(WalletFile);
        var args = new List<string> { "wallet", subcommand, "--wallet", WalletFile };
        args.AddRange(rest.Select(r => r == "never.backup" ? _material.PathOf(r) : r));
        var run = await RunAsync("not the passphrase", extraEnvironment: ("DIDSDK_WALLET_BACKUP_PASSPHRASE", "b"), args: [.. args]);

        CliAssert.BadInput(run, "DIDSDK6001");
        Assert.That(run.Stderr, Does.Not.Contain("not the passphrase"));
        Assert.That(await File.ReadAllBytesAsync(WalletFile), Is.EqualTo(before));
        Assert.That(File.Exists(_material.PathOf("never.backup")), Is.False);
    }

    [Test]
    public async Task Wallet_Inputs_BadInputRefusedWithTheirCodes()
    {
        // No passphrase at all; a passphrase file that does not exist.
        CliAssert.BadInput(await RunAsync(null, "wallet", "init", "--wallet", WalletFile), "passphraseMissing");
        CliAssert.BadInput(await RunAsync(null, "wallet", "init", "--wallet", WalletFile, "--passphrase-file", _material.PathOf("none.txt")), "fileNotFound");
        Assert.That(File.Exists(WalletFile), Is.False);

        // The passphrase is never a command-line value: there is no such option.
        CliAssert.BadInput(await RunAsync(null, "wallet", "init", "--wallet", WalletFile, "--passphrase", Passphrase), "badUsage");

        Assert.That((await RunAsync(Passphrase, "wallet", "init", "--wallet", WalletFile)).ExitCode, Is.Zero);
        CliAssert.BadInput(await RunAsync(Passphrase, "wallet", "init", "--wallet", WalletFile), "DIDSDK6004");
        CliAssert.BadInput(await RunAsync(Passphrase, "wallet", "list", "--wallet", _material.PathOf("missing.wallet")), "DIDSDK6005");
        var notAWallet = _material.Write("not-a-wallet", "hello");
        CliAssert.BadInput(await RunAsync(Passphrase, "wallet", "list", "--wallet", notAWallet));

        // A malformed credential is refused and not stored.
        CliAssert.BadInput(await RunAsync(Passphrase, "wallet", "import", "--wallet", WalletFile, "eyJhbGciOiJFZERTQSJ9.e30.c2ln"), "DIDSDK6101");
        CliAssert.BadInput(await RunAsync(Passphrase, "wallet", "import", "--wallet", WalletFile, "@" + _material.PathOf("none.jwt")), "fileNotFound");
        var list = await RunAsync(Passphrase, "wallet", "list", "--wallet", WalletFile);
        Assert.That(list.Json["credentials"]!.AsArray(), Is.Empty);

        // Bad DCQL: not JSON, not a query.
        CliAssert.BadInput(await RunAsync(Passphrase, "wallet", "query", "--wallet", WalletFile, "{\"credentials\":"), "DIDSDK6201");
        CliAssert.BadInput(await RunAsync(Passphrase, "wallet", "query", "--wallet", WalletFile, "{\"credentials\":[]}"), "DIDSDK6201");
        CliAssert.BadInput(await RunAsync(Passphrase, "wallet", "present", "--wallet", WalletFile, Query, "--aud", "a"), "badUsage");

        // Bad usage: unknown algorithm, missing --wallet; a backup without its passphrase; a missing backup file.
        CliAssert.BadInput(await RunAsync(Passphrase, "wallet", "key-generate", "--wallet", WalletFile, "--alg", "RS256"), "badUsage");
        CliAssert.BadInput(await RunAsync(Passphrase, "wallet", "list"), "badUsage");
        CliAssert.BadInput(await RunAsync(Passphrase, "wallet", "export", "--wallet", WalletFile, "--out", _material.PathOf("b")), "passphraseMissing");
        CliAssert.BadInput(await RunAsync(Passphrase, "wallet", "restore", "--wallet", _material.PathOf("r.wallet"), _material.PathOf("none.backup")), "fileNotFound");

        // A wrong backup passphrase: the backup is refused and no wallet is written.
        var backup = _material.PathOf("w.backup");
        Assert.That((await RunAsync(Passphrase, extraEnvironment: ("DIDSDK_WALLET_BACKUP_PASSPHRASE", "right"), args: ["wallet", "export", "--wallet", WalletFile, "--out", backup])).ExitCode, Is.Zero);
        CliAssert.BadInput(await RunAsync(Passphrase, extraEnvironment: ("DIDSDK_WALLET_BACKUP_PASSPHRASE", "wrong"), args: ["wallet", "restore", "--wallet", _material.PathOf("r.wallet"), backup]), "DIDSDK6401");
        Assert.That(File.Exists(_material.PathOf("r.wallet")), Is.False);
    }

    private async Task<string> IssueSdJwtAsync(PublicKeyMaterial holder)
    {
        var token = await new SdJwtVcIssuer(new KeySigner(_material.IssuerKey, _material.IssuerKid)).IssueAsync(new SdJwtVcIssuanceRequest
        {
            Issuer = _material.IssuerDid,
            Vct = Vct,
            Claims = new JsonObject { ["given_name"] = "Ji-woo", ["age_over_18"] = true, ["note"] = TestMaterial.Canary },
            Disclosable = ["/given_name", "/age_over_18", "/note"],
            HolderPublicKey = holder,
        });
        return token.ToCompact();
    }

    private static Task<CliRun> RunAsync(string? passphrase, params string[] args) => RunAsync(passphrase, null, null, args);

    private static Task<CliRun> RunAsync(string? passphrase, byte[] stdin, params string[] args) => RunAsync(passphrase, stdin, null, args);

    private static Task<CliRun> RunAsync(string? passphrase, (string Name, string Value) extraEnvironment, string[] args) => RunAsync(passphrase, null, extraEnvironment, args);

    /// <summary>Runs the tool with the wallet passphrase in its environment (never in its arguments).</summary>
    private static async Task<CliRun> RunAsync(string? passphrase, byte[]? stdin, (string Name, string Value)? extraEnvironment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "didsdk.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("DIDSDK_WALLET_PASSPHRASE");
        start.Environment.Remove("DIDSDK_WALLET_BACKUP_PASSPHRASE");
        if (passphrase is not null)
        {
            start.Environment["DIDSDK_WALLET_PASSPHRASE"] = passphrase;
        }

        if (extraEnvironment is { } extra)
        {
            start.Environment[extra.Name] = extra.Value;
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
            // The tool may exit before reading its input.
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"didsdk {string.Join(' ', args.Take(2))} did not exit within 120 s.");
        }

        return new CliRun(process.ExitCode, (await stdout).Trim(), (await stderr).Trim());
    }
}
