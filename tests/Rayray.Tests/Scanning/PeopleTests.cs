using Rayray.Core.Query;
using Rayray.Core.Storage;
using Rayray.Storage.Sqlite;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Scanning;

/// <summary>The people a photo shows, named in face regions and person fields, become <c>people</c>: queried with person:, in full text, counted by stats --by person.</summary>
public sealed class PeopleTests : ScannedLibrary
{
    private protected override void WriteFiles()
    {
        // Lightroom / Picasa: MWG face regions, with a pet and an unnamed face that are not people.
        Photo("mwg.jpg", new XmpPeopleAndKeywords { FaceRegions = [("Jane Doe", "Face"), ("Rex", "Pet"), (null, "Face"), ("Ana Lima", "Face")] });
        // Windows Photo Gallery in the sidecar, Lightroom in the file: the sidecar's names first.
        Photo("windows.jpg", new XmpPeopleAndKeywords { FaceRegions = [("Ana Lima", "Face")] });
        Library.Add("windows.jpg.xmp", TestImages.Xmp(people: new XmpPeopleAndKeywords { MicrosoftPeople = ["John Smith", "jane doe"] }));
        // digiKam: face tags under People (its own "Unknown" is not a name), and IPTC's PersonInImage.
        Photo("digikam.jpg", new XmpPeopleAndKeywords { DigiKamTags = ["People/Family/Ana Lima", "People/Unknown", "Places/Lisbon"], PersonInImage = ["Zoë Martin"] });
        Photo("nobody.jpg", null);
    }

    private void Photo(string name, XmpPeopleAndKeywords? people) =>
        Library.Add(name, TestImages.Jpeg(32, 24, new ExifSpec { Model = name }, people is null ? null : TestImages.Xmp(people: people)));

    private async Task<List<string>> PeopleOf(string name) => (await Store.FindAsync(Library.PathOf(name), default))!.People;

    [Fact]
    public async Task Named_MWG_face_regions_are_people_and_pets_and_unnamed_faces_are_not() =>
        Assert.Equal(["Jane Doe", "Ana Lima"], await PeopleOf("mwg.jpg"));

    [Fact]
    public async Task Microsoft_Photo_regions_in_the_sidecar_come_before_the_files_own_people() =>
        Assert.Equal(["John Smith", "jane doe", "Ana Lima"], await PeopleOf("windows.jpg"));

    [Fact]
    public async Task PersonInImage_and_digiKam_face_tags_name_people_and_the_face_tags_stay_tag_paths()
    {
        var document = await Store.FindAsync(Library.PathOf("digikam.jpg"), default);

        Assert.Equal(["Zoë Martin", "Ana Lima"], document!.People);
        Assert.Equal(["People|Family|Ana Lima", "People|Unknown", "Places|Lisbon"], document.Tags);
    }

    [Fact]
    public void Region_packets_stream_exactly_as_xmpcore_reads_them_so_either_reader_finds_the_same_people()
    {
        var packet = System.Text.Encoding.UTF8.GetBytes(TestImages.Xmp(people: new XmpPeopleAndKeywords
        {
            FaceRegions = [("Jane Doe", "Face"), (null, "Face")],
            MicrosoftPeople = ["John Smith"],
            PersonInImage = ["Zoë Martin"],
            DigiKamTags = ["People/Ana Lima"],
        }));

        var streamed = Rayray.Core.Extraction.Xmp.XmpStreamReader.Read(packet);
        var byXmpCore = Rayray.Core.Extraction.Xmp.XmpPackets.PropertiesOf(new MetadataExtractor.Formats.Xmp.XmpReader().Extract(packet));

        Assert.NotNull(streamed);
        Assert.Equal(byXmpCore!.All, streamed.All);
        Assert.Equal(["Jane Doe", "John Smith", "Zoë Martin", "Ana Lima"], Rayray.Core.Normalization.XmpPeople.Read(streamed));
    }

    [Fact]
    public async Task A_photo_without_names_has_no_people() => Assert.Empty(await PeopleOf("nobody.jpg"));

    [Theory]
    [InlineData("person:\"Jane Doe\"", "mwg.jpg windows.jpg")]
    [InlineData("person:\"JANE DOE\"", "mwg.jpg windows.jpg")]
    [InlineData("person:jane*", "mwg.jpg windows.jpg")]
    [InlineData("people:\"Ana Lima\" && !person:\"John Smith\"", "digikam.jpg mwg.jpg")]
    [InlineData("person:Jane", "")]
    [InlineData("person:Rex", "")]
    [InlineData("has:people", "digikam.jpg mwg.jpg windows.jpg")]
    [InlineData("!has:people", "nobody.jpg")]
    [InlineData("lima", "digikam.jpg mwg.jpg windows.jpg")]
    [InlineData("\"john smith\"", "windows.jpg")]
    [InlineData("zoe", "digikam.jpg")]
    public async Task People_are_found_by_person_and_by_full_text(string query, string expected) =>
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), await Matching(query));

    [Fact]
    public async Task Stats_by_person_count_a_photo_in_the_group_of_each_person_it_shows()
    {
        var stats = await Store.GetStatsAsync(StatsGrouping.Person, default);

        Assert.Equal(
            [("Ana Lima", 3L), ("", 1L), ("Jane Doe", 1L), ("John Smith", 1L), ("Zoë Martin", 1L), ("jane doe", 1L)],
            stats.Groups.Select(g => (g.Key, g.Documents)));
    }
}
