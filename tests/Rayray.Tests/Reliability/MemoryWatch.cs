using System.Diagnostics;

namespace Rayray.Tests.Reliability;

/// <summary>
/// Watches how far the process's memory rises above where it started while a scan runs: the managed heap and the
/// working set, sampled every few milliseconds, and the kernel's own peak. Only meaningful when nothing else runs
/// at the same time (<see cref="MemoryBoundedScans"/>).
/// </summary>
internal sealed class MemoryWatch : IAsyncDisposable
{
    private readonly long _heapAtStart;
    private readonly long _workingSetAtStart;
    private readonly long _peakWorkingSetAtStart;
    private readonly long _allocatedAtStart;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _heapPeak;
    private long _workingSetPeak;

    private MemoryWatch()
    {
        _heapAtStart = GC.GetTotalMemory(forceFullCollection: true);
        _allocatedAtStart = GC.GetTotalAllocatedBytes(precise: true);
        using var process = Process.GetCurrentProcess();
        _workingSetAtStart = process.WorkingSet64;
        _peakWorkingSetAtStart = process.PeakWorkingSet64;
        _heapPeak = _heapAtStart;
        _workingSetPeak = _workingSetAtStart;
        _sampler = Task.Run(SampleAsync);
    }

    public static MemoryWatch Start() => new();

    /// <summary>The highest rise of the managed heap seen.</summary>
    public long HeapRise => Interlocked.Read(ref _heapPeak) - _heapAtStart;

    /// <summary>The highest rise of the working set: sampled, or the kernel's peak where that is higher than at the start.</summary>
    public long WorkingSetRise
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            var kernelPeakRise = process.PeakWorkingSet64 > _peakWorkingSetAtStart ? process.PeakWorkingSet64 - _workingSetAtStart : 0;
            return Math.Max(Interlocked.Read(ref _workingSetPeak) - _workingSetAtStart, kernelPeakRise);
        }
    }

    /// <summary>Everything allocated since the start, freed or not: one buffer sized by a length a file declares shows here however briefly it lived.</summary>
    public long Allocated => GC.GetTotalAllocatedBytes(precise: true) - _allocatedAtStart;

    /// <summary>Asserts that less than <paramref name="megabytes"/> MB were allocated in all.</summary>
    public void AssertAllocatedLessThan(int megabytes) =>
        Assert.True(Allocated < megabytes * 1024L * 1024, $"{Allocated / (1024 * 1024)} MB were allocated (limit {megabytes} MB)");

    /// <summary>Asserts neither the managed heap nor the working set rose by more than <paramref name="megabytes"/> MB.</summary>
    public void AssertRoseLessThan(int megabytes)
    {
        var limit = megabytes * 1024L * 1024;
        Assert.True(HeapRise < limit, $"the managed heap rose by {HeapRise / (1024 * 1024)} MB (limit {megabytes} MB)");
        Assert.True(WorkingSetRise < limit, $"the working set rose by {WorkingSetRise / (1024 * 1024)} MB (limit {megabytes} MB)");
    }

    private async Task SampleAsync()
    {
        using var process = Process.GetCurrentProcess();
        while (!_stop.IsCancellationRequested)
        {
            process.Refresh();
            Max(ref _heapPeak, GC.GetTotalMemory(forceFullCollection: false));
            Max(ref _workingSetPeak, process.WorkingSet64);
            try
            {
                await Task.Delay(5, _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static void Max(ref long peak, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, value, current) != current)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        _stop.Dispose();
    }
}
