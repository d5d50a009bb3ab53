using System;
using System.Threading;
using HttpClientGuard.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var app = new CliApp(Console.Out, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected);
return await app.RunAsync(args, cancellation.Token);
