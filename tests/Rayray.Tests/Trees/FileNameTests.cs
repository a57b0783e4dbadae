using Rayray.Core.Common;
using Rayray.Core.Documents;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Trees;

/// <summary>File names that are not UTF-8 (an old Latin-1 share) or hold newlines are indexed, kept byte for byte, and found again.</summary>
public sealed class FileNameTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-names");

    public void Dispose() => _folder.Dispose();

    /// <summary>Copies a fixture to a name given as raw bytes (relative to the temp folder), the way an old share names it.</summary>
    private string WriteUnderByteName(string relativeFolder, byte[] name, byte[] content)
    {
        var source = _folder.Write("source.bin", content);
        var folder = _folder[relativeFolder];
        if (!PathBytes.HasEscapes(folder))
            Directory.CreateDirectory(folder); // a folder whose name is not UTF-8 is made by the test itself
        var target = folder + "/" + PathBytes.Decode(name);
        ExternalTool.Run("sh", "-c", "cp \"$1\" \"$(printf \"$2\")\"", "sh", source, Octal(PathBytes.Encode(target)));
        File.Delete(source);
        return target;
    }

    private static string Octal(byte[] bytes) => string.Concat(bytes.Select(b => b is >= 0x20 and < 0x7F and not (byte)'\\' and not (byte)'%' ? ((char)b).ToString() : $"\\{Convert.ToString(b, 8)}"));

    [UnixFact]
    public async Task A_latin1_name_and_a_name_with_a_newline_are_indexed_found_again_and_unchanged_on_rescan()
    {
        var latin1 = WriteUnderByteName("library", [.. "caf"u8, 0xE9, .. ".jpg"u8], TestImages.Jpeg(16, 16, new ExifSpec { Model = "latin-1" }));
        var newline = WriteUnderByteName("library", [.. "line"u8, (byte)'\n', .. "break.jpg"u8], TestImages.Jpeg(16, 16, new ExifSpec { Model = "newline" }));
        var inFolder = WriteUnderByteName("library", [.. "d"u8, 0xFC, .. "r.jpg"u8], TestImages.Jpeg(16, 16, new ExifSpec { Model = "folder" }));
        await using var store = await TestScan.OpenSqliteAsync(_folder["rayray.db"]);

        var first = await TestScan.RunAsync(store, [_folder["library"]]);
        var second = await TestScan.RunAsync(store, [_folder["library"]]);

        Assert.False(first.HadProblems, string.Join("; ", first.Problems.Select(p => p.Reason)));
        Assert.Equal(3, first.New);
        Assert.Equal("latin-1", (await store.FindAsync(latin1, default))?.Camera?.Model);
        Assert.Equal("newline", (await store.FindAsync(newline, default))?.Camera?.Model);
        Assert.Equal("folder", (await store.FindAsync(inFolder, default))?.Camera?.Model);
        Assert.Equal([.. "caf"u8, 0xE9, .. ".jpg"u8], PathBytes.Encode(Path.GetFileName((await store.FindAsync(latin1, default))!.Locations[0].Path)));
        Assert.Equal(3, second.Unchanged);
        Assert.Equal(0, second.FilesRead);
    }

    [UnixFact]
    public async Task Files_in_a_folder_whose_name_is_not_utf8_are_indexed_and_marked_missing_when_deleted()
    {
        var folderName = PathBytes.Decode([.. "Fotos "u8, 0xC4, .. "gypten"u8]);
        Directory.CreateDirectory(_folder["library"]);
        ExternalTool.Run("sh", "-c", "mkdir \"$(printf \"$1\")\"", "sh", Octal(PathBytes.Encode(_folder["library"] + "/" + folderName)));
        var photo = WriteUnderByteName("library/" + folderName, "pyramid.jpg"u8.ToArray(), TestImages.Jpeg(16, 16, new ExifSpec { Model = "egypt" }));
        _folder.Write("library/stays.jpg", TestImages.Jpeg(16, 16)); // a library left with no file at all looks unmounted
        await using var store = await TestScan.OpenSqliteAsync(_folder["rayray.db"]);
        await TestScan.RunAsync(store, [_folder["library"]]);
        Assert.Equal("egypt", (await store.FindAsync(photo, default))?.Camera?.Model);

        ExternalTool.Run("sh", "-c", "rm \"$(printf \"$1\")\"", "sh", Octal(PathBytes.Encode(photo)));
        var after = await TestScan.RunAsync(store, [_folder["library"]]);

        Assert.Equal(1, after.Missing);
        var hash = DocumentId.HashFromDigest(System.Security.Cryptography.SHA256.HashData(TestImages.Jpeg(16, 16, new ExifSpec { Model = "egypt" })));
        Assert.Equal(DocumentStatus.Missing, (await store.FindAsync(hash, default))?.Status);
    }

    [Fact]
    public void Every_byte_string_decodes_to_a_name_that_encodes_back_to_the_same_bytes()
    {
        var random = new Random(20261121);
        for (var i = 0; i < 5000; i++)
        {
            var bytes = new byte[random.Next(0, 24)];
            random.NextBytes(bytes);
            Assert.Equal(bytes, PathBytes.Encode(PathBytes.Decode(bytes)));
        }
        Assert.Equal([0xF4, 0x8F, 0xBC, 0x80], PathBytes.Encode(PathBytes.Decode([0xF4, 0x8F, 0xBC, 0x80]))); // a real U+10FF00 in a name survives too
    }

    [Fact]
    public void Utf8_names_are_left_as_they_are_and_printing_escapes_what_a_terminal_must_not_see()
    {
        Assert.Equal("Ägypten 2024 📷.jpg", PathBytes.Decode("Ägypten 2024 📷.jpg"u8));
        Assert.False(PathBytes.HasEscapes("Ägypten 2024 📷.jpg"));
        Assert.Equal(@"caf\xE9.jpg", PathBytes.Printable(PathBytes.Decode([.. "caf"u8, 0xE9, .. ".jpg"u8])));
        Assert.Equal(@"line\x0abreak\x1b[31m.jpg", PathBytes.Printable("line\nbreak\u001b[31m.jpg"));
    }
}
