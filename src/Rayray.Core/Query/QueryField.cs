namespace Rayray.Core.Query;

public enum FieldType
{
    /// <summary>Free text, compared without regard to case; <c>*</c> globs.</summary>
    Text,

    /// <summary>One of a fixed set of words (kind, status).</summary>
    Keyword,
    Number,

    /// <summary>Bytes; values may carry KB, MB, GB, TB (1000-based) or KiB, MiB, GiB.</summary>
    Size,

    /// <summary>Seconds; values may carry s, m, h; exposure also takes 1/250.</summary>
    Seconds,
    Date,
    Bool,

    /// <summary>A file path: case-sensitive globs where <c>*</c> stays in one folder and <c>**</c> crosses folders.</summary>
    Path,
}

/// <summary>A field a query can name: its canonical name (the document path), its type, its words.</summary>
public sealed record QueryField(string Name, FieldType Type, string JsonPath, bool IsArray = false, IReadOnlyList<string>? Keywords = null)
{
    public override string ToString() => Name;
}
