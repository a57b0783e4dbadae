using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Rayray.Core.Storage;

namespace Rayray.Storage.Sqlite;

/// <summary>
/// Turns SQLite error codes into one-line messages a user can act on, naming the database file and
/// saying what did not happen. None is transient: the store has already waited for a lock by then.
/// </summary>
internal static partial class SqliteErrors
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
        Code(e) is Busy or Locked or ReadOnly or IoError or Corrupt or Full or CantOpen or NotADatabase;

    /// <summary>Another connection holds a lock the operation needs: waiting may help.</summary>
    public static bool IsBusy(SqliteException e) => Code(e) is Busy or Locked;

    /// <summary>The file is not an SQLite database, or its pages are damaged.</summary>
    public static bool IsDamage(SqliteException e) => Code(e) is Corrupt or NotADatabase;

    public static StoreException Wrap(SqliteException e, string path, string doing)
    {
        var message = Code(e) switch
        {
            Busy or Locked => $"the database {path} is locked by another process; {doing} did not happen",
            ReadOnly => $"the database {path} is read-only (check the permissions of the file and its folder, and whether its disk is mounted read-only); {doing} did not happen",
            Full => $"the disk holding {path} is full; {doing} did not happen and the database is as it was before it",
            IoError => $"a disk error occurred on {path} while {doing} ({Detail(e)}); it did not happen",
            Corrupt or NotADatabase => DamagedMessage(path, Detail(e)),
            CantOpen => $"cannot open the database {path} ({Detail(e)}); check that its folder exists and may be written",
            _ => $"database error on {path} while {doing}: {Detail(e)}",
        };
        return new StoreException(message, false, e);
    }

    /// <summary>The lock stayed with another process for the whole wait.</summary>
    public static StoreException LockedTooLong(SqliteException e, string path, string doing, TimeSpan wait) =>
        new($"the database {path} is locked by another process (waited {Math.Round(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s); {doing} did not happen", false, e);

    /// <summary>
    /// The wait for another process's lock ended because rayray was asked to stop. The inner
    /// <see cref="OperationCanceledException"/> says so to callers, which exit as interrupted.
    /// </summary>
    public static StoreException GivenUp(string path, string doing, CancellationToken stop) =>
        new($"the database {path} is locked by another process; {doing} was given up because rayray was asked to stop", false,
            new OperationCanceledException("stopped while waiting for the database lock", stop));

    public static StoreException Damaged(string path, string detail) => new(DamagedMessage(path, detail));

    private static string DamagedMessage(string path, string detail) =>
        $"{path} is not a rayray database or is damaged ({detail}); rayray writes nothing more to it: restore it from a backup, or move it aside and scan again";

    private static int Code(SqliteException e) => e.SqliteErrorCode & 0xFF;

    /// <summary>SQLite's own words without Microsoft.Data.Sqlite's "SQLite Error 11: '…'." around them, on one line.</summary>
    public static string Detail(SqliteException e)
    {
        var match = WrappedMessage().Match(e.Message);
        var text = match.Success ? match.Groups[1].Value : e.Message;
        return text.ReplaceLineEndings(" ").Trim();
    }

    [GeneratedRegex(@"^SQLite Error \d+: '(.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex WrappedMessage();
}
