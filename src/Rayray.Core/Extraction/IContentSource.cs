namespace Rayray.Core.Extraction;

/// <summary>
/// The bytes of one file as <see cref="FileExtractor"/> reads them: once from the start to the end
/// for the hash, then at the offsets the metadata parsers ask for. A file on disk reads anywhere; a
/// download reads its body in order and gives earlier bytes again only as far as it kept them or the
/// server sends parts (<see cref="Web.WebContentSource"/>).
/// </summary>
internal interface IContentSource
{
    /// <summary>The length when it is known before the read (a file's size, a response's Content-Length); null until the end is reached.</summary>
    long? Length { get; }

    /// <summary>
    /// Reads bytes at <paramref name="offset"/>; fewer than asked (0 at the end) is not an error.
    /// Throws <see cref="ContentGapException"/> for bytes this source cannot give.
    /// </summary>
    int Read(long offset, Span<byte> buffer);
}
