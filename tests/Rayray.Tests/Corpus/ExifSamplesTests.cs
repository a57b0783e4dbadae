using System.Globalization;
using Microsoft.Data.Sqlite;
using Rayray.Core.Documents;
using Rayray.Testing;
using Xunit.Abstractions;

namespace Rayray.Tests.Corpus;

/// <summary>
/// The real-camera corpus: one document per image, only the really broken file invalid, and the
/// fields equal to what exiftool reports.
/// </summary>
public sealed class ExifSamplesTests(CorpusScanFixture corpus, ITestOutputHelper output) : IClassFixture<CorpusScanFixture>
{
    /// <summary>
    /// Where rayray and exiftool differ, and why; whether exiftool is the one that is wrong. Everything else must match exactly.
    /// </summary>
    internal static readonly Dictionary<(string File, string Field), KnownDifference> KnownDifferences = new()
    {
        // exiftool -json without groups prefers the Kodak makernote's rounded values over the EXIF
        // tags: [ExifIFD] ExposureTime 1/30 and FNumber 4.0 against [Kodak] 1/32 and 3.9. rayray
        // reports what EXIF says; exiftool's EXIF group agrees with it.
        [("jpg/exif-org/kodak-dc240.jpg", "exposure")] = new("exiftool shows the Kodak makernote's 1/32 s; EXIF says 1/30 s", ExiftoolIsWrong: true),
        [("jpg/exif-org/kodak-dc240.jpg", "aperture")] = new("exiftool shows the Kodak makernote's f/3.9; EXIF says f/4.0", ExiftoolIsWrong: true),
        [("jpg/exif-org/kodak-dc240.jpg", "iso")] = new("exiftool shows the Kodak makernote's ISO field, 65535 (\"not set\"); the file has no EXIF ISO", ExiftoolIsWrong: true),
        // Both files were re-saved by software that moved the Canon makernote without fixing its
        // offsets. exiftool detects that and re-bases it ("Adjusted MakerNotes base by 62");
        // MetadataExtractor reads the shifted bytes as garbage, which rayray discards rather than report.
        [("jpg/tests/28-hex_value.jpg", "iso")] = new("makernote offsets shifted by an editor; exiftool re-bases them, MetadataExtractor cannot", ExiftoolIsWrong: false),
        [("jpg/tests/11-tests.jpg", "iso")] = new("makernote offsets shifted by an editor; exiftool re-bases them, MetadataExtractor cannot", ExiftoolIsWrong: false),
        [("jpg/tests/36-memory_error.jpg", "iso")] = new("exiftool shows the Casio makernote's ISO field, 0 (\"not set\"); the file has no EXIF ISO", ExiftoolIsWrong: true),
    };

    private static string Samples => RepoPaths.ExifSamples ?? throw new InvalidOperationException("CI must provide ../shared");

    [SharedCorpusFact]
    public async Task Scan_indexes_every_image_once_and_marks_only_the_corrupt_jpeg_invalid()
    {
        Assert.NotNull(corpus.Summary);
        Assert.Equal(ExiftoolReference.ExifSamples.All.Count, await corpus.Store!.CountAsync(default));
        Assert.Equal(ExiftoolReference.ExifSamples.All.Count, corpus.Summary.New);
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
    [MemberData(nameof(ExiftoolReference.ExifSamplesPaths), MemberType = typeof(ExiftoolReference))]
    public async Task Fields_equal_what_exiftool_reports(string relativePath)
    {
        var results = FieldComparison.Compare(ExiftoolReference.ExifSamples.All[relativePath], await corpus.FindAsync(relativePath));
        var mismatches = results.Where(r => !r.Same && !KnownDifferences.ContainsKey((relativePath, r.Field))).ToList();
        Assert.True(mismatches.Count == 0, $"{relativePath}:\n  " + string.Join("\n  ", mismatches));
    }

    [SharedCorpusFact]
    public async Task Agreement_with_exiftool_is_at_least_99_5_percent_of_field_values()
    {
        var agreement = new FieldAgreement();
        foreach (var (path, expected) in ExiftoolReference.ExifSamples.All)
        {
            var results = FieldComparison.Compare(expected, await corpus.FindAsync(path));
            agreement.Add(path, results, field => KnownDifferences.TryGetValue((path, field), out var known) && known.ExiftoolIsWrong);
        }
        output.WriteLine(agreement.Report());
        Assert.True(agreement.Agreement >= 0.995, agreement.Report());
    }

    private Task<MediaDocument> Find(string relativePath) => corpus.FindAsync(relativePath);
}

/// <summary>A value rayray and exiftool report differently on purpose, and why.</summary>
internal sealed record KnownDifference(string Why, bool ExiftoolIsWrong);
