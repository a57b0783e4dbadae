using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Rayray.Storage.Sqlite;

/// <summary>
/// Waiting for another process's lock on the database: an operation (a statement or a whole
/// transaction, which a busy error leaves rolled back) is run again while the lock it needs is held
/// elsewhere, for up to <see cref="Timeout"/>; each attempt itself waits about a second. A stop
/// request ends the wait at once.
/// </summary>
internal sealed class SqliteLockWait(string path)
{
    /// <summary>How long an operation waits for another process's lock on the database before it fails.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private CancellationToken _stop;

    /// <summary>Raised (with the longest it waits) when an operation starts waiting.</summary>
    public event EventHandler<TimeSpan>? Waiting;

    public void StopOn(CancellationToken stop) => _stop = stop;

    public T Run<T>(string doing, Func<T> operation)
    {
        var started = Stopwatch.GetTimestamp();
        var announced = false;
        while (true)
        {
            var attempt = Stopwatch.GetTimestamp();
            try
            {
                return operation();
            }
            catch (SqliteException e) when (SqliteErrors.IsBusy(e))
            {
                if (_stop.IsCancellationRequested)
                    throw SqliteErrors.GivenUp(path, doing, _stop);
                if (Stopwatch.GetElapsedTime(started) >= Timeout)
                    throw SqliteErrors.LockedTooLong(e, path, doing, Timeout);
                if (!announced)
                {
                    announced = true;
                    Waiting?.Invoke(this, Timeout);
                }
                if (Stopwatch.GetElapsedTime(attempt) < TimeSpan.FromMilliseconds(100))
                    Thread.Sleep(100);
            }
        }
    }
}
