using Microsoft.Data.Sqlite;
using Rayray.Core.Storage;

namespace Rayray.Storage.Sqlite;

/// <summary>Turns SQLite error codes into messages a user can act on, naming the database file.</summary>
internal static class SqliteErrors
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    public static bool IsFatal(SqliteException e) =>
        (e.SqliteErrorCode & 0xFF) is Busy or Locked or ReadOnly or IoError or Corrupt or Full or CantOpen or NotADatabase;

    public static StoreException Wrap(SqliteException e, string path, string doing)
    {
        var code = e.SqliteErrorCode & 0xFF;
        var message = code switch
        {
            Busy or Locked => $"the database {path} is locked by another process; {doing} will be retried",
            ReadOnly => $"the database {path} is read-only (check the file's and its folder's permissions)",
            Full => $"the disk holding {path} is full; {doing} did not happen and the database is as it was before",
            IoError => $"a disk error occurred on {path} while {doing}: {e.Message}",
            Corrupt or NotADatabase => $"{path} is not a rayray database or is damaged: {e.Message}",
            CantOpen => $"cannot open the database {path}: {e.Message}",
            _ => $"database error on {path} while {doing}: {e.Message}",
        };
        return new StoreException(message, code is Busy or Locked, e);
    }
}
