using Rayray.Core.Documents;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Extraction.Formats;

/// <summary>
/// Pictures whose size sits in a fixed header (PCX, Netpbm, JPEG 2000, JPEG XL, ICO, TGA, OpenEXR, DPX,
/// Radiance, PSP, XCF, FLIF, BPG), written from each format's layout or by ffmpeg, scanned into SQLite.
/// </summary>
public sealed class HeaderImageFormatTests : IDisposable
{
    private readonly FormatScan _scan = new();

    public void Dispose() => _scan.Dispose();

    /// <summary>A picture of the format the name's extension says (or a variant named after the extension), made by the fixture writer.</summary>
    private static byte[] Make(string name, int width, int height) => name switch
    {
        "picture.pcx" => HeaderImages.Pcx(width, height),
        "plain.pbm" => HeaderImages.Netpbm('1', width, height),
        "plain.pgm" => HeaderImages.Netpbm('2', width, height),
        "plain.ppm" => HeaderImages.Netpbm('3', width, height),
        "picture.pbm" => HeaderImages.Netpbm('4', width, height),
        "picture.pgm" => HeaderImages.Netpbm('5', width, height),
        "picture.ppm" => HeaderImages.Netpbm('6', width, height),
        "picture.pam" => HeaderImages.Netpbm('7', width, height),
        "color.pfm" => HeaderImages.Netpbm('F', width, height),
        "gray.pfm" => HeaderImages.Netpbm('f', width, height),
        "picture.jp2" => HeaderImages.Jp2(width, height),
        "picture.jpf" => HeaderImages.Jp2(width, height, brand: "jpx "),
        "picture.j2k" => HeaderImages.J2c(width, height),
        "codestream.jxl" => HeaderImages.JxlCodestream(width, height),
        "container.jxl" => HeaderImages.JxlContainer(width, height),
        "partial.jxl" => HeaderImages.JxlContainer(width, height, partial: true),
        "picture.ico" => HeaderImages.Ico([(16, 16), (width, height), (32, 32)]),
        "pointer.cur" => HeaderImages.Ico([(width, height)], cursor: true),
        "picture.tga" => HeaderImages.Tga(width, height),
        "old.tga" => HeaderImages.Tga(width, height, footer: false),
        "picture.exr" => HeaderImages.Exr(width, height),
        "picture.dpx" => HeaderImages.Dpx(width, height),
        "picture.hdr" => HeaderImages.Radiance(width, height),
        "picture.pspimage" => HeaderImages.Psp(width, height),
        "psp5.psp" => HeaderImages.Psp(width, height, majorVersion: 3),
        "picture.xcf" => HeaderImages.Xcf(width, height),
        "picture.flif" => HeaderImages.Flif(width, height),
        "picture.bpg" => HeaderImages.Bpg(width, height),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no fixture for this name"),
    };

    [Theory]
    [InlineData("picture.pcx", "image/vnd.zbrush.pcx", 37, 23)]
    [InlineData("plain.pbm", "image/x-portable-bitmap", 37, 23)]
    [InlineData("plain.pgm", "image/x-portable-graymap", 37, 23)]
    [InlineData("plain.ppm", "image/x-portable-pixmap", 37, 23)]
    [InlineData("picture.pbm", "image/x-portable-bitmap", 37, 23)]
    [InlineData("picture.pgm", "image/x-portable-graymap", 37, 23)]
    [InlineData("picture.ppm", "image/x-portable-pixmap", 37, 23)]
    [InlineData("picture.pam", "image/x-portable-arbitrarymap", 37, 23)]
    [InlineData("color.pfm", "image/x-portable-floatmap", 37, 23)]
    [InlineData("gray.pfm", "image/x-portable-floatmap", 37, 23)]
    [InlineData("picture.jp2", "image/jp2", 37, 23)]
    [InlineData("picture.jpf", "image/jpx", 37, 23)]
    [InlineData("picture.j2k", "image/j2c", 37, 23)]
    [InlineData("codestream.jxl", "image/jxl", 37, 23)]
    [InlineData("codestream.jxl", "image/jxl", 64, 48)]
    [InlineData("codestream.jxl", "image/jxl", 1920, 1080)]
    [InlineData("codestream.jxl", "image/jxl", 256, 8)]
    [InlineData("codestream.jxl", "image/jxl", 70000, 300000)]
    [InlineData("container.jxl", "image/jxl", 37, 23)]
    [InlineData("partial.jxl", "image/jxl", 4000, 3000)]
    [InlineData("picture.ico", "image/vnd.microsoft.icon", 48, 48)]
    [InlineData("picture.ico", "image/vnd.microsoft.icon", 256, 256)]
    [InlineData("pointer.cur", "image/x-win-bitmap", 32, 32)]
    [InlineData("picture.tga", "image/x-tga", 37, 23)]
    [InlineData("old.tga", "image/x-tga", 37, 23)]
    [InlineData("picture.exr", "image/x-exr", 37, 23)]
    [InlineData("picture.dpx", "image/dpx", 37, 23)]
    [InlineData("picture.hdr", "image/vnd.radiance", 37, 23)]
    [InlineData("picture.pspimage", "image/x-paintshoppro", 37, 23)]
    [InlineData("psp5.psp", "image/x-paintshoppro", 37, 23)]
    [InlineData("picture.xcf", "image/x-xcf", 37, 23)]
    [InlineData("picture.flif", "image/flif", 37, 23)]
    [InlineData("picture.bpg", "image/bpg", 37, 23)]
    public async Task Scan_indexes_a_header_image_with_its_mime_type_and_size(string name, string mime, int width, int height)
    {
        var document = await _scan.ScanOneAsync(name, Make(name, width, height));

        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Equal(MediaKind.Image, document.Kind);
        Assert.Equal(mime, document.File.MimeType);
        Assert.Equal((width, height), (document.Dimensions?.Width, document.Dimensions?.Height));
        Assert.Empty(document.Errors);
    }

    [Fact]
    public async Task Scan_recognizes_header_images_by_their_content_whatever_their_name()
    {
        // Every format but TGA without its footer, which has no signature to recognize.
        string[] names =
        [
            "picture.pcx", "plain.pbm", "picture.pgm", "picture.ppm", "picture.pam", "color.pfm", "picture.jp2", "picture.jpf",
            "picture.j2k", "codestream.jxl", "container.jxl", "picture.ico", "pointer.cur", "picture.tga", "picture.exr",
            "picture.dpx", "picture.hdr", "picture.pspimage", "picture.xcf", "picture.flif", "picture.bpg",
        ];
        var files = names.ToDictionary(n => n.Replace('.', '-') + ".dat", n => Make(n, 40, 30));

        var documents = await _scan.ScanAsync(files);

        foreach (var (name, document) in documents)
        {
            Assert.True(document is { Status: DocumentStatus.Indexed, Kind: MediaKind.Image }, $"{name}: {document?.Status} {document?.Kind}");
            Assert.Equal((40, 30), (document!.Dimensions?.Width, document.Dimensions?.Height));
        }
    }

    [Fact]
    public async Task Scan_indexes_an_avif_through_the_heif_reader_with_its_size()
    {
        // The HEIF fixture with AV1 in place of HEVC: what an AVIF is, box for box.
        var heic = TestImages.Heic(48, 32);
        var avif = System.Text.Encoding.Latin1.GetBytes(System.Text.Encoding.Latin1.GetString(heic)
            .Replace("ftypheic", "ftypavif", StringComparison.Ordinal).Replace("hvc1", "av01", StringComparison.Ordinal).Replace("hvcC", "av1C", StringComparison.Ordinal));

        var document = await _scan.ScanOneAsync("picture.avif", avif);

        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Equal("image/avif", document.File.MimeType);
        Assert.Equal((48, 32), (document.Dimensions?.Width, document.Dimensions?.Height));
    }

    [Theory]
    [InlineData("picture.jp2")]
    [InlineData("picture.jxl")]
    [InlineData("picture.xcf")]
    public async Task Scan_reads_the_exif_and_xmp_a_jpeg2000_jpegxl_or_xcf_file_carries(string name)
    {
        var exif = ExifEncoder.ToTiff(Scanning.FixtureLibrary.FullExif, bigEndian: true);
        var xmp = TestImages.Xmp(description: "Written into the XMP", creator: "Jane Doe");
        var content = Path.GetExtension(name) switch
        {
            ".jp2" => HeaderImages.Jp2(37, 23, exifTiff: exif, xmp: xmp),
            ".jxl" => HeaderImages.JxlContainer(37, 23, exifTiff: exif, xmp: xmp),
            _ => HeaderImages.Xcf(37, 23, exifTiff: exif, xmp: xmp),
        };

        var document = await _scan.ScanOneAsync(name, content);

        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Equal((37, 23), (document.Dimensions?.Width, document.Dimensions?.Height));
        Assert.Equal(("Canon", "EOS R5"), (document.Camera?.Make, document.Camera?.Model));
        Assert.Equal("2024-01-15T10:30:00.054-08:00", document.Timestamps.Taken?.ToString());
        Assert.Equal("Written into the XMP", document.Description);
        Assert.Equal("Jane Doe", document.Author?.Name);
    }

    [RequiresToolTheory("ffmpeg")]
    [InlineData("pcx", "image/vnd.zbrush.pcx", "rgb24")]
    [InlineData("pcx", "image/vnd.zbrush.pcx", "monob")]
    [InlineData("ppm", "image/x-portable-pixmap", "rgb24")]
    [InlineData("pgm", "image/x-portable-graymap", "gray16be")]
    [InlineData("pbm", "image/x-portable-bitmap", "monow")]
    [InlineData("pam", "image/x-portable-arbitrarymap", "rgba")]
    [InlineData("pfm", "image/x-portable-floatmap", "gbrpf32le")]
    [InlineData("j2k", "image/j2c", "rgb24")]
    [InlineData("jp2", "image/jp2", "rgb24")]
    [InlineData("jxl", "image/jxl", "rgb24")]
    [InlineData("tga", "image/x-tga", "rgb24")]
    [InlineData("ico", "image/vnd.microsoft.icon", "bgra")]
    [InlineData("exr", "image/x-exr", "gbrpf32le")]
    [InlineData("dpx", "image/dpx", "rgb48be")]
    public async Task Scan_indexes_pictures_ffmpeg_writes_with_their_size(string extension, string mime, string pixelFormat)
    {
        // ffmpeg's own JPEG 2000 encoder writes a JP2 file unless told to write the bare codestream.
        var codec = extension switch { "j2k" => ["-format", "j2k"], "jp2" => ["-c:v", "libopenjpeg"], "jxl" => ["-c:v", "libjxl"], _ => Array.Empty<string>() };
        var picture = TestMedia.Picture(extension, 97, 61, ["-pix_fmt", pixelFormat, .. codec]);

        var document = await _scan.ScanOneAsync($"ffmpeg.{extension}", picture);

        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Equal(mime, document.File.MimeType);
        Assert.Equal((97, 61), (document.Dimensions?.Width, document.Dimensions?.Height));
    }

    [Fact]
    public async Task Scan_marks_broken_headers_invalid_with_the_reason_and_keeps_what_was_read()
    {
        var ppm = HeaderImages.Netpbm('6', 37, 23);
        var dpx = HeaderImages.Dpx(37, 23);
        var jp2 = HeaderImages.Jp2(37, 23);
        var icon = HeaderImages.Ico([(48, 48)]);
        var files = new Dictionary<string, byte[]>
        {
            ["cut.ppm"] = ppm[..^100],
            ["cut.dpx"] = dpx[..3000],
            ["cut.jp2"] = jp2[..60],
            ["cut.ico"] = icon[..500],
            ["cut.exr"] = HeaderImages.Exr(37, 23)[..100],
            ["cut.hdr"] = HeaderImages.Radiance(37, 23)[..40],
            ["empty-container.jxl"] = HeaderImages.JxlContainer(37, 23)[..41],
            ["huge.j2k"] = Patched(HeaderImages.J2c(37, 23), 8, [0xFF, 0xFF, 0xFF, 0xFF]),
            ["huge.ppm"] = [.. "P6\n4000000000 4000000000\n255\n"u8, 0, 0, 0],
            ["zero.xcf"] = Patched(HeaderImages.Xcf(37, 23), 14, [0, 0, 0, 0]),
            ["hostile.exr"] = Patched(HeaderImages.Exr(37, 23), 8 + 16, [0xFF, 0xFF, 0xFF, 0x7F]),
        };

        var documents = await _scan.ScanAsync(files);

        string Reason(string name) => documents[name] is { Status: DocumentStatus.Invalid } document ? document.Errors[0] : $"{name} is {documents[name]?.Status}";
        Assert.Equal("truncated: the 37×23 PPM's pixels need 2553 bytes after the header but the file has 2453", Reason("cut.ppm"));
        Assert.Equal("truncated: the DPX header declares 5452 bytes but the file has 3000", Reason("cut.dpx"));
        Assert.Equal((37, 23), (documents["cut.dpx"]!.Dimensions?.Width, documents["cut.dpx"]!.Dimensions?.Height));
        Assert.StartsWith("truncated: the box at offset 36 runs past the end of the file", Reason("cut.jp2"), StringComparison.Ordinal);
        Assert.StartsWith("truncated: image 1 of 1 in the icon lies outside the file", Reason("cut.ico"), StringComparison.Ordinal);
        Assert.StartsWith("truncated: the file ends inside the OpenEXR header", Reason("cut.exr"), StringComparison.Ordinal);
        Assert.Equal("truncated: the file ends inside the Radiance header", Reason("cut.hdr"));
        Assert.Equal("damaged: no codestream box (jxlc or jxlp) in the JPEG XL container", Reason("empty-container.jxl"));
        Assert.Equal("damaged: the J2C header declares a 4294967290×23 picture", Reason("huge.j2k"));
        Assert.Equal("damaged: the PPM header declares a 4000000000×4000000000 picture", Reason("huge.ppm"));
        Assert.Equal("damaged: the XCF header declares a 0×23 picture", Reason("zero.xcf"));
        Assert.StartsWith("truncated: the OpenEXR attribute 'channels' declares 2147483647 bytes", Reason("hostile.exr"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_damaged_header_image_is_indexed_with_its_size_or_invalid_with_a_reason()
    {
        string[] names =
        [
            "picture.pcx", "plain.pbm", "picture.ppm", "picture.pam", "picture.jp2", "picture.j2k", "codestream.jxl", "container.jxl",
            "picture.ico", "pointer.cur", "picture.tga", "old.tga", "picture.exr", "picture.dpx", "picture.hdr", "picture.pspimage",
            "picture.xcf", "picture.flif", "picture.bpg",
        ];
        var random = new Random(20261205);
        var files = new Dictionary<string, byte[]>();
        foreach (var name in names)
        {
            var original = Make(name, 37, 23);
            var extension = Path.GetExtension(name);
            for (var cut = 1; cut < Math.Min(original.Length, 80); cut++)
                files[$"{name}.cut{cut}{extension}"] = original[..cut];
            for (var i = 0; i < 30; i++)
            {
                var flipped = original.ToArray();
                flipped[random.Next(Math.Min(original.Length, 96))] ^= (byte)random.Next(1, 256);
                files[$"{name}.flip{i}{extension}"] = flipped;
            }
        }

        var documents = await _scan.ScanAsync(files);

        var broken = documents
            .Where(d => d.Value is not ({ Status: DocumentStatus.Invalid, Errors.Count: > 0 } or { Status: DocumentStatus.Indexed, Dimensions.Width: > 0, Dimensions.Height: > 0 }))
            .Select(d => $"{d.Key}: {d.Value?.Status.ToString() ?? "no document"} {string.Join("; ", d.Value?.Errors ?? [])}")
            .ToList();
        Assert.True(broken.Count == 0, string.Join("\n", broken));
        Assert.DoesNotContain(documents.Values, d => d!.Errors.Any(e => e.StartsWith("cannot read the", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_tga_whose_developer_area_declares_gigabytes_is_indexed_without_reading_it()
    {
        // 65,535 developer tags, each declaring the whole file: read, some 40 GB.
        var picture = HeaderImages.Tga(37, 23, footer: false);
        var tableAt = picture.Length;
        const int tags = 65535;
        var fileLength = tableAt + 2 + (tags * 10) + 26;
        var table = new byte[2 + (tags * 10)];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(table, tags);
        for (var i = 0; i < tags; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(table.AsSpan(2 + (i * 10)), (ushort)i);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(table.AsSpan(2 + (i * 10) + 6), fileLength);
        }
        byte[] footer = [0, 0, 0, 0, (byte)tableAt, (byte)(tableAt >> 8), 0, 0, .. "TRUEVISION-XFILE.\0"u8];

        var document = await _scan.ScanOneAsync("developer.tga", [.. picture, .. table, .. footer]);

        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Equal((37, 23), (document.Dimensions?.Width, document.Dimensions?.Height));
        Assert.Empty(document.Errors);
    }

    [Fact]
    public async Task Text_that_starts_like_a_netpbm_or_a_tga_name_is_not_taken_for_a_picture()
    {
        var files = new Dictionary<string, byte[]>
        {
            ["notes"] = "P6 is the answer to question 4\n"u8.ToArray(),
            ["numbers"] = "P1 2 3\nthe rest is prose\n"u8.ToArray(),
            ["not-a-picture.tga"] = "hello, this is not a targa file at all"u8.ToArray(),
        };

        var documents = await _scan.ScanAsync(files);

        Assert.Null(documents["notes"]);
        Assert.Null(documents["numbers"]);
        Assert.Equal(DocumentStatus.Invalid, documents["not-a-picture.tga"]?.Status);
        Assert.Equal("not a valid TGA file: its content is not a format rayray recognizes", documents["not-a-picture.tga"]!.Errors[0]);
    }

    private static byte[] Patched(byte[] bytes, int offset, byte[] patch)
    {
        var copy = bytes.ToArray();
        patch.CopyTo(copy, offset);
        return copy;
    }
}
