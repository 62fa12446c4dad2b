using Microsoft.Data.Sqlite;

namespace DidSdk.Wallet.Tests;

/// <summary>Edits a closed wallet file behind the wallet's back, as an attacker with file access would.</summary>
internal static class SqliteTamper
{
    public static void Execute(string path, string sql, params (string Name, object Value)[] parameters)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    public static byte[] ReadBlob(string path, string sql)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return (byte[])command.ExecuteScalar()!;
    }
}
