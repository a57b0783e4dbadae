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
    private const ushort Folder = 0x4000;       // S_IFDIR

    private static bool _statxUnavailable = !OperatingSystem.IsLinux();

    /// <summary>Stats <paramref name="path"/> without following a symlink; throws IOException-family exceptions like File APIs do.</summary>
    public static FileStat Stat(string path) => Stat(path, followLinks: false);

    /// <summary>Stats <paramref name="path"/>, or what it links to with <paramref name="followLinks"/>.</summary>
    public static FileStat Stat(string path, bool followLinks) =>
        StatxAt(AtFdCwd, path, path, followLinks) ?? StatWithoutStatx(path, followLinks);

    /// <summary>
    /// Stats <paramref name="name"/> inside an open folder (<see cref="NativeFiles.OpenFolder"/>),
    /// so the kernel looks up one name, not the whole path again; <paramref name="path"/> is for
    /// messages and for systems without statx.
    /// </summary>
    public static FileStat StatIn(Microsoft.Win32.SafeHandles.SafeFileHandle folder, string name, string path, bool followLinks)
    {
        var added = false;
        try
        {
            folder.DangerousAddRef(ref added);
            if (StatxAt((int)folder.DangerousGetHandle(), name, path, followLinks) is { } stat)
                return stat;
        }
        finally
        {
            if (added)
                folder.DangerousRelease();
        }
        return StatWithoutStatx(path, followLinks);
    }

    /// <summary>statx of <paramref name="name"/> relative to <paramref name="folder"/>; null where there is no statx (and from then on).</summary>
    private static FileStat? StatxAt(int folder, string name, string path, bool followLinks)
    {
        if (_statxUnavailable)
            return null;
        try
        {
            if (Statx(folder, Common.PathBytes.EncodeForNative(name), followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, out var buffer) == 0)
                return buffer.ToFileStat();
            var errno = Marshal.GetLastPInvokeError();
            if (errno != ENOSYS)
                throw Failure(errno, path);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
        }
        _statxUnavailable = true;
        return null;
    }

    /// <summary>Without statx, names that are not UTF-8 cannot be reached (.NET's file functions take UTF-8).</summary>
    private static FileStat StatWithoutStatx(string path, bool followLinks)
    {
        var info = new FileInfo(path);
        if (followLinks && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
            info = target;
        if (!info.Exists)
            throw new FileNotFoundException($"No such file: {path}", path);
        return new FileStat(info.Length, info.LastWriteTimeUtc, null, null, null);
    }

    private static Exception Failure(int errno, string path) => errno switch
    {
        ENOENT => new FileNotFoundException($"No such file: {path}", path),
        EACCES => new UnauthorizedAccessException($"Permission denied: {path}"),
        _ => new IOException($"Cannot stat {path}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})"),
    };

    private const int AtEmptyPath = 0x1000;

    /// <summary>
    /// Stats an open file (the file being read, even if its path was replaced meanwhile). Without
    /// statx: its length, and the modification time of <paramref name="path"/>.
    /// </summary>
    public static FileStat Stat(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string path)
    {
        if (!_statxUnavailable)
        {
            var added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                if (Statx((int)handle.DangerousGetHandle(), EmptyPath, AtEmptyPath, StatxBasicStats, out var buffer) == 0)
                    return buffer.ToFileStat();
                var errno = Marshal.GetLastPInvokeError();
                throw new IOException($"Cannot stat {path}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
            }
            catch (EntryPointNotFoundException)
            {
                _statxUnavailable = true;
            }
            finally
            {
                if (added)
                    handle.DangerousRelease();
            }
        }
        return new FileStat(RandomAccess.GetLength(handle), File.GetLastWriteTimeUtc(path), null, null, null);
    }

    private static readonly byte[] EmptyPath = [0];

    /// <param name="path">NUL-terminated bytes (see <see cref="Common.PathBytes"/>: names need not be UTF-8).</param>
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static partial int Statx(int dirFd, byte[] path, int flags, uint mask, out StatxBuffer buffer);

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
            (Mode & FileTypeMask) == RegularFile,
            (Mode & FileTypeMask) == Folder);

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
