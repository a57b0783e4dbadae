using Rayray.Core.Scanning;
using Rayray.Core.Storage;
using Rayray.Core.Walking;
using Rayray.Core.Watching;

namespace Rayray.Tests.Watching;

/// <summary>A scan with a watch, run in-process in the background until the test stops it.</summary>
internal sealed class RunningWatch : IAsyncDisposable
{
    /// <summary>Quick enough for tests, and still a debounce: changes are read once a root is quiet for half a second.</summary>
    public static readonly WatchOptions Fast = new()
    {
        Quiet = TimeSpan.FromMilliseconds(500),
        MaxDelay = TimeSpan.FromSeconds(5),
        RootCheckEvery = TimeSpan.FromMilliseconds(300),
    };

    private readonly CancellationTokenSource _stop = new();
    private readonly Task<SessionResult> _session;

    private RunningWatch(ScanSession session, SessionOptions options)
    {
        Session = session;
        _session = Task.Run(() => session.RunAsync(options, _stop.Token));
    }

    public ScanSession Session { get; }

    /// <summary>Starts the scan and its watch, and returns while the scan still runs.</summary>
    public static RunningWatch Begin(IMediaStore store, IReadOnlyList<string> roots, WatchOptions? watch = null,
        Func<ScanOptions, ScanOptions>? configure = null, Serilog.ILogger? log = null)
    {
        var options = new ScanOptions { Walk = new WalkOptions { Roots = roots }, Workers = 2 };
        if (configure is not null)
            options = configure(options);
        var session = new ScanSession(store, options, log ?? Serilog.Core.Logger.None);
        return new RunningWatch(session, new SessionOptions { Watch = watch ?? Fast });
    }

    /// <summary>Starts the scan and its watch, and returns once the scan is over and the watch has begun.</summary>
    public static async Task<RunningWatch> StartAsync(IMediaStore store, IReadOnlyList<string> roots, WatchOptions? watch = null,
        Func<ScanOptions, ScanOptions>? configure = null, Serilog.ILogger? log = null)
    {
        var running = Begin(store, roots, watch, configure, log);
        await Task.WhenAny(running.Session.WatchStarted, running._session).WaitAsync(TimeSpan.FromSeconds(60));
        if (running._session.IsCompleted)
            throw new InvalidOperationException($"the session ended before watching: {await running._session}");
        return running;
    }

    /// <summary>Stops the watch like Ctrl-C and returns how the session ended.</summary>
    public async Task<SessionResult> StopAsync()
    {
        await _stop.CancelAsync();
        return await _session.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_session.IsCompleted)
        {
            await _stop.CancelAsync();
            try
            {
                await _session.WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The test has already failed or passed; its store is closed next.
            }
        }
        _stop.Dispose();
    }

    /// <summary>Waits until <paramref name="condition"/> holds, asking again every 100 ms; fails after <paramref name="seconds"/>.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what, double seconds = 10)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"not within {seconds} s: {what}");
            await Task.Delay(100);
        }
    }
}
