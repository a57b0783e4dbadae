using System.Globalization;
using Microsoft.Data.Sqlite;
using Rayray.Core.Documents;
using Rayray.Testing;

namespace Rayray.Tests.Corpus;

/// <summary>
/// The real-camera corpus: one document per image, only the really broken file invalid, and the
/// fields equal to what exiftool reports.
/// </summary>
public sealed class ExifSamplesTests(CorpusScanFixture corpus) : IClassFixture<CorpusScanFixture>
{
    /// <summary>
    /// Where rayray and exiftool differ on purpose, and why. Everything else must match exactly.
    /// </summary>
    private static readonly Dictionary<(string File, string Field), string> KnownDifferences = new()
    {
        // exiftool -json without groups prefers the Kodak makernote's rounded values over the EXIF
        // tags: [ExifIFD] ExposureTime 1/30 and FNumber 4.0 against [Kodak] 1/32 and 3.9. rayray
        // reports what EXIF says; exiftool's EXIF group agrees with it.
        [("jpg/exif-org/kodak-dc240.jpg", "exposure")] = "exiftool shows the Kodak makernote's 1/32 s; EXIF says 1/30 s",
        [("jpg/exif-org/kodak-dc240.jpg", "aperture")] = "exiftool shows the Kodak makernote's f/3.9; EXIF says f/4.0",
        [("jpg/exif-org/kodak-dc240.jpg", "iso")] = "exiftool shows the Kodak makernote's ISO field, 65535 (\"not set\"); the file has no EXIF ISO",
        // Both files were re-saved by software that moved the Canon makernote without fixing its
        // offsets. exiftool detects that and re-bases it ("Adjusted MakerNotes base by 62");
        // MetadataExtractor reads the shifted bytes as garbage, which rayray discards rather than report.
        [("jpg/tests/28-hex_value.jpg", "iso")] = "makernote offsets shifted by an editor; exiftool re-bases them, MetadataExtractor cannot",
        [("jpg/tests/11-tests.jpg", "iso")] = "makernote offsets shifted by an editor; exiftool re-bases them, MetadataExtractor cannot",
        [("jpg/tests/36-memory_error.jpg", "iso")] = "exiftool shows the Casio makernote's ISO field, 0 (\"not set\"); the file has no EXIF ISO",
    };

    private static string Samples => RepoPaths.ExifSamples ?? throw new InvalidOperationException("CI must provide ../shared");

    [SharedCorpusFact]
    public async Task Scan_indexes_every_image_once_and_marks_only_the_corrupt_jpeg_invalid()
    {
        Assert.NotNull(corpus.Summary);
        Assert.Equal(ExiftoolReference.All.Count, await corpus.Store!.CountAsync(default));
        Assert.Equal(ExiftoolReference.All.Count, corpus.Summary.New);
        Assert.Equal(1, corpus.Summary.Invalid);

        var invalid = Assert.Single(corpus.Summary.Problems);
        Assert.EndsWith(Path.Combine("jpg", "corrupted.jpg"), invalid.Path, StringComparison.Ordinal);
        Assert.Contains("scan data is corrupt", invalid.Reason, StringComparison.Ordinal);

        var document = await Find("jpg/corrupted.jpg");
        Assert.Equal(DocumentStatus.Invalid, document.Status);
        Assert.Contains("invalid marker FF 9F at offset 229375", document.Errors[0], StringComparison.Ordinal);
        // The broken file is still described as far as its headers go.
        Assert.Equal("OLYMPUS IMAGING CORP.", document.Camera?.Make);
    }

    [SharedCorpusFact]
    public async Task Files_that_only_claim_to_be_broken_are_indexed()
    {
        // jpg/invalid/ holds files another EXIF library choked on; libjpeg, ffmpeg and exiftool read them cleanly.
        foreach (var path in Directory.GetFiles(Path.Combine(Samples, "jpg", "invalid"), "*.jpg"))
        {
            var document = await corpus.Store!.FindAsync(path, default);
            Assert.NotNull(document);
            Assert.Equal(DocumentStatus.Indexed, document.Status);
        }
    }

    [SharedCorpusFact]
    public async Task A_tiff_whose_name_hides_its_extension_is_found_by_its_content()
    {
        var document = await Find("\"tiff/Cr303251mieux11.tiff\"");
        Assert.Equal("image/tiff", document.File.MimeType);
        Assert.Equal(199, document.Dimensions?.Width);
    }

    [SharedCorpusFact]
    public async Task Text_files_in_the_corpus_are_not_indexed()
    {
        Assert.Null(await corpus.Store!.FindAsync(Path.Combine(Samples, "dump"), default));
        Assert.Null(await corpus.Store!.FindAsync(Path.Combine(Samples, "README.rst"), default));
    }

    [SharedCorpusFact]
    public async Task The_database_passes_sqlites_integrity_check()
    {
        await using var connection = new SqliteConnection($"Data Source={corpus.Store!.Address};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", await command.ExecuteScalarAsync());
    }

    [SharedCorpusTheory]
    [MemberData(nameof(ExiftoolReference.RelativePaths), MemberType = typeof(ExiftoolReference))]
    public async Task Fields_equal_what_exiftool_reports(string relativePath)
    {
        var expected = ExiftoolReference.All[relativePath];
        var document = await Find(relativePath);
        var mismatches = new List<string>();

        void Check(string field, object? want, object? got)
        {
            if (KnownDifferences.ContainsKey((relativePath, field)))
                return;
            var same = (want, got) switch
            {
                (null, null) => true,
                (double w, double g) => Math.Abs(w - g) <= 1e-7 * Math.Max(1, Math.Abs(w)),
                _ => Equals(want, got),
            };
            if (!same)
                mismatches.Add($"{field}: exiftool {want ?? "(none)"}, rayray {got ?? "(none)"}");
        }

        Check("make", ExiftoolReference.Text(expected, "Make"), document.Camera?.Make);
        Check("model", ExiftoolReference.Text(expected, "Model"), document.Camera?.Model);
        Check("taken", ExpectedTaken(expected), document.Timestamps.Taken?.ToString());
        Check("width", (double?)ExiftoolReference.Number(expected, "ImageWidth"), (double?)document.Dimensions?.Width);
        Check("height", (double?)ExiftoolReference.Number(expected, "ImageHeight"), (double?)document.Dimensions?.Height);
        Check("latitude", ExiftoolReference.Number(expected, "GPSLatitude"), document.Location?.Latitude);
        Check("longitude", ExiftoolReference.Number(expected, "GPSLongitude"), document.Location?.Longitude);
        Check("altitude", ExpectedAltitude(expected), document.Altitude);
        Check("exposure", ExiftoolReference.Number(expected, "ExposureTime") ?? ExiftoolReference.Number(expected, "ShutterSpeed"), document.Camera?.Exposure);
        Check("aperture", ExiftoolReference.Number(expected, "FNumber") ?? ExiftoolReference.Number(expected, "Aperture"), document.Camera?.Aperture);
        Check("iso", ExiftoolReference.Number(expected, "ISO") is { } iso ? Math.Round(iso) : null, (double?)document.Camera?.Iso);
        Check("focalLength", ExiftoolReference.Number(expected, "FocalLength"), document.Camera?.FocalLength);
        Check("orientation", ExiftoolReference.Number(expected, "Orientation"), (double?)document.Dimensions?.Orientation);

        Assert.True(mismatches.Count == 0, $"{relativePath}:\n  " + string.Join("\n  ", mismatches));
    }

    /// <summary>
    /// exiftool's DateTimeOriginal with SubSecTimeOriginal and OffsetTimeOriginal, as ISO 8601;
    /// when the file has no DateTimeOriginal, its CreateDate (EXIF, else XMP, which may carry an
    /// offset); when it has neither, the GPS date and time (UTC).
    /// </summary>
    private static string? ExpectedTaken(System.Text.Json.JsonElement expected)
    {
        var original = ExiftoolReference.Text(expected, "DateTimeOriginal");
        var raw = original ?? ExiftoolReference.Text(expected, "CreateDate") ?? ExiftoolReference.Text(expected, "Composite:GPSDateTime");
        if (raw is null)
            return null;
        var date = raw[..10].Replace(':', '-') + "T" + raw[11..19];
        var rest = raw[19..];
        if (original is not null && ExiftoolReference.Text(expected, "SubSecTimeOriginal") is { } subSeconds)
            date += "." + subSeconds;
        var offset = original is not null ? ExiftoolReference.Text(expected, "OffsetTimeOriginal") ?? rest : rest;
        return date + offset switch
        {
            "" => "",
            "Z" or "+00:00" => "Z",
            _ => offset,
        };
    }

    /// <summary>exiftool's signed composite altitude; it leaves the composite out when GPSAltitudeRef is missing, which EXIF defines as above sea level.</summary>
    private static double? ExpectedAltitude(System.Text.Json.JsonElement expected) =>
        ExiftoolReference.Number(expected, "GPSAltitude")
        ?? (ExiftoolReference.Number(expected, "GPS:GPSAltitude") is { } altitude
            ? ExiftoolReference.Number(expected, "GPS:GPSAltitudeRef") == 1 ? -altitude : altitude
            : null);

    private async Task<MediaDocument> Find(string relativePath)
    {
        var path = Path.Combine(Samples, relativePath.Replace('/', Path.DirectorySeparatorChar));
        var document = await corpus.Store!.FindAsync(path, default);
        Assert.True(document is not null, $"no document for {path}");
        return document;
    }
}
