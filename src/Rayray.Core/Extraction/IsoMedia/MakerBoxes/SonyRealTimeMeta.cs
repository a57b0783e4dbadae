using Rayray.Core.Documents;
using System.Globalization;
using System.Text;
using System.Xml;
using Rayray.Core.Normalization;

namespace Rayray.Core.Extraction.IsoMedia.MakerBoxes;

/// <summary>
/// Sony's "NonRealTimeMeta" XML (XAVC and XDCAM movies), in an 'xml ' box of a 'meta' box: the camera
/// (&lt;Device manufacturer modelName&gt;), the lens (&lt;Lens modelName&gt;) and the recording's start
/// (&lt;CreationDate value&gt;, local time with its offset), which exiftool shows as DeviceManufacturer,
/// DeviceModelName, LensModelName and CreationDateValue.
/// </summary>
internal static class SonyRealTimeMeta
{
    private const int MaxCharacters = 1024 * 1024;

    /// <param name="xml">The 'xml ' box's payload (a full box: version and flags, then the text).</param>
    public static CameraExifDirectory? Read(ReadOnlySpan<byte> xml)
    {
        var start = xml.IndexOf((byte)'<');
        if (start < 0 || xml[start..].IndexOf("NonRealTimeMeta"u8) < 0)
            return null;
        var directory = new CameraExifDirectory("Sony NonRealTimeMeta");
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxCharacters,
            IgnoreComments = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(Encoding.UTF8.GetString(xml[start..]).TrimEnd('\0')), settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                    continue;
                switch (reader.LocalName)
                {
                    case "Device":
                        directory.SetFirst(CameraExifDirectory.Make, Clean(reader.GetAttribute("manufacturer")));
                        directory.SetFirst(CameraExifDirectory.Model, Clean(reader.GetAttribute("modelName")));
                        break;
                    case "Lens":
                        directory.SetFirst(CameraExifDirectory.LensModel, Clean(reader.GetAttribute("modelName")));
                        break;
                    case "CreationDate":
                        SetCreation(directory, reader.GetAttribute("value"));
                        break;
                }
            }
        }
        catch (XmlException)
        {
            // What was read before the fault stands.
        }
        return directory.TagCount > 0 ? directory : null;
    }

    private static void SetCreation(CameraExifDirectory directory, string? value)
    {
        if (directory.ContainsTag(CameraExifDirectory.DateTimeOriginal) || ExifDateParser.ParseIso(value) is not { } time)
            return;
        directory.Set(CameraExifDirectory.DateTimeOriginal, time.WallClock.ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture));
        if (time.Offset is { } offset)
            directory.Set(CameraExifDirectory.OffsetTimeOriginal, CaptureTime.FormatOffset(offset));
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
