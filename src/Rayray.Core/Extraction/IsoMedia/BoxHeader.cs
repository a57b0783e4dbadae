namespace Rayray.Core.Extraction.IsoMedia;

/// <summary>A box read from a stream: its type and where its payload lies in the file.</summary>
internal readonly record struct BoxHeader(string Type, long PayloadStart, long End)
{
    public long PayloadLength => End - PayloadStart;

    /// <summary>
    /// Reads the box header at <paramref name="at"/>; null when no box fits before <paramref name="end"/> (its parent's
    /// end): a size smaller than its header or past the end, or a header cut short. Size 0 runs to the parent's end.
    /// </summary>
    public static BoxHeader? Read(Stream stream, long at, long end)
    {
        if (end - at < 8)
            return null;
        Span<byte> bytes = stackalloc byte[16];
        stream.Position = at;
        var read = stream.ReadAtLeast(bytes[..(int)Math.Min(16, end - at)], 8, throwOnEndOfStream: false);
        if (RawBoxHeader.Decode(bytes[..read]) is not { } header || header.LengthWithin(end - at) is not { } length)
            return null;
        return new BoxHeader(header.Type, at + header.Length, at + length);
    }

    /// <summary>The boxes back to back in [<paramref name="start"/>, <paramref name="end"/>), up to the first that does not fit.</summary>
    public static IEnumerable<BoxHeader> Children(Stream stream, long start, long end, BoxBudget budget)
    {
        var at = start;
        while (Read(stream, at, end) is { } box)
        {
            budget.Count();
            yield return box;
            at = box.End;
        }
    }

    /// <summary>The payload, when it is no longer than <paramref name="maxLength"/>; null otherwise (the caller says why).</summary>
    public byte[]? ReadPayload(Stream stream, int maxLength)
    {
        if (PayloadLength > maxLength)
            return null;
        var payload = new byte[PayloadLength];
        stream.Position = PayloadStart;
        stream.ReadExactly(payload);
        return payload;
    }
}

/// <summary>How many boxes one file may have rayray look at: a file of millions of tiny boxes is given up, not walked.</summary>
internal sealed class BoxBudget(int maxBoxes)
{
    private int _counted;

    public void Count()
    {
        if (++_counted > maxBoxes)
            throw new IsoMediaLimitException($"more than {maxBoxes:N0} boxes");
    }
}

/// <summary>A limit rayray puts on its own reading of a movie, reached: the file is read by ffprobe instead.</summary>
internal sealed class IsoMediaLimitException(string message) : Exception(message);
