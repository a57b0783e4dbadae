namespace Rayray.Mongo.Auth;

/// <summary>
/// A code point on its way through SASLprep, with the 1-based position of the input character it came from,
/// so that an error can say where the problem is without repeating the (secret) text.
/// </summary>
internal readonly record struct TracedCodePoint(int Value, int SourcePosition);
