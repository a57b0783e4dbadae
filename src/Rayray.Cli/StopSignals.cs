using System.Runtime.InteropServices;

namespace Rayray.Cli;

/// <summary>
/// Ctrl-C and SIGTERM ask for a graceful stop: no new files are read, the batch in flight is
/// committed, and the command exits 130. A second signal quits at once; committed batches are safe.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;

    public StopSignals(Action<string> announce)
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    context.Cancel = true;
                    if (Interlocked.Increment(ref _signals) > 1)
                        Environment.Exit(ExitCodes.Interrupted);
                    announce($"Stopping ({signal}): committing what was read; press Ctrl-C again to quit at once.");
                    _stop.Cancel();
                }));
            }
            catch (PlatformNotSupportedException)
            {
            }
        }
    }

    public CancellationToken Token => _stop.Token;

    public bool Requested => _stop.IsCancellationRequested;

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _stop.Dispose();
    }
}
