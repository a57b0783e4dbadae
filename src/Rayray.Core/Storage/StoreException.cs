namespace Rayray.Core.Storage;

/// <summary>A database failure, with the store's address and whether retrying may help.</summary>
public class StoreException : Exception
{
    public StoreException(string message, bool isTransient = false, Exception? innerException = null)
        : base(message, innerException) => IsTransient = isTransient;

    public StoreException() : this("The store failed.") { }

    public StoreException(string message) : this(message, false) { }

    public StoreException(string message, Exception innerException) : this(message, false, innerException) { }

    /// <summary>Busy, locked or a dropped connection: the same batch may succeed later.</summary>
    public bool IsTransient { get; }

    /// <summary>The store gave up waiting (for a lock, a server) because rayray was asked to stop: an interruption, not a failure.</summary>
    public bool WasStopped => InnerException is OperationCanceledException;
}
