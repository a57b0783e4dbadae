using Microsoft.Win32.SafeHandles;

namespace Rayray.Core.Extraction;

/// <summary>A file on disk, read at any offset through its open handle.</summary>
internal sealed class FileContentSource(SafeFileHandle handle, long length) : IContentSource
{
    public long? Length => length;

    public int Read(long offset, Span<byte> buffer) => RandomAccess.Read(handle, buffer, offset);
}
