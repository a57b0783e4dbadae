namespace Rayray.Testing.Fixtures;

/// <summary>How a real file was damaged.</summary>
public enum HostileMutationKind
{
    /// <summary>Cut short at an offset.</summary>
    Truncated,

    /// <summary>One byte inverted (every bit flipped).</summary>
    ByteFlipped,

    /// <summary>A range overwritten with zero bytes.</summary>
    ZeroFilled,

    /// <summary>A segment, chunk or box written twice in a row.</summary>
    SegmentRepeated,
}

/// <summary>A damaged copy of a real file, named after what was done to it (e.g. "truncated-at-1234").</summary>
public sealed record HostileMutation(string Name, HostileMutationKind Kind, byte[] Bytes)
{
    /// <summary>
    /// True when the file was cut before its structure ended (see <see cref="HostileLayout.StructuralEnd"/>): such a
    /// file is incomplete and must be indexed as invalid.
    /// </summary>
    public bool CutsStructure { get; init; }
}
