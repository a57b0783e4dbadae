namespace Rayray.Core.Extraction.Xmp;

/// <summary>What an XMP property's value was written as: XmpCore normalizes some shapes.</summary>
internal enum XmpValueShape
{
    Simple,
    Struct,
    Array,

    /// <summary>An rdf:Alt whose every item carries xml:lang.</summary>
    AltText,
}
