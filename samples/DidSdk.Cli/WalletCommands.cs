using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using DidSdk.Core.Resolution;
using DidSdk.Credentials;
using DidSdk.Crypto;
using DidSdk.Wallet;

namespace DidSdk.Cli;

/// <summary>
/// <c>didsdk wallet init|key-generate|import|list|show|query|present|delete|export|restore --wallet FILE</c>: the
/// holder wallet of DidSdk.Wallet. Passphrases come from an environment variable or a file, never from an argument
/// (arguments are visible to every user of the machine in the process list).
/// </summary>
internal static partial class WalletCommands
{
    /// <summary>The environment variable holding the wallet's passphrase.</summary>
    public const string PassphraseVariable = "DIDSDK_WALLET_PASSPHRASE";

    /// <summary>The environment variable holding the backup's passphrase (<c>export</c>, <c>restore</c>).</summary>
    public const string BackupPassphraseVariable = "DIDSDK_WALLET_BACKUP_PASSPHRASE";

    private const int MaxPassphraseBytes = 4096;

    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("wallet", "A holder wallet: keys and credentials encrypted at rest in one SQLite file.")
        {
            Init(),
            KeyGenerate(),
            Import(context),
            List(),
            Show(),
            Query(context),
            Present(context),
            Delete(),
            Export(),
            Restore(),
            Receive(context),
            Respond(context),
        };
    }

    private static Command Init()
    {
        var (wallet, passphraseFile) = CommonOptions();
        var command = new Command("init", "Create an empty wallet; prints {\"wallet\"}.") { wallet, passphraseFile };
        command.SetCliAction(async (parse, ct) =>
        {
            var path = parse.GetValue(wallet)!;
            var passphrase = ReadPassphrase(parse.GetValue(passphraseFile), PassphraseVariable, "--passphrase-file", "wallet passphrase");
            try
            {
                await using var created = await Run(() => DidSdk.Wallet.Wallet.CreateAsync(path, passphrase, cancellationToken: ct));
                CliOutput.WriteJson(new JsonObject { ["wallet"] = created.Path });
            }
            finally
            {
                Array.Clear(passphrase);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command KeyGenerate()
    {
        var (wallet, passphraseFile) = CommonOptions();
        var alg = new Option<string>("--alg") { Description = "Ed25519 (EdDSA), ES256K (secp256k1) or ES256 (P-256)", Required = true };
        alg.AcceptOnlyFromAmong("Ed25519", "EdDSA", "ES256K", "ES256");
        var exportable = new Option<bool>("--exportable") { Description = "Allow the private key to be exported later (default: never)" };
        var command = new Command("key-generate", "Generate a key inside the wallet; prints its id, public JWK and DIDs.") { wallet, passphraseFile, alg, exportable };
        command.SetCliAction((parse, ct) => WithWalletAsync(parse, wallet, passphraseFile, async w =>
        {
            var keyType = parse.GetValue(alg) switch
            {
                "ES256K" => KeyType.Secp256k1,
                "ES256" => KeyType.P256,
                _ => KeyType.Ed25519,
            };
            var key = await Run(() => w.GenerateKeyAsync(keyType, parse.GetValue(exportable), ct));
            CliOutput.WriteJson(KeyJson(key));
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Import(CliContext context)
    {
        var (wallet, passphraseFile) = CommonOptions();
        var credential = new Argument<string>("CREDENTIAL") { Description = "SD-JWT VC, VC-JOSE, VC-JWT 1.1, Data Integrity JSON or VC-COSE (base64/base64url text, or the binary COSE_Sign1 in a file or on stdin) (literal, @FILE or -)" };
        var command = new Command("import", "Parse, check and store a credential (a VC-COSE credential is also verified); prints the stored credential's metadata.") { wallet, passphraseFile, credential };
        var chain = new ChainOptions();
        chain.AddTo(command);
        command.SetCliAction(async (parse, ct) =>
        {
            // The input is read before the wallet is unlocked: a bad input costs no key derivation.
            var (binary, text) = await context.Input.ReadTextOrCoseAsync(parse.GetValue(credential)!, "credential", ct);
            return await WithWalletAsync(parse, wallet, passphraseFile, async w =>
            {
                // Text that is a VC-COSE message in base64 / base64url is recognised by ImportCredentialAsync itself.
                // A VC-COSE credential is verified before it is stored (its issuer's DID authorizes the kid); a tampered
                // one is refused with DIDSDK6103 and nothing is written.
                var cose = binary ?? (VpCommands.TryDecodeBase64Cose(text!, out var decoded) ? decoded : null);
                var result = cose is not null
                    ? await Run(async () => await w.ImportCoseCredentialAsync(
                        cose,
                        new CredentialVerifier(new CachingDidResolver(await chain.DidResolverAsync(parse, context.Http, ct)), statusListFetcher: new HttpStatusListCredentialFetcher(context.Http)),
                        ct))
                    : await Run(() => w.ImportCredentialAsync(text!, cancellationToken: ct));
                if (!result.Succeeded)
                {
                    var problem = result.Problems.Count > 0 ? result.Problems[0] : null;
                    throw new CliException(problem?.Code ?? WalletProblemCodes.CredentialMalformed, problem?.Message ?? "The credential was refused.");
                }

                CliOutput.WriteJson(CredentialJson(result.Credential!, withClaims: false));
                return ExitCodes.Success;
            }, ct);
        });
        return command;
    }

    private static Command List()
    {
        var (wallet, passphraseFile) = CommonOptions();
        var command = new Command("list", "List keys and credentials; prints {\"keys\",\"credentials\",\"problems\"}.") { wallet, passphraseFile };
        command.SetCliAction((parse, ct) => WithWalletAsync(parse, wallet, passphraseFile, async w =>
        {
            var keys = await Run(() => w.ListKeysAsync(ct));
            var credentials = await Run(() => w.ListCredentialsAsync(ct));
            CliOutput.WriteJson(new JsonObject
            {
                ["keys"] = new JsonArray([.. keys.Select(k => (JsonNode)KeyJson(k))]),
                ["credentials"] = new JsonArray([.. credentials.Credentials.Select(c => (JsonNode)CredentialJson(c, withClaims: false))]),
                ["problems"] = new JsonArray([.. credentials.Problems.Select(p => (JsonNode)new JsonObject { ["id"] = p.RecordId, ["code"] = p.Problem.Code, ["message"] = p.Problem.Message })]),
            });
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Show()
    {
        var (wallet, passphraseFile) = CommonOptions();
        var id = new Argument<string>("ID") { Description = "A credential id (cred-...) or a key id (key-...)" };
        var output = new Option<string?>("--out") { Description = "Also write the credential exactly as issued to this file (must not exist): the COSE_Sign1 bytes for vc+cose, the text otherwise" };
        var command = new Command("show", "Show one credential (with its claims and the credential itself) or one key.") { wallet, passphraseFile, id, output };
        command.SetCliAction((parse, ct) => WithWalletAsync(parse, wallet, passphraseFile, async w =>
        {
            var recordId = parse.GetValue(id)!;
            if (parse.GetValue(output) is not null && recordId.StartsWith("key-", StringComparison.Ordinal))
            {
                throw new CliException("badUsage", "--out writes a credential; keys are not written out.");
            }

            if (recordId.StartsWith("key-", StringComparison.Ordinal))
            {
                CliOutput.WriteJson(KeyJson(await Run(() => w.GetKeyAsync(recordId, ct))));
            }
            else
            {
                var stored = await Run(() => w.GetCredentialAsync(recordId, ct));
                var json = CredentialJson(stored, withClaims: true);
                json["credential"] = stored.Credential;
                if (parse.GetValue(output) is { } outPath)
                {
                    var bytes = stored.CoseMessage.IsEmpty ? System.Text.Encoding.UTF8.GetBytes(stored.Credential) : stored.CoseMessage.ToArray();
                    var full = Path.GetFullPath(outPath);
                    if (File.Exists(full))
                    {
                        throw new CliException(WalletProblemCodes.AlreadyExists, "The --out file already exists.");
                    }

                    await using (var file = new FileStream(full, FileMode.CreateNew, FileAccess.Write))
                    {
                        await file.WriteAsync(bytes, ct);
                    }

                    json["out"] = full;
                }

                CliOutput.WriteJson(json);
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Query(CliContext context)
    {
        var (wallet, passphraseFile) = CommonOptions();
        var dcql = new Argument<string>("DCQL") { Description = "The DCQL query JSON (literal, @FILE or -)" };
        var command = new Command("query", "Evaluate a DCQL query; prints the candidates and exactly what each would disclose. Exit 1 when the wallet cannot satisfy it.") { wallet, passphraseFile, dcql };
        command.SetCliAction(async (parse, ct) =>
        {
            var query = await ReadQueryAsync(context, parse.GetValue(dcql)!, ct);
            return await WithWalletAsync(parse, wallet, passphraseFile, async w =>
            {
                var result = await Run(() => w.QueryAsync(query, ct));
                CliOutput.WriteJson(QueryJson(result));
                return result.Succeeded ? ExitCodes.Success : ExitCodes.NotVerified;
            }, ct);
        });
        return command;
    }

    private static Command Present(CliContext context)
    {
        var (wallet, passphraseFile) = CommonOptions();
        var dcql = new Argument<string>("DCQL") { Description = "The DCQL query JSON (literal, @FILE or -)" };
        var aud = new Option<string>("--aud") { Description = "The verifier the presentation is for (its client id)", Required = true };
        var nonce = new Option<string>("--nonce") { Description = "The verifier's nonce", Required = true };
        var chosen = new Option<string[]>("--credential") { Description = "The credential id to present where it is a candidate (repeatable); the first candidate otherwise", AllowMultipleArgumentsPerToken = false };
        var command = new Command("present", "Build the vp_token for a DCQL query (key binding / holder signature inside the wallet).") { wallet, passphraseFile, dcql, aud, nonce, chosen };
        command.SetCliAction(async (parse, ct) =>
        {
            var query = await ReadQueryAsync(context, parse.GetValue(dcql)!, ct);
            return await WithWalletAsync(parse, wallet, passphraseFile, async w =>
            {
                var result = await Run(() => w.QueryAsync(query, ct));
                if (!result.Succeeded)
                {
                    throw new CliException(WalletProblemCodes.SelectionInvalid, "The wallet cannot satisfy this query.", ExitCodes.NotVerified);
                }

                var selection = Selection(result, parse.GetValue(chosen) ?? []);
                var vpToken = await Run(() => w.PresentAsync(result, parse.GetValue(aud)!, parse.GetValue(nonce)!, selection, ct));
                CliOutput.WriteJson(vpToken);
                return ExitCodes.Success;
            }, ct);
        });
        return command;
    }

    private static Command Delete()
    {
        var (wallet, passphraseFile) = CommonOptions();
        var id = new Argument<string>("ID") { Description = "A credential id (cred-...) or a key id (key-...)" };
        var command = new Command("delete", "Delete a credential or a key; prints {\"deleted\",\"id\"}.") { wallet, passphraseFile, id };
        command.SetCliAction((parse, ct) => WithWalletAsync(parse, wallet, passphraseFile, async w =>
        {
            var recordId = parse.GetValue(id)!;
            var deleted = recordId.StartsWith("key-", StringComparison.Ordinal)
                ? await Run(() => w.DeleteKeyAsync(recordId, ct))
                : await Run(() => w.DeleteCredentialAsync(recordId, ct));
            if (!deleted)
            {
                throw new CliException(WalletProblemCodes.NotFound, "No credential or key with that id.");
            }

            CliOutput.WriteJson(new JsonObject { ["deleted"] = true, ["id"] = recordId });
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Export()
    {
        var (wallet, passphraseFile) = CommonOptions();
        var output = new Option<string>("--out") { Description = "The backup file to write (must not exist)", Required = true };
        var backupPassphraseFile = new Option<string?>("--backup-passphrase-file") { Description = $"A file holding the backup's passphrase (else ${BackupPassphraseVariable})" };
        var command = new Command("export", "Write an encrypted backup of the whole wallet to one file.") { wallet, passphraseFile, output, backupPassphraseFile };
        command.SetCliAction(async (parse, ct) =>
        {
            var backupPassphrase = ReadPassphrase(parse.GetValue(backupPassphraseFile), BackupPassphraseVariable, "--backup-passphrase-file", "backup passphrase");
            try
            {
                return await WithWalletAsync(parse, wallet, passphraseFile, async w =>
                {
                    var path = Path.GetFullPath(parse.GetValue(output)!);
                    await Run(async () =>
                    {
                        await w.ExportBackupAsync(path, new string(backupPassphrase), ct);
                        return true;
                    });
                    CliOutput.WriteJson(new JsonObject { ["backup"] = path });
                    return ExitCodes.Success;
                }, ct);
            }
            finally
            {
                Array.Clear(backupPassphrase);
            }
        });
        return command;
    }

    private static Command Restore()
    {
        var (wallet, passphraseFile) = CommonOptions();
        var backup = new Argument<string>("BACKUP") { Description = "The backup file written by wallet export" };
        var backupPassphraseFile = new Option<string?>("--backup-passphrase-file") { Description = $"A file holding the backup's passphrase (else ${BackupPassphraseVariable})" };
        var command = new Command("restore", "Restore a backup into a new wallet file (--wallet, locked with the wallet passphrase).") { wallet, passphraseFile, backup, backupPassphraseFile };
        command.SetCliAction(async (parse, ct) =>
        {
            var backupPath = parse.GetValue(backup)!;
            if (!File.Exists(backupPath))
            {
                throw new CliException("fileNotFound", $"No such backup file: {backupPath}");
            }

            var passphrase = ReadPassphrase(parse.GetValue(passphraseFile), PassphraseVariable, "--passphrase-file", "wallet passphrase");
            var backupPassphrase = ReadPassphrase(parse.GetValue(backupPassphraseFile), BackupPassphraseVariable, "--backup-passphrase-file", "backup passphrase");
            try
            {
                await using var restored = await Run(() => DidSdk.Wallet.Wallet.RestoreBackupAsync(backupPath, new string(backupPassphrase), parse.GetValue(wallet)!, new string(passphrase), cancellationToken: ct));
                var keys = await Run(() => restored.ListKeysAsync(ct));
                var credentials = await Run(() => restored.ListCredentialsAsync(ct));
                CliOutput.WriteJson(new JsonObject { ["wallet"] = restored.Path, ["keys"] = keys.Count, ["credentials"] = credentials.Credentials.Count });
                return ExitCodes.Success;
            }
            finally
            {
                Array.Clear(passphrase);
                Array.Clear(backupPassphrase);
            }
        });
        return command;
    }

    private static (Option<string> Wallet, Option<string?> PassphraseFile) CommonOptions() =>
    (
        new Option<string>("--wallet") { Description = "The wallet file", Required = true },
        new Option<string?>("--passphrase-file") { Description = $"A file holding the wallet passphrase (else ${PassphraseVariable})" }
    );

    /// <summary>Unlocks the wallet, runs <paramref name="body"/>, closes the wallet; zeroes the passphrase.</summary>
    private static async Task<int> WithWalletAsync(ParseResult parse, Option<string> wallet, Option<string?> passphraseFile, Func<DidSdk.Wallet.Wallet, Task<int>> body, CancellationToken cancellationToken)
    {
        var path = parse.GetValue(wallet)!;
        var passphrase = ReadPassphrase(parse.GetValue(passphraseFile), PassphraseVariable, "--passphrase-file", "wallet passphrase");
        try
        {
            await using var opened = await Run(() => DidSdk.Wallet.Wallet.OpenAsync(path, passphrase, cancellationToken: cancellationToken));
            return await body(opened);
        }
        finally
        {
            Array.Clear(passphrase);
        }
    }

    /// <summary>Wallet failures become the tool's errors: their stable DIDSDK6xxx code, exit 2.</summary>
    private static async Task<T> Run<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (WalletException e)
        {
            throw new CliException(e.Code, e.Message);
        }
    }

    /// <summary>
    /// The passphrase from <c>--...-passphrase-file</c> (one trailing line break dropped) or else the environment
    /// variable. Never from an argument: other users see arguments in the process list.
    /// </summary>
    private static char[] ReadPassphrase(string? file, string variable, string option, string what)
    {
        string? text;
        if (file is not null)
        {
            if (!File.Exists(file))
            {
                throw new CliException("fileNotFound", $"No such file for the {what}: {file}");
            }

            try
            {
                if (new FileInfo(file).Length > MaxPassphraseBytes)
                {
                    throw new CliException("inputTooLarge", $"The {what} file is larger than {MaxPassphraseBytes} bytes.");
                }

                text = File.ReadAllText(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException("fileNotReadable", $"The {what} file cannot be read: {file}");
            }
            catch (DecoderFallbackException)
            {
                throw new CliException("invalidEncoding", $"The {what} file is not UTF-8 text.");
            }

            text = text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
        }
        else
        {
            text = Environment.GetEnvironmentVariable(variable);
        }

        return string.IsNullOrEmpty(text)
            ? throw new CliException("passphraseMissing", $"The {what} is missing: set {variable} or give {option} FILE.")
            : text.ToCharArray();
    }

    private static async Task<DcqlQuery> ReadQueryAsync(CliContext context, string value, CancellationToken cancellationToken)
    {
        var text = await context.Input.ReadTextAsync(value, "DCQL query", cancellationToken);
        return DcqlQuery.TryParse(text, out var query, out var problem) ? query : throw new CliException(problem.Code, problem.Message);
    }

    private static Dictionary<string, string>? Selection(DcqlQueryResult result, string[] chosen)
    {
        if (chosen.Length == 0)
        {
            return null;
        }

        var selection = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var credentialId in chosen)
        {
            var queryIds = result.SelectedQueryIds!.Where(q => result.Candidates[q].Any(c => c.CredentialId == credentialId)).ToList();
            if (queryIds.Count == 0)
            {
                throw new CliException(WalletProblemCodes.SelectionInvalid, $"Credential '{credentialId}' is not a candidate for this query.");
            }

            foreach (var queryId in queryIds)
            {
                selection.TryAdd(queryId, credentialId);
            }
        }

        return selection;
    }

    private static JsonObject KeyJson(WalletKey key) => new()
    {
        ["id"] = key.Id,
        ["keyType"] = key.KeyType.ToString(),
        ["exportable"] = key.Exportable,
        ["createdAt"] = key.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["publicJwk"] = JsonNode.Parse(Jwk.FromPublicKey(key.PublicKey).ToJson()),
        ["dids"] = new JsonArray([.. key.Dids.Select(d => (JsonNode)JsonValue.Create(d))]),
    };

    private static JsonObject CredentialJson(StoredCredential credential, bool withClaims)
    {
        var json = new JsonObject
        {
            ["id"] = credential.Id,
            ["format"] = credential.Format,
            ["securing"] = credential.Securing,
            ["issuer"] = credential.Issuer,
            ["types"] = new JsonArray([.. credential.Types.Select(t => (JsonNode)JsonValue.Create(t))]),
            ["validFrom"] = Time(credential.ValidFrom),
            ["validUntil"] = Time(credential.ValidUntil),
            ["status"] = credential.Status.ToString(),
            ["statusReference"] = credential.StatusReference,
            ["checkedAt"] = Time(credential.CheckedAt),
            ["importedAt"] = Time(credential.ImportedAt),
        };
        if (withClaims)
        {
            json["claims"] = credential.Claims.DeepClone();
            json["disclosablePaths"] = new JsonArray([.. credential.DisclosablePaths.Select(p => (JsonNode)JsonValue.Create(p))]);
        }

        return json;
    }

    private static JsonObject QueryJson(DcqlQueryResult result)
    {
        var candidates = new JsonObject();
        foreach (var queryId in result.Query.CredentialQueryIds)
        {
            candidates[queryId] = new JsonArray([.. result.Candidates[queryId].Select(c => (JsonNode)new JsonObject
            {
                ["credentialId"] = c.CredentialId,
                ["format"] = c.Credential.Format,
                ["issuer"] = c.Credential.Issuer,
                ["claimSetIndex"] = c.ClaimSetIndex,
                ["requestedPaths"] = new JsonArray([.. c.RequestedPaths.Select(p => (JsonNode)JsonValue.Create(p))]),
                ["selectivelyDisclosed"] = c.SelectivelyDisclosed,
                ["disclosedClaims"] = c.DisclosedClaims.DeepClone(),
            })]);
        }

        return new JsonObject
        {
            ["satisfied"] = result.Succeeded,
            ["selected"] = result.SelectedQueryIds is { } selected ? new JsonArray([.. selected.Select(s => (JsonNode)JsonValue.Create(s))]) : null,
            ["candidates"] = candidates,
            ["problems"] = new JsonArray([.. result.Problems.Select(p => (JsonNode)new JsonObject { ["id"] = p.RecordId, ["code"] = p.Problem.Code, ["message"] = p.Problem.Message })]),
        };
    }

    private static string? Time(DateTimeOffset? time) => time?.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
