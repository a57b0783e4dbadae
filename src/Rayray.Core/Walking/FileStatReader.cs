using System.Runtime.InteropServices;

namespace Rayray.Core.Walking;

/// <summary>
/// Reads size, modification time and, on Linux, inode, device and ctime (through statx, whose
/// structure is the same on every architecture). Elsewhere inode and ctime are left out.
/// </summary>
public static partial class FileStatReader
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7FF;
    private const int ENOSYS = 38;
    private const int ENOENT = 2;
    private const int EACCES = 13;
    private const ushort FileTypeMask = 0xF000; // S_IFMT
    private const ushort RegularFile = 0x8000;  // S_IFREG

    private static bool _statxUnavailable = !OperatingSystem.IsLinux();

    /// <summary>Stats <paramref name="path"/> without following a symlink; throws IOException-family exceptions like File APIs do.</summary>
    public static FileStat Stat(string path)
    {
        if (!_statxUnavailable)
        {
            try
            {
                if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, out var buffer) == 0)
                    return buffer.ToFileStat();
                var errno = Marshal.GetLastPInvokeError();
                if (errno == ENOSYS)
                    _statxUnavailable = true;
                else
                    throw errno switch
                    {
                        ENOENT => new FileNotFoundException($"No such file: {path}", path),
                        EACCES => new UnauthorizedAccessException($"Permission denied: {path}"),
                        _ => new IOException($"Cannot stat {path}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})"),
                    };
            }
            catch (EntryPointNotFoundException)
            {
                _statxUnavailable = true;
            }
            catch (DllNotFoundException)
            {
                _statxUnavailable = true;
            }
        }

        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FileNotFoundException($"No such file: {path}", path);
        return new FileStat(info.Length, info.LastWriteTimeUtc, null, null, null);
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirFd, string path, int flags, uint mask, out StatxBuffer buffer);

    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct StatxBuffer
    {
        public uint Mask;
        public uint BlockSize;
        public ulong Attributes;
        public uint LinkCount;
        public uint Uid;
        public uint Gid;
        public ushort Mode;
        public ushort Spare0;
        public ulong Inode;
        public ulong Size;
        public ulong Blocks;
        public ulong AttributesMask;
        public StatxTimestamp AccessTime;
        public StatxTimestamp BirthTime;
        public StatxTimestamp ChangeTime;
        public StatxTimestamp ModifyTime;
        public uint RDevMajor;
        public uint RDevMinor;
        public uint DevMajor;
        public uint DevMinor;

        public readonly FileStat ToFileStat() => new(
            (long)Size,
            ModifyTime.ToUtc(),
            ChangeTime.ToUtc(),
            (long)Inode,
            (long)MakeDevice(DevMajor, DevMinor),
            (Mode & FileTypeMask) == RegularFile);

        // glibc's makedev encoding, so the numbers match what `stat` prints.
        private static ulong MakeDevice(uint major, uint minor) =>
            ((ulong)(major & 0xFFFFF000) << 32) | ((ulong)(major & 0xFFF) << 8) |
            ((ulong)(minor & 0xFFFFFF00) << 12) | (minor & 0xFF);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct StatxTimestamp
    {
        public long Seconds;
        public uint Nanoseconds;
        public int Reserved;

        public readonly DateTime ToUtc() =>
            DateTime.UnixEpoch.AddTicks((Seconds * TimeSpan.TicksPerSecond) + (Nanoseconds / 100));
    }
}
