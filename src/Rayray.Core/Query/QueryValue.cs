using System.Globalization;
using Rayray.Core.Common;

namespace Rayray.Core.Query;

/// <summary>A value in a query, typed by its field.</summary>
public abstract record QueryValue;

/// <summary>Text; a glob when it has <c>*</c>, <c>?</c> or <c>[…]</c>.</summary>
public sealed record TextValue(string Text) : QueryValue
{
    public bool IsGlob => Text.AsSpan().IndexOfAny("*?[") >= 0;

    /// <summary>Paths match case-sensitively with <c>*</c> inside one folder; other text ignores case and <c>*</c> matches anything.</summary>
    public Glob ToGlob(bool isPath) => Glob.Parse(Text, ignoreCase: !isPath, pathAware: isPath);
}

public sealed record NumberValue(double Number) : QueryValue
{
    public override string ToString() => Number.ToString("R", CultureInfo.InvariantCulture);
}

public sealed record BoolValue(bool Value) : QueryValue;

/// <summary>
/// A date as typed, to its precision: <c>2024</c> is all of 2024, <c>2024-05-01</c> that day.
/// <see cref="Start"/> and <see cref="End"/> bound it as sortable wall-clock text (end exclusive).
/// </summary>
public sealed record DateValue(string Text, string Start, string End) : QueryValue;
