using Rayray.Mongo.Bson;

namespace Rayray.Mongo.Client;

/// <summary>
/// The outcome of one logical write (possibly sent as several commands): counts, the ids of
/// upserted documents and the per-statement errors, with indexes in the caller's list.
/// </summary>
public sealed record WriteResult(
    long Matched,
    long Modified,
    IReadOnlyList<UpsertedId> Upserted,
    IReadOnlyList<WriteError> WriteErrors,
    string? WriteConcernError)
{
    public bool HasErrors => WriteErrors.Count > 0 || WriteConcernError is not null;
}

public sealed record UpsertedId(int Index, BsonValue Id);

/// <summary>One statement the server refused (or the client could not send), at its index in the caller's list.</summary>
public sealed record WriteError(int Index, int Code, string Message, BsonDocument Details)
{
    public bool IsDuplicateKey => Code == MongoErrorCodes.DuplicateKey;
}
