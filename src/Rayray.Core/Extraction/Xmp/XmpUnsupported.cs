namespace Rayray.Core.Extraction.Xmp;

/// <summary>A packet shape the streaming reader leaves to XmpCore, and why.</summary>
internal sealed class XmpUnsupportedException(string reason) : Exception(reason);
