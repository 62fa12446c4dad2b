using System.Security.Cryptography;
using DidSdk.Crypto;
using DidSdk.Wallet;

// Usage: CrashHelper WALLET PASSPHRASE_A PASSPHRASE_B CREDENTIALS_FILE
// Opens the wallet with whichever passphrase works, then loops forever: import a credential, generate a key,
// delete a credential, change the passphrase (A <-> B). After each committed write it prints the state it
// committed ("state CREDENTIALS KEYS PASSPHRASE_INDEX") so the test knows what the file held when it was killed.
var path = args[0];
string[] passphrases = [args[1], args[2]];
var credentials = File.ReadAllLines(args[3]);
var options = new WalletOptions { Argon2MemoryKiB = WalletOptions.MinimumArgon2MemoryKiB, Argon2Iterations = WalletOptions.MinimumArgon2Iterations };

Wallet wallet;
int current;
try
{
    wallet = await Wallet.OpenAsync(path, passphrases[0], options);
    current = 0;
}
catch (WalletException e) when (e.Code == WalletProblemCodes.WrongPassphrase)
{
    wallet = await Wallet.OpenAsync(path, passphrases[1], options);
    current = 1;
}

var credentialCount = (await wallet.ListCredentialsAsync()).Credentials.Count;
var keyCount = (await wallet.ListKeysAsync()).Count;
Console.WriteLine($"state {credentialCount} {keyCount} {current}");
Console.Out.Flush();
for (var step = 0; ; step++)
{
    switch (RandomNumberGenerator.GetInt32(8))
    {
        case < 4:
            var result = await wallet.ImportCredentialAsync(credentials[RandomNumberGenerator.GetInt32(credentials.Length)]);
            if (!result.Succeeded)
            {
                Console.Error.WriteLine("import failed: " + result.Problems[0].Code);
                return 2;
            }

            credentialCount++;
            break;
        case 4:
        case 5:
            await wallet.GenerateKeyAsync((KeyType)(1 + RandomNumberGenerator.GetInt32(3)), exportable: true);
            keyCount++;
            break;
        case 6:
            var list = (await wallet.ListCredentialsAsync()).Credentials;
            if (list.Count > 0 && await wallet.DeleteCredentialAsync(list[0].Id))
            {
                credentialCount--;
            }

            break;
        default:
            await wallet.ChangePassphraseAsync(passphrases[1 - current]);
            current = 1 - current;
            break;
    }

    Console.WriteLine($"state {credentialCount} {keyCount} {current}");
    Console.Out.Flush();
}
