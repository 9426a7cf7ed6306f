using System.Globalization;
using BenchmarkDotNet.Running;
using InboundConversations.Benchmarks.PostgreSql;
using InboundConversations.Benchmarks.Retained;

// `-- --retained` measures the bytes retained per open conversation (goal 5); anything else goes to BenchmarkDotNet.
if (args.Contains("--retained"))
{
    await RetainedMemory.RunAsync(Console.Out);
    return;
}

// `-- --timer-reads [armed…]` prints what a timer pass over 100 due reads on PostgreSQL, with 100 and with 10,000 armed.
if (args.Contains("--timer-reads"))
{
    await PostgreSqlTimerReads.RunAsync(Console.Out, args.Where(static a => a != "--timer-reads").Select(static a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray());
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
