namespace Rayray.Core.Extraction;

/// <summary>
/// Bytes a content source cannot give: a download's bytes that were neither kept from the one read
/// nor sent again by the server. The metadata there is not read; the file itself is not damaged.
/// </summary>
internal sealed class ContentGapException(string message) : IOException(message);
