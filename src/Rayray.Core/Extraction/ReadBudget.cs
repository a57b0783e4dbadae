using System.Diagnostics;

namespace Rayray.Core.Extraction;

/// <summary>
/// How much a metadata parser may read from one file and for how long. A pathological file
/// (recursive IFD offsets, huge declared counts) makes a parser read the same bytes again and
/// again; going over the budget aborts the parse instead of hanging the scan.
/// </summary>
internal sealed class ReadBudget(long maxBytes, TimeSpan maxTime)
{
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private long _bytes;

    public void Charge(int bytes)
    {
        _bytes += bytes;
        if (_bytes > maxBytes)
            throw new ReadBudgetExceededException($"the metadata reader read {_bytes:N0} bytes, over its budget of {maxBytes:N0}");
        if (Stopwatch.GetElapsedTime(_startedAt) > maxTime)
            throw new ReadBudgetExceededException($"the metadata reader took longer than {maxTime.TotalSeconds:0} s");
    }
}

internal sealed class ReadBudgetExceededException(string message) : IOException(message);
