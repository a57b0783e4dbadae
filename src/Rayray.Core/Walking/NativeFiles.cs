using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Rayray.Core.Common;

namespace Rayray.Core.Walking;

/// <summary>
/// Listing folders and opening files by the bytes of their names, through the C library, for the
/// names .NET cannot reach because they are not UTF-8 (see <see cref="PathBytes"/>). Linux only;
/// elsewhere (and for every UTF-8 name) rayray uses .NET's own file functions.
/// </summary>
public static partial class NativeFiles
{
    private const int OpenReadOnly = 0;
    private const int OpenCloseOnExec = 0x80000;
    // O_DIRECTORY (so a FIFO put where the folder was is refused, not waited on) differs by architecture.
    private static readonly int OpenFolderOnly = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x4000 : 0x10000;
    private const byte TypeFolder = 4;
    private const byte TypeLink = 10;
    private const int NameOffset = 19; // struct dirent64 on 64-bit Linux: d_ino, d_off, d_reclen, d_type, d_name
    private const int TypeOffset = 18;

    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && Environment.Is64BitProcess;

    /// <summary>An entry of a folder as the file system names it.</summary>
    /// <param name="Type">d_type: 4 a folder, 10 a symbolic link, 8 a regular file, 0 unknown (ask stat).</param>
    public readonly record struct Entry(string Name, byte Type)
    {
        public bool IsFolder => Type == TypeFolder;
        public bool IsLink => Type == TypeLink;
        public bool IsUnknown => Type == 0;
    }

    /// <summary>The entries of a folder (without . and ..), names decoded losslessly.</summary>
    public static List<Entry> List(string folder)
    {
        var directory = OpenDirectory(PathBytes.EncodeForNative(folder));
        if (directory == IntPtr.Zero)
            throw Failure(Marshal.GetLastPInvokeError(), folder);
        try
        {
            var entries = new List<Entry>();
            while (true)
            {
                Marshal.SetLastPInvokeError(0);
                var entry = ReadDirectory(directory);
                if (entry == IntPtr.Zero)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno != 0)
                        throw Failure(errno, folder);
                    return entries;
                }
                var name = ReadName(entry + NameOffset);
                if (name is "." or "..")
                    continue;
                entries.Add(new Entry(name, Marshal.ReadByte(entry, TypeOffset)));
            }
        }
        finally
        {
            _ = CloseDirectory(directory);
        }
    }

    /// <summary>
    /// Opens a folder so its entries can be reached by name alone (<see cref="FileStatReader.StatIn"/>):
    /// the kernel then resolves one name instead of every folder of the path again.
    /// </summary>
    public static SafeFileHandle OpenFolder(string folder)
    {
        var fd = Open(PathBytes.EncodeForNative(folder), OpenReadOnly | OpenFolderOnly | OpenCloseOnExec);
        if (fd < 0)
            throw Failure(Marshal.GetLastPInvokeError(), folder);
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Opens a file for reading by the bytes of its name.</summary>
    public static SafeFileHandle OpenRead(string path)
    {
        var fd = Open(PathBytes.EncodeForNative(path), OpenReadOnly | OpenCloseOnExec);
        if (fd < 0)
            throw Failure(Marshal.GetLastPInvokeError(), path);
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Creates <paramref name="link"/> (a UTF-8 path) pointing at <paramref name="target"/> (any name).</summary>
    public static void CreateSymbolicLink(string link, string target)
    {
        if (Symlink(PathBytes.EncodeForNative(target), PathBytes.EncodeForNative(link)) != 0)
            throw Failure(Marshal.GetLastPInvokeError(), link);
    }

    private static unsafe string ReadName(IntPtr name)
    {
        var bytes = new ReadOnlySpan<byte>((void*)name, 256);
        var end = bytes.IndexOf((byte)0);
        bytes = end < 0 ? bytes : bytes[..end];
        // Almost every name is ASCII, which decodes the same either way, without a string per character.
        return System.Text.Ascii.IsValid(bytes) ? System.Text.Encoding.ASCII.GetString(bytes) : PathBytes.Decode(bytes);
    }

    private static Exception Failure(int errno, string path) => errno switch
    {
        2 => new FileNotFoundException($"No such file: {PathBytes.Printable(path)}", path),
        13 or 1 => new UnauthorizedAccessException($"Permission denied: {PathBytes.Printable(path)}"),
        _ => new IOException($"{PathBytes.Printable(path)}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})"),
    };

    [LibraryImport("libc", EntryPoint = "opendir", SetLastError = true)]
    private static partial IntPtr OpenDirectory(byte[] path);

    [LibraryImport("libc", EntryPoint = "readdir64", SetLastError = true)]
    private static partial IntPtr ReadDirectory(IntPtr directory);

    [LibraryImport("libc", EntryPoint = "closedir")]
    private static partial int CloseDirectory(IntPtr directory);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    private static partial int Open(byte[] path, int flags);

    [LibraryImport("libc", EntryPoint = "symlink", SetLastError = true)]
    private static partial int Symlink(byte[] target, byte[] link);
}
