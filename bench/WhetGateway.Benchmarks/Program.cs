using BenchmarkDotNet.Running;
using WhetGateway.Benchmarks;

// Runs the micro-benchmarks named by the BenchmarkDotNet arguments, e.g. --filter '*' --job short.
BenchmarkSwitcher.FromAssembly(typeof(RequestPathBenchmarks).Assembly).Run(args);
