// InboundConversations demo: a stretch of inbound traffic on the in-memory default (or PostgreSQL), driven by a simulated clock.
// `dotnet run --project samples/InboundConversations.Demo -- --help` lists the options.
using System.Text;
using InboundConversations.Demo.App;

var colour = ColourSupport.DetectForConsole();
await using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
return await DemoApp.RunAsync(args, output, Console.Error, colour);
