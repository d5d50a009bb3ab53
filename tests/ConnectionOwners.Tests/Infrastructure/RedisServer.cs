using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace HttpClientGuard.ConnectionOwners.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> (Debian's package; <c>.ci/run</c> installs it, and so does the first test that needs it when
/// it runs as root on a machine without one) started by the test on 127.0.0.1 and a
/// free port, with persistence off and its files in a temporary folder, and killed on dispose. The server's own
/// <c>total_connections_received</c> counter, read over one admin connection of the test's, counts what a client opened.
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private const int StartAttempts = 200;
    private static readonly TimeSpan s_startPoll = TimeSpan.FromMilliseconds(50);

    private readonly Process _process;
    private readonly string _directory;
    private readonly TcpClient _admin;
    private readonly Stream _adminStream;

    private RedisServer(Process process, string directory, int port, TcpClient admin)
    {
        _process = process;
        _directory = directory;
        Port = port;
        _admin = admin;
        _adminStream = admin.GetStream();
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var executable = FindOnPath("redis-server") ?? await s_installed.Value
            ?? throw new InvalidOperationException("redis-server is not installed and could not be installed here: apt-get install redis-server (needs root; .ci/run installs it when missing)");
        var directory = Directory.CreateTempSubdirectory("hcg-redis-").FullName;
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[]
        {
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty,
            "--appendonly", "no", "--daemonize", "no", "--dir", directory, "--loglevel", "warning",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        for (var attempt = 0; attempt < StartAttempts && !process.HasExited; attempt++)
        {
            var admin = new TcpClient();
            try
            {
                await admin.ConnectAsync(IPAddress.Loopback, port);
                var server = new RedisServer(process, directory, port, admin);
                if (server.Command("PING") == "PONG")
                {
                    return server;
                }

                server.Dispose();
                throw new InvalidOperationException($"redis-server on port {port} did not answer PING");
            }
            catch (SocketException)
            {
                admin.Dispose();
                await Task.Delay(s_startPoll);
            }
        }

        Stop(process, directory);
        throw new InvalidOperationException($"redis-server did not accept connections on port {port}");
    }

    /// <summary>Connections the server has accepted since it started, the test's own admin connection included.</summary>
    public long TotalConnectionsReceived() => ReadInfoField("stats", "total_connections_received");

    /// <summary>Connections open right now, the admin connection included.</summary>
    public long ConnectedClients() => ReadInfoField("clients", "connected_clients");

    public void Dispose()
    {
        _adminStream.Dispose();
        _admin.Dispose();
        Stop(_process, _directory);
    }

    private long ReadInfoField(string section, string field)
    {
        var line = Command("INFO", section).Split("\r\n").Single(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.AsSpan(field.Length + 1), CultureInfo.InvariantCulture);
    }

    /// <summary>Sends one command in RESP and reads a simple-string, integer or bulk-string reply.</summary>
    private string Command(params string[] arguments)
    {
        var request = new StringBuilder().Append('*').Append(arguments.Length).Append("\r\n");
        foreach (var argument in arguments)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
        }

        _adminStream.Write(Encoding.UTF8.GetBytes(request.ToString()));
        var header = ReadLine();
        switch (header[0])
        {
            case '+':
            case ':':
                return header[1..];
            case '$':
                var length = int.Parse(header.AsSpan(1), CultureInfo.InvariantCulture);
                var body = new byte[length + 2];
                _adminStream.ReadExactly(body);
                return Encoding.UTF8.GetString(body, 0, length);
            default:
                throw new InvalidOperationException("redis answered: " + header);
        }
    }

    private string ReadLine()
    {
        var line = new StringBuilder();
        int next;
        while ((next = _adminStream.ReadByte()) != '\n')
        {
            if (next < 0)
            {
                throw new EndOfStreamException("redis closed the admin connection");
            }

            if (next != '\r')
            {
                line.Append((char)next);
            }
        }

        return line.ToString();
    }

    private static void Stop(Process process, string directory)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        process.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private static int FreeLoopbackPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>
    /// On a new machine the README's test command installs Debian's <c>redis-server</c> itself, once per test run, when it
    /// runs as root where <c>apt-get</c> exists (as <c>.ci/run</c> does before the tests): the path of the installed
    /// server, or null when it cannot be installed here.
    /// </summary>
    private static readonly Lazy<Task<string?>> s_installed = new(InstallAsync);

    private static async Task<string?> InstallAsync()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || FindOnPath("apt-get") is not { } aptGet)
        {
            return null;
        }

        foreach (var arguments in new[]
        {
            new[] { "update", "-qq" },
            new[] { "install", "-y", "-qq", "--no-install-recommends", "redis-server" },
        })
        {
            var install = new ProcessStartInfo(aptGet)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            install.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            foreach (var argument in arguments)
            {
                install.ArgumentList.Add(argument);
            }

            using var process = Process.Start(install);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            await Task.WhenAll(output, error);
            if (process.ExitCode != 0)
            {
                return null;
            }
        }

        return FindOnPath("redis-server");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
