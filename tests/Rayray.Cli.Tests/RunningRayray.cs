using System.Diagnostics;
using System.Globalization;
using Rayray.Testing;

namespace Rayray.Cli.Tests;

/// <summary>
/// A rayray process the test talks to while it runs: its stderr lines as they come (to act on a log
/// line, never on a guess of how long something takes), signals, and its exit.
/// </summary>
internal sealed class RunningRayray : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Task<string> _stdout;
    private readonly Task _reading;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunningRayray(Process process)
    {
        _process = process;
        _process.StandardInput.Close();
        _stdout = process.StandardOutput.ReadToEndAsync();
        _reading = Task.Run(ReadAsync);
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static RunningRayray Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        new(Process.Start(RayrayProcess.StartInfo(arguments, environment))!);

    /// <summary>The stderr lines so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
                return [.. _lines];
        }
    }

    /// <summary>Waits for the first stderr line (from the start) that <paramref name="match"/> accepts; fails if the process ends first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string what, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var seen = 0;
        while (true)
        {
            Task changed;
            lock (_lines)
            {
                for (; seen < _lines.Count; seen++)
                {
                    if (match(_lines[seen]))
                        return _lines[seen];
                }
                if (_reading.IsCompleted)
                    throw new InvalidOperationException($"rayray ended without printing {what}; stderr:\n{string.Join('\n', _lines)}");
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"rayray did not print {what}; stderr so far:\n{string.Join('\n', Lines)}");
            }
        }
    }

    /// <summary>Sends a signal (TERM, INT, STOP, CONT, KILL) to the process.</summary>
    public void Signal(string name) => ExternalTool.Run("kill", $"-{name}", Id.ToString(CultureInfo.InvariantCulture));

    /// <summary>Waits for the exit; the result holds every stderr line.</summary>
    public async Task<RayrayProcess.Result> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"rayray did not exit; stderr so far:\n{string.Join('\n', Lines)}");
        }
        await _reading;
        return new RayrayProcess.Result(_process.ExitCode, await _stdout, string.Join('\n', Lines) + "\n");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        await _reading;
        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_lines)
            {
                _lines.Add(line);
                _changed.TrySetResult();
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
        lock (_lines)
            _changed.TrySetResult();
    }
}
