// InboundConversations webhook host: an ASP.NET Core minimal API over the in-memory default.
// Run it with `dotnet run --project samples/InboundConversations.WebhookHost`; the README's "A real host" section
// walks through a cycle with curl.
using InboundConversations.WebhookHost;

await using var app = WebhookHostApp.Build(args);
await app.RunAsync();
