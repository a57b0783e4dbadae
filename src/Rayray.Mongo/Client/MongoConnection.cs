using System.Buffers;
using System.Net.Sockets;
using Rayray.Mongo.Bson;
using Rayray.Mongo.Connection;
using Rayray.Mongo.Wire;

namespace Rayray.Mongo.Client;

/// <summary>
/// One socket to one server: TCP (or a Unix socket), TLS when asked, the handshake, authentication,
/// then commands as OP_MSG, one at a time. Any failure mid-command breaks the connection, because a
/// half-read reply leaves the stream unusable; the pool then discards it.
/// </summary>
internal sealed class MongoConnection : IAsyncDisposable
{
    private static int _lastRequestId;

    private readonly Stream _stream;
    private readonly MongoClientSettings _settings;
    private readonly SemaphoreSlim _oneCommandAtATime = new(1, 1);

    private MongoConnection(MongoHost address, Stream stream, MongoClientSettings settings)
    {
        Address = address;
        _stream = stream;
        _settings = settings;
    }

    public MongoHost Address { get; }
    public HelloResult Hello { get; private set; } = new();
    public bool IsBroken { get; private set; }
    public int Generation { get; set; }
    public DateTime LastUsedUtc { get; private set; } = DateTime.UtcNow;

    /// <summary>Connects and shakes hands; authentication is a separate step (<see cref="ScramAuthenticator"/>).</summary>
    public static async Task<MongoConnection> OpenAsync(MongoHost address, MongoClientSettings settings, int generation, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ConnectTimeout);
        Stream? stream = null;
        try
        {
            stream = await ConnectAsync(address, timeout.Token);
            if (settings.Tls.Enabled)
                stream = await TlsStreamFactory.AuthenticateAsync(stream, address.Host, settings.Tls, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (stream is not null)
                await stream.DisposeAsync();
            throw new MongoConnectionException($"cannot connect to MongoDB at {address}: no answer within {settings.ConnectTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception ex) when (ex is SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            if (stream is not null)
                await stream.DisposeAsync();
            throw new MongoConnectionException($"cannot connect to MongoDB at {address}: {ex.Message}", ex);
        }

        var connection = new MongoConnection(address, stream, settings) { Generation = generation };
        try
        {
            await connection.ShakeHandsAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs one command on <paramref name="database"/> and returns the reply, or throws
    /// <see cref="MongoCommandException"/> when it says <c>ok: 0</c>.
    /// </summary>
    public async Task<BsonDocument> RunCommandAsync(
        string database,
        BsonDocument command,
        IReadOnlyList<OpMsg.DocumentSequence>? sequences,
        CancellationToken cancellationToken)
    {
        var reply = await SendAsync(database, command, sequences, cancellationToken);
        if (reply.GetValueOrDefault("ok") is not { } ok || !ok.ToBoolean())
            throw new MongoCommandException(Address.ToString(), CommandName(command), reply);
        return reply;
    }

    /// <summary>Sends a command and returns the server's reply as it is, <c>ok: 0</c> included.</summary>
    public async Task<BsonDocument> SendAsync(
        string database,
        BsonDocument command,
        IReadOnlyList<OpMsg.DocumentSequence>? sequences,
        CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(IsBroken, this);
        var name = CommandName(command);
        var body = new BsonDocument(command) { { "$db", database } };
        var requestId = Interlocked.Increment(ref _lastRequestId);
        var message = OpMsg.Encode(requestId, body, sequences);
        if (message.Length > Hello.MaxMessageSizeBytes)
            throw new MongoException($"the '{name}' command for {Address} is {message.Length:N0} bytes, over the server's limit of {Hello.MaxMessageSizeBytes:N0}");

        await _oneCommandAtATime.WaitAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.SocketTimeout);
        try
        {
            await _stream.WriteAsync(message, timeout.Token);
            await _stream.FlushAsync(timeout.Token);
            return await ReadReplyAsync(requestId, name, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            IsBroken = true;
            throw new MongoConnectionException($"MongoDB at {Address} did not answer '{name}' within {_settings.SocketTimeout.TotalSeconds:0.#} s (socketTimeoutMS)");
        }
        catch (OperationCanceledException)
        {
            IsBroken = true;
            throw;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            IsBroken = true;
            throw new MongoConnectionException($"the connection to MongoDB at {Address} broke during '{name}': {ex.Message}", ex);
        }
        catch (BsonFormatException ex)
        {
            IsBroken = true;
            throw new MongoConnectionException($"MongoDB at {Address} sent a malformed reply to '{name}': {ex.Message}", ex);
        }
        finally
        {
            LastUsedUtc = DateTime.UtcNow;
            _oneCommandAtATime.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        IsBroken = true;
        await _stream.DisposeAsync();
        _oneCommandAtATime.Dispose();
    }

    internal static string CommandName(BsonDocument command) => command.Count > 0 ? command.ElementAt(0).Name : "(empty command)";

    private static async Task<Stream> ConnectAsync(MongoHost address, CancellationToken cancellationToken)
    {
        Socket socket;
        if (address.IsUnixSocket)
        {
            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(address.Host), cancellationToken);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        else
        {
            socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address.Host, address.Port, cancellationToken);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        return new NetworkStream(socket, ownsSocket: true);
    }

    private async Task ShakeHandsAsync(CancellationToken cancellationToken)
    {
        var hello = new BsonDocument
        {
            { "isMaster", 1 },
            { "helloOk", true },
            { "client", ClientMetadata.Build(_settings) },
        };
        if (_settings.Credential is { Mechanism: null } credential)
            hello.Add("saslSupportedMechs", $"{credential.Source}.{credential.Username}");

        BsonDocument reply;
        try
        {
            reply = await RunCommandAsync("admin", hello, null, cancellationToken);
        }
        catch (MongoConnectionException ex)
        {
            // Servers before 3.6 do not understand OP_MSG and close the socket on it.
            throw new MongoConnectionException($"{ex.Message} (a server that closes the connection at the handshake may be older than MongoDB 3.6, which rayray needs)", ex);
        }
        Hello = HelloResult.From(reply);
        if (Hello.MaxWireVersion < HelloResult.MinimumWireVersion)
        {
            IsBroken = true;
            throw new MongoConnectionException(
                $"MongoDB at {Address} speaks wire protocol version {Hello.MaxWireVersion}; rayray needs MongoDB 3.6 or newer (wire version {HelloResult.MinimumWireVersion})");
        }
    }

    private async Task<BsonDocument> ReadReplyAsync(int requestId, string commandName, CancellationToken cancellationToken)
    {
        var header = new byte[OpMsg.HeaderLength];
        await _stream.ReadExactlyAsync(header, cancellationToken);
        var (length, _, responseTo, opCode) = OpMsg.ReadHeader(header);
        var limit = Math.Max(Hello.MaxMessageSizeBytes, HelloResult.DefaultMaxMessageSizeBytes) + 16 * 1024;
        if (length < OpMsg.HeaderLength + 5 || length > limit)
            throw new BsonFormatException($"a reply declaring {length} bytes");
        if (opCode != OpMsg.OpCode)
            throw new BsonFormatException($"a reply with opcode {opCode}, not OP_MSG");
        if (responseTo != requestId)
            throw new BsonFormatException($"a reply to request {responseTo} while waiting for {requestId} ('{commandName}')");

        var bodyLength = length - OpMsg.HeaderLength;
        var body = ArrayPool<byte>.Shared.Rent(bodyLength);
        try
        {
            await _stream.ReadExactlyAsync(body.AsMemory(0, bodyLength), cancellationToken);
            if (OpMsg.HasMoreToCome(body.AsSpan(0, bodyLength)))
                throw new BsonFormatException("a reply that announces more replies (exhaust), which rayray never asks for");
            return OpMsg.DecodeReply(body.AsSpan(0, bodyLength));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }
}
