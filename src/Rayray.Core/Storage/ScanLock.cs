namespace Rayray.Core.Storage;

/// <summary>Who holds (or asks for) the scan lock on a set of roots.</summary>
public sealed record ScanLockHolder(string Host, int ProcessId, DateTime StartedUtc, long RunId)
{
    public override string ToString() =>
        $"pid {ProcessId} on {Host}, started {StartedUtc:yyyy-MM-dd HH:mm:ss}Z";
}

/// <summary>What asking for the lock gave: the lock, or who holds it and on which root.</summary>
public sealed record ScanLockResult(bool Acquired, ScanLockHolder? HeldBy = null, string? HeldRoot = null)
{
    public static ScanLockResult Granted { get; } = new(true);
}

/// <summary>
/// The rules of the scan lock, shared by every store: a lock is a lease renewed every
/// <see cref="RenewEvery"/>; one not renewed for <see cref="ExpiresAfter"/> belongs to a dead
/// scanner (on any host) and may be taken over; on the same host a holder whose process is gone is
/// taken over at once. Roots conflict when one contains the other.
/// </summary>
public static class ScanLockRules
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan ExpiresAfter = TimeSpan.FromSeconds(90);

    public static bool Overlap(string a, string b) =>
        a == b || Walking.MediaWalker.IsUnder(a, b) || Walking.MediaWalker.IsUnder(b, a);

    public static bool IsStale(ScanLockHolder holder, DateTime renewedUtc, DateTime nowUtc) =>
        nowUtc - renewedUtc > ExpiresAfter ||
        (holder.Host == Environment.MachineName && !ProcessIsAlive(holder.ProcessId));

    private static bool ProcessIsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
