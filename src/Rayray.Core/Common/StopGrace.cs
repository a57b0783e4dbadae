namespace Rayray.Core.Common;

/// <summary>
/// What is already in flight when a stop is asked for (the batch being written, the run's last
/// record) may still finish, but only for a moment: a server that stalls must not keep rayray from
/// exiting. The token ends <c>grace</c> after <c>stop</c>.
/// </summary>
public sealed class StopGrace : IDisposable
{
    /// <summary>Long enough for a healthy database to commit a batch, short enough for Ctrl-C to feel immediate.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromMilliseconds(300);

    private readonly CancellationTokenSource _source = new();
    private readonly CancellationTokenRegistration _registration;

    public StopGrace(TimeSpan grace, CancellationToken stop) =>
        _registration = stop.Register(() =>
        {
            try
            {
                _source.CancelAfter(grace);
            }
            catch (ObjectDisposedException)
            {
                // Finished before the stop.
            }
        });

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        _registration.Dispose();
        _source.Dispose();
    }
}
