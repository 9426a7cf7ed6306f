using BenchmarkDotNet.Running;
using InboundConversations.Benchmarks.Retained;

// `-- --retained` measures the bytes retained per open conversation (goal 5); anything else goes to BenchmarkDotNet.
if (args.Contains("--retained"))
{
    await RetainedMemory.RunAsync(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
