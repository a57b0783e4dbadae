using Rayray.Core.Documents;

namespace Rayray.Core.Storage;

/// <summary>
/// The one seam between rayray and a database. Every implementation passes the same contract
/// test suite (tests/Rayray.Tests/Storage/MediaStoreContract.cs).
/// </summary>
public interface IMediaStore : IAsyncDisposable
{
    /// <summary>Where the store lives, safe to print: a file path or a server address without credentials.</summary>
    string Address { get; }

    /// <summary>Creates or migrates the schema and every index; idempotent.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>What the store recorded for the files directly inside <paramref name="folder"/>, keyed by full path.</summary>
    Task<IReadOnlyDictionary<string, KnownLocation>> GetKnownLocationsAsync(string folder, CancellationToken cancellationToken);

    /// <summary>
    /// Upserts a batch in one transaction (or one bulk command), keyed on the content hash: a new
    /// hash adds a document, a known one gains or refreshes the location. A path that belonged to
    /// other content moves to this document; content left without locations becomes "missing".
    /// A document that cannot be written is reported in the result without failing the others.
    /// </summary>
    Task<BatchWriteResult> WriteBatchAsync(IReadOnlyList<MediaDocument> documents, CancellationToken cancellationToken);

    /// <summary>The document with this id, content hash, or location path; null when there is none.</summary>
    Task<MediaDocument?> FindAsync(string idHashOrPath, CancellationToken cancellationToken);

    /// <summary>Checks the database without creating or migrating anything (it need not be initialized).</summary>
    Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken);

    /// <summary>How many documents the store holds.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);
}
