using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// An upstream on a raw socket that fails on cue, where Kestrel would not: each request takes the next scripted
/// <see cref="UpstreamFault"/>, or, when none is left, executes and answers <c>201</c> with the execution's number
/// (or the status and headers scripted with <see cref="AnswerNext"/>). Only those answers count as executions: a
/// faulty answer stands for an upstream that did nothing. It keeps the head of every request it read.
/// </summary>
public sealed class ScriptedUpstream : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly ConcurrentQueue<UpstreamFault> _script = new();
    private readonly ConcurrentQueue<string[]> _answers = new();
    private readonly ConcurrentQueue<string> _requestHeads = new();
    private readonly ConcurrentBag<Socket> _connections = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _cut = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _accepting = Task.CompletedTask;
    private int _executions;

    private ScriptedUpstream(int port)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        Address = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri Address { get; }

    public int Executions => Volatile.Read(ref _executions);

    /// <summary>The request line and headers of every request that arrived, in order.</summary>
    public IReadOnlyCollection<string> RequestHeads => _requestHeads;

    /// <summary>An upstream on a free port that does not listen until <see cref="Start"/>: until then, connections are refused.</summary>
    public static ScriptedUpstream Create() => new(FreePorts.Any());

    public void Start()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>Makes the next request that arrives fail with <paramref name="fault"/>.</summary>
    public void FailNext(UpstreamFault fault) => _script.Enqueue(fault);

    /// <summary>
    /// Makes the next execution answer with <paramref name="statusLine"/> (<c>303 See Other</c>, say) and
    /// <paramref name="headers"/> (<c>Location: /x</c>) besides its length and content type, instead of <c>201</c>.
    /// </summary>
    public void AnswerNext(string statusLine, params string[] headers) => _answers.Enqueue([statusLine, .. headers]);

    /// <summary>Lets a <see cref="UpstreamFault.ResetMidBody"/> answer, sent in part, end in its reset.</summary>
    public void CutMidBody() => _cut.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var connection = await _listener.AcceptSocketAsync(_stop.Token);
                _connections.Add(connection);
                _ = ServeAsync(connection);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        try
        {
            await using var stream = new NetworkStream(connection, ownsSocket: false);
            var reader = new HttpRequestReader(stream);
            while (await reader.ReadRequestAsync(_stop.Token))
            {
                _requestHeads.Enqueue(reader.Head);
                if (!_script.TryDequeue(out var fault))
                {
                    var body = Encoding.UTF8.GetBytes($$"""{"execution":{{Interlocked.Increment(ref _executions)}}}""");
                    var answer = _answers.TryDequeue(out var scripted) ? scripted : ["201 Created"];
                    await stream.WriteAsync(Head(answer[0], body.Length, answer[1..]).Concat(body).ToArray(), _stop.Token);
                    continue;
                }

                switch (fault)
                {
                    case UpstreamFault.ResetBeforeResponse:
                        await stream.WriteAsync("HTTP/1.1 201 Cre"u8.ToArray(), _stop.Token);
                        Reset(connection);
                        return;
                    case UpstreamFault.ResetMidBody:
                        await stream.WriteAsync(Head("201 Created", 100).Concat("{\"execution\":"u8.ToArray()).ToArray(), _stop.Token);
                        await stream.FlushAsync(_stop.Token);
                        await _cut.Task.WaitAsync(_stop.Token);
                        Reset(connection);
                        return;
                    default:
                        await reader.WaitForCloseAsync(_stop.Token);
                        return;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            connection.Dispose();
        }
    }

    private static byte[] Head(string statusLine, int contentLength, params string[] headers) => Encoding.ASCII.GetBytes(
        $"HTTP/1.1 {statusLine}\r\nContent-Type: application/json\r\nContent-Length: {contentLength.ToString(CultureInfo.InvariantCulture)}\r\n"
        + string.Concat(headers.Select(header => header + "\r\n")) + "\r\n");

    /// <summary>Closes with a TCP reset (RST) rather than an orderly shutdown (FIN).</summary>
    private static void Reset(Socket connection)
    {
        connection.LingerState = new LingerOption(true, 0);
        connection.Close();
    }
}
