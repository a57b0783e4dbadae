namespace Rayray.Mongo.Bson;

/// <summary>BSON bytes to and from documents.</summary>
public static class BsonSerializer
{
    public static byte[] Serialize(BsonDocument document)
    {
        var writer = new BsonBinaryWriter();
        writer.WriteDocument(document);
        return writer.ToArray();
    }

    public static BsonDocument Deserialize(ReadOnlySpan<byte> bytes) => BsonBinaryReader.ReadDocument(bytes);
}
